"""Translation keys that almost link: versions meant as one release that stand apart.

Versions are one release when their keys are equal, and a key is the file's path unless
``key:`` says otherwise. A file renamed in one language only in case (``abc.md`` and
``Abc.md``), or a ``key:`` with a typing mistake, makes two releases that each lack the
other's language, and nothing failed: these warnings say so, with the key meant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pressroom.base.errors import Problems
from pressroom.base.nearnames import NearNames
from pressroom.model.catalog import VersionGroup
from pressroom.source.frontmatter import PartialVersion, VersionSource


def check_keys(
    groups: Sequence[VersionGroup], versions: Iterable[VersionSource | PartialVersion], problems: Problems
) -> None:
    """Warn about groups whose keys differ only in case, and about a ``key:`` no other of
    ``versions`` (every version read, a duplicate left out of its group too, and the files with
    errors: the key may name one, whose own error is then the one mistake) has."""
    counts = Counter((version.is_page, version.key) for version in versions)
    by_fold: dict[tuple[bool, str], list[VersionGroup]] = {}
    for group in groups:
        by_fold.setdefault((group.is_page, group.key.casefold()), []).append(group)
    keys = {(group.is_page, group.key) for group in groups}
    near: dict[bool, NearNames] = {}
    for group in groups:
        alike = [other for other in by_fold[(group.is_page, group.key.casefold())] if other is not group]
        for version in group.versions.values():
            if alike:
                other = alike[0]
                example = next(iter(other.versions.values()))
                problems.warning(
                    version.path,
                    version.line_of("key") if version.key != version.rel else 1,
                    f"the key '{group.key}' differs only in case from '{other.key}' ({example.path}), so they are"
                    f" two releases; if they are one, give both files the same name or write 'key: {other.key}'",
                )
            elif version.key != version.rel and counts[(group.is_page, group.key)] == 1:
                if group.is_page not in near:  # made once, when first needed: compared with every key, each took long
                    near[group.is_page] = NearNames(sorted(key for is_page, key in keys if is_page == group.is_page))
                meant = near[group.is_page].nearest(group.key, besides=group.key)
                hint = f" (did you mean '{meant}'?)" if meant else ""
                problems.warning(
                    version.path,
                    version.line_of("key"),
                    f"key '{group.key}' is no other version's key, so it links this version to none{hint};"
                    " a key names the path of the version it translates, e.g. '2024/kanagawa-declaration'",
                )
