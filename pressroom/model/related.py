"""The releases to read next after a release: those sharing its partners or topics."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from pressroom.model.texts import Release


class RelatedIndex:
    """Releases to read next: those in the reader's language sharing partners or topics, closest first.

    A shared partner counts twice as much as a shared topic (a partner is the more specific
    link); ties go to the newer release, then to the key, so the choice is stable. The release's
    neighbours in its language's list are left out: its page links them just above as the older
    and newer release, and the same headline twice in a row offered the reader nothing new.

    Scoring every release against every other costs n² and would dominate large builds. Here
    each partner, topic and language is a bitset over the releases in list order (newest
    first), the scores of all candidates are added up at once in bit planes, and the best are
    read off as the lowest set bits of the highest score present.
    """

    def __init__(self, releases: Sequence[Release], languages: Iterable[str]) -> None:
        self.releases = sorted(releases, key=lambda r: (-r.date.toordinal(), r.key))
        self.position = {r.key: i for i, r in enumerate(self.releases)}
        self.partners: dict[str, int] = {}
        self.topics: dict[str, int] = {}
        self.languages = {lang: 0 for lang in languages}
        for i, release in enumerate(self.releases):
            bit = 1 << i
            for partner in release.partners:
                self.partners[partner] = self.partners.get(partner, 0) | bit
            for topic in release.topics:
                self.topics[topic] = self.topics.get(topic, 0) | bit
            for lang in release.translations:
                self.languages[lang] = self.languages.get(lang, 0) | bit
        self._planes: dict[str, tuple[list[int], int]] = {}
        self._chosen: dict[tuple[str, str, int], list[int]] = {}
        """Positions of each list already chosen: the same in a `refreshed` index, which shares them."""

    def refreshed(self, releases: Iterable[Release]) -> RelatedIndex:
        """This index over new versions of the same releases, whose partners, topics, dates
        and languages did not change (the text of a release does not move it here)."""
        by_key = {r.key: r for r in releases}
        fresh = copy.copy(self)
        fresh.releases = [by_key[r.key] for r in self.releases]
        return fresh

    def _scores(self, release: Release) -> tuple[list[int], int]:
        """Bit planes of every release's score against ``release``, and the highest possible score."""
        cached = self._planes.get(release.key)
        if cached is None:
            weighted = [(2, self.partners[p]) for p in release.partners if p in self.partners]
            weighted += [(1, self.topics[t]) for t in release.topics if t in self.topics]
            highest = sum(weight for weight, _ in weighted)
            planes = [0] * max(1, highest.bit_length())
            for weight, mask in weighted:
                carry = mask
                for k in range(weight.bit_length() - 1, len(planes)):  # weight 2 starts at plane 1
                    planes[k], carry = planes[k] ^ carry, planes[k] & carry
                    if not carry:
                        break
            cached = self._planes[release.key] = (planes, highest)
        return cached

    def related(self, release: Release, lang: str, limit: int = 3) -> list[Release]:
        chosen = self._chosen.get((release.key, lang, limit))
        if chosen is None:
            chosen = self._chosen[release.key, lang, limit] = self._choose(release, lang, limit)
        return [self.releases[position] for position in chosen]

    def _choose(self, release: Release, lang: str, limit: int) -> list[int]:
        planes, highest = self._scores(release)
        allowed = self.languages.get(lang, 0) & ~(1 << self.position[release.key]) & ~self._neighbours(release, lang)
        chosen: list[int] = []
        for score in range(highest, 0, -1):
            exact = allowed
            for k, plane in enumerate(planes):
                exact &= plane if score >> k & 1 else ~plane
            while exact and len(chosen) < limit:
                lowest = exact & -exact
                chosen.append(lowest.bit_length() - 1)
                exact ^= lowest
            if len(chosen) == limit:
                break
        return chosen

    def _neighbours(self, release: Release, lang: str) -> int:
        """The bits of the releases just newer and just older than ``release`` in ``lang``'s list
        (as `pages.releases` links them), where ``release`` is in that list."""
        mask, position = self.languages.get(lang, 0), self.position[release.key]
        if not mask >> position & 1:
            return 0
        newer, older = mask & ((1 << position) - 1), mask >> (position + 1)
        bits = 1 << (newer.bit_length() - 1) if newer else 0
        return bits | ((older & -older) << (position + 1))

    def followers(self, release: Release, lang: str) -> list[Release]:
        """The releases whose list in ``lang`` shows ``release`` (newest first): only those sharing
        a partner or topic with it can, so only those are scored, not the whole site; their lists
        are kept for the next edit."""
        shared = 0
        for partner in release.partners:
            shared |= self.partners.get(partner, 0)
        for topic in release.topics:
            shared |= self.topics.get(topic, 0)
        candidates = shared & self.languages.get(lang, 0) & ~(1 << self.position[release.key])
        found = []
        while candidates:
            lowest = candidates & -candidates
            candidate = self.releases[lowest.bit_length() - 1]
            if any(shown.key == release.key for shown in self.related(candidate, lang)):
                found.append(candidate)
            candidates ^= lowest
        return found
