"""Links to a heading of the same text (``[den Zeitplan](#der-zeitplan)``) in a translation.

A heading's id is made from its words (`pressroom.source.mdreaders`), so the same heading
translated has another id. The link's address is a code the translator cannot edit, so an
import leads it to the id the translated heading gets, and an export reads the translation's
links back as the source's, so that the unit lines up with its source and is pre-filled.
Headings pair by their place: the two bodies must have as many headings, else nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from html import unescape
from urllib.parse import unquote

from pressroom.source.markdown import LinkRewrite, render_markdown
from pressroom.workflow.segments import Code, Part

_HEADING_ID = re.compile(r'<h[1-6] id="([^"]*)"')


def _as_written(href: str, line: int) -> LinkRewrite | None:
    del href, line
    return None  # only the headings' ids are read: every link may stay as written


def heading_ids(body: str) -> list[str]:
    """The ids a body's headings get on its page, in their order."""
    return [unescape(found) for found in _HEADING_ID.findall(render_markdown(body, 1, _as_written))]


def renamed_headings(before: str, after: str) -> dict[str, str]:
    """Each heading id of the body ``before`` → the id of the heading in its place in the body
    ``after``, where the two differ; none where the bodies have not as many headings."""
    old, new = heading_ids(before), heading_ids(after)
    if len(old) != len(new):
        return {}
    return {was: now for was, now in zip(old, new, strict=True) if was != now}


def relinked(parts: tuple[Part, ...], renamed: Mapping[str, str]) -> tuple[Part, ...]:
    """``parts`` with each link to a heading in ``renamed`` led to its new id (the closing code's
    Markdown and address, the opening one's description)."""
    if not renamed:
        return parts
    moved: dict[int, str] = {}
    for part in parts:
        if (
            isinstance(part, Code)
            and part.kind == "close"
            and part.destination.startswith("#")
            and part.data.startswith(f"]({part.destination}")
        ):
            name = renamed.get(unquote(part.destination[1:]))
            if name is not None:
                moved[part.id] = f"#{name}"
    if not moved:
        return parts
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Code) and part.id in moved:
            new = moved[part.id]
            if part.kind == "close":  # its Markdown is "](" + address + an optional title + ")"
                data = f"]({new}{part.data[2 + len(part.destination) :]}"
                part = replace(part, data=data, destination=new)
            else:
                part = replace(part, what=f"link {new}")
        out.append(part)
    return tuple(out)
