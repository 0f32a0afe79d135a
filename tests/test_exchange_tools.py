"""Exchange files as translators' tools send them back, or as a translator edited them by hand, and
what the page then shows: links to a heading of the same text, whose address the translator cannot
edit; a heading's words ending in #; what the XML reader stops on, in words of the file."""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree

from .test_content_status import confirm, status
from .test_exchange import XLIFF, _export, _imported_from, _translate_xliff, _translated_export
from .test_media_site import png, put
from .test_translations import release
from .test_translator_diff import _git

GERMAN = "content/de/2024/x.md"
JAPANESE = "content/ja/2024/x.md"


def _import(site, file) -> str:
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    return run.stdout + run.stderr


def _japanese_page(site) -> str:
    [page] = (site.output / "ja/releases/2024").glob("*/index.html")
    return page.read_text(encoding="utf-8")


def test_a_link_to_a_heading_of_the_text_leads_to_the_heading_as_translated(scratch_site):
    """A heading's id is its words, and a link's address is a code the translator cannot touch:
    the Japanese page linked to #der-zeitplan, an id no heading of it had (the build warned, and
    the office could do nothing about it in its tool); and once imported, the paragraph was
    left empty by the next export, its link no longer the source's."""
    body = 'Siehe [den Zeitplan](#der-zeitplan "Zeitplan").\n\n## Einleitung\n\nText.\n\n## Der Zeitplan\n\nMehr.\n'
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file, lambda text: {"Der Zeitplan": "今後の予定（案）"}.get(text, f"訳{text}"))
    _import(site, file)
    japanese = (site.root / JAPANESE).read_text(encoding="utf-8")
    assert '訳Siehe [den Zeitplan](#今後の予定-案 "訳Zeitplan").' in japanese

    built = site.build()
    assert built.code == 0, built.stderr
    assert "names no heading" not in built.stderr
    html = _japanese_page(site)
    [href] = re.findall(r'<a href="(#[^"]*)"[^>]*>den Zeitplan</a>', html)
    assert f'<h2 id="{unquote(href[1:])}">今後の予定（案）</h2>' in html

    # Exported again, the unit comes pre-filled with its link, and the file sent back changes nothing.
    before = (site.root / JAPANESE).read_bytes()
    file.unlink()
    [again] = _export(site, "--to", "ja", JAPANESE.replace("/ja/", "/de/"))
    assert re.search(r"<target[^>]*>訳Siehe <pc id=\"1\"[^>]*>den Zeitplan</pc>\.</target>", again.read_text())
    assert "up to date; unchanged" in _import(site, again)
    assert (site.root / JAPANESE).read_bytes() == before


def _translate_po(path, translations: dict[str, str]) -> None:
    """What a PO editor does: each msgstr filled, from ``translations`` or with the source marked 訳."""

    def filled(found: re.Match) -> str:
        source = found[1]
        return f'msgid "{source}"\nmsgstr "{translations.get(source, "訳" + source)}"\n'

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'msgid "(.+)"\nmsgstr ""\n', filled, text), encoding="utf-8")


def test_a_heading_translated_with_a_hash_at_its_end_shows_it(scratch_site):
    """Markdown reads #s ending a heading after a space as its closing marks: a heading translated
    "Programm C #" showed as "Programm C" on the page."""
    body = "## Kopf\n\nText.\n\n## Zweiter Kopf ##\n\nMehr.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {"Kopf": "Programm C #", "Zweiter Kopf": "# ##"})
    _import(site, po)
    built = site.build()
    assert built.code == 0, built.stderr
    html = _japanese_page(site)
    assert re.search(r"<h2 id=\"[^\"]*\">Programm C #</h2>", html), html
    assert re.search(r"<h2 id=\"[^\"]*\"># ##</h2>", html), html


