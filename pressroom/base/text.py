"""Characters that must reach neither a page nor a terminal, and link schemes a page may carry.

Editors' text goes into HTML, XML feeds and sitemaps and into messages printed on a terminal.
Control characters make XML invalid (so feed readers drop the whole feed) and NUL bytes end up
in every page; escape sequences in a message could rewrite what an editor's terminal shows.
Links are checked against an allowlist, not a blocklist: a scheme nobody thought of
(``ms-msdt:``, ``search-ms:``, ``intent:``) is refused because it is not known to be safe.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import quote

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BMP_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS = _BMP_NONCHARACTERS + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
FORBIDDEN_CHARACTERS = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}]")
"""Control characters other than tab and newline, and Unicode's 66 non-characters (U+FDD0 to
U+FDEF, and the last two code points of every plane, U+FFFE and U+FFFF among them): never
meant in a press release, and HTML forbids them (U+FFFE and U+FFFF are not even XML 1.0).
(Carriage returns are line ends and are normalised before the check.) With them the C1
controls U+0080 to U+009F, which HTML forbids and YAML refuses: they are what UTF-8 text read
as Latin-1 turns into ("Ã¼" for "ü")."""

_FORBIDDEN_OR_ASTRAL = re.compile(f"[{_CONTROLS}{_BMP_NONCHARACTERS}\U00010000-\U0010ffff]")
"""What `FORBIDDEN_CHARACTERS` finds, and every character beyond the BMP, which `forbidden_lines`
asks `FORBIDDEN_CHARACTERS` about one by one: as 32 single characters, the upper planes'
non-characters had the pattern compare each character of a text with every one of them (an
eighth of a build that reads every file); one range is one comparison, and emoji and rare
kanji are few."""

_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]"
)
"""What a message must not print raw: C0 and C1 controls (ESC starts terminal sequences), line
separators, bidirectional overrides that reorder what the eye reads, and the invisible ones (a
zero-width space, a soft hyphen, a direction mark) that make a name look like another."""

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link may have; links without a scheme (relative, ``/…``, ``#…``) are allowed too."""

_URL_IGNORED = re.compile("[\t\n\r]|^[\x00-\x20]+")
"""What browsers drop from a URL before they read its scheme (WHATWG URL: tab and newline
anywhere, C0 controls and spaces in front), so ``java\\tscript:`` is still ``javascript:``."""


def first_forbidden(text: str) -> tuple[int, str] | None:
    """(1-based line, character) of the first forbidden character in ``text``, or None."""
    return next(forbidden_lines(text), None)


def forbidden_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, character) of the first forbidden character of each line that holds one,
    in order; in time linear in ``text`` (each line end counted once)."""
    line, counted, last = 1, 0, 0
    for found in _FORBIDDEN_OR_ASTRAL.finditer(text):
        character = found.group()
        if character > "\uffff" and FORBIDDEN_CHARACTERS.match(character) is None:
            continue  # an emoji or a rare kanji
        line += text.count("\n", counted, found.start())
        counted = found.start()
        if line != last:
            last = line
            yield line, character


_SURROGATE = re.compile("[\ud800-\udfff]")


def undecoded(text: str) -> bool:
    """True for a command-line argument the terminal passed in another encoding than UTF-8:
    Python keeps its bytes as lone surrogates (``\\udcfc`` for a Latin-1 ``ü``), which no file
    or page can hold."""
    return _SURROGATE.search(text) is not None


def describe_character(character: str) -> str:
    """How a message names a character an editor cannot see: ``U+001B``."""
    return f"U+{ord(character):04X}"


def forbidden_kind(character: str) -> str:
    """What a forbidden character is, as a message says it: a control character or a non-character."""
    return "control character" if ord(character) <= 0x9F else "non-character"


def for_terminal(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape (``\\x1b``)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


NOT_IN_ADDRESSES = frozenset('"<>\\^`{|}')
"""Characters a web address never holds as they are (RFC 3986: written as ``%22`` and so on);
a quote or bracket in an ``href`` is escaped, but the page then fails validation."""


_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f\u3000]+")


def line_feeds(text: str) -> str:
    """``text`` with every line ended by a line feed: Windows' CR LF and old Mac tools' lone CR
    are line ends too, never stray control characters."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LINE_END = re.compile(r"\r\n?|\n")
_AFTER_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def file_lines(text: str, keepends: bool = False) -> list[str]:
    """``text``'s lines as a file has them, ended by LF, CR LF or a lone CR only: `str.splitlines`
    also ends a line at U+2028, U+0085, a form feed and other characters an editor, a PO reader
    and a YAML reader show inside a line, so its lines were not the file's."""
    lines = _AFTER_LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines if keepends else [line.rstrip("\r\n") for line in lines]


def line_end(text: str) -> str:
    """The line end ``text`` is written with, that of its first line: ``\r\n`` (Windows), a lone
    ``\r`` (old Mac tools) or ``\n``, also for a text without one."""
    found = _LINE_END.search(text)
    return found.group() if found else "\n"


def collapse_spaces(text: str) -> str:
    """``text`` on one line, each run of spaces and line ends one space, at neither end. The
    spaces a writer sets on purpose stay as they are: a no-break space (``Nr.\u00a05``, which
    keeps the number with its word) and Japanese's full-width space (``神奈川県\u3000新たな連携``)."""
    return _SPACES.sub(" ", text).strip()


