"""A release begun with ``build.py new`` and translated as the README's workflow says: the
editor writes the German text, the translator exports, translates and imports.

The copies ``new`` makes in the other languages are ``untranslated``: they are what an export
is for, they hold no translation to offer, and an edit to one of them (the alt text the build
asks each version for, a translation begun by hand) is no change the German text must follow.
"""

from __future__ import annotations

from lxml import etree

from .test_content_status import edit, status
from .test_exchange import XLIFF, _translate_xliff

KEY = "2025/besuch-aus-kanagawa"
DE, JA, EN = (f"content/{lang}/{KEY}.md" for lang in ("de", "ja", "en"))


def _new_release(scratch_site):
    site = scratch_site({})
    run = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 0, run.stderr
    edit(site, DE, "Hier steht der Text der Pressemitteilung.", "Heute kam eine Delegation aus Kanagawa.")
    return site


def _export(site, *args: str):
    out = site.root.parent / "exchange"
    run = site.run("export", "--source", str(site.root), "--output", str(out), *args)
    assert run.code == 0, run.stderr
    return run, sorted(out.iterdir()) if out.exists() else []


def test_a_new_release_is_exported_for_translation_without_naming_it(scratch_site):
    site = _new_release(scratch_site)
    assert status(site)[KEY] == {"de": "ok", "ja": "untranslated", "en": "untranslated"}

    run, files = _export(site, "--to", "ja")

    assert f"exported {DE} (de) for ja: " in run.stdout
    assert [f.name for f in files] == ["2025--besuch-aus-kanagawa.de-ja.xlf"]
    # The copy's German title and Japanese placeholder are no translation: no target is offered.
    tree = etree.parse(str(files[0]))
    assert [unit.get("id") for unit in tree.iter(f"{XLIFF}unit")] == ["title", "b1"]
    assert not list(tree.iter(f"{XLIFF}target"))

    _translate_xliff(files[0])
    imported = site.run("import", "--source", str(site.root), str(files[0]))
    assert imported.code == 0, imported.stderr
    assert status(site)[KEY] == {"de": "ok", "ja": "ok", "en": "untranslated"}
    text = (site.root / JA).read_text(encoding="utf-8")
    assert "訳Heute kam eine Delegation aus Kanagawa." in text and "untranslated" not in text


def test_missing_takes_untranslated_copies_and_outdated_does_not(scratch_site):
    site = _new_release(scratch_site)

    missing, files = _export(site, "--to", "en", "--missing")
    assert [f.name for f in files] == ["2025--besuch-aus-kanagawa.de-en.xlf"], missing.stdout
    for file in files:
        file.unlink()
    outdated, files = _export(site, "--to", "en", "--outdated")
    assert files == []
    assert "nothing to export: no en version is outdated, untranslated or missing here" in outdated.stdout


def test_an_edit_to_an_untranslated_copy_outdates_no_other_version(scratch_site):
    site = _new_release(scratch_site)
    # The build asks every version showing a lead image for its own alt text: the editor gives
    # the copies one, and a translator begins the Japanese text by hand.
    edit(site, JA, "ここにプレスリリースの本文を書きます。", "本日、神奈川県から代表団が来訪しました。")
    edit(site, EN, "The text of the press release goes here.", "Today a delegation from Kanagawa came.")

    assert status(site)[KEY] == {"de": "ok", "ja": "untranslated", "en": "untranslated"}
    table = site.run("status", "--source", str(site.root)).stdout
    assert "OUTDATED" not in table and f"{DE}: outdated" not in table

    # English is translated and confirmed; the Japanese copy, still being written, changes on.
    edit(site, EN, 'title: "Besuch aus Kanagawa"', 'title: "Visit from Kanagawa"')
    assert site.run("confirm", "--source", str(site.root), str(site.root / EN)).code == 0
    edit(site, JA, "本日、", "本日午前、")
    assert status(site)[KEY] == {"de": "ok", "ja": "untranslated", "en": "ok"}

    # A change to a translated version is one to follow, as ever.
    edit(site, EN, "Today a delegation", "This morning a delegation")
    assert status(site)[KEY] == {"de": "outdated", "ja": "untranslated", "en": "ok"}


def test_a_minor_edit_leaves_the_untranslated_copies_untranslated(scratch_site):
    """A typo fixed in the German text and confirmed as minor moved the copies' records on and
    took their ``untranslated`` mark with it: the English copy, German words and all, was 'ok'
    and no longer exported."""
    site = _new_release(scratch_site)
    edit(site, DE, "Heute kam", "Heute kamm")
    assert site.run("confirm", "--source", str(site.root), str(site.root / DE)).code == 0
    edit(site, DE, "Heute kamm", "Heute kam")
    minor = site.run("confirm", "--minor", "--source", str(site.root), str(site.root / DE))
    assert minor.code == 0, minor.stderr
    assert f"{EN}: still matches" not in minor.stdout
    assert status(site)[KEY] == {"de": "ok", "ja": "untranslated", "en": "untranslated"}
    assert "untranslated: true" in (site.root / EN).read_text(encoding="utf-8")


def test_an_import_leaves_another_untranslated_copy_untranslated(scratch_site):
    """The Japanese translation of a release whose German text is as ``new`` made it was
    recorded as agreeing with the English copy too, which lost its ``untranslated`` mark."""
    site = scratch_site({})
    run = site.run("new", "Besuch aus Kanagawa", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 0, run.stderr
    _, [file] = _export(site, "--to", "ja")
    _translate_xliff(file)
    imported = site.run("import", "--source", str(site.root), str(file))
    assert imported.code == 0, imported.stderr
    assert f"into {JA}: confirmed against de\n" in imported.stdout
    assert status(site)[KEY] == {"de": "ok", "ja": "ok", "en": "untranslated"}
    assert "untranslated: true" in (site.root / EN).read_text(encoding="utf-8")