def test_what_a_hand_edit_breaks_in_an_xliff_file_is_said_in_words_of_the_file(scratch_site):
    """HTML's &nbsp;, a lone & or <, a tag closed out of order, typed into the file in a text editor:
    they were said in libxml2's words ("xmlParseEntityRef: no name, line 174, column 43")."""
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", "Forschung und Entwicklung.\n")})
    text = _translated_export(site).read_text(encoding="utf-8")
    target = ">訳Forschung und Entwicklung.</target>"
    line = text[: text.index(target)].count("\n") + 1
    edits = {
        "nbsp.xlf": ">訳&nbsp;F&E.</target>",
        "entity.xlf": ">訳&zwsp;F&E.</target>",
        "ampersand.xlf": ">訳F& E.</target>",
        "semicolon.xlf": ">訳F&amp E.</target>",
        "less.xlf": ">訳F < E.</target>",
        "crossed.xlf": ">訳<pc id='1'>F</target></pc>",
    }
    folder = site.root / "received"
    folder.mkdir()
    run, errors = _imported_from(folder, {name: text.replace(target, edit) for name, edit in edits.items()}, site)
    assert run.code == 1
    at = f"{line}: error: "
    assert errors == [
        f"received/ampersand.xlf:{at}an '&' on its own (as in 'R&D'): in XML it is written '&amp;' (R&amp;D)",
        f"received/crossed.xlf:{at}<pc> (opened on line {line}) is not closed before </target>: each tag is"
        " closed in the order it was opened",
        f"received/entity.xlf:{at}'&zwsp;' names no character XML knows (it knows only"
        " &amp; &lt; &gt; &quot; &apos;): write the character itself",
        f"received/less.xlf:{at}a '<' that starts no tag (as in 'a < b'): in XML it is written '&lt;' (a &lt; b)",
        f"received/nbsp.xlf:{at}'&nbsp;' is a name from HTML, which XML does not know:"
        " write the character itself (U+00A0 no-break space) or &#160;",
        f"received/semicolon.xlf:{at}a character reference without its closing ';' (such"
        " as '&amp' for '&amp;'): add the ';'",
    ]
    assert "Traceback" not in run.stderr


def test_a_translation_tools_own_working_file_is_told_from_the_translated_file(scratch_site):
    """Trados's .sdlxliff, memoQ's .mqxliff and Phrase's .mxliff are XLIFF 1.2 of their own, which a
    translator may send back by mistake: they were told to "save it as XLIFF 2.0 in the translation
    tool", which no tool offers for its working file."""
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", "Text.\n")})
    body = '<file original="2024--x.de-ja.xlf" source-language="de-DE" target-language="ja-JP" datatype="x-undefined">'
    body += '<body><trans-unit id="1"><source>Text.</source><target state="translated">訳</target></trans-unit>'
    body += "</body></file></xliff>\n"
    spaces = {
        "x.de-ja.xlf.sdlxliff": 'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" sdl:version="1.0"',
        "x.de-ja.mqxliff": 'xmlns:mq="MQXliff"',
        "x.de-ja.mxliff": 'xmlns:m="http://www.memsource.com/mxlf/2.0"',
        "plain.xlf": "",
    }
    files = {
        name: f'<?xml version="1.0" encoding="utf-8"?>\n<xliff version="1.2" '
        f'xmlns="urn:oasis:names:tc:xliff:document:1.2" {space}>\n{body}'
        for name, space in spaces.items()
    }
    folder = site.root / "received"
    folder.mkdir()
    run, errors = _imported_from(folder, files, site)
    assert run.code == 1
    assert errors == [
        "received/plain.xlf:2: error: an XLIFF 1.2 file: pressroom exports and imports XLIFF 2.0; save it as"
        " XLIFF 2.0 in the translation tool",
        "received/x.de-ja.mqxliff:2: error: memoQ's own working file (.mqxliff), not the translated file: in"
        " memoQ, export the document ('Export (stored path)') and import the .xlf file it writes",
        "received/x.de-ja.mxliff:2: error: Phrase's own working file (.mxliff), not the translated file: in"
        " Phrase, download the job's target file and import the .xlf file it gives",
        "received/x.de-ja.xlf.sdlxliff:2: error: Trados Studio's own working file (.sdlxliff), not the translated"
        " file: in Trados, save the translation with 'Save Target As' and import the .xlf file it writes",
    ]


