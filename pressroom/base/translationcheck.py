"""What the build refuses of a catalog's translations, and where in the ``.po`` file a
translator mends it: a placeholder the original does not have or writes otherwise, a control
character, an empty plural form (said, as readers of that number would see English).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pressroom.base.errors import Problems
from pressroom.base.pofile import keyword_line
from pressroom.base.text import first_forbidden

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

_DIRECTIVE = re.compile(r"%(?:\((\w+)\))?[#0 +\-]*\d*(?:\.\d*)?([a-zA-Z%]?)")
"""A ``%`` directive as Python's ``%`` operator reads it: ``%(name)s``, ``%s``, ``%%``, or a lone ``%``."""


def check_translations(catalog: Catalog, display: str, problems: Problems, lines: Sequence[str] = ()) -> None:
    """Translations that would break a page or silently show English: a placeholder the original
    does not have or writes otherwise (the page would fail to render, or show the raw values),
    an empty plural form (readers of that number would see the English text). A broken
    translation is removed, so it is never used. Each is told at its ``msgstr`` line where the
    file's ``lines`` are given, else at its ``msgid``'s."""
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]
        if not any(strings):
            continue  # untranslated: the English text, as `i18n status` reports
        known = {
            match.group(1): match.group(0) for text in ids for match in _DIRECTIVE.finditer(text) if match.group(1)
        }
        for index, text in enumerate(strings):
            if not text:
                problems.warning(
                    display,
                    msgstr_line(lines, message, index),
                    f"plural form msgstr[{index}] of '{ids[0]}' is empty; readers would see the English text",
                )
                continue
            if first_forbidden(text) is not None:
                problems.error(
                    display,
                    msgstr_line(lines, message, index),
                    f"translation of '{ids[0]}' contains a control character",
                )
                strings[index] = ""
                continue
            if "%" not in text:
                continue  # (every translation goes through '%', with its values or none: a lone '%' fails)
            reason = _placeholder_problem(text, known)
            if reason is not None:
                problems.error(display, msgstr_line(lines, message, index), f"translation of '{ids[0]}': {reason}")
                strings[index] = ""
        message.string = tuple(strings) if isinstance(message.string, (list, tuple)) else strings[0]


def msgstr_line(lines: Sequence[str], message: Message, index: int = 0) -> int:
    """The line of ``message``'s translation (its ``msgstr``, or its plural form ``msgstr[index]``)
    in the catalog's ``lines`` (see `keyword_line`)."""
    keyword = f"msgstr[{index}]" if isinstance(message.string, (list, tuple)) else "msgstr"
    return keyword_line(lines, message.lineno or 0, keyword)


def _placeholder_problem(text: str, known: dict[str, str]) -> str | None:
    """What is wrong with the ``%`` directives of a translation whose original has the
    placeholders ``known`` (name -> as the original writes it), if anything. The pages fill
    them in with Markup's ``%``, which passes a wrapped value: ``%(count)x`` fails on it, and a
    ``%s`` without a name shows the whole mapping (``{'count': 2, 'num': 2}``) to readers."""
    written_as = " ".join(sorted(set(known.values()))) or "no placeholder"
    for match in _DIRECTIVE.finditer(text):
        written, name, conversion = match.group(0), match.group(1), match.group(2)
        if written == "%%":
            continue
        if name is None and text.startswith("%(", match.start()):
            return f"'%(' is not closed: write the placeholder as the original does ({written_as})"
        if (name is None or not conversion) and not known:
            return f"'{written}' is not a placeholder of the original, which has none: write '%%' for a percent sign"
        if name is None or not conversion:
            return (
                f"'{written}' is not a placeholder of the original: write {written_as} as the original"
                " does, and '%%' for a percent sign"
            )
        if name not in known:
            return f"placeholder {written} is not in the original"
        if written != known[name]:
            return f"placeholder {written} is written otherwise than in the original: write {known[name]}"
    return None
