"""What changed since a version was confirmed (``diff``, ``status`` word counts) and minor edits
(``confirm --minor``), with git history made in the test and without it."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from pressroom.workflow.diff import field_diff

from .test_content_status import confirm, edit, status
from .test_translations import release

DE = "Baden-Württemberg und Kanagawa bauen ihre Partnerschaft aus.\n\nEin zweiter Absatz bleibt gleich."
JA = "バーデン＝ヴュルテンベルク州と神奈川県は協力を強化します。"
EN = "Baden-Württemberg and Kanagawa expand their partnership."


def _git(root, *args: str) -> str:
    run = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def _site(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Partnerschaft", "date: 2024-07-17\n", DE),
            "content/ja/2024/x.md": release("パートナーシップ", "", JA),
            "content/en/2024/x.md": release("Partnership", "", EN),
        }
    )
    confirm(site, "content/de/2024/x.md", "content/ja/2024/x.md", "content/en/2024/x.md")
    return site


def _committed(scratch_site):
    site = _site(scratch_site)
    _git(site.root, "init", "-q")
    _git(site.root, "add", "content")
    _git(site.root, "commit", "-q", "-m", "confirmed translations")
    return site


def test_diff_shows_the_words_changed_since_confirmation_from_git_history(scratch_site):
    site = _committed(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre Partnerschaft aus", "bauen ihre enge Partnerschaft weiter aus")
    _git(site.root, "commit", "-q", "-am", "German text revised")
    edit(site, "content/de/2024/x.md", "title: Partnerschaft", "title: Neue Partnerschaft")

    run = site.run("diff", "--source", str(site.root), str(site.root / "content/ja/2024/x.md"))
    assert run.code == 0, run.stderr
    assert "== content/de/2024/x.md changed since content/ja/2024/x.md was confirmed" in run.stdout
    assert "3 words changed" in run.stdout  # "Neue", "enge", "weiter" and nothing else
    assert "title: {+Neue +}Partnerschaft" in run.stdout
    assert "bauen ihre {+enge +}Partnerschaft{+ weiter+} aus." in run.stdout
    # Unchanged paragraphs are left out of the body.
    assert "zweiter Absatz" not in run.stdout
    # The commit it found is the first one, whose text the Japanese version was confirmed against.
    first = _git(site.root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert f"commit {first[:10]}" in run.stdout

    data = json.loads(site.run("status", "--json", "--source", str(site.root)).stdout)
    assert data["releases"][0]["changed_words"] == {"ja": {"de": 3}, "en": {"de": 3}}
    table = site.run("status", "--source", str(site.root)).stdout
    assert "ja: 0 ok, 1 outdated (3 changed words), 0 untranslated, 0 missing" in table
    assert "content/en/2024/x.md: outdated: de changed since it was confirmed (de: 3 words)" in table


def test_japanese_changes_are_counted_in_characters(scratch_site):
    site = _committed(scratch_site)
    edit(site, "content/ja/2024/x.md", "協力を強化します", "経済協力を強化します")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/en/2024/x.md"))
    assert "{+経済+}協力" in run.stdout
    assert "2 characters changed" in run.stdout  # and so said: "2 words changed" counted 経 and 済


def test_korean_changes_are_counted_in_words(scratch_site):
    """Korean separates its words with spaces, as German does: a word added to a Korean version
    was told its translators as "2 characters changed", each syllable block one."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ko]\n",
            "content/de/2024/x.md": release("Partnerschaft", "date: 2024-07-17\n", "Ein Text."),
            "content/ko/2024/x.md": release("협력", "", "바덴뷔르템베르크주와 가나가와현은 협력을 강화합니다."),
        },
        with_defaults=False,
    )
    confirm(site, "content/de/2024/x.md", "content/ko/2024/x.md")
    _git(site.root, "init", "-q")
    _git(site.root, "add", "content")
    _git(site.root, "commit", "-q", "-m", "confirmed translations")
    edit(site, "content/ko/2024/x.md", "협력을 강화합니다", "경제 협력을 강화합니다")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert run.code == 0, run.stderr
    assert "가나가와현은{+ 경제+} 협력을" in run.stdout  # a word added whole, as in German
    assert "1 word changed" in run.stdout
    table = site.run("status", "--source", str(site.root)).stdout
    assert "content/de/2024/x.md: outdated: ko changed since it was confirmed (ko: 1 word)" in table