def test_a_translators_notes_reach_the_editor_and_the_exports_own_do_not(scratch_site):
    """A note a translator wrote on a unit (in XLIFF a <note> beside the export's own, in PO a "# "
    comment, as Poedit writes one) was dropped without a word: a question about a term never reached
    the editor who imports the file."""
    body = "Der [Landtag](https://example.org/) tagt.\n\n## Ausblick\n\nMehr.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    text = file.read_text(encoding="utf-8")
    question = '<note category="comment">Landtag: 州議会 or 県議会?\n  Please check.</note>'
    text = text.replace("<note>heading</note>", f"<note>heading</note>\n        {question}", 1)
    comment = '<mrk id="c1" type="comment" value="Tagt: session or sitting?">'
    text = re.sub(r"(<target[^>]*>訳Der )(<pc[^>]*>Landtag</pc>)", rf"\1{comment}\2</mrk>", text)
    # A translation memory's match offered with the unit is no note of the translator's, nor what it says.
    match = (
        '<mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:match ref="#m1">'
        '<source>Der Landtag</source><target><mrk id="c2" type="comment" value="from the memory">県議会</mrk>'
        "</target></mtc:match></mtc:matches>"
    )
    text = text.replace('<unit id="b1" name="paragraph">', f'<unit id="b1" name="paragraph">{match}', 1)
    # The export's own notes, wrapped by the tool, are not the translator's.
    text = text.replace("<note>paragraph</note>", "<note>\n          paragraph\n        </note>", 1)
    file.write_text(text, encoding="utf-8")
    line = text[: text.index(question)].count("\n") + 1
    said = _import(site, file)
    assert said.count("note from the translator") == 2, said
    assert "warning: unit b1 (paragraph): note from the translator: Tagt: session or sitting?" in said
    assert (
        f"2024--x.de-ja.xlf:{line}: warning: unit b2 (heading): note from the translator: Landtag: 州議会 or"
        " 県議会? Please check."
    ) in said

    (site.root / JAPANESE).unlink()
    file.unlink()
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {})
    text = po.read_text(encoding="utf-8").replace("#. paragraph\n", "# Is 'tagt' a regular session?\n#. paragraph\n", 1)
    po.write_text(text, encoding="utf-8")
    line = text[: text.index('msgid "Der')].count("\n") + 1
    said = _import(site, po)
    assert said.count("note from the translator") == 1, said
    assert (
        f"2024--x.de-ja.po:{line}: warning: unit b1 (paragraph): note from the translator: Is 'tagt' a regular session?"
    ) in said


