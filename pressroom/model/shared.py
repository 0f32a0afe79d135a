"""The fields a release's versions share (``date``, ``partners``, ``topics``, the lead image's
``file``): given by one version or more, agreed between them (the majority wins, the others are
warned), and not reported missing where a version that could not be read may hold them.

The place of issue (``place``) is each version's own, in its own language, so places that
differ are no disagreement; but a version that names none where another names one shows no
dateline where its siblings show one, and is told so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from pressroom.base.errors import Problems
from pressroom.model.catalog import VersionGroup
from pressroom.source.frontmatter import VersionSource


def in_order(versions: dict[str, VersionSource], languages: tuple[str, ...]) -> Iterable[tuple[str, VersionSource]]:
    return ((lang, versions[lang]) for lang in languages if lang in versions)


def shared_image(
    versions: dict[str, VersionSource],
    languages: tuple[str, ...],
    problems: Problems,
    drafts: Sequence[VersionSource] = (),
) -> tuple[str | None, bool, bool]:
    """The release's ``image.file``, whether it is symbolic, and whether its own file is offered
    for download: like ``date``, given by one version or more; versions that disagree are told
    which one is used. The file is offered unless a version says ``download: false``: one
    version saying that its rights do not allow it is enough. ``drafts``: the release's versions
    left out as drafts, named where only they give the file."""
    given = [(v, v.image) for _, v in in_order(versions, languages) if v.image is not None and v.image.file]
    if not given:
        names = {version.rel for version in versions.values()}
        if unreadable_sibling(names, languages, problems):
            return None, False, False
        held = next((v.image.file for v in drafts if v.image is not None and v.image.file), None)
        said = "image: no version of this release names the picture; add 'file:' (a path under content/media/)"
        if held is not None:  # a version withdrawn as a draft held it for its siblings
            draft = next(v for v in drafts if v.image is not None and v.image.file == held)
            said = f"image: {_only_in(draft)}: add 'file: {held}' under 'image:' here too (or publish that version)"
        for _, version in in_order(versions, languages):
            if version.image is not None:
                problems.error(version.path, version.image.line, said)
        return None, False, False
    chosen = majority([image.file for _, image in given])
    for version, image in given:
        if image.file != chosen:
            problems.warning(
                version.path,
                image.file_line,
                f"image.file '{image.file}' disagrees with the other versions; using '{chosen}'",
            )
    marks = [
        image.symbolic for _, v in in_order(versions, languages) if (image := v.image) and image.symbolic is not None
    ]
    # A draft's too: a version taken back as a draft still says what the picture's rights allow.
    offered = all(v.image.download is not False for v in (*versions.values(), *drafts) if v.image is not None)
    if not offered:
        _offered_as_download(versions, languages, chosen, problems)
    return chosen, bool(marks and majority(marks)), offered


def unreadable_sibling(names: set[str], languages: tuple[str, ...], problems: Problems) -> bool:
    """Whether a version of these names could not be read: it may hold what the others inherit
    (the date, the image's file), and its own error is then the one mistake."""
    return bool({f"content/{lang}/{name}.md" for lang in languages for name in names} & problems.paths_with_errors())


def _offered_as_download(
    versions: dict[str, VersionSource], languages: tuple[str, ...], file: str, problems: Problems
) -> None:
    """Tell each version that offers the lead picture under ``downloads:`` while the release says
    ``download: false``: the file would be handed on all the same."""
    for _, version in in_order(versions, languages):
        for item in version.downloads:
            if item.file == file:
                problems.error(
                    version.path,
                    item.line,
                    f"downloads: {file} is the release's lead image, whose own file 'download: false' keeps from"
                    " being offered; remove it from downloads: (or the 'download: false', if its rights allow it)",
                )


def _only_in(draft: VersionSource) -> str:
    return f"only the draft {draft.path} gives it, which is not published"


def release_date(
    group: VersionGroup, languages: tuple[str, ...], problems: Problems, drafts: Sequence[VersionSource] = ()
) -> date | None:
    given = [(lang, v) for lang, v in in_order(group.versions, languages) if v.date is not None]
    if not given:
        first = next(iter(in_order(group.versions, languages)))[1]
        names = {group.key, *(version.rel for version in group.versions.values())}
        held = next((v for v in drafts if v.date is not None), None)
        if held is not None:  # a version withdrawn as a draft held it for its siblings
            problems.error(
                first.path,
                2,
                f"missing 'date': {_only_in(held)}: add 'date: {held.date}' here too (or publish that version)",
            )
        elif not unreadable_sibling(names, languages, problems):
            problems.error(first.path, 2, "missing 'date': give the release date (YYYY-MM-DD) in at least one version")
        return None
    chosen = majority([v.date for _, v in given])
    for _, version in given:
        if version.date != chosen:
            problems.warning(
                version.path,
                version.line_of("date"),
                f"date {version.date} disagrees with the other versions; using {chosen}",
            )
    return chosen


def shared_ids(
    group: VersionGroup,
    field: str,
    languages: tuple[str, ...],
    problems: Problems,
    drafts: Sequence[VersionSource] = (),
) -> tuple[str, ...]:
    given = [(v, getattr(v, field)) for _, v in in_order(group.versions, languages) if getattr(v, field) is not None]
    if not given:
        held = next((v for v in drafts if getattr(v, field)), None)
        for _, version in in_order(group.versions, languages) if held is not None else ():
            # Its siblings' pages would lose the partners or topics without a word.
            problems.warning(
                version.path,
                2,
                f"{field}: {_only_in(held)}, so this version shows none: add '{field}: "
                f"[{', '.join(getattr(held, field))}]' here too",
            )
        return ()
    if all(ids == given[0][1] for _, ids in given):
        return given[0][1]  # the usual case, and what the majority would say
    chosen = majority([ids for _, ids in given], same=lambda a, b: set(a) == set(b))
    for version, ids in given:
        if set(ids) != set(chosen):
            problems.warning(
                version.path,
                version.line_of(field),
                f"{field} [{', '.join(ids)}] disagree with the other versions; using [{', '.join(chosen)}]",
            )
    return chosen


def placeless(group: VersionGroup, languages: tuple[str, ...]) -> tuple[list[VersionSource], list[VersionSource]]:
    """The versions of ``group`` that name a place, and those that name none while one of those
    does, each in the order of ``languages``. An untranslated copy shows its original's (see
    `pressroom.model.copies`), and is none of the second."""
    versions = [version for _, version in in_order(group.versions, languages)]
    named = [v for v in versions if v.place]
    return named, [v for v in versions if named and not v.place and not v.untranslated]


def missing_places(group: VersionGroup, languages: tuple[str, ...], problems: Problems) -> None:
    """Warn each version that names no place while another version names one, with the place the
    others give (`build.py status --html` shows it too)."""
    named, without = placeless(group, languages)
    if not without:
        return
    said = [f"{v.path} names '{v.place}'" if i == 0 else f"{v.path} '{v.place}'" for i, v in enumerate(named)]
    given = " and ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said)
    for version in without:
        problems.warning(
            version.path,
            version.lines.get("place", 2),  # the front matter's first line where the field is left out
            f"place: this version names no place, so its page has no dateline, while {given}: give this"
            " version's 'place:' too, in its language",
        )


def majority(values: list, same=lambda a, b: a == b):  # type: ignore[no-untyped-def]
    """The value most versions give; on a tie the one of the earliest language."""
    counts = [sum(1 for other in values if same(value, other)) for value in values]
    return values[counts.index(max(counts))]
