"""Import as a translation office uses it: several languages of a release in one command, a
file sent back untouched, what a CAT tool may say or leave in a file that does not fit it."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from .test_content_status import status
from .test_exchange import XLIFF, _export, _import_refused, _office, _translate_xliff, _translated_export, _with_target
from .test_translations import release

GERMAN = "content/de/2024/x.md"


@pytest.fixture
def office(scratch_site):
    return _office(scratch_site)


def _import(site, *files) -> str:
    run = site.run("import", "--source", str(site.root), *map(str, files))
    assert run.code == 0, run.stderr
    return run.stdout


def test_two_languages_imported_in_one_command_are_both_up_to_date(office):
    """The Japanese and the English file of one release, imported together: the second import's
    records build on the first's, as with one command each (the second wrote over the first's
    record in the German version, and both translations showed as outdated)."""
    [to_japanese] = _export(office, "--to", "ja", GERMAN)
    to_english = next(file for file in _export(office, "--to", "en", GERMAN) if file.name.endswith("de-en.xlf"))
    _translate_xliff(to_japanese)
    _translate_xliff(to_english, lambda text: f"EN {text}")
    said = _import(office, to_japanese, to_english)
    assert "x.de-ja.xlf into content/ja/2024/x.md: confirmed against de\n" in said
    assert "x.de-en.xlf into content/en/2024/x.md: confirmed against de, ja\n" in said
    versions = status(office)["2024/x"]
    assert {
        lang: versions[lang]["state"] if isinstance(versions[lang], dict) else versions[lang] for lang in versions
    } == {
        "de": "ok",
        "ja": "ok",
        "en": "ok",
    }


def test_a_file_sent_back_untouched_changes_nothing(office):
    """Export, import as it came: no file changes, not the order of a record's entries nor the
    quoting of a value beginning with a digit (1989年から… was written back in quotes)."""
    german = office.root / GERMAN
    german.write_text(
        german.read_text(encoding="utf-8").replace("source: Staatsministerium", "source: 1989年から友好提携"),
        encoding="utf-8",
    )
    file = _translated_export(office)
    _import(office, file)
    confirmed = office.run("confirm", "--source", str(office.root), str(german))
    assert confirmed.code == 0, confirmed.stderr
    before = {path: path.read_bytes() for path in (office.root / "content").rglob("*.md")}
    japanese = (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "source: 訳1989年から友好提携\n" in japanese
    assert re.search(r"confirmed: \{de: \w+, ja: \w+\}", before[german].decode())  # confirm: its own first

    [again] = _export(office, "--to", "ja", GERMAN)
    said = _import(office, again)
    assert "content/ja/2024/x.md says this already and is up to date; unchanged" in said
    assert {path: path.read_bytes() for path in (office.root / "content").rglob("*.md")} == before


def test_a_po_file_in_another_language_and_an_xliff_from_another_are_refused(office):
    [po] = _export(office, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    filled = re.sub(r'msgstr ""\n(?=\n|#|$)', 'msgstr "訳"\n', text.replace('"Language: ja\\n"', '"Language: en\\n"'))
    po.write_text(filled, encoding="utf-8")
    said = _import_refused(office, po)
    line = text[: text.index('"Language:')].count("\n") + 1
    assert f"x.de-ja.po:{line}: error: the file says it is in en (Language), but it was exported for ja" in said

    po.unlink()
    file = _translated_export(office)
    file.write_text(file.read_text(encoding="utf-8").replace('srcLang="de"', 'srcLang="en"'), encoding="utf-8")
    said = _import_refused(office, file)
    assert "the file says it is translated from en (srcLang), but it was exported from de" in said


def test_a_po_file_whose_header_still_says_charset_placeholder_is_imported(office):
    """A PO editor that wrote xgettext's placeholder ``charset=CHARSET`` back into the header:
    the text is UTF-8, so the file imports (it ended in a traceback)."""
    [po] = _export(office, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    assert "charset=utf-8" in text
    filled = re.sub(r'msgid "(.+)"\nmsgstr ""\n', lambda m: f'msgid "{m[1]}"\nmsgstr "訳{m[1]}"\n', text)
    po.write_text(filled.replace("charset=utf-8", "charset=CHARSET"), encoding="utf-8")
    _import(office, po)
    japanese = (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "title: 訳Kanagawa und Baden-Württemberg" in japanese


def test_a_text_with_a_line_separator_character_comes_back_from_its_po_file(scratch_site):
    """U+2028 (LINE SEPARATOR, which text pasted from a layout program or a PDF may hold) inside a
    paragraph: a PO file ends lines at line feeds only, so the exported file imports; it was
    refused as "a string without its closing quote", the line cut at that character."""
    body = "Erster Satz.\u2028Zweiter Satz.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    assert '"Erster Satz.\u2028"' in text
    po.write_text(re.sub(r'msgstr ""\n(?=\n|#|$)', 'msgstr "訳\u2028文"\n', text), encoding="utf-8")
    _import(site, po)
    assert "\n訳\u2028文\n" in (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")


def test_words_that_look_like_codes_are_told_apart_from_the_codes(scratch_site):
    """A source whose words hold "<1>" and "<2/>" next to a link: its codes are numbered past
    them, so that the source's words kept in the translation import (it was refused: "<2/> is not
    one of the source's codes")."""
    body = "Stufe <1> und <2/> und \\<3> vor dem [Link](https://example.org/) und *mehr*.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Stufe <1> und <2/> und <3> vor dem <4>Link</4> und <5>mehr</5>."' in text
    copied = re.sub(r'msgid "(.*)"\nmsgstr ""', lambda m: f'msgid "{m[1]}"\nmsgstr "訳{m[1]}"', text)
    po.write_text(copied, encoding="utf-8")
    _import(site, po)
    japanese = (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "訳Stufe \\<1\\> und \\<2/\\> und \\<3\\> vor dem [Link](https://example.org/) und *mehr*." in japanese


def test_an_empty_link_or_an_element_xliff_does_not_have_is_refused(office):
    file = _translated_export(office)

    def emptied(segment, target):
        pc = next(child for child in target.iter(f"{XLIFF}pc") if child.get("id") == "1")
        pc.text = ""

    _with_target(file, "b1", emptied)
    said = _import_refused(office, file)
    assert re.search(r"error: unit b1 \(paragraph\): <1>…</1> \(emphasis\) holds no words", said), said

    file.unlink()
    file = _translated_export(office)

    def bold(segment, target):
        etree.SubElement(target, f"{XLIFF}b").text = "fett"

    _with_target(file, "b1", bold)
    said = _import_refused(office, file)
    assert "unit b1 (paragraph) holds <b>, which is no inline element of XLIFF 2" in said
    assert "fett" not in (office.root / GERMAN).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("added", "said"),
    [
        ('<pc id="z">neu</pc>', '<pc id="z">, which is not one of the source\'s codes; take it out and keep its words'),
        ('<sc id="a"/>', '<sc id="a">, which is not one of the source\'s codes; take it out'),
        ("<ph/>", '<ph id="">, which is not one of the source\'s codes; take it out'),
    ],
)
def test_a_code_a_tool_added_with_an_id_of_its_own_is_refused(office, added, said):
    """A code whose id is none of the numbers the export gave its codes: it was written into the
    page as the words "<z>neu</z>" (only "<1>"-like text was read as a code), and imported."""
    file = _translated_export(office)

    def added_code(segment, target):
        target.append(etree.fromstring(f'<x xmlns="{XLIFF[1:-1]}">{added}</x>')[0])

    _with_target(file, "b1", added_code)
    refused = _import_refused(office, file)
    assert f"error: unit b1 (paragraph) holds {said}" in refused, refused