def test_a_file_whose_targets_are_copies_of_the_source_is_refused(scratch_site):
    """A tool's "copy source to target" on every segment, then marked translated: the Japanese
    version was written in German, confirmed, and shown as up to date. A single paragraph left so
    is imported, with a warning naming it."""
    body = "Die Landesregierung begrüßt die Delegation.\n\n- THE LÄND\n\nDer Besuch dauert drei Tage.\n"
    site = scratch_site({GERMAN: release("Besuch aus Kanagawa", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file, lambda text: text)
    line = file.read_text(encoding="utf-8").split("\n").index('    <unit id="title" name="title">') + 1
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 1
    assert run.stderr.endswith(
        f"2024--x.de-ja.xlf:{line}: error: every unit says word for word what {GERMAN} says, in de: was the"
        " source copied into the translation? Translate the units and import the file again\n"
    )
    assert not (site.root / JAPANESE).exists()

    _translate_xliff(file, lambda text: text if text.startswith(("Der Besuch", "THE")) else f"訳{text}")
    line = file.read_text(encoding="utf-8").split("\n").index('    <unit id="b3" name="paragraph">') + 1
    said = _import(site, file)
    assert f"2024--x.de-ja.xlf:{line}: warning: unit b3 is word for word as in {GERMAN}: check that it was" in said
    assert "b2" not in said  # a name, the same in every language


def test_exported_files_a_tool_joined_into_one_are_told_as_such(scratch_site):
    """Two releases' files joined into one XLIFF document (two <file> elements, as XLIFF allows):
    it was refused with "unit title is given twice (first on line 15); keep one", which would
    have thrown a translation away."""
    site = scratch_site(
        {
            GERMAN: release("X", "date: 2024-07-17\n", "Text eins.\n"),
            "content/de/2024/y.md": release("Y", "date: 2024-07-18\n", "Text zwei.\n"),
        }
    )
    first, second = _export(site, "--to", "ja")
    _translate_xliff(first)
    _translate_xliff(second)
    joined = first.read_text(encoding="utf-8").replace("</xliff>", "")
    other = second.read_text(encoding="utf-8")
    joined += other[other.index("  <file") : other.index("</xliff>")].replace('id="f1"', 'id="f2"') + "</xliff>\n"
    first.write_text(joined, encoding="utf-8")
    second.unlink()
    line = joined.split("\n").index('  <file id="f2" original="content/de/2024/y.md" canResegment="no">') + 1
    run = site.run("import", "--source", str(site.root), str(first))
    assert run.code == 1
    assert run.stderr.endswith(
        f"2024--x.de-ja.xlf:{line}: error: 2 exported files joined into one (the second <file> is on line {line}):"
        " in the translation tool, save each as its own file, as export wrote them, and import those\n"
    )


def test_a_po_file_holding_a_unit_twice_for_two_texts_is_refused(scratch_site):
    """Another release's file appended to a PO file (as a careless concatenation leaves it): its
    messages, of the same units for other texts, stood in for this release's without a word, and
    the Japanese version of x was written with y's title and text."""
    site = scratch_site(
        {
            GERMAN: release("X", "date: 2024-07-17\n", "Text eins.\n"),
            "content/de/2024/y.md": release("Y", "date: 2024-07-18\n", "Text zwei.\n"),
        }
    )
    first, second = _export(site, "--to", "ja", "--format", "po")
    _translate_po(first, {})
    _translate_po(second, {})
    joined = first.read_text(encoding="utf-8")
    other = second.read_text(encoding="utf-8")
    joined += "\n" + other[other.index("#. title") :]
    first.write_text(joined, encoding="utf-8")
    line = joined[: joined.index('msgid "Y"')].count("\n") + 1
    title = joined[: joined.index('msgid "X"')].count("\n") + 1
    run = site.run("import", "--source", str(site.root), str(first))
    assert run.code == 1
    assert (
        f"2024--x.de-ja.po:{line}: error: unit title is given twice, for two texts (first on line {title}): were"
        " two exported files joined into one? Import each as export wrote it\n"
    ) in run.stderr
    assert not (site.root / JAPANESE).exists()


def test_a_line_of_equals_signs_after_a_line_break_stays_words(scratch_site):
    """After a line break, a translation's "===" made the lines before it a heading (a second
    <h1> on the page, the title's rank), as "---" would have, which was escaped."""
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", "Ergebnis\\\nund mehr\n")})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {"Ergebnis<1/>und mehr": "結果<1/>==="})
    _import(site, po)
    built = site.build()
    assert built.code == 0, built.stderr
    html = _japanese_page(site)
    assert "<p>結果<br>\n===</p>" in html
    assert html.count("<h1") == 1


def test_a_target_language_with_its_region_written_the_posix_way_is_the_language(scratch_site):
    """trgLang="ja_JP" (a locale's spelling, as a tool may write it): it was refused as another
    language, with the advice to "export it again with --to ja_jp"."""
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", "Text.\n")})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    file.write_text(file.read_text(encoding="utf-8").replace('trgLang="ja"', 'trgLang="ja_JP"'), encoding="utf-8")
    assert "into content/ja/2024/x.md: confirmed against de" in _import(site, file)


def test_a_folder_of_a_tools_working_files_is_told_as_such(scratch_site):
    """An office's folder holding only Trados's .sdlxliff files: it was "a folder with no .xlf or .po
    file in it; name the translated files", which sent the editor looking for files not there."""
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", "Text.\n")})
    folder = site.root / "from-the-office"
    (folder / "ja-JP").mkdir(parents=True)
    (folder / "ja-JP" / "2024--x.de-ja.xlf.sdlxliff").write_text("<xliff/>", encoding="utf-8")
    run = site.run("import", "--source", str(site.root), str(folder))
    assert run.code == 2
    assert run.stderr.endswith(
        "from-the-office:0: error: a folder with no .xlf or .po file in it, only a translation tool's own working"
        " files (2024--x.de-ja.xlf.sdlxliff): save the translations from the tool as .xlf files and import those\n"
    )


def test_the_line_after_a_line_break_stays_in_its_list_item_or_quotation(scratch_site):
    """The line after a line break in a list item or a quotation was written at the start of the
    line ("- 訳Punkt\\" then "weiter"): Markdown still read it as part of the item, lazily, but the
    file read as if it were not, and an editor who put a line before it broke the item in two."""
    body = "- Punkt\\\n  weiter\n\n> Zitat\\\n> weiter\n\n1. Eins\n   - Zwei\\\n     weiter\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {})
    _import(site, po)
    japanese = (site.root / JAPANESE).read_text(encoding="utf-8")
    assert "\n- 訳Punkt\\\n  weiter\n\n> 訳Zitat\\\n> weiter\n\n1. 訳Eins\n   - 訳Zwei\\\n     weiter\n" in japanese


def test_a_link_a_translation_put_inside_another_link_or_an_image_is_refused(scratch_site):
    """Markdown makes no link inside a link, and an image's text is only words: a link the
    translator moved into another showed as "[A B](https://a.example/)" on the page (a footnote mark
    too, which is a link), and one moved into an image's text was gone, its address with it. What
    the source itself nests, and a link inside emphasis, are imported."""
    body = (
        "Siehe [A](https://a.example/) und [B](https://b.example/) sowie *C*.\n\n"
        "![Karte](/media/k.png) mit [Legende](https://l.example/).\n\n"
        "![Karte *der* Region](/media/k.png)\n\n"
        "Die [Quelle](https://q.example/) nennt es.[^1]\n\n[^1]: Anmerkung.\n"
    )
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    put(site, {"k.png": png((20, 90, 160))})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    text = po.read_text(encoding="utf-8")
    _translate_po(
        po,
        {
            "Siehe <1>A</1> und <2>B</2> sowie <3>C</3>.": "<1>A <2>B</2></1>と<3>C</3>を参照。",
            "<1>Karte</1> mit <2>Legende</2>.": "<1>地図<2>凡例</2></1>",
            "<1>Karte <2>der</2> Region</1>": "<1>地域の<2>地図</2></1>",
            "Die <1>Quelle</1> nennt es.<2/>": "<1>出典<2/></1>による。",
        },
    )
    starts = ("Siehe", "<1>Karte</1>", "Die <1>")
    lines = [text[: text.index(f'msgid "{start}')].count("\n") + 1 for start in starts]
    run = site.run("import", "--source", str(site.root), str(po))
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"exchange/2024--x.de-ja.po:{lines[0]}: error: unit b1 (paragraph): <2>…</2> (link https://b.example/) is"
        " inside <1>…</1> (link https://a.example/), where the page cannot show it (a link cannot contain another"
        " link): move it out of <1>…</1>",
        f"exchange/2024--x.de-ja.po:{lines[1]}: error: unit b2 (paragraph): <2>…</2> (link https://l.example/) is"
        " inside <1>…</1> (image /media/k.png), where the page cannot show it (an image's description can only"
        " be plain text): move it out of <1>…</1>",
        f"exchange/2024--x.de-ja.po:{lines[2]}: error: unit b4 (paragraph): <2/> (footnote 1) is inside <1>…</1>"
        " (link https://q.example/), where the page cannot show it (a link cannot contain another link; a"
        " footnote mark is a link too): move it out of <1>…</1>",
    ]

    po.unlink()
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {"Siehe <1>A</1> und <2>B</2> sowie <3>C</3>.": "<3><2>B</2>の<1>A</1></3>を参照。"})
    _import(site, po)
    assert "*[B](https://b.example/)の[A](https://a.example/)*を参照。" in (site.root / JAPANESE).read_text("utf-8")


