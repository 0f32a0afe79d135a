"""``confirm`` given several files in one call: the same records, states and messages as the same
files confirmed one after another, in any order, with and without ``--minor``, with and without
git history, and for files of different releases and pages."""

from __future__ import annotations

import json

import pytest

from .conftest import KANAGAWA, TOPICS, ScratchSite
from .test_content_status import edit
from .test_translations import release
from .test_translator_diff import _git

PAGE = {
    "content/de/pages/imprint.md": release("Impressum", "slug: impressum\n", "Verantwortlich ist die Redaktion."),
    "content/ja/pages/imprint.md": release("運営者情報", "", "編集部が責任を負います。"),
    "content/en/pages/imprint.md": release("Imprint", "", "The editorial office is responsible."),
}
RELEASE = {
    "content/de/2024/x.md": release("Partnerschaft", "date: 2024-07-17\n", "Kanagawa und Baden-Württemberg."),
    "content/ja/2024/x.md": release("パートナーシップ", "", "神奈川県とバーデン＝ヴュルテンベルク州。"),
    "content/en/2024/x.md": release("Partnership", "", "Kanagawa and Baden-Württemberg."),
}
DE, JA, EN = (f"content/{lang}/pages/imprint.md" for lang in ("de", "ja", "en"))
ALL_OK = {"de": "ok", "ja": "ok", "en": "ok"}


def _states(site, code: int = 0) -> dict[str, dict[str, str]]:
    run = site.run("status", "--json", "--source", str(site.root))
    assert run.code == code, run.stderr
    data = json.loads(run.stdout)
    return {entry["key"]: entry["versions"] for entry in data["releases"] + data["pages"]}


def _confirm(site, *args: str):
    paths = [arg if arg.startswith("--") else str(site.root / arg) for arg in args]
    return site.run("confirm", "--source", str(site.root), *paths)


def _files(site) -> dict[str, str]:
    return {path: (site.root / path).read_text(encoding="utf-8") for path in [*PAGE, *RELEASE]}


def _edited_site(tmp_path, name: str, with_git: bool) -> ScratchSite:
    """The page and the release in three languages, confirmed (and committed), then the German
    and English page and the German release edited, as an editor does."""
    site = ScratchSite(tmp_path / name, tmp_path / f"{name}-out")
    site.write({"content/topics.yaml": TOPICS, "content/partners/kanagawa.yaml": KANAGAWA, **PAGE, **RELEASE})
    assert _confirm(site, *PAGE, *RELEASE).code == 0
    if with_git:
        _git(site.root, "init", "-q")
        _git(site.root, "add", ".")
        _git(site.root, "commit", "-q", "-m", "confirmed")
    edit(site, DE, "Redaktion.", "Redaktion")
    edit(site, EN, "responsible.", "responsible")
    edit(site, "content/de/2024/x.md", "und Baden", "und dem Land Baden")
    return site


@pytest.mark.parametrize("with_git", [True, False], ids=["git", "no-git"])
@pytest.mark.parametrize("order", [(DE, EN), (EN, DE)], ids=["de-en", "en-de"])
def test_minor_edits_of_two_versions_confirmed_in_one_call_keep_the_third_ok(tmp_path, with_git, order):
    # One call with the German and English page left the Japanese one outdated: each file's
    # records were made from the site as read before the other file's were written.
    one = _edited_site(tmp_path, "one", with_git)
    assert _states(one)["pages/imprint"] == {"de": "outdated", "ja": "outdated", "en": "outdated"}
    run = _confirm(one, "--minor", *order)
    assert run.code == 0, run.stderr
    assert _states(one)["pages/imprint"] == ALL_OK

    apart = _edited_site(tmp_path, "apart", with_git)
    said = [_confirm(apart, "--minor", path) for path in order]
    assert all(r.code == 0 for r in said), [r.stderr for r in said]
    assert _files(one) == _files(apart)
    assert run.stdout == "".join(r.stdout for r in said)
    assert f"{JA}: still matches {order[1]} (minor edit)" in run.stdout


@pytest.mark.parametrize("minor", [True, False], ids=["minor", "plain"])
def test_versions_of_different_releases_in_one_call_are_confirmed_as_one_by_one(tmp_path, minor):
    flag = ("--minor",) if minor else ()
    named = (EN, "content/de/2024/x.md", DE, "content/ja/2024/x.md")
    one = _edited_site(tmp_path, "one", True)
    run = _confirm(one, *flag, *named)
    assert run.code == 0, run.stderr

    apart = _edited_site(tmp_path, "apart", True)
    said = [_confirm(apart, *flag, path) for path in named]
    assert all(r.code == 0 for r in said), [r.stderr for r in said]
    assert _files(one) == _files(apart)
    assert run.stdout == "".join(r.stdout for r in said)
    # A version confirmed against the others as they are now is no change they have to follow.
    assert _states(one) == {"pages/imprint": ALL_OK, "2024/x": ALL_OK}


def test_plain_confirm_of_an_untranslated_copy_and_its_original_in_one_call(tmp_path):
    def copied(name: str) -> ScratchSite:
        site = _edited_site(tmp_path, name, False)
        edit(site, JA, "title: 運営者情報\n", "title: 運営者情報\nuntranslated: true\n")
        return site

    one, apart = copied("one"), copied("apart")
    run = _confirm(one, JA, DE)
    assert run.code == 0, run.stderr
    assert [_confirm(apart, path).code for path in (JA, DE)] == [0, 0]
    assert _files(one) == _files(apart)
    assert _states(one)["pages/imprint"] == ALL_OK
    assert "untranslated" not in (one.root / JA).read_text(encoding="utf-8")


def test_every_bad_path_in_one_call_is_named_and_the_others_are_confirmed(tmp_path):
    site = _edited_site(tmp_path, "one", False)
    site.write({"notes.txt": "not content\n"})
    edit(site, "content/de/2024/x.md", "date: 2024-07-17\n", "date: 2024-07-17\nconfirmed: {de: 1, ja: 2}, x\n")
    named = (DE, "content/de/2024/x.md", EN, "content/ja/nowhere.md", "notes.txt")
    run = _confirm(site, "--minor", *named)
    assert run.code == 2
    lines = run.stderr.splitlines()
    assert (
        "content/ja/nowhere.md:0: error: no such file; give the path of a version, e.g. content/ja/2025/visit.md"
        in lines
    )
    assert any(line.startswith("notes.txt:0: error: not a file of this site's content/") for line in lines)
    assert any(line.startswith("content/de/2024/x.md:4: error: YAML syntax error") for line in lines)
    assert "Traceback" not in run.stderr
    # The page's two files were still confirmed together.
    assert _states(site, code=1)["pages/imprint"] == ALL_OK
