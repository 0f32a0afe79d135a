"""Partner regions and topics: loading ``content/partners/*.yaml`` and ``content/topics.yaml``.

Owns the partner data contract. Country names are never stored: the ISO code is checked
against CLDR's (`countrycodes`, held to Babel's) and the names come from Babel at render time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from babel import Locale

from pressroom.base.clock import build_date, implausible
from pressroom.base.errors import Problems
from pressroom.base.text import closest, collapse_spaces, shows_anything
from pressroom.source.baseurl import is_web_address
from pressroom.source.content import ContentTree, SourceFile
from pressroom.source.countrycodes import COUNTRY_CODES
from pressroom.source.ids import ID_RULE, id_meant, is_id, topic_id_problem
from pressroom.source.locations import read_location
from pressroom.source.partnertexts import partner_text_problems, topic_text_problems
from pressroom.source.periods import FORMS, When, end_year, parse_when, start_year
from pressroom.source.readings import partner_reading
from pressroom.source.yamlload import YamlList, YamlMap, YamlProblem, load_yaml
from pressroom.source.yamlvalues import date_meant, impossible_day, shown

STATUSES = ("active", "dormant", "ended")
KINDS = ("state-partnership", "cluster-partnership", "city-partnership", "cooperation")
PARTNER_KEYS = (
    "name",
    "reading",
    "native",
    "country",
    "since",
    "until",
    "status",
    "kind",
    "location",
    "summary",
    "links",
)


def known_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166 country code (``US``), as a partner's ``country`` must be."""
    return code in COUNTRY_CODES


@dataclass(frozen=True, slots=True)
class PartnerLink:
    """An official page about the partner: its address and its title per language."""

    url: str
    title: MappingProxyType


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner region (or city, or cluster partner) of the state."""

    id: str
    name: MappingProxyType
    """Name per site language."""
    native: tuple[str, str] | None
    """(language code, name) in the partner's own official language, if given."""
    country: str
    """ISO 3166-1 alpha-2 code, upper case."""
    since: When
    """The start of the partnership: a date, a year or a decade, as precisely as the sources say."""
    until: When | None
    """The end of a cooperation that has ended (status ``ended``), if known."""
    status: str
    kind: str
    location: tuple[float, float] | None
    links: tuple[PartnerLink, ...]
    summary: MappingProxyType
    path: str
    name_line: int = 1
    """The line of ``name:`` in the partner's file, for messages about the name."""
    reading: str = ""
    """The Japanese name's reading in kana, by which Japanese lists sort it: given as ``reading``,
    or the name's own (`readings.own_reading`); "" where the site has no Japanese or the name
    has kanji and no reading was given."""

    @property
    def since_year(self) -> int:
        """The earliest year ``since`` can mean: for ordering, never shown as such."""
        return start_year(self.since)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: MappingProxyType
    line: int


def load_partners(tree: ContentTree, languages: tuple[str, ...], problems: Problems) -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    for partner_id, source in tree.partners:
        partner = _read_partner(partner_id, source, languages, problems)
        if partner:
            partners[partner_id] = partner
    return partners


def load_topics(tree: ContentTree, languages: tuple[str, ...], problems: Problems) -> dict[str, Topic]:
    source = tree.topics
    if source is None:
        return {}
    data = _load(source, problems)
    if data is None:
        return {}
    for text_line, message in topic_text_problems(data, source.text, languages):
        problems.warning(source.display, text_line, message)
    topics: dict[str, Topic] = {}
    for topic_id, names in data.items():
        line = data.line_of(topic_id)
        if (problem := topic_id_problem(topic_id)) is not None:
            problems.error(source.display, line, problem)
            continue
        name = _per_language(names, f"{topic_id}", line, languages, source.display, problems)
        # Known with its mistake (told above), as a partner whose file has one is: else every
        # release naming it was told of an 'unknown topic' too.
        topics[topic_id] = Topic(topic_id, name or MappingProxyType({}), line)
    _same_names(topics, source.display, problems)
    return topics


def _same_names(topics: dict[str, Topic], path: str, problems: Problems) -> None:
    """Two topics a language names alike: its topic index lists the name twice, and a reader
    cannot tell which is which."""
    seen: dict[tuple[str, str], Topic] = {}
    for topic in topics.values():
        for lang, text in topic.name.items():
            first = seen.setdefault((lang, text.casefold()), topic)
            if first is not topic:
                problems.warning(
                    path,
                    topic.line,
                    f"topic '{topic.id}' is named '{text}' in {lang}, as '{first.id}' is: readers of that"
                    " language cannot tell them apart; give one another name",
                )