def test_diff_without_git_says_so_and_shows_the_current_text(scratch_site):
    site = _site(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre Partnerschaft aus", "bauen ihre enge Partnerschaft aus")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/en/2024/x.md"))
    assert run.code == 0
    assert "what it said then is not known: the site is not in a git repository" in run.stdout
    assert "bauen ihre enge Partnerschaft aus." in run.stdout
    assert "Ein zweiter Absatz bleibt gleich." in run.stdout
    # A version that is up to date has nothing to show.
    up = site.run("diff", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert "up to date" in up.stdout


def test_diff_with_git_but_no_matching_commit_says_so(scratch_site):
    site = _site(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre", "bauen nun ihre")
    _git(site.root, "init", "-q")
    _git(site.root, "add", "content")
    _git(site.root, "commit", "-q", "-m", "only the edited text was ever committed")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/ja/2024/x.md"))
    assert "no commit of content/de/2024/x.md has the text it was confirmed against" in run.stdout
    assert "bauen nun ihre" in run.stdout


def test_a_minor_edit_leaves_the_other_versions_ok(scratch_site):
    site = _site(scratch_site)
    assert status(site) == {"2024/x": {"de": "ok", "ja": "ok", "en": "ok"}}
    edit(site, "content/de/2024/x.md", "Partnerschaft aus", "Partnerschaft aus ")  # no change at all
    edit(site, "content/de/2024/x.md", "Kanagawa bauen", "Kanagwa bauen")  # a typo
    assert status(site) == {"2024/x": {"de": "ok", "ja": "outdated", "en": "outdated"}}
    run = site.run("confirm", "--minor", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert run.code == 0, run.stderr
    assert "content/ja/2024/x.md: still matches content/de/2024/x.md (minor edit)" in run.stdout
    assert status(site) == {"2024/x": {"de": "ok", "ja": "ok", "en": "ok"}}
    # The German file itself is untouched; the others' records moved on.
    assert "Kanagwa bauen" in (site.root / "content/de/2024/x.md").read_text()
    # A real edit afterwards still flags the others.
    edit(site, "content/de/2024/x.md", "Partnerschaft aus", "Partnerschaft weiter aus")
    assert status(site) == {"2024/x": {"de": "ok", "ja": "outdated", "en": "outdated"}}


def test_a_minor_edit_does_not_hide_an_earlier_real_change(scratch_site):
    site = _committed(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre", "bauen nun ihre")  # needs translating
    _git(site.root, "commit", "-q", "-am", "real change")
    confirm(site, "content/en/2024/x.md")  # the English version was updated; the Japanese not yet
    _git(site.root, "commit", "-q", "-am", "English confirmed")
    edit(site, "content/de/2024/x.md", "bauen nun", "baun nun")  # then a typo
    run = site.run("confirm", "--minor", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert "content/ja/2024/x.md: stays outdated: it missed an earlier change of content/de/2024/x.md" in run.stdout
    assert status(site) == {"2024/x": {"de": "ok", "ja": "outdated", "en": "ok"}}


def test_a_long_body_edited_in_many_places_is_compared_quickly_and_exactly():
    # One comparison of two 30,000-character versions took minutes; by paragraph it is instant.
    sentences = [JA, "両者は経済、学術、文化の分野で交流を重ねています。", "今後も定期的に会合を開きます。"]
    paragraphs = ["".join(sentences[(p + s) % 3] for s in range(12)) for p in range(120)]
    edited = [text.replace("協力", "連携", 1) if p % 10 == 0 else text for p, text in enumerate(paragraphs)]
    old, new = "\n\n".join(paragraphs), "\n\n".join(edited)
    assert len(old) > 30_000
    start = time.perf_counter()
    body = field_diff("body", old, new, "ja")
    assert time.perf_counter() - start < 3
    assert body.changed == 2 * sum(1 for p, text in enumerate(paragraphs) if p % 10 == 0 and "協力" in text)
    assert "".join(text for kind, text in body.pieces if kind != "+") == old
    assert "".join(text for kind, text in body.pieces if kind != "-") == new
    assert ("-", "協力") in body.pieces and ("+", "連携") in body.pieces
    # A paragraph of thousands of characters rewritten whole is shown removed and added.
    rewritten = field_diff("body", old.replace("\n\n", ""), new.replace("\n\n", "")[::-1], "ja")
    assert [kind for kind, _ in rewritten.pieces] == ["-", "+"]


def test_a_body_of_thousands_of_alike_lines_is_compared_quickly():
    # difflib compared each blank line between paragraphs with every copy of it: these 8,000
    # paragraphs took 10 s and more, 80,000 most of an hour.
    old = "Absatz.\n\n" * 4_000 + "Ende.\n\n" + "Schluss.\n\n" * 4_000
    new = old.replace("Ende.", "Das Ende.")
    start = time.perf_counter()
    body = field_diff("body", old, new, "de")
    assert time.perf_counter() - start < 3
    assert body.changed == 1 and ("+", "Das ") in body.pieces
    assert "".join(text for kind, text in body.pieces if kind != "+") == old
    assert "".join(text for kind, text in body.pieces if kind != "-") == new
    # Edited at both ends too, the lines between are shown replaced rather than compared.
    both = field_diff("body", "Anfang.\n" + old + "Ende.", "Beginn.\n" + old + "Schluss.", "de")
    assert [kind for kind, _ in both.pieces] == ["-", "+"]


def _unreadable_history(site, damage: str) -> None:
    if damage == "head":
        (site.root / ".git/HEAD").write_text("garbage\n")  # git: "not a git repository"
    else:
        for loose in (site.root / ".git/objects").glob("??/*"):
            loose.chmod(0o644)
            loose.write_bytes(b"junk")  # git log: "inflate: data stream error"


@pytest.mark.parametrize("damage", ["head", "objects"])
def test_diff_in_a_repository_git_cannot_read_says_so_and_falls_back(scratch_site, damage):
    site = _committed(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre Partnerschaft aus", "bauen ihre enge Partnerschaft aus")
    _unreadable_history(site, damage)
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/en/2024/x.md"))
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    [said] = [line for line in run.stdout.splitlines() if "what it said then is not known" in line]
    expected = "git cannot read the repository the site is in (" if damage == "head" else "git cannot read the history"
    assert expected in said and said.endswith("is unavailable."), said
    assert "not in a git repository" not in said and "no committed version" not in said
    assert "bauen ihre enge Partnerschaft aus." in run.stdout  # the current text, as without git
    assert status(site)["2024/x"] == {"de": "ok", "ja": "outdated", "en": "outdated"}


def test_a_mistake_elsewhere_in_the_site_does_not_fail_a_diff(scratch_site):
    """As for confirm and import: the diff asked for is shown, exit 0, and a mistake in another
    release is counted in a note for check to list; one in the release asked about is said."""
    site = _site(scratch_site)
    site.write({"content/de/2024/broken.md": "---\ntitle: [unclosed\n---\n\nText.\n"})
    edit(site, "content/de/2024/x.md", "bauen ihre Partnerschaft aus", "bauen ihre enge Partnerschaft aus")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/en/2024/x.md"))
    assert run.code == 0, run.stderr
    assert "bauen ihre enge Partnerschaft aus." in run.stdout
    assert run.stderr == "note: 1 other file(s) of the site have errors, which 'build.py check' lists\n"
    site.write({"content/en/2024/x.md": "---\ntitle: [unclosed\n---\n\nText.\n"})
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/de/2024/x.md"))
    assert run.code == 1
    assert "content/en/2024/x.md:2: error:" in run.stderr


def test_one_changed_word_is_said_as_one(scratch_site, tmp_path):
    """'1 words changed', '(1 changed words)', 'de: 1 words' and, on the translation office's page,
    '1 changed words' and '1 words changed in German'."""
    site = _committed(scratch_site)
    edit(site, "content/de/2024/x.md", "bauen ihre Partnerschaft aus", "bauen ihre enge Partnerschaft aus")
    run = site.run("diff", "--source", str(site.root), str(site.root / "content/ja/2024/x.md"))
    assert "1 word changed" in run.stdout and "words" not in run.stdout.split("\n", 1)[0]
    table = site.run("status", "--source", str(site.root)).stdout
    assert "ja: 0 ok, 1 outdated (1 changed word), 0 untranslated, 0 missing" in table
    assert "(de: 1 word)" in table
    page = tmp_path / "status.html"
    assert site.run("status", "--source", str(site.root), "--html", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert "1 word changed in German" in html and "1 Wort geändert in: Deutsch" in html
    assert "missing; 1 changed word<" in html and "1 geändertes Wort" in html
    assert "1 changed words" not in html and "1 words" not in html
