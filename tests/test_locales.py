"""``site.yaml``'s ``locales`` picks each language's CLDR locale: British English dates and og:locale."""

from __future__ import annotations

import os

import pytest

from .conftest import PROJECT
from .test_translations import release


def _site(scratch_site, settings: str):
    return scratch_site(
        {
            "site.yaml": settings,
            "content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n"),
            "content/en/2024/x.md": release("Declaration"),
            "content/ja/2024/x.md": release("宣言"),
        }
    )


def test_en_gb_writes_british_dates_and_og_locale(scratch_site):
    site = _site(scratch_site, "locales: {en: en_GB}\n")
    assert site.build().code == 0, site.build().stderr
    page = site.page("/en/releases/2024/x/")
    assert "17 July 2024" in page.text and "July 17, 2024" not in page.text
    assert '<meta property="og:locale" content="en_GB">' in page.html
    # The other versions name the English one by its locale too.
    ja = site.page("/ja/releases/2024/x/")
    assert '<meta property="og:locale:alternate" content="en_GB">' in ja.html
    assert '<meta property="og:locale" content="ja_JP">' in ja.html


def test_without_locales_english_keeps_cldr_defaults(scratch_site):
    site = _site(scratch_site, "title: {de: T, ja: T, en: T}\n")
    assert site.build().code == 0
    page = site.page("/en/releases/2024/x/")
    assert "July 17, 2024" in page.text
    assert '<meta property="og:locale" content="en_US">' in page.html


def test_a_wrong_locale_is_reported_with_its_line(scratch_site):
    site = _site(scratch_site, "title: {de: T, ja: T, en: T}\nlocales: {en: de_DE, ja: xx_YY}\n")
    run = site.build()
    assert run.code == 1
    assert "site.yaml:2: error: locales: 'de_DE' is not a locale of the language 'en'" in run.stderr
    assert "site.yaml:2: error: locales: unknown locale 'xx_YY' for ja" in run.stderr