MQ = "MQXliff"


def _as_a_cat_tool_writes_it(path) -> None:
    """What Trados, memoQ and the like do to a file they translated: their own namespaces and
    attributes, units grouped and in another order, paired codes as <sc>/<ec>, words in
    annotations, the state final, text as CDATA and character references, the layout redone
    without xml:space (a target wrapped over lines), the export's own notes kept."""
    tree = etree.parse(str(path))
    file = next(tree.iter(f"{XLIFF}file"))
    units = list(file.iter(f"{XLIFF}unit"))
    group = etree.SubElement(file, f"{XLIFF}group", id="g1")
    for unit in reversed(units):
        unit.set(f"{{{MQ}}}status", "ManuallyConfirmed")
        group.append(unit)
        segment = unit.find(f"{XLIFF}segment")
        segment.set("state", "final")
        source, target = segment.find(f"{XLIFF}source"), segment.find(f"{XLIFF}target")
        del source.attrib["{http://www.w3.org/XML/1998/namespace}space"]
        del target.attrib["{http://www.w3.org/XML/1998/namespace}space"]
        for pc in list(target.iter(f"{XLIFF}pc")):
            start = etree.Element(f"{XLIFF}sc", id=pc.get("id"), dataRef=pc.get("dataRefStart"))
            end = etree.Element(f"{XLIFF}ec", startRef=pc.get("id"), dataRef=pc.get("dataRefEnd"))
            parent, at = pc.getparent(), pc.getparent().index(pc)
            start.tail, end.tail = pc.text, pc.tail
            inner = list(pc)
            parent.remove(pc)
            for offset, child in enumerate([start, *inner, end]):
                parent.insert(at + offset, child)
        if target.text and not len(target):
            words = target.text
            target.text = None
            mark = etree.SubElement(target, f"{XLIFF}mrk", id="m1", type="term")
            mark.text = words
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode()
    text = text.replace("訳Kurzer Absatz.", "<![CDATA[訳Kurzer]]> &#x41;bsatz.")
    text = text.replace("訳Ein langer Absatz", "\n          訳Ein langer\n          Absatz")
    path.write_text(text.replace("<xliff ", f'<xliff xmlns:mq="{MQ}" ', 1), encoding="utf-8")


