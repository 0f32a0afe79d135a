"""Where a Markdown file's front matter begins and ends (between two lines ``---``), and what
to tell an editor who fenced it otherwise: a blank line above it, a word processor's dash for
``---``, a line separator for a line end, or another generator's TOML (``+++``) or JSON.
"""

from __future__ import annotations

import re

from pressroom.base.text import describe_character, for_terminal

_SEPARATORS = re.compile("[\u2028\u2029]")
"""Unicode's line and paragraph separators: line ends to some programs, not to this tool."""


def split_front_matter(text: str) -> tuple[str, str, int] | str:
    """Return (yaml, body, body_first_line), or a message if the front matter is malformed.

    Spaces after a ``---`` line are invisible in an editor, so they do not count."""
    first, _, _ = text.partition("\n")
    if first.rstrip() != "---":
        if first.startswith("---") and (separator := _SEPARATORS.search(first)):
            return (
                f"the line '---' ends in the line separator {describe_character(separator.group())}, which some"
                " programs write for a line end: save the file with ordinary line ends"
            )
        if first.startswith("---"):
            rest = first[3:].strip()
            rest = for_terminal(rest if len(rest) <= 40 else f"{rest[:40]}…")
            return f"the line '---' that opens the front matter must stand alone; move '{rest}' below it"
        if not text.strip():
            return (
                "the file is empty: a release or page starts with its front matter"
                " (a line '---', its fields, a line '---')"
            )
        lines = text.split("\n")
        # Blank lines above it are invisible in many editors; the front matter is then not read.
        opening = next((n for n, line in enumerate(lines) if line.strip()), 0)
        if lines[opening].rstrip() == "---":
            blank = "the blank line" if opening == 1 else f"the {opening} blank lines"
            return f"the line '---' that opens the front matter must be the file's first: remove {blank} above it"
        if _is_dashes(first):
            return f"the line '{first.strip()}' that opens the front matter is {_DASHES_SAID}"
        if first.rstrip() == "+++" or first.lstrip().startswith("{"):  # another generator's (Hugo's TOML, JSON)
            kind = "TOML" if first.rstrip() == "+++" else "JSON"
            return f"front matter in {kind} is not read: write its fields as YAML ('title: …') between two lines '---'"
        return "missing front matter: the file must start with a line '---'"
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    dashes = next((n for n in range(1, len(lines)) if _is_dashes(lines[n])), None)
    if dashes is not None:
        return f"front matter is not closed: its line {dashes + 1}, '{lines[dashes].strip()}', is {_DASHES_SAID}"
    return "front matter is not closed: add a line '---' after the last field"


_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\uff0d")
_DASHES_SAID = "a dash a word processor made of three hyphens: write the line as '---', three hyphens"


def _is_dashes(line: str) -> bool:
    """A line of dashes other than hyphens (``—``, ``–-``): the ``---`` a word processor's
    autocorrect turned into a dash, which ended the front matter nowhere."""
    line = line.strip()
    return bool(line) and set(line) <= _DASHES and set(line) != {"-"}
