"""Translations looked up when a template is compiled, not on every page.

Each Jinja environment serves one language, so a translation call with constant texts has one
translation per environment. Jinja's gettext (its "newstyle" one, installed here) looks the
text up on every call, through three calls that each ask the template context for the
function: a few microseconds, several times per page. Where the texts are constants the
call is rewritten, as the template's tokens are read, to what it gives at render time:

* ``_("text")`` and ``pgettext("context", "text")`` become the translation, marked safe (the
  translation is Markup, with ``%%`` read as ``%``);
* ``_("text %(name)s", name=value, …)`` becomes ``(("translation"|safe) % {"name": (value), …})``:
  the values are still worked out on every page and escaped as Jinja's gettext escapes them
  (Markup's ``%``). Not where the template turns autoescaping off anywhere (``{% autoescape
  false %}``): there Jinja's gettext leaves the values as they are.

Anything else (a call with a text from a variable, ``ngettext``, ``_`` as an attribute) is left
to Jinja.

A translation is text, never markup: Jinja's gettext trusts a catalog as it trusts a template
(its translation is Markup, only the values are escaped), but catalogs are written by
translators, in tools outside the repository, not by the site's developers. Templates get a
catalog through `EscapedTranslations`, whose every translation is escaped before its values are
put in: a ``<script>`` or an unclosed ``<!--`` in a ``msgstr`` shows as the characters it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from gettext import NullTranslations
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import Context
from markupsafe import Markup, escape

from pressroom.output.bounds import bounded_modulo

FOLD_GETTEXT = "fold_gettext"
FOLD_PGETTEXT = "fold_pgettext"
"""The environment's attributes holding its language's ``gettext`` and ``pgettext`` (see `Extension.extend`)."""


class EscapedTranslations:
    """A catalog as templates get it (see the module's docstring): each translation escaped."""

    def __init__(self, translations: NullTranslations) -> None:
        self._translations = translations

    def gettext(self, message: str) -> Markup:
        return escape(self._translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        return escape(self._translations.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> Markup:
        return escape(self._translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        return escape(self._translations.npgettext(context, singular, plural, n))


def untranslated(context: str, text: str) -> str:
    """``pgettext`` of the language-neutral pages, which translate nothing."""
    return text


class FoldedGettext(Extension):
    """Translates the calls described in the module's docstring when a template is compiled."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        gettext: Callable[[str], str] | None = getattr(self.environment, FOLD_GETTEXT, None)
        pgettext: Callable[[str, str], str] | None = getattr(self.environment, FOLD_PGETTEXT, None)
        tokens = list(stream)
        if gettext is None:
            yield from tokens
            return
        escaping = not any(
            token.test("name:autoescape") and index and tokens[index - 1].test("block_begin")
            for index, token in enumerate(tokens)
        )
        index = 0
        while index < len(tokens):
            folded = _fold(tokens, index, gettext, pgettext, escaping)
            if folded is None:
                yield tokens[index]
                index += 1
            else:
                replacement, index = folded
                yield from replacement


def _fold(
    tokens: list[Token],
    at: int,
    gettext: Callable[[str], str],
    pgettext: Callable[[str, str], str] | None,
    escaping: bool,
) -> tuple[list[Token], int] | None:
    """The tokens a translation call starting at ``at`` is rewritten to, and the index after
    the call; None where there is no call there that can be folded."""
    name = tokens[at]
    if not (name.test("name:_") or name.test("name:pgettext")) or (at and tokens[at - 1].test("dot")):
        return None
    texts: list[str] = []
    index = at + 1
    if not _is(tokens, index, "lparen"):
        return None
    index += 1
    for _ in range(2 if name.value == "pgettext" else 1):
        if texts and not _is(tokens, index, "comma"):
            return None
        index += 1 if texts else 0
        if not _is(tokens, index, "string"):
            return None
        texts.append(tokens[index].value)
        index += 1
    line = name.lineno
    if name.value == "pgettext":
        if pgettext is None or not _is(tokens, index, "rparen"):
            return None
        folded = _formatted(pgettext(texts[0], texts[1]), {"context": texts[0]})
        return (_safe_string(folded, line), index + 1) if folded is not None else None
    if _is(tokens, index, "rparen"):
        folded = _formatted(gettext(texts[0]), {})
        return (_safe_string(folded, line), index + 1) if folded is not None else None
    named = _named_values(tokens, index) if escaping else None
    if named is None:
        return None
    values, end = named
    translation = gettext(texts[0])
    rewritten = [Token(line, "lparen", "("), *_safe_string(translation, line), Token(line, "mod", "%")]
    rewritten.append(Token(line, "lbrace", "{"))
    for number, (key, value) in enumerate(values):
        if number:
            rewritten.append(Token(line, "comma", ","))
        rewritten += [Token(line, "string", key), Token(line, "colon", ":"), Token(line, "lparen", "(")]
        rewritten += [*value, Token(line, "rparen", ")")]
    rewritten += [Token(line, "rbrace", "}"), Token(line, "rparen", ")")]
    return rewritten, end


def _named_values(tokens: list[Token], at: int) -> tuple[list[tuple[str, list[Token]]], int] | None:
    """From a comma at ``at``: the ``name=value`` arguments up to the call's closing parenthesis,
    and the index after it; None for anything else (a value given by position, ``**kwargs``)."""
    values: list[tuple[str, list[Token]]] = []
    index = at
    while _is(tokens, index, "comma"):
        if not (_is(tokens, index + 1, "name") and _is(tokens, index + 2, "assign")):
            return None
        key = tokens[index + 1].value
        if key in (k for k, _ in values):
            return None  # Jinja refuses a repeated argument; let it say so
        index += 3
        value: list[Token] = []
        depth = 0
        while index < len(tokens):
            token = tokens[index]
            if depth == 0 and token.type in ("comma", "rparen"):
                break
            if token.type in ("lparen", "lbracket", "lbrace"):
                depth += 1
            elif token.type in ("rparen", "rbracket", "rbrace"):
                depth -= 1
            elif token.type in ("variable_end", "block_end"):
                return None
            value.append(token)
            index += 1
        if not value:
            return None
        values.append((key, value))
    if not values or not _is(tokens, index, "rparen"):
        return None
    return values, index + 1


def _is(tokens: list[Token], index: int, kind: str) -> bool:
    return index < len(tokens) and tokens[index].type == kind


def _formatted(translation: str, variables: dict[str, str]) -> str | None:
    try:
        return str(bounded_modulo(Markup(translation), variables))
    except (KeyError, ValueError, TypeError, OverflowError):
        return None  # a placeholder without a value, a width too large: let render time report it


def bound_gettext(env: Environment, translations: EscapedTranslations | NullTranslations) -> None:
    """Jinja's "newstyle" gettext functions of ``env`` (``_`` calls ``gettext``), made again for
    ``translations`` with each translation's ``%`` held to what a template may make:
    ``_("%999999999s")`` padded nothing to a gigabyte (see `pressroom.output.bounds.printf_size`)."""
    env.globals["gettext"] = _newstyle("gettext", translations.gettext, 1, ())
    env.globals["ngettext"] = _newstyle("ngettext", translations.ngettext, 3, ("num",))
    env.globals["pgettext"] = _newstyle("pgettext", translations.pgettext, 2, ("context",))
    env.globals["npgettext"] = _newstyle("npgettext", translations.npgettext, 4, ("context", "num"))


def _newstyle(name: str, lookup: Callable[..., str], texts: int, implied: tuple[str, ...]) -> Callable[..., str]:
    """What `jinja2.ext` makes of ``lookup`` for newstyle gettext, its ``%`` bounded."""

    @pass_context
    def translated(context: Context, *args: Any, **variables: Any) -> str:
        if len(args) != texts:
            raise TypeError(f"{name}() takes {texts} positional arguments but {len(args)} were given")
        for implied_name in implied:  # the context first, the number last
            variables.setdefault(implied_name, args[0] if implied_name == "context" else args[-1])
        translation = lookup(*args)
        if context.eval_ctx.autoescape:
            translation = Markup(translation)
        return bounded_modulo(translation, variables)  # type: ignore[no-any-return]

    return translated


def _safe_string(text: str, line: int) -> list[Token]:
    """``("text"|safe)``: a translation, as Jinja's gettext gives it (Markup)."""
    return [
        Token(line, "lparen", "("),
        Token(line, "string", text),
        Token(line, "pipe", "|"),
        Token(line, "name", "safe"),
        Token(line, "rparen", ")"),
    ]