def test_a_file_a_cat_tool_rewrote_round_trips_to_the_page_status_and_diff(scratch_site):
    """Everything a CAT tool may change in a file and keep its meaning, at once: the page shows the
    translation, status and diff say the Japanese version is current, and the same file imported
    again changes nothing and says so."""
    body = (
        "Ein langer Absatz mit *Betonung* und einem [Link](https://example.org/).\n\n"
        "## Der Ablauf\n\nKurzer Absatz.\n\n- Punkt mit `Code`\n"
    )
    site = scratch_site({GERMAN: release("Besuch", "date: 2024-07-17\n", body)})
    _git(site.root, "init", "-q")
    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-qm", "German")
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    _as_a_cat_tool_writes_it(file)
    said = _import(site, file)
    assert said == f"imported exchange/2024--x.de-ja.xlf into {JAPANESE}: confirmed against de\n"
    japanese = (site.root / JAPANESE).read_text(encoding="utf-8")
    assert "\n訳Ein langer Absatz mit *Betonung* und einem [Link](https://example.org/).\n" in japanese
    assert "\n## 訳Der Ablauf\n\n訳Kurzer Absatz.\n\n- 訳Punkt mit `Code`\n" in japanese

    built = site.build()
    assert built.code == 0, built.stderr
    html = _japanese_page(site)
    assert '<p>訳Ein langer Absatz mit <em>Betonung</em> und einem <a href="https://example.org/">Link</a>.</p>' in html
    assert "<p>訳Kurzer Absatz.</p>" in html

    _git(site.root, "add", "-A")
    _git(site.root, "commit", "-qm", "Japanese")
    assert status(site)["2024/x"]["ja"] == "ok"
    diff = site.run("diff", "--source", str(site.root), str(site.root / JAPANESE))
    assert diff.stdout == f"{JAPANESE}: up to date: no other version changed since it was confirmed\n"
    before = {path: path.read_bytes() for path in (site.root / "content").rglob("*.md")}
    assert _import(site, file) == (
        f"imported exchange/2024--x.de-ja.xlf: {JAPANESE} says this already and is up to date; unchanged\n"
    )
    assert {path: path.read_bytes() for path in (site.root / "content").rglob("*.md")} == before