def test_a_language_with_a_region_or_script_builds_and_one_without_a_catalog_is_warned(scratch_site):
    """pt-BR and zh-Hant passed the settings check, then stopped every build in og:locale."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de, pt-BR, zh-Hant]\n",
            "content/de/2024/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n",
            "content/pt-BR/2024/a.md": "---\ntitle: Um\n---\n\nTexto.\n",
            "content/zh-Hant/2024/a.md": "---\ntitle: 一\n---\n\n文字。\n",
        },
        with_defaults=False,
    )
    run = site.build()
    assert run.code == 0, run.stderr
    i18n_update = f"{os.path.relpath(PROJECT / '.venv/bin/python')} {os.path.relpath(PROJECT / 'build.py')}"
    i18n_update += f" i18n update --source {os.path.relpath(site.root)}"  # runnable as shown
    assert 'content="pt_BR"' in site.page("/pt-BR/").html
    assert 'content="zh_TW"' in site.page("/zh-Hant/").html
    # Its language's catalog would do as well as its own (`catalog_path`): the warning named only
    # locales/pt-BR/, and an editor with a Portuguese catalog at hand did not know it would.
    assert (
        "locales/pt-BR/LC_MESSAGES/messages.po:0: warning: no catalog for 'pt-BR' in locales/pt-BR/ or"
        " locales/pt/ (either would do): its pages would show the interface in English;"
        f" run '{i18n_update}' and translate it"
    ) in run.stderr.splitlines()
    assert "no catalog for 'de'" not in run.stderr
    status = site.run("i18n", "status", "--source", str(site.root)).stderr.splitlines()
    assert f"zh-Hant: no catalog in locales/zh-Hant/ or locales/zh/ (either would do); run '{i18n_update}'" in status


@pytest.mark.parametrize("value", ["'²'", "0", "-3", "1001", "9" * 5000, "ten"])
def test_list_lengths_are_whole_numbers_in_a_sane_range(scratch_site, value):
    """'²' passed str.isdigit() and 5,000 nines int()'s digit limit: both stopped the build."""
    site = scratch_site(
        {
            "site.yaml": f"per_page: {value}\nhome_count: {value}\n",
            "content/de/2024/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n\nT.\n",
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert "site.yaml:1: error: per_page: expected a whole number from 1 to 1,000" in run.stderr.splitlines()
    assert "site.yaml:2: error: home_count: expected a whole number from 1 to 1,000" in run.stderr.splitlines()


def test_another_languages_catalog_saved_in_a_languages_folder_is_refused_at_its_header(scratch_site):
    """The Japanese catalog copied into ``locales/de/``: every German page showed the interface
    in Japanese, and check, the build and ``i18n status`` ("all catalogs complete") passed it."""
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    japanese = (PROJECT / "locales/ja/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    for lang in ("de", "ja", "en"):
        own = (PROJECT / f"locales/{lang}/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
        site.write({f"locales/{lang}/LC_MESSAGES/messages.po": japanese if lang == "de" else own})
    line = japanese[: japanese.index('"Language: ja')].count("\n") + 1
    said = (
        f"locales/de/LC_MESSAGES/messages.po:{line}: error: the catalog says it is in 'ja' (its Language header),"
        " but it stands in the folder of 'de', whose pages would show its words: put the 'de' catalog here, or,"
        " if it is one, write 'Language: de' in its header"
    )
    build = site.build()
    assert build.code == 1 and said in build.stderr.splitlines()
    status = site.run("i18n", "status", "--source", str(site.root))
    assert status.code == 1 and said in status.stdout.splitlines() + status.stderr.splitlines()
    # A catalog of a region's variety, or of the language itself, is that language's.
    site.write({"locales/de/LC_MESSAGES/messages.po": japanese.replace('"Language: ja', '"Language: de_AT')})
    assert site.build().code == 0


def test_a_language_with_a_region_speaks_with_its_languages_catalog(scratch_site):
    """``languages: [de, ja-JP]``: the ja-JP pages showed the interface in English ("3 minutes",
    "Press releases"), as no catalog was found under ``locales/ja-JP/``; the Japanese one is its."""
    body = "本文です。" * 375  # 1,500 characters (punctuation aside): three minutes at 500 a minute
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ja-JP]\n",
            "content/de/2024/a.md": release("Besuch", "date: 2024-07-17\n"),
            "content/ja-JP/2024/a.md": release("訪問", body=body),
        },
        with_defaults=False,
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert "no catalog for 'ja-JP'" not in run.stderr
    page = site.page("/ja-JP/releases/2024/a/")
    assert '<html lang="ja-JP"' in page.html
    assert "約3分" in page.text and "3 minutes" not in page.text
    assert "2024年7月17日" in page.text
    assert "プレスリリース" in page.text and "Press releases" not in page.text
    status = site.run("i18n", "status", "--source", str(site.root))
    assert "ja-JP: no catalog" not in status.stderr
    assert "all catalogs complete" in status.stdout, status.stdout + status.stderr


def test_a_regions_own_catalog_comes_before_its_languages(scratch_site):
    """A site that keeps ``locales/de-CH/`` speaks Swiss German on its de-CH pages, and its other
    languages' catalogs stay those of their language (``locales/ja/`` for ja-JP)."""
    german = (PROJECT / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    japanese = (PROJECT / "locales/ja/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    swiss = german.replace('"Language: de', '"Language: de_CH').replace(
        'msgstr "Pressemitteilungen"', 'msgstr "Medienmitteilungen"'
    )
    site = scratch_site(
        {
            "site.yaml": "languages: [de-CH, ja-JP]\n",
            "locales/de/LC_MESSAGES/messages.po": german,
            "locales/de-CH/LC_MESSAGES/messages.po": swiss,
            "locales/ja/LC_MESSAGES/messages.po": japanese,
            "content/de-CH/2024/a.md": release("Besuch", "date: 2024-07-17\n"),
            "content/ja-JP/2024/a.md": release("訪問"),
        },
        with_defaults=False,
    )
    assert site.build().code == 0
    assert "Medienmitteilungen" in site.page("/de-CH/releases/2024/a/").text
    assert "プレスリリース" in site.page("/ja-JP/releases/2024/a/").text
    # An edit of the language's catalog is an edit of the region's pages: they are rebuilt.
    site.write({"locales/ja/LC_MESSAGES/messages.po": japanese.replace('msgstr "プレスリリース"', 'msgstr "報道発表"')})
    assert site.build().code == 0
    assert "報道発表" in site.page("/ja-JP/releases/2024/a/").text
    # `i18n update` keeps the language's catalog as its language's: none made for ja-JP.
    assert site.run("i18n", "update", "--source", str(site.root)).code == 0
    assert not (site.root / "locales/ja-JP").exists()
    kept = (site.root / "locales/ja/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert '"Language: ja\\n"' in kept and "報道発表" in kept