def test_a_stale_file_says_how_to_export_it_again_as_it_was_exported(office):
    [po] = _export(office, "--to", "ja", "--format", "po", GERMAN)
    german = office.root / GERMAN
    german.write_text(german.read_text(encoding="utf-8").replace("bauen ihre", "bauen nun ihre"), encoding="utf-8")
    said = _import_refused(office, po)
    line = po.read_text(encoding="utf-8").split("pressroom-export:")[0].count("\n") + 1
    assert f"x.de-ja.po:{line}: error: content/de/2024/x.md changed since this file was exported" in said
    assert ".venv/bin/python" in said and "export --to ja --from de --format po --output " in said
    assert "--source" in said  # the site is not the project: the command names it


def test_a_file_named_twice_is_imported_once(office):
    file = _translated_export(office)
    run = office.run("import", "--source", str(office.root), str(file), str(file))
    assert run.code == 0, run.stderr
    assert "named twice; imported once" in run.stderr
    assert run.stdout.count("imported ") == 1


def test_an_old_file_does_not_write_over_a_translation_changed_since_it_was_exported(office):
    """A file exported, then the Japanese version edited by hand and confirmed: importing the
    old file again would silently put its older text back."""
    first = _translated_export(office)
    _import(office, first)
    kept = first.read_bytes()
    japanese = office.root / "content/ja/2024/x.md"
    japanese.write_text(japanese.read_text(encoding="utf-8").replace("訳Ein Zitat", "改訂版の引用"), encoding="utf-8")
    assert office.run("confirm", "--source", str(office.root), str(japanese)).code == 0
    edited = japanese.read_bytes()
    first.write_bytes(kept)
    run = office.run("import", "--source", str(office.root), str(first))
    assert run.code == 1
    assert "content/ja/2024/x.md was written since this file was exported; refused" in run.stderr
    assert japanese.read_bytes() == edited

    [again] = _export(office, "--to", "ja", GERMAN)  # now with the Japanese version as it is
    assert "unchanged" in _import(office, again)  # pre-filled with it, sent back as it is
    japanese.write_text(japanese.read_text(encoding="utf-8").replace("改訂版の引用", "再改訂の引用"), encoding="utf-8")
    run = office.run("import", "--source", str(office.root), str(again))
    assert "content/ja/2024/x.md was changed since this file was exported; refused" in run.stderr