def test_a_po_file_as_poedit_or_weblate_saves_it_round_trips(scratch_site):
    """What Poedit and Weblate write back: a header of their own (the region in Language, their
    name, the translator, other plural forms), long strings wrapped over lines, a previous msgid
    left on an entry no longer fuzzy, obsolete entries, Windows line ends. The page shows the
    translation, and the same file imported again changes nothing."""
    body = "Ein langer Absatz mit *Betonung*, der weit über die Breite einer Zeile hinaus geht.\n\n## Ablauf\n"
    site = scratch_site({GERMAN: release("Besuch", "date: 2024-07-17\n", body)})
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {"Ablauf": "流れ"})
    text = po.read_text(encoding="utf-8")
    text = text.replace('"Language: ja\\n"', '"Language: ja_JP\\n"\n"X-Generator: Poedit 3.4.2\\n"')
    text = text.replace('"Last-Translator: -\\n"', '"Last-Translator: Hanako Sato <sato@example.jp>\\n"')
    text = text.replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    text = text.replace(
        'msgstr "訳Ein langer Absatz mit <1>Betonung</1>, der weit',
        'msgstr ""\n"訳Ein langer Absatz mit <1>Betonung</1>, "\n"der weit',
    )
    text = text.replace('msgctxt "b2"', '#| msgid "Zeitplan"\nmsgctxt "b2"')
    text += '\n#~ msgctxt "b9"\n#~ msgid "Alt"\n#~ msgstr "古い"\n'
    po.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert _import(site, po) == f"imported exchange/2024--x.de-ja.po into {JAPANESE}: confirmed against de\n"
    built = site.build()
    assert built.code == 0, built.stderr
    html = _japanese_page(site)
    assert "<p>訳Ein langer Absatz mit <em>Betonung</em>, der weit über die Breite einer Zeile hinaus geht.</p>" in html
    assert re.search(r'<h2 id="[^"]*">流れ</h2>', html)
    assert "says this already and is up to date; unchanged" in _import(site, po)


def test_a_link_address_changed_in_the_tool_is_told_and_the_sources_kept(scratch_site):
    """A tool that lets a translator edit a tag's content (the link's address in <originalData>, to
    the partner's Japanese page): the import kept the source's address without a word, and the
    editor never learnt that the Japanese version should link elsewhere."""
    body = "Siehe die [Seite des Partners](https://partner.example/de/) und *mehr*.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    text = file.read_text(encoding="utf-8")
    old = '<data id="d1e">](https://partner.example/de/)</data>'
    text = text.replace(old, '<data id="d1e">](https://partner.example/ja/)</data>')
    text = text.replace('<data id="d2">*</data>', '<data id="d2">\n          *\n        </data>')  # laid out anew
    file.write_text(text, encoding="utf-8")
    line = text.split("\n").index('        <data id="d1e">](https://partner.example/ja/)</data>') + 1
    said = _import(site, file)
    assert said.count("changes the Markdown") == 1, said
    assert (
        f"2024--x.de-ja.xlf:{line}: warning: unit b1 (paragraph): the file changes the Markdown of <1>…</1>"
        " (link https://partner.example/de/) from '](https://partner.example/de/)' to"
        " '](https://partner.example/ja/)'; a translation cannot change it, so the source's is kept: if this"
        " language needs another address, change it in the version after the import\n"
    ) in said
    assert "[Seite des Partners](https://partner.example/de/)" in (site.root / JAPANESE).read_text(encoding="utf-8")


def test_a_source_corrected_in_the_tool_is_told(scratch_site):
    """A translator who corrected a typing slip in the source in the tool (Trados's "edit source"):
    the import translated the version as it is, as it must, but nobody learnt of the slip."""
    body = "Die Landesregirung begrüßt die Gäste.\n\n## Ablauf\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    text = file.read_text(encoding="utf-8").replace(">Die Landesregirung", ">Die Landesregierung")
    text = text.replace(">Ablauf</source>", ">\n          Ablauf\n        </source>")  # laid out anew: the same
    file.write_text(text, encoding="utf-8")
    line = text[: text.index(">Die Landesregierung")].count("\n") + 1
    said = _import(site, file)
    assert said.count("the source text in the file") == 1, said
    assert (
        f"2024--x.de-ja.xlf:{line}: warning: unit b1 (paragraph): the source text in the file reads 'Die"
        f" Landesregierung begrüßt die Gäste.', which is not what {GERMAN} says: was it corrected in the translation"
        f" tool? The import leaves {GERMAN} unchanged; if the correction is right, make it in that file too\n"
    ) in said

    (site.root / JAPANESE).unlink()
    file.unlink()
    [po] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    _translate_po(po, {})
    text = po.read_text(encoding="utf-8").replace('msgid "Ablauf"', 'msgid "Ablauf des Besuchs"')
    po.write_text(text, encoding="utf-8")
    line = text[: text.index('msgid "Ablauf des')].count("\n") + 1
    said = _import(site, po)
    assert f"2024--x.de-ja.po:{line}: warning: unit b2 (heading): the source text in the file reads 'Ablauf des" in said


