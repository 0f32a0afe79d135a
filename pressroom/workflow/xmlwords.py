"""What the XML reader (libxml2) says of a file it stops on, told in words of the file: a
translator who edited an XLIFF file by hand, or whose tool wrote it carelessly, reads what is
wrong and what to write instead, not ``xmlParseEntityRef: no name`` or ``xmlParseCharRef``; and
what a translation tool's own working file, sent back by mistake, is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html.entities import name2codepoint

_WHERE = re.compile(r", line \d+, column \d+\s*\Z")
"""The end of libxml2's message: the line is said before it (``file:line:``); its column is where
the reader noticed, not always where the slip is, and the message names what to look for."""
_UNKNOWN_ENTITY = re.compile(r"Entity '([^']*)' not defined")
_TAGS_CROSSED = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)")
_CHAR_REF = re.compile(r"xmlParseCharRef: invalid xmlChar value (\d+)")
_RAW_CHAR = re.compile(r"Char 0x([0-9A-Fa-f]+) out of allowed range|invalid Char value (\d+)")
_XML_OWN = "&amp; &lt; &gt; &quot; &apos;"


def said_plainly(message: str) -> str:
    """``message``, libxml2's words for why it stopped, as a translator can act on them."""
    message = _WHERE.sub("", message).rstrip()
    if (reference := _CHAR_REF.search(message)) is not None:
        number = int(reference.group(1))
        return (
            f"a reference to the character U+{number:04X} (&#{number}; or &#x{number:X};), which XML allows"
            " in no text: delete it"
        )
    if (raw := _RAW_CHAR.search(message)) is not None:  # the character itself, in the file's text
        number = int(raw.group(1), 16) if raw.group(1) else int(raw.group(2))
        return f"the invisible control character U+{number:04X}, which XML allows in no text: delete it"
    if (entity := _UNKNOWN_ENTITY.search(message)) is not None:
        name = entity.group(1)
        if name in name2codepoint:  # an HTML name (&nbsp;, &ndash;), which XML does not have
            number = name2codepoint[name]
            # Named, not shown: a no-break space or a thin one would look like nothing in quotes.
            called = unicodedata.name(chr(number), "").lower()
            return (
                f"'&{name};' is a name from HTML, which XML does not know: write the character itself"
                f" (U+{number:04X} {called}) or &#{number};"
            )
        return f"'&{name};' names no character XML knows (it knows only {_XML_OWN}): write the character itself"
    if "xmlParseEntityRef: no name" in message:
        return "an '&' on its own (as in 'R&D'): in XML it is written '&amp;' (R&amp;D)"
    if "EntityRef: expecting ';'" in message:
        return "a character reference without its closing ';' (such as '&amp' for '&amp;'): add the ';'"
    if "StartTag: invalid element name" in message:
        return "a '<' that starts no tag (as in 'a < b'): in XML it is written '&lt;' (a &lt; b)"
    if (crossed := _TAGS_CROSSED.search(message)) is not None:
        opened, line, closed = crossed.groups()
        return (
            f"<{opened}> (opened on line {line}) is not closed before </{closed}>: each tag is closed"
            " in the order it was opened"
        )
    if "Excessive depth" in message:  # libxml2's words, which name one of its options
        return "not a readable XLIFF 2 file: elements nested more than 256 deep; no export nests more than a few"
    if "Text node too long" in message:  # likewise ("try XML_PARSE_HUGE")
        return "not a readable XLIFF 2 file: a text of more than 10 MB in one place; no unit of a text is that long"
    return f"not a readable XLIFF 2 file: {message}"


WORKING_FILES = {
    "http://sdl.com/FileTypes/SdlXliff/1.0": "Trados Studio's own working file (.sdlxliff), not the translated"
    " file: in Trados, save the translation with 'Save Target As' and import the .xlf file it writes",
    "MQXliff": "memoQ's own working file (.mqxliff), not the translated file: in memoQ, export the document"
    " ('Export (stored path)') and import the .xlf file it writes",
    "http://www.memsource.com/mxlf/2.0": "Phrase's own working file (.mxliff), not the translated file: in"
    " Phrase, download the job's target file and import the .xlf file it gives",
}
"""The namespaces of the bilingual files translation tools work in (XLIFF 1.2 of their own),
which a translator may send back in place of the file the tool writes out, and what to do."""


def working_file(namespaces: Iterable[str | None]) -> str | None:
    """What to tell of an XLIFF 1.2 file whose root declares ``namespaces``, if it is a tool's own
    working file (`WORKING_FILES`)."""
    spaces = set(namespaces)
    return next((said for space, said in WORKING_FILES.items() if space in spaces), None)