def test_paths_and_a_kind_of_version_together_are_a_usage_error(office):
    run = office.run("export", "--source", str(office.root), "--to", "ja", "--outdated", str(office.root / GERMAN))
    assert run.code == 2
    assert "give PATHs or --outdated, not both" in run.stderr
    assert not (office.root / "translation-exchange").exists()


def test_a_file_sent_back_untouched_keeps_what_only_the_target_says(scratch_site):
    """The German version, up to date with the Japanese, opens its list with a sentence the
    Japanese lacks: exported from the Japanese and sent back as it went out, the import dropped
    that sentence (and wrote every version's record line anew)."""
    site = _german_says_more(scratch_site, "Dies:")
    before = {path: path.read_bytes() for path in (site.root / "content").rglob("*.md")}
    [file] = _export(site, "--to", "de", "--from", "ja", GERMAN)
    said = _import(site, file)
    assert "content/de/2024/x.md says this already and is up to date; unchanged" in said
    assert {path: path.read_bytes() for path in (site.root / "content").rglob("*.md")} == before


def test_an_import_names_what_only_the_target_said_and_it_leaves_out(scratch_site):
    """The same German version, sent back with one unit translated anew: the import writes the
    Japanese structure, and the sentence only the German had was gone without a word."""
    site = _german_says_more(scratch_site, "Dies gilt:")
    line = (site.root / GERMAN).read_text(encoding="utf-8").splitlines().index("Dies gilt:") + 1
    [file] = _export(site, "--to", "de", "--from", "ja", GERMAN)
    _with_target(file, "b1", lambda segment, target: setattr(target, "text", "Überschrift"))
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert (
        f"{GERMAN}:{line}: warning: the import leaves out this paragraph of the text before it ('Dies gilt:'):"
        " it lines up with nothing in content/ja/2024/x.md" in run.stderr
    )
    german = (site.root / GERMAN).read_text(encoding="utf-8")
    assert "Dies gilt:" not in german and "## Überschrift" in german
    assert run.stderr.count("leaves out") == 1


def _german_says_more(scratch_site, sentence: str):
    """A release whose German version, confirmed as agreeing with the Japanese, opens its list
    with ``sentence``, which the Japanese lacks."""
    site = scratch_site(
        {
            "content/de/2024/x.md": release(
                "Kanagawa", "date: 2024-07-17\n", f"## Kopf\n\n{sentence}\n\n- Eins\n- Zwei"
            ),
            "content/ja/2024/x.md": release("神奈川", "", "## 見出し\n\n- 一\n- 二"),
        }
    )
    for lang in ("de", "ja"):
        confirmed = site.run("confirm", "--source", str(site.root), str(site.root / f"content/{lang}/2024/x.md"))
        assert confirmed.code == 0, confirmed.stderr
    return site


