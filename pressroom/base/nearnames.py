"""Names one typing slip away from a word, for the "did you mean" of a file or key not there.

difflib compares a word with every name it is given, each comparison costing more the longer
the two are: a site whose 2025 media folder was renamed, with a thousand releases naming
pictures among thousands of files, took minutes to say which file each probably meant. A slip
of one letter (left out, one too many, one changed, two swapped) is found here from the
names' one-letter deletions instead (symmetric deletion): indexing is linear in the names,
once, and each question linear in the length of the word. A word written in other capitals
than a name (``BESUCH.md``) is found from the names' case-folded forms.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

LONGEST = 120
"""Characters beyond which a name or word is matched only as it is: its deletions would make
the index grow with the square of its length."""
SHORTEST = 4
"""Characters below which a name or word is matched only as it is: "ab" is one slip from "xb"
and from every other two-letter name."""


class NearNames:
    """An index of ``names``; where several are near a word, the one given first wins."""

    def __init__(self, names: Iterable[str]) -> None:
        given = list(dict.fromkeys(names))
        self._index: dict[str, list[str]] = {name: [name] for name in given}  # themselves before any deletion
        # BESUCH.md is no slip of one letter, yet plainly meant besuch.md (which an editor's
        # Windows or macOS finds for it, and the web server not).
        self._folded: dict[str, list[str]] = {}
        for name in given:
            self._folded.setdefault(name.casefold(), []).append(name)
        for name in given:
            for variant in dict.fromkeys(_deletions(name)):  # "aab" less either "a" is one variant
                self._index.setdefault(variant, []).append(name)

    def nearest(self, word: str, besides: str | None = None) -> str | None:
        """The name ``word`` is, or is one slip away from, other than ``besides``; None when
        there is none."""
        for name in (*self._index.get(word, ()), *self._folded.get(word.casefold(), ())):
            if name != besides:
                return name
        for variant in _deletions(word):
            for name in self._index.get(variant, ()):
                if name != besides:
                    return name
        return None


def _deletions(text: str) -> list[str]:
    if not SHORTEST <= len(text) <= LONGEST:
        return []
    return [text[:at] + text[at + 1 :] for at in range(len(text))]


class NamesByFolder:
    """Paths (``folder/name``, with ``/``) near a path that is not among them: a name one slip
    away in its folder, else the same name in another folder (the year's folder left out, or
    another year's written). Where several are, the first in sorted order wins."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._here: dict[str, list[str] | NearNames] = {}
        self._elsewhere: dict[str, str] = {}
        for path in sorted(paths):
            folder, name = posixpath.split(path)
            self._here.setdefault(folder, []).append(name)  # type: ignore[union-attr]
            self._elsewhere.setdefault(name, path)

    def meant(self, path: str) -> str | None:
        folder, name = posixpath.split(path)
        names = self._here.get(folder)
        if isinstance(names, list):  # a folder's index is made when first asked
            self._here[folder] = names = NearNames(names)
        hint = names.nearest(name) if names is not None else None
        return posixpath.join(folder, hint) if hint is not None else self._elsewhere.get(name)
