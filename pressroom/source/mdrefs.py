"""Reference links whose label has no definition: the parser shows them as typed, in silence.

``[die Erklärung][erklaerung]`` needs a line ``[erklaerung]: https://…`` somewhere in the text;
without it (or with its label misspelt) CommonMark shows the brackets and the label on the page
as text, and nothing told the editor. `reference_problems` finds such a link in the body's
source, outside code and not escaped, where the parser's HTML shows it as text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from html import unescape

from pressroom.source.mdspans import is_escaped

UNDEFINED = "link {written} has no definition and shows as typed: add a line '[{label}]: https://…'"

_FULL = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
"""``[text][label]`` and ``[label][]``, on one line: the forms that name a definition."""
_DEFINITION = re.compile(r"^[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)*\[([^\[\]]+)\]:", re.MULTILINE)
_CODE = re.compile(r"<code[^>]*>.*?</code>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _label(text: str) -> str:
    """A label as CommonMark matches it: case-folded, its runs of white space one space."""
    return " ".join(text.split()).casefold()


def reference_problems(source: str, html: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, message) for each reference link of ``source``, a body whose first line is line
    ``first_line`` of its file, that names no definition and shows as text in ``html``."""
    defined = {_label(found.group(1)) for found in _DEFINITION.finditer(source)}
    shown: set[str] | None = None
    starts: list[int] = []
    for found in _FULL.finditer(source):
        text, label = found.group(1), found.group(2) or found.group(1)
        if text.startswith("^") or label.startswith("^") or _label(label) in defined or not label.strip():
            continue  # a footnote's, or a link that has its definition
        if is_escaped(source, found.start()):
            continue
        if shown is None:  # what of that form the page shows as text outside code, found once
            text_shown = unescape(_TAG.sub("", _CODE.sub("", html)))
            shown = {link.group() for link in _FULL.finditer(text_shown)}
            starts = [0, *(line.end() for line in re.finditer("\n", source))]
        if found.group() in shown:  # a set: a search of the page's text for each was quadratic
            line = first_line + bisect_right(starts, found.start()) - 1
            yield line, UNDEFINED.format(written=found.group(), label=label)