WRAPPED = "Baden-Württemberg und\n  Kanagawa: 神奈川県と\n連携"
JOINED = 'title: "Baden-Württemberg und Kanagawa: 神奈川県と連携"\n'


def test_a_line_end_in_a_japanese_translation_keeps_the_space_between_latin_words(office):
    """A translator's line end (Shift+Enter in a CAT tool) or a tool's wrapping in a Japanese
    target: nothing between two Japanese characters, but a space between two Latin words. The
    XLIFF import ran the words together ("undKanagawa"); the PO import put a space between
    Japanese characters ("神奈川県と 連携")."""
    [po] = _export(office, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    filled = re.sub(r'msgid "(.+)"\nmsgstr ""\n', lambda m: f'msgid "{m[1]}"\nmsgstr "訳{m[1]}"\n', text)
    title = 'msgstr "訳Kanagawa und Baden-Württemberg"'
    assert title in filled
    po.write_text(filled.replace(title, "msgstr " + '"' + WRAPPED.replace("\n", "\\n") + '"'), encoding="utf-8")
    _import(office, po)
    assert JOINED in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")

    (office.root / "content/ja/2024/x.md").unlink()
    po.unlink()
    file = _translated_export(office)

    def wrapped(segment, target):
        target.text = WRAPPED

    _with_target(file, "title", wrapped)
    _import(office, file)
    assert JOINED in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")


def test_a_line_end_in_a_japanese_source_is_exported_as_it_reads(scratch_site):
    """A Japanese version wrapped between Latin words ("THE LÄND⏎meets Asia Pacific") was
    exported to its translators as "THE LÄNDmeets"; between Japanese characters a line end is
    nothing, as before."""
    body = "バーデン＝ヴュルテンベルク州の\nアジア太平洋戦略「THE LÄND\nmeets Asia Pacific」について。\n"
    site = scratch_site({"content/ja/2024/x.md": release("題", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "de", "--format", "po", "content/ja/2024/x.md")
    assert 'msgid "バーデン＝ヴュルテンベルク州のアジア太平洋戦略「THE LÄND meets Asia Pacific」について。"' in (
        file.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("\u200b", "unit title (title) is not translated"),
        (
            "\ufeff神奈川",
            "unit title (title) holds an invisible byte order mark (U+FEFF), as where two texts were joined; delete it",
        ),
    ],
)
def test_a_title_translated_as_invisible_characters_is_refused_at_its_unit(office, target, said):
    """A zero-width space alone was imported as the title, which the build then refused as empty;
    a byte order mark a tool joined into the title was refused with a message on the Japanese
    version's front matter, not the unit ("cannot take the record line")."""
    file = _translated_export(office)

    def invisible(segment, translated):
        translated.text = target
        for child in list(translated):
            translated.remove(child)

    _with_target(file, "title", invisible)
    refused = _import_refused(office, file)
    assert re.search(rf"x\.de-ja\.xlf:\d+: error: {re.escape(said)}$", refused, re.MULTILINE), refused
    assert "content/ja" not in refused


def test_a_po_file_a_windows_tool_saved_as_upper_case_po_is_imported(office):
    """``X.PO``: it was read as XLIFF, and refused as a file 'cut short in saving or sending'."""
    [po] = _export(office, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    filled = re.sub(r'msgid "(.+)"\nmsgstr ""\n', lambda m: f'msgid "{m[1]}"\nmsgstr "訳{m[1]}"\n', text)
    po.unlink()
    shouted = po.with_name(po.stem.upper() + ".PO")
    shouted.write_text(filled, encoding="utf-8")
    _import(office, shouted)
    japanese = (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "title: 訳Kanagawa und Baden-Württemberg" in japanese


def test_a_version_given_to_import_is_said_to_be_no_exchange_file(office):
    """The German version itself given to import (for confirm, say): it was refused as an XLIFF
    file 'cut short in saving or sending', which sent the editor to the translation office."""
    run = office.run("import", "--source", str(office.root), str(office.root / GERMAN))
    assert run.code == 1
    assert (
        f"{GERMAN}:0: error: a release's or page's own text, not a file that 'build.py export' wrote:"
        " import the .xlf or .po files a translation comes back in"
    ) in run.stderr.splitlines()
    assert "cut short" not in run.stderr
