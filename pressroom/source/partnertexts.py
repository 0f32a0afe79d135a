"""Japanese, Chinese or Korean that the texts of partner and topic files leave unmarked.

A partner's name, summary and links' titles (``content/partners/<id>.yaml``) and a topic's name
(``content/topics.yaml``) are written once for each site language, and each language's pages
show theirs as plain text in that language: like a release's title, they can mark no other. A
run of another script in one (神奈川県 in the German name) is told at its line, as
`pressroom.source.scriptruns` tells a release's, with what to write instead: the text in the
page's language, and a partner's name in its own language as ``native:``, which the partner's
page shows beside its name, marked with its language (`pressroom.pages.partners`).

``native:`` is that mark already, and ``reading:`` (kana by which Japanese lists sort the name)
is shown nowhere: neither is told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pressroom.source.scriptruns import Run, ShownText, markup, shown_text_problems
from pressroom.source.yamlload import YamlList, YamlMap

_NATIVE_FORM = "native: {{{lang}: {text}}}"
"""A partner's name in its own language, as its file writes it (``native: {ja: 神奈川県}``)."""


def partner_text_problems(data: YamlMap, yaml_text: str, languages: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(line, message) for each unmarked run in the texts of a partner file ``data`` (read from
    ``yaml_text``) in the site's ``languages``: its name, its summary and its links' titles."""
    native = data.get("native")
    name_then = _native_shown if isinstance(native, YamlMap) and native else _as_native
    texts = [*_texts(data, "name", "a partner's name", languages, name_then)]
    texts += _texts(data, "summary", "a partner's summary", languages)
    links = data.get("links")
    for item in links if isinstance(links, YamlList) else ():
        if isinstance(item, YamlMap):
            texts += _texts(item, "title", "a link's title", languages, field="links.title")
    return shown_text_problems(texts, data, yaml_text, 1)


def topic_text_problems(data: YamlMap, yaml_text: str, languages: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(line, message) for each unmarked run in the names of the topics of ``data``, the topic
    file read from ``yaml_text``, in the site's ``languages``."""
    texts = [text for topic_id in data for text in _texts(data, str(topic_id), "a topic's name", languages)]
    return shown_text_problems(texts, data, yaml_text, 1)


def _nothing_more(run: Run) -> str:
    return ""


def _as_native(run: Run) -> str:
    native = markup(run, _NATIVE_FORM)
    return f", and the name in its own language as {native}, which the partner's page shows beside it, marked"


def _native_shown(run: Run) -> str:
    return "; the partner's page shows its name from 'native:' beside it, marked with its language"


def _texts(
    data: YamlMap,
    key: str,
    where: str,
    languages: tuple[str, ...],
    then: Callable[[Run], str] = _nothing_more,
    field: str = "",
) -> Iterator[ShownText]:
    """The texts of ``data[key]`` in each of ``languages``; ``then``: what to do with a run's
    original once the text is written in its language (``field``: the key as messages name it)."""
    per_language = data.get(key)
    if not isinstance(per_language, YamlMap):
        return
    for lang in languages:
        if isinstance(text := per_language.get(lang), str):
            yield ShownText(f"{field or key}.{lang}", text, per_language.line_of(lang), lang, where, then)