def test_a_link_to_a_heading_of_another_text_leads_to_that_heading_in_its_translation(scratch_site):
    """A link to a section of another release leads, in the Japanese page, to that release's
    Japanese version, whose heading has another id: the build warned of a link that "names no
    heading", which the office could not mend in its tool. A translation not confirmed against
    the text as it is now is not trusted to have its headings in the same places."""
    body = "Siehe [den Plan](../2023/frueher.md#der-plan) und [den Rest](../2023/spaeter.md#rest).\n"
    site = scratch_site(
        {
            GERMAN: release("X", "date: 2024-07-17\n", body),
            "content/de/2023/frueher.md": release(
                "Früher", "date: 2023-05-02\n", "## Einleitung\n\nA.\n\n## Der Plan\n\nB.\n"
            ),
            "content/ja/2023/frueher.md": release("以前", "", "## はじめに\n\nA。\n\n## 計画\n\nB。\n"),
            "content/de/2023/spaeter.md": release("Später", "date: 2023-06-02\n", "## Rest\n\nC.\n"),
            "content/ja/2023/spaeter.md": release("後", "", "## 残り\n\nC。\n"),
        }
    )
    confirm(site, "content/ja/2023/frueher.md")
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    _import(site, file)
    japanese = (site.root / JAPANESE).read_text(encoding="utf-8")
    assert "[den Plan](../2023/frueher.md#計画)" in japanese
    assert "[den Rest](../2023/spaeter.md#rest)" in japanese  # 後 was never confirmed: as the source has it

    built = site.build()
    assert built.code == 0, built.stderr
    assert "frueher.md#" not in built.stderr

    # Exported again, the unit comes pre-filled with both links, and the file sent back changes nothing.
    before = (site.root / JAPANESE).read_bytes()
    file.unlink()
    [again] = _export(site, "--to", "ja", GERMAN)
    assert re.search(r"<target[^>]*>訳Siehe <pc id=\"1\"", again.read_text(encoding="utf-8"))
    assert "up to date; unchanged" in _import(site, again)
    assert (site.root / JAPANESE).read_bytes() == before


def test_states_a_tool_used_to_xliff_1_2_writes_are_read_as_they_mean(scratch_site):
    """XLIFF 2 knows four states; a tool used to XLIFF 1.2 writes 1.2's into it (xliffmerge's
    "new", "needs-review-translation", "signed-off"), or puts the state on the target, where 1.2
    has it. Each was read as translated: a unit the tool said was still to be checked was imported."""
    body = "Eins ist hier.\n\nZwei ist da.\n\nDrei ist dort.\n\nVier ist weg.\n\nFünf bleibt.\n"
    site = scratch_site({GERMAN: release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", GERMAN)
    _translate_xliff(file)
    text = file.read_text(encoding="utf-8")
    states = {"b1": "needs-review-translation", "b2": "signed-off", "b3": "new", "b4": "done"}
    for unit, state in states.items():
        found = rf'(<unit id="{unit}".*?<segment) state="translated"'
        text = re.sub(found, rf'\1 state="{state}"', text, count=1, flags=re.S)
    found = r'(<unit id="b5".*?<segment) state="translated"(>.*?<target)'  # the state moved to the target
    text = re.sub(found, r'\1\2 state="needs-translation"', text, count=1, flags=re.S)
    file.write_text(text, encoding="utf-8")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 1
    errors = [line.split(": error: ", 1)[1] for line in run.stderr.splitlines() if ": error: " in line]
    review = "; check it and confirm it in the translation tool, which marks it translated"
    assert errors == [
        f"unit b1 (paragraph) is still marked for review (its state is 'needs-review-translation'){review}",
        f"unit b3 (paragraph) is still marked for review (its state is 'new'){review}",
        "unit b4 (paragraph) has a segment in the state 'done', which XLIFF does not have; mark it translated in"
        " the tool",
        f"unit b5 (paragraph) is still marked for review (its state is 'needs-translation'){review}",
    ]