def _load(source: SourceFile, problems: Problems, empty: str = "") -> YamlMap | None:
    """The file's mapping; ``empty``: what to say of one of comments alone, else no keys (topics
    all commented out are none, as without the file)."""
    try:
        data = load_yaml(source.text)
    except YamlProblem as exc:
        problems.error(source.display, exc.line, exc.message)
        return None
    if data is None:
        if not empty:
            return YamlMap(1)
        problems.error(source.display, 1, empty)
        return None
    if not isinstance(data, YamlMap):
        problems.error(source.display, 1, "expected 'key: value' lines")
        return None
    return data


_EMPTY_PARTNER = (
    "the file holds no partner data: write it as 'key: value' lines (name:, country:, since:, …; copy"
    " another partner's file to start from), or delete the file"
)


def _read_partner(
    partner_id: str, source: SourceFile, languages: tuple[str, ...], problems: Problems
) -> Partner | None:
    path = source.display
    if not is_id(partner_id):
        meant = id_meant(partner_id, "rename it", ".yaml")
        problems.error(path, 0, f"partner file name '{partner_id}.yaml': {ID_RULE}{meant}")
        return None
    data = _load(source, problems, _EMPTY_PARTNER)
    if data is None:
        return None
    before = len(problems.errors)
    for line, message in partner_text_problems(data, source.text, languages):
        problems.warning(path, line, message)
    for key in data:
        if key not in PARTNER_KEYS:
            hint = closest(str(key), PARTNER_KEYS)
            problems.error(
                path,
                data.line_of(key),
                f"unknown field '{key}' "
                + (f"(did you mean '{hint}'?)" if hint else f"(fields: {', '.join(PARTNER_KEYS)})"),
            )
    for key in ("name", "country", "since", "status", "summary"):
        if key not in data:
            problems.error(path, 1, f"missing '{key}'")
    name, summary = (
        _per_language(data[key], key, data.line_of(key), languages, path, problems) if key in data else None
        for key in ("name", "summary")
    )
    reading = partner_reading(data, name, languages, path, problems)
    native = _native(data, path, problems)
    country = _country(data, path, problems)
    since = _when(data, "since", path, problems)
    status = _choice(data, "status", STATUSES, "active", path, problems)
    until = _until(data, since, status, path, problems)
    kind = _choice(data, "kind", KINDS, "state-partnership", path, problems)
    location = read_location(data, path, problems)
    links = _links(data, languages, path, problems)
    if len(problems.errors) > before or name is None or summary is None:
        return None
    return Partner(
        id=partner_id,
        name=name,
        native=native,
        country=country,
        since=since,
        until=until,
        status=status,
        kind=kind,
        location=location,
        links=links,
        summary=summary,
        path=path,
        name_line=data.line_of("name"),
        reading=reading,
    )


def _per_language(
    value: Any, key: str, line: int, languages: tuple[str, ...], path: str, problems: Problems
) -> MappingProxyType | None:
    # Written empty ('name:'), it was dropped without a word: the partner went with it, and a
    # release naming it ended in a traceback; a topic was 'unknown' to the releases naming it.
    if not isinstance(value, YamlMap):
        problems.error(path, line, f"{key}: expected one entry per language ({', '.join(languages)})")
        return None
    result: dict[str, str] = {}
    for lang in languages:
        text = value.get(lang)
        # Only invisible characters (a zero-width space) look as empty in the editor as they would on the page.
        if not isinstance(text, str) or not shows_anything(text):
            problems.error(path, value.line_of(lang), f"{key}: missing the '{lang}' text")
        else:
            result[lang] = collapse_spaces(text)
    for lang in value:
        if lang not in languages:
            problems.error(path, value.line_of(lang), f"{key}: '{lang}' is not a site language")
    return MappingProxyType(result)


