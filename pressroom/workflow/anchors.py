"""Links to a heading (``[den Zeitplan](#der-zeitplan)``, ``[früher](../2023/x.md#teil)``) in a
translation.

A heading's id is made from its words (`pressroom.source.mdreaders`), so the same heading
translated has another id. The link's address is a code the translator cannot edit, so an
import leads it to the id the heading gets in the translation (`leads`), and an export reads the
translation's links back as the source's, so that the unit lines up with its source and is
pre-filled. Headings pair by their place: two bodies must have as many headings, else nothing
is changed; another text's translation counts only where it is confirmed against that text as
it is now.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from html import unescape
from urllib.parse import unquote, urlsplit

from pressroom.model.catalog import VersionGroup
from pressroom.source.content import editable_text
from pressroom.source.frontmatter import VersionSource, translatable
from pressroom.source.markdown import LinkRewrite, render_markdown
from pressroom.workflow.segments import Code, Document, Part

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


def leads(
    document: Document,
    version: VersionSource,
    body: str,
    lang: str,
    theirs: Callable[[], str],
    groups: Sequence[VersionGroup],
) -> dict[str, str]:
    """Each link of ``document`` (``version``'s text, whose body is ``body``) to a heading → where it
    leads in the ``lang`` version, whose body ``theirs`` gives: a link within the text to the
    heading in its place there, a link to another text of ``version``'s language to the heading
    in its place in that text's ``lang`` version (see the module's note). Addresses are read
    decoded. ``theirs`` is called only for a link within the text: an export's prefill read the
    source's file once more for every text, most of which link to no heading."""
    codes = [part for unit in document.units for part in unit.parts if isinstance(part, Code) and part.kind == "close"]
    within = any(code.destination.startswith("#") for code in codes)  # else no body need be rendered
    moved = {f"#{was}": f"#{now}" for was, now in renamed_headings(body, theirs()).items()} if within else {}
    links = [
        (code, address)
        for code in codes
        if (address := urlsplit(unquote(code.destination))).fragment and address.path
        if not address.scheme and not address.netloc
    ]
    if not links:  # the site's texts are looked through only for a text that links into them
        return moved
    named = {(own, v.rel): g for g in groups for own, v in g.versions.items()}
    named |= {(version.lang, g.key): g for g in groups}  # a link may name the key of texts linked by key
    elsewhere: dict[str, dict[str, str]] = {}
    for code, address in links:
        target = posixpath.normpath(posixpath.join(version.lang, posixpath.dirname(version.rel), address.path))
        own, _, rel = target.partition("/")
        group = named.get((own, rel.removesuffix(".md"))) if own == version.lang and rel.endswith(".md") else None
        if group is not None and group.key not in elsewhere:
            elsewhere[group.key] = _renamed(group, version.lang, lang)
        name = elsewhere[group.key].get(address.fragment) if group is not None else None
        if name is not None:
            moved[unquote(code.destination)] = f"{address.path}#{name}"
    return moved


def _renamed(group: VersionGroup, lang: str, other: str) -> dict[str, str]:
    """The heading ids of ``group``'s ``lang`` version → those of its ``other`` version, where the
    two say the same (one confirmed against the other as it is now); none where they may not."""
    ours, theirs = group.versions.get(lang), group.versions.get(other)
    if ours is None or theirs is None or ours.untranslated or theirs.untranslated:
        return {}
    agree = (theirs.confirmed or {}).get(lang) == ours.fingerprint
    if not agree and (ours.confirmed or {}).get(other) != theirs.fingerprint:
        return {}
    texts = saved_body(ours), saved_body(theirs)
    return renamed_headings(*texts) if all(texts) else {}


def saved_body(version: VersionSource) -> str:
    """A version's body as its file holds it now; empty where it cannot be read."""
    text = translatable(editable_text(version.location))
    return text.body if text is not None else ""


def relinked(parts: tuple[Part, ...], renamed: Mapping[str, str]) -> tuple[Part, ...]:
    """``parts`` with each link whose address (decoded) is in ``renamed`` led to the address there
    (the closing code's Markdown and address, the opening one's description)."""
    if not renamed:
        return parts
    moved: dict[int, str] = {}
    for part in parts:
        if isinstance(part, Code) and part.kind == "close" and part.data.startswith(f"]({part.destination}"):
            name = renamed.get(unquote(part.destination))
            if name is not None:
                moved[part.id] = name
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