def shows_anything(text: str) -> bool:
    """Whether ``text`` holds a character a reader sees: not only spaces of any kind (a
    no-break or ideographic space) and invisible ones (a zero-width space, a soft hyphen)."""
    return any(not character.isspace() and unicodedata.category(character) != "Cf" for character in text)


def as_uri(address: str) -> str:
    """``address`` with what a URI may not hold as it is written as escapes: letters of other
    scripts (``/ja/releases/2024/お知らせ/``), as UTF-8, for readers that take URIs, not IRIs
    (sitemaps.org asks for them). What is escaped already, and the reserved characters, stay;
    a host of other letters (``baden-württemberg.de``) is written in its ASCII form, as DNS
    knows it: escaped, it named no host a crawler could find."""
    if (host := _HOST.match(address)) is not None and not host.group(2).isascii():
        with contextlib.suppress(UnicodeError):  # (base_url_problem refuses such a host)
            address = host.group(1) + ascii_host(host.group(2)) + address[host.end() :]
    return quote(address, safe="!#$%&'()*+,/:;=?@[]~")


_HOST = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#:]*)")


def ascii_host(host: str) -> str:
    """A host name as DNS knows it: ``bücher.example`` → ``xn--bcher-kva.example``.
    `UnicodeError` for one that is no host name."""
    return host.encode("idna").decode("ascii")


_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_QUOTED = [chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in range(256)]
"""Each byte as ``quote(…, safe="")`` writes it: itself if unreserved, else ``%XX``."""


def quote_all(text: str) -> str:
    """``urllib.parse.quote(text, safe="")``, the same string, a few times quicker: each UTF-8
    byte, read as the Latin-1 character of its value, is looked up in one table by C code
    (urllib joins a list of per-byte lookups in Python). Share links quote every release's
    title and address."""
    return text.encode("utf-8").decode("latin-1").translate(_QUOTED)


_UNSAFE_IN_FRAGMENT = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f%]')


def escaped_fragment(fragment: str) -> str:
    """A link's ``#fragment``, read decoded, with what no address may hold as it is (a space, a
    quote, ``%``) written back as its UTF-8 escape."""
    return _UNSAFE_IN_FRAGMENT.sub(lambda found: "".join(f"%{byte:02X}" for byte in found.group().encode()), fragment)


def fits_address(text: str) -> bool:
    """Whether ``text`` holds no space and none of `NOT_IN_ADDRESSES`."""
    return not any(character.isspace() or character in NOT_IN_ADDRESSES for character in text)


def link_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser would read it (lower case), or None for a relative link."""
    cleaned = _URL_IGNORED.sub("", url)
    for index, character in enumerate(cleaned):
        if character == ":":
            return cleaned[:index].lower()
        if character in "/?#":
            return None
    return None


def is_allowed_link(url: str) -> bool:
    """Relative links, ``#`` links and the schemes of `LINK_SCHEMES`; nothing else."""
    scheme = link_scheme(url)
    return scheme is None or scheme in LINK_SCHEMES


def same_site_host(one: str, other: str) -> bool:
    """Whether two hosts (``host`` or ``host:port``) name one site as its readers know it: the
    same host, in any case and in its letters or its ASCII form (``xn--…``), with or without
    ``www.`` in front (most sites answer on both, and an editor copies whichever the browser
    showed), with or without the web's own port written."""
    return _site_host(one) == _site_host(other)


def _site_host(host: str) -> str:
    host = host.lower()
    if not host.isascii():  # baden-württemberg.de is xn--baden-wrttemberg-pzb.de, written either way
        name, colon, port = host.partition(":")
        with contextlib.suppress(UnicodeError):
            host = ascii_host(name) + colon + port
    return host.removeprefix("www.").removesuffix(":443").removesuffix(":80")


_BREAKS_ADDRESS = re.compile(r"""[\s#?%,"'<>\\]""")


def breaks_address(name: str) -> str | None:
    """What in a file name would break the address a page gives it, or None: a space ends the
    address in a ``srcset`` (and the candidate with it), ``#`` and ``?`` end its path, ``%``
    starts an escape, a comma separates ``srcset`` candidates, quotes and brackets end the
    attribute."""
    found = _BREAKS_ADDRESS.search(name)
    if found is None:
        return None
    character = found.group()
    return "a space" if character.isspace() else f"'{character}'"


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word ``word`` was probably meant to be, for "did you mean" hints; ``cutoff``
    as difflib's, how alike they must be (0 to 1). A word that is a known one in full-width
    letters or other capitals (``ｔｉｔｌｅ``, as Japanese input types it, or ``Title``) means it,
    however unlike their characters are to difflib."""
    names = sorted(known)
    folded = unicodedata.normalize("NFKC", word).casefold()
    same = next((name for name in names if unicodedata.normalize("NFKC", name).casefold() == folded), None)
    if same is not None:
        return same
    matches = difflib.get_close_matches(word, names, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def display_width(text: str) -> int:
    """The columns ``text`` takes on a terminal: a wide or full-width character (Chinese,
    Japanese, Korean) takes two, a combining mark none, anything else one."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text
    )


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns (see `display_width`):
    ``f"{text:<{width}}"`` counts characters, so a column after a Japanese name slipped."""
    return text + " " * max(width - display_width(text), 0)
