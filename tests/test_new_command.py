"""``build.py new``: the file names it chooses and what it refuses to write."""

from __future__ import annotations

import unicodedata

import pytest

from pressroom.source.slugs import is_valid_slug, slugify

from .test_translations import release


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("学校が始まる", "学校が始まる"),
        ("パートナーシップ", "パートナーシップ"),
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width katakana, its voicing mark a letter of its own
        ("ぱぴぷぺぽ", "ぱぴぷぺぽ"),
        ("Café Crème in Nürnberg", "cafe-creme-in-nuernberg"),  # Latin letters still folded to ASCII
        ("Việt Nam", "viet-nam"),
        ("Моска́ва", "москава"),  # a stress mark no letter takes is dropped, not a hyphen
    ],
)
def test_slugs_keep_japanese_voiced_kana_and_fold_latin_letters(title, slug):
    assert slugify(title) == slug
    assert is_valid_slug(slug) and slugify(slug) == slug


def test_new_and_the_build_make_one_slug_of_voiced_kana(scratch_site):
    site = scratch_site({"content/ja/2024/がっこう.md": release("学校", "date: 2024-07-17\n")})
    run = site.run("new", "ガイドブック", "--lang", "ja", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 0, run.stderr
    name = unicodedata.normalize("NFC", "ガイドブック.md")
    assert sorted(path.name for path in (site.root / "content/ja/2025").iterdir()) == [name]
    assert site.build("--drafts").code == 0
    assert site.exists("/ja/releases/2025/ガイドブック/")
    assert site.exists("/ja/releases/2024/がっこう/")  # the build's slug of a file name: the same rule


def _new(site, title: str, *args: str):
    return site.run("new", title, "--source", str(site.root), "--date", "2025-03-04", *args)


def _files(site) -> list[str]:
    return sorted(path.relative_to(site.root).as_posix() for path in (site.root / "content").rglob("*.md"))


@pytest.mark.parametrize("title", ["Con", "PRN", "aux", "Nul", "COM1", "lpt9", "ｃｏｍ３"])
def test_new_refuses_a_name_windows_keeps_for_a_device(scratch_site, title):
    site = scratch_site({})
    run = _new(site, title)
    assert run.code == 2
    slug = slugify(title)
    assert (
        f"build.py new: error: content/de/2025/{slug}.md: '{slug}' is a name Windows keeps for a device, so the"
        " file cannot be checked out there; choose another title"
    ) in run.stderr
    assert _files(site) == []
    assert _new(site, f"{title} Tokyo").code == 0  # a device name inside a longer one is fine


def test_new_refuses_a_name_that_differs_only_in_case_from_a_file_there(scratch_site):
    site = scratch_site({"content/ja/2025/Besuch.md": release("訪問", "date: 2025-01-01\nslug: houmon\n")})
    before = _files(site)
    run = _new(site, "Besuch")
    assert run.code == 2
    assert (
        "build.py new: error: content/ja/2025/Besuch.md already exists, and besuch.md differs from it only in"
        " case: one file on Windows and macOS; choose another title"
    ) in run.stderr
    assert _files(site) == before


@pytest.mark.parametrize(
    ("existing", "said"),
    [
        (
            ("content/de/2025/anders.md", "date: 2025-01-01\nslug: besuch\n"),
            "content/de/2025/anders.md already has the address /de/releases/2025/besuch/ (its slug:)",
        ),
        (
            ("content/en/2024/visit.md", "date: 2025-02-01\nslug: Besuch\n"),
            "content/en/2024/visit.md already has the address /en/releases/2025/Besuch/ (its slug:)",
        ),
        (
            ("content/ja/2024/besuch.md", "date: 2025-02-01\n"),
            "content/ja/2024/besuch.md already has the address /ja/releases/2025/besuch/ (its file name and date)",
        ),
        (
            ("content/de/2024/anders.md", "date: 2024-02-01\nkey: 2025/besuch\n"),
            "content/de/2024/anders.md already has the key '2025/besuch' (key: in its front matter)",
        ),
    ],
)
def test_new_refuses_an_address_or_key_another_release_has(scratch_site, existing, said):
    path, front = existing
    site = scratch_site({path: release("Andere Meldung", front)})
    assert site.build().code == 0
    before = _files(site)
    run = _new(site, "Besuch")
    assert run.code == 2
    assert f"build.py new: error: {said}; choose another title" in run.stderr
    assert _files(site) == before
    # The same title in another year is another address.
    assert site.run("new", "Besuch", "--source", str(site.root), "--date", "2023-03-04").code == 0


def test_new_reports_the_errors_of_site_yaml_and_writes_nothing(scratch_site):
    site = scratch_site({"site.yaml": "title: {de: T, ja: T, en: T}\nlanguages: [de, ja, en]\ntitel: X\n"})
    run = _new(site, "Besuch")
    assert run.code == 1
    assert any(line.startswith("site.yaml:3: error: unknown setting 'titel'") for line in run.stderr.splitlines())
    assert "build.py new: nothing created: fix site.yaml first" in run.stderr
    assert _files(site) == []


def test_new_never_writes_through_a_link_out_of_the_site(scratch_site, tmp_path):
    site = scratch_site({"content/de/2024/x.md": release("A", "date: 2024-07-17\n")})
    elsewhere = tmp_path / "other-project" / "ja"
    elsewhere.mkdir(parents=True)
    (site.root / "content/ja").symlink_to(elsewhere, target_is_directory=True)
    run = _new(site, "Besuch")
    assert run.code == 2
    assert (
        f"build.py new: error: content/ja is a link to {elsewhere}, outside the site; new writes only inside it"
    ) in run.stderr
    assert list(elsewhere.iterdir()) == []
    assert _files(site) == ["content/de/2024/x.md"]
    # A link to a folder inside the site is the site's own business.
    (site.root / "content/ja").unlink()
    (site.root / "shared-ja").mkdir()
    (site.root / "content/ja").symlink_to(site.root / "shared-ja", target_is_directory=True)
    assert _new(site, "Besuch").code == 0
    assert (site.root / "shared-ja/2025/besuch.md").is_file()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # cut at 60 characters after "in der": the little words go, the slug ends in "wege"
        (
            "Stuttgart und Kanagawa gehen gemeinsam neue Wege in der Wasserstoffwirtschaft",
            "stuttgart-und-kanagawa-gehen-gemeinsam-neue-wege",
        ),
        (
            "Baden-Württemberg and Kanagawa renew their partnership with a new focus on hydrogen",
            "baden-wuerttemberg-and-kanagawa-renew-their-partnership",
        ),
        ("Neue Wege in der", "neue-wege-in-der"),  # a title short enough is the editor's own, as written
    ],
)
def test_new_ends_a_slug_it_cuts_short_in_a_word_that_carries_meaning(scratch_site, title, slug):
    site = scratch_site({})
    run = _new(site, title)
    assert run.code == 0, run.stderr
    assert _files(site) == [f"content/{lang}/2025/{slug}.md" for lang in ("de", "en", "ja")]


