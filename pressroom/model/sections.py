"""Links to a section of another text (``[Zeitplan](other.md#der-zeitplan)``), checked against
that text's headings.

A text's heading ids are known only once its body is rendered (`pressroom.source.mdreaders`),
and bodies are rendered page by page in forked workers, or replayed from the body cache: the
body holding such a link cannot check it against one rendered elsewhere. So each render tells
`Sections` what it found, the body's heading ids and its links to another text's section as the
link resolver placed them; workers hand theirs to the parent (`taken`, `learn`), which checks
every link once all bodies are rendered. A quick rebuild checks the links from and to the
bodies it rendered again. A link to a section of the same text is checked as it is rendered.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from pressroom.base.errors import Problems
from pressroom.source.mdreaders import PAGE_IDS

Place = tuple[str, str]
"""A text by its language and its path under ``content/<lang>/`` without ``.md``."""
SectionLink = tuple[int, str, str, str, str]
"""A link to another text's section: (line, the link as written, the target's `Place` as its
language and path, the section's name)."""
Found = tuple[str, frozenset[str], tuple[SectionLink, ...]]
"""What rendering one body found: its file (for messages), its heading ids, its section links."""

SHOWN_HEADINGS = 8
"""Headings a message lists: enough to find the one meant, not a whole table of contents."""


class Sections:
    """The heading ids and section links of the bodies rendered so far."""

    def __init__(self) -> None:
        self.ids: dict[Place, tuple[str, frozenset[str]]] = {}
        self.links: dict[Place, tuple[str, tuple[SectionLink, ...]]] = {}
        """Only the bodies that have such links: few, so a check looks at little."""
        self.fresh: dict[Place, Found] = {}
        """What was rendered in this process since `taken` was last called."""

    def __getstate__(self) -> dict[str, object]:
        # A kept model (`pressroom.preview.keptmodel`) keeps the links: a build resumed from it
        # renders only the pages an edit shows, and must still check the links into the edited
        # text. The ids of every body would make the model larger for each quick rebuild that
        # reads it; a body's ids come back from the body cache when a check needs them.
        return {"links": self.links}

    def __setstate__(self, state: dict[str, object]) -> None:
        links = state.get("links")
        self.ids, self.fresh = {}, {}
        self.links = dict(links) if isinstance(links, dict) else {}

    def rendered(self, place: Place, path: str, ids: frozenset[str], links: Iterable[SectionLink]) -> None:
        """Note what rendering the body at ``place`` (the file ``path``) found."""
        found = (path, ids, tuple(links))
        self.fresh[place] = found
        self._note(place, found)

    def _note(self, place: Place, found: Found) -> None:
        path, ids, links = found
        self.ids[place] = (path, ids)
        if links:
            self.links[place] = (path, links)
        else:
            self.links.pop(place, None)  # an edit removed them

    def taken(self) -> dict[Place, Found]:
        """What this process rendered since it was last asked (a worker's, for the parent)."""
        fresh, self.fresh = self.fresh, {}
        return fresh

    def learn(self, found: dict[Place, Found]) -> None:
        """Take what a worker rendered."""
        for place, entry in found.items():
            self._note(place, entry)

    def check(
        self,
        problems: Problems,
        render: Callable[[Place], None],
        siblings: Callable[[Place], Iterable[Place]],
        *,
        fresh_only: bool = False,
    ) -> None:
        """Warn of each link naming no heading of its target (nor an id of the page around it).
        ``render(place)``: renders a body this process has no ids of (its page was kept, not
        rendered); ``siblings(place)``: the other language versions of a text, for the hint.
        ``fresh_only``: only the links from or to bodies rendered since `taken` was last called."""
        fresh = self.taken()
        for source in sorted(self.links):
            path, links = self.links[source]
            for line, href, lang, rel, name in links:
                target = (lang, rel)
                if fresh_only and source not in fresh and target not in fresh:
                    continue
                known = self._ids(target, render)
                if known is not None and name not in known[1] and not PAGE_IDS.fullmatch(name):
                    elsewhere = next((p for p in siblings(target) if self._has(p, name, render)), None)
                    problems.warning(path, line, self._message(href, name, known, elsewhere))

    def _ids(self, place: Place, render: Callable[[Place], None]) -> tuple[str, frozenset[str]] | None:
        """The file and heading ids of the body at ``place``; None if rendering gives none (its
        file changed during the build: an error of its own)."""
        if place not in self.ids:
            render(place)
        return self.ids.get(place)

    def _has(self, place: Place, name: str, render: Callable[[Place], None]) -> bool:
        known = self._ids(place, render)
        return known is not None and name in known[1]

    def _message(self, href: str, name: str, target: tuple[str, frozenset[str]], elsewhere: Place | None) -> str:
        """``elsewhere``: another language's version that has the heading."""
        path, ids = target
        said = f"link '{href}' names no heading of {path}"
        headings = ", ".join(f"#{known}" for known in sorted(ids)[:SHOWN_HEADINGS]) or "none"
        if len(ids) > SHOWN_HEADINGS:
            headings += ", …"
        close = difflib.get_close_matches(name, ids, n=1, cutoff=0.7)
        if close:
            return f"{said} (did you mean #{close[0]}?)"
        if elsewhere is not None:
            # Translated with the links of the text it was translated from: each version has its own headings.
            return f"{said}, only of its {elsewhere[0]} version, {self.ids[elsewhere][0]} (its headings: {headings})"
        return f"{said} (its headings: {headings})"
