"""The body of one benchmark release in de, ja and en: lead, headings, a list, links to other
releases, a table and more text, filled from the aligned templates of ``pools.py`` so that the
three versions say the same thing, until they reach their lengths."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import pools
from pools import Aligned

WORDS_TARGET = 600
"""Words per German and English body."""
JA_CHARS_TARGET = 1500
"""Characters (without white space) per Japanese body."""


@dataclass(frozen=True, slots=True)
class Data:
    """Partner and topic names per language, from the project's bundled content."""

    partners: dict[str, Aligned]
    topics: dict[str, Aligned]


class Linked(Protocol):
    """A release a body links to: its path under ``content/<lang>/`` and its titles."""

    @property
    def path(self) -> str: ...

    @property
    def title(self) -> Aligned: ...


def _number(value: int) -> Aligned:
    grouped = f"{value:,}"
    return (grouped.replace(",", "."), grouped, grouped)


def _percent(value: int) -> Aligned:
    return (f"{value} Prozent", f"{value}％", f"{value} percent")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills the aligned templates of one release; every random choice comes from ``rng``."""

    def __init__(
        self, rng: random.Random, data: Data, partners: tuple[str, ...], topics: tuple[str, ...], year: int
    ) -> None:
        self.rng = rng
        self.data = data
        self.partners = partners
        self.topics = topics
        self.year = year

    def _other(self, chosen: str, own: tuple[str, ...], every: list[str]) -> str:
        candidates = [x for x in own if x != chosen] or [x for x in every if x != chosen]
        return self.rng.choice(candidates)

    def fills(self) -> dict[str, Aligned]:
        """One value per slot, aligned across the languages."""
        rng = self.rng
        p = rng.choice(self.partners)
        t = rng.choice(self.topics)
        p2 = self._other(p, self.partners, list(self.data.partners))
        t2 = self._other(t, self.topics, list(self.data.topics))
        year = max(1985, min(2035, self.year + rng.randint(-9, 6)))
        return {
            "p": self.data.partners[p],
            "p2": self.data.partners[p2],
            "t": self.data.topics[t],
            "t2": self.data.topics[t2],
            "place": rng.choice(pools.PLACES),
            "org": rng.choice(pools.ORGS),
            "role": rng.choice(pools.ROLES),
            "inst": rng.choice(pools.INSTITUTIONS),
            "sector": rng.choice(pools.SECTORS),
            "proj": rng.choice(pools.PROJECTS),
            "month": rng.choice(pools.MONTHS),
            "n": _number(rng.randint(3, 240)),
            "big": _number(rng.randint(12, 9_500) * 100),
            "pct": _percent(rng.randint(3, 64)),
            "year": (str(year), str(year), str(year)),
        }

    def fill(self, template: Aligned, extra: dict[str, Aligned] | None = None, capitalise: bool = True) -> Aligned:
        values = self.fills()
        if extra:
            values.update(extra)
        out = []
        for i, text in enumerate(template):
            filled = text.format(**{slot: value[i] for slot, value in values.items()})
            out.append(_capitalise(filled) if capitalise else filled)
        return (out[0], out[1], out[2])

    def paragraph(self, sentences: int) -> Aligned:
        chosen = self.rng.sample(pools.SENTENCES, sentences)
        if self.rng.random() < 0.2:
            chosen[-1] = self.rng.choice(pools.QUOTES)
        parts = [self.fill(template) for template in chosen]
        return (
            " ".join(p[0] for p in parts),
            "".join(p[1] for p in parts),
            " ".join(p[2] for p in parts),
        )


def _heading(rng: random.Random, used: set[int]) -> Aligned:
    index = rng.choice([i for i in range(len(pools.HEADINGS)) if i not in used])
    used.add(index)
    return tuple(f"## {text}" for text in pools.HEADINGS[index])  # type: ignore[return-value]


def _bullets(writer: Writer) -> Aligned:
    items = writer.rng.sample(pools.LIST_ITEMS, writer.rng.randint(3, 6))
    numbered = writer.rng.random() < 0.3
    lines: list[list[str]] = [[], [], []]
    for number, template in enumerate(items, start=1):
        filled = writer.fill(template)
        for i in range(3):
            lines[i].append(f"{number}. {filled[i]}" if numbered else f"- {filled[i]}")
    return ("\n".join(lines[0]), "\n".join(lines[1]), "\n".join(lines[2]))


def _table(writer: Writer) -> Aligned:
    rng = writer.rng
    kind = rng.randrange(len(pools.TABLE_HEADERS))
    header = pools.TABLE_HEADERS[kind]
    rows: list[list[str]] = [[], [], []]
    for i in range(3):
        rows[i].append("| " + " | ".join(column[i] for column in header) + " |")
        rows[i].append("|---|---|---|")
    for _ in range(rng.randint(3, 5)):
        values = writer.fills()
        if kind == 0:
            start = int(values["year"][0])
            cells: list[Aligned] = [
                values["t"],
                values["proj"],
                (f"{start}–{start + 3}", f"{start}～{start + 3}年", f"{start}–{start + 3}"),
            ]
        else:
            cells = [values["p"], values["t"], values["big"]]
        for i in range(3):
            rows[i].append("| " + " | ".join(_capitalise(cell[i]) for cell in cells) + " |")
    return ("\n".join(rows[0]), "\n".join(rows[1]), "\n".join(rows[2]))


def _size(blocks: list[Aligned]) -> tuple[int, int, int]:
    de = sum(len(b[0].split()) for b in blocks)
    ja = sum(len("".join(b[1].split())) for b in blocks)
    en = sum(len(b[2].split()) for b in blocks)
    return de, ja, en


def _link_block(writer: Writer, targets: Sequence[Linked]) -> Aligned:
    parts: list[Aligned] = []
    for target in targets:
        year = target.path.split("/")[0]
        href = f"../{year}/{target.path.split('/')[1]}"
        extra = {"link": target.title, "href": (href, href, href)}
        parts.append(writer.fill(writer.rng.choice(pools.LINK_SENTENCES), extra))
    parts.append(writer.fill(writer.rng.choice(pools.EXTERNAL_LINKS)))
    parts.insert(0, writer.paragraph(2))
    return (" ".join(p[0] for p in parts), "".join(p[1] for p in parts), " ".join(p[2] for p in parts))


def body(writer: Writer, link_targets: Sequence[Linked]) -> Aligned:
    """A release body in the three languages: lead, headings, a list, links, a table, more text."""
    rng = writer.rng
    used: set[int] = set()
    blocks: list[Aligned] = [writer.paragraph(3), _heading(rng, used), writer.paragraph(rng.randint(3, 5))]
    blocks.append(_bullets(writer))
    blocks += [_heading(rng, used), _link_block(writer, link_targets), _table(writer)]
    blocks.append(_heading(rng, used))
    while True:
        de, ja, en = _size(blocks)
        # Stop when the three versions reach their targets on average: German, English and
        # Japanese grow at different rates, so none overshoots far.
        if (de / WORDS_TARGET + en / WORDS_TARGET + ja / JA_CHARS_TARGET) / 3 >= 1:
            break
        if rng.random() < 0.15 and len(used) < len(pools.HEADINGS):
            blocks.append(_heading(rng, used))
        blocks.append(writer.paragraph(rng.randint(2, 5)))
    return (
        "\n\n".join(b[0] for b in blocks),
        "\n\n".join(b[1] for b in blocks),
        "\n\n".join(b[2] for b in blocks),
    )