def test_new_tells_every_unknown_id_and_language_at_once_and_writes_nothing(scratch_site):
    """Only the first was told: an editor mended it, ran the command again, and met the next."""
    site = scratch_site({})
    run = _new(site, "Besuch", "--partner", "kanagwa", "--topic", "Energy", "--topic", "mobility", "--lang", "fr")
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "build.py new: error: unknown partner 'kanagwa' (did you mean 'kanagawa'?)",
        "build.py new: error: unknown topic 'Energy' (did you mean 'energy'?)",
        "build.py new: error: unknown topic 'mobility'",
        "build.py new: error: unknown language 'fr' (languages: de, ja, en)",
    ]
    assert _files(site) == []


def test_new_writes_an_id_named_twice_once(scratch_site):
    site = scratch_site({})
    run = _new(
        site, "Besuch", "--partner", "kanagawa", "--partner", "kanagawa", "--topic", "energy", "--topic", "energy"
    )
    assert run.code == 0, run.stderr
    for lang in ("de", "ja", "en"):
        text = (site.root / f"content/{lang}/2025/besuch.md").read_text(encoding="utf-8")
        assert "\npartners: [kanagawa]\ntopics: [energy]\n" in text


def test_new_writes_a_title_pasted_in_decomposed_letters_as_composed_ones(scratch_site):
    site = scratch_site({})
    assert _new(site, unicodedata.normalize("NFD", "Grüße aus Übersee")).code == 0
    text = (site.root / "content/de/2025/gruesse-aus-uebersee.md").read_text(encoding="utf-8")
    assert '\ntitle: "Grüße aus Übersee"\n' in text
    assert unicodedata.is_normalized("NFC", text)