def _native(data: YamlMap, path: str, problems: Problems) -> tuple[str, str] | None:
    value = data.get("native")
    if value is None:
        return None
    if not isinstance(value, YamlMap) or len(value) != 1:
        problems.error(path, data.line_of("native"), "native: expected one 'language: name' pair")
        return None
    ((lang, name),) = value.items()
    if not isinstance(lang, str) or not isinstance(name, str):
        problems.error(path, data.line_of("native"), "native: expected one 'language: name' pair")
        return None
    try:
        Locale.parse(lang, sep="-")
    except (ValueError, Exception):
        problems.error(path, value.line_of(lang), f"native: unknown language code '{lang}'")
        return None
    if not shows_anything(name):  # an empty name in its own language beside the heading
        problems.error(path, value.line_of(lang), "native: the name is empty; give it or remove the line")
        return None
    return lang, name


def _country(data: YamlMap, path: str, problems: Problems) -> str:
    value = data.get("country")
    if value is None:  # written empty, it was taken as no country, without a word
        if "country" in data:
            problems.error(path, data.line_of("country"), "country: empty; give its ISO code, as in 'country: JP'")
        return ""
    line = data.line_of("country")
    if isinstance(value, bool):
        problems.error(
            path,
            line,
            f"country: '{str(value).lower()}' is not a country code; write the ISO code in quotes",
        )
        return ""
    if isinstance(value, (list, dict)):  # said as Python writes it: '['JP']'
        problems.error(path, line, f"country: {shown(value)} is not a country code; write one, as in 'country: JP'")
        return ""
    code = str(value).upper()
    if not known_country(code):
        problems.error(path, line, f"country: unknown ISO 3166 country code '{value}'")
        return ""
    return code


def _when(data: YamlMap, key: str, path: str, problems: Problems) -> When:
    value = data.get(key)
    if value is None:  # written empty, 'since:' ended the build in a traceback (year 0)
        if key in data:
            problems.error(path, data.line_of(key), f"{key}: empty; give {FORMS}")
        return 0
    line = data.line_of(key)
    when = parse_when(value)
    if when is None:
        meant = date_meant(value)
        problems.error(
            path,
            line,
            f"{key}: {impossible_day(value) or f'{shown(value)} is not {FORMS}'}"
            + (f"; write it as {meant}" if meant else ""),
        )
        return 0
    first = when if isinstance(when, date) else date(start_year(when), 1, 1)
    if implausible(first):
        problems.error(path, line, f"{key}: {value} cannot be right; check the year")
        return 0
    if first > build_date():
        event = "began" if key == "since" else "ended"
        problems.error(path, line, f"{key}: {value} is in the future; give the day the partnership {event}")
        return 0
    return when


def _until(data: YamlMap, since: When, status: str, path: str, problems: Problems) -> When | None:
    """The end of a cooperation: only for status ``ended``, and not before it began."""
    if "until" not in data:
        return None
    until = _when(data, "until", path, problems)
    line = data.line_of("until")
    if status != "ended":
        # A status that is none of the three was said at its line: 'former' with an end is one mistake.
        if data.get("status", status) in STATUSES:
            problems.error(
                path, line, f"until: only a cooperation with 'status: ended' has an end (status is '{status}')"
            )
        return None
    if until and since and end_year(until) < start_year(since):
        problems.error(path, line, f"until: '{data['until']}' is before the start ('since: {data['since']}')")
        return None
    return until or None


def _choice(data: YamlMap, key: str, choices: tuple[str, ...], default: str, path: str, problems: Problems) -> str:
    value = data.get(key, default)
    if value not in choices:
        problems.error(path, data.line_of(key), f"{key}: {shown(value)} is not one of {', '.join(choices)}")
        return default
    return value


def _links(data: YamlMap, languages: tuple[str, ...], path: str, problems: Problems) -> tuple[PartnerLink, ...]:
    value = data.get("links")
    if value is None:
        return ()
    message = "links: expected a list of {url: https://…, title: {de: …, ja: …, en: …}}"
    if not isinstance(value, YamlList):
        problems.error(path, data.line_of("links"), message)
        return ()
    links = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if not isinstance(item, YamlMap) or set(item) != {"url", "title"}:
            problems.error(path, line, message)
            continue
        url = item["url"]
        if not is_web_address(url):
            problems.error(path, item.line_of("url"), f"links: '{url}' is not a web address (https://…)")
            continue
        title = _per_language(item["title"], "links: title", item.line_of("title"), languages, path, problems)
        if title is not None:
            links.append(PartnerLink(url, title))
    return tuple(links)
