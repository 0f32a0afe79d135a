"""Exchange with a translation office: ``export`` to XLIFF 2.0 or PO and ``import`` back.

A release with links, emphasis, a table, footnotes and a ``{lang=en}`` span goes out, is
"translated" the way a CAT tool would (text changed, inline codes kept), and comes back as a
Japanese version that renders the same structure; stale and broken files are refused."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from pressroom.workflow.exchange import Export

from .conftest import PROJECT, Run, ScratchSite
from .test_content_status import confirm
from .test_media_site import png, put
from .test_translations import release
from .test_translator_diff import _git

XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"

BODY = """\
Baden-Württemberg und *Kanagawa* bauen ihre **Partnerschaft** aus; siehe
[die frühere Erklärung](../2023/frueher.md) und [THE LÄND meets Asia Pacific]{lang=en}.[^1]

## Felder der Zusammenarbeit

- Energie und `Wasserstoff`
- Mobilität, vor allem *digitale* Mobilität

| Feld | Inhalt |
|---|---|
| Energie | Ausbau der **erneuerbaren** Energien |
| Gesundheit | [Medizintechnik](https://example.org/medizin) |

> Ein Zitat des Ministerpräsidenten.

[^1]: Die Erklärung wurde in Stuttgart unterzeichnet.
"""

PARTNER = """\
name: {de: Präfektur Kanagawa, ja: 神奈川県, en: Kanagawa Prefecture}
country: JP
since: 1989-11-24
status: active
summary: {de: Partnerregion., ja: パートナー地域。, en: Partner region.}
reading: かながわけん
"""


@pytest.fixture
def office(scratch_site):
    return _office(scratch_site)


def _office(scratch_site):
    """A German release with links, emphasis, a table, footnotes and a span in English."""
    site = scratch_site(
        {
            "content/partners/kanagawa.yaml": PARTNER,
            "content/de/2024/x.md": release(
                "Kanagawa und Baden-Württemberg",
                "date: 2024-07-17\nsummary: Eine Erklärung.\nsource: Staatsministerium\npartners: [kanagawa]\n",
                BODY,
            ),
            "content/de/2023/frueher.md": release("Frühere Erklärung", "date: 2023-05-02\n"),
            "content/ja/2023/frueher.md": release("以前の宣言"),
        }
    )
    return site


SCHEMAS = Path(__file__).resolve().parent / "schemas" / "xliff-2.0"


def _export(site, *args: str) -> list:
    out = site.root / "exchange"
    run = site.run("export", "--source", str(site.root), "--output", str(out), *args)
    assert run.code == 0, run.stderr
    return sorted(out.iterdir())


def _translate_xliff(path, change=lambda text: f"訳{text}") -> None:
    """What a CAT tool does: a target beside each source, inline codes copied as they are."""
    tree = etree.parse(str(path))
    for segment in tree.iter(f"{XLIFF}segment"):
        for old in segment.findall(f"{XLIFF}target"):
            segment.remove(old)
        target = copy.deepcopy(segment.find(f"{XLIFF}source"))
        target.tag = f"{XLIFF}target"
        target.text = change(target.text or "")
        segment.append(target)
        segment.set("state", "translated")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _translated_export(site, change=lambda text: f"訳{text}") -> Path:
    """The German release exported for Japanese and translated, as it comes back from the office."""
    [file] = _export(site, "--to", "ja", "content/de/2024/x.md")
    _translate_xliff(file, change)
    return file


def _import_refused(site, file: Path) -> str:
    """Import ``file`` expecting it refused: exit 1, no traceback, the Japanese version not
    written. What the import said."""
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert not (site.root / "content/ja/2024/x.md").exists()
    return run.stderr


def _units(tree) -> dict:
    """The XLIFF units of ``tree`` by id."""
    return {u.get("id"): u for u in tree.iter(f"{XLIFF}unit")}


class _Structure(HTMLParser):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang, self.tags = lang, []

    def handle_starttag(self, tag, attrs):
        named = ("href", "lang") if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else ("href", "lang", "id")
        kept = {
            k: (v or "").replace(f"/{self.lang}/", "/LANG/") for k, v in attrs if k in named
        }  # a heading's id is its words
        self.tags.append((tag, tuple(sorted(kept.items()))))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))


def _body_structure(site, url: str, lang: str) -> list:
    html = site.page(url).html
    body = html.split('<div class="body prose">', 1)[1].split("</div>\n  </article>", 1)[0]
    parser = _Structure(lang)
    parser.feed(body)
    return parser.tags


def test_xliff_round_trip_keeps_the_structure(office):
    [file] = _export(office, "--to", "ja", "content/de/2024/x.md")
    assert file.name == "2024--x.de-ja.xlf"
    data = file.read_bytes()
    # translate-toolkit's XLIFF 2 reader takes it, and the inline Markdown is in protected codes.
    store = Xliff2File.parsestring(data)
    assert store.getsourcelanguage() == "de" and store.gettargetlanguage() == "ja"
    ids = [u.getid() for u in store.units]
    assert ids[:3] == ["title", "summary", "source"] and len(ids) == 3 + 12
    text = data.decode()
    assert '<pc id="1" dispStart="emphasis" canDelete="no" dataRefStart="d1" dataRefEnd="d1e">Kanagawa</pc>' in text
    assert '<data id="d3e">](../2023/frueher.md)</data>' in text
    assert '<data id="d4e">]{lang=en}</data>' in text
    assert '<ph id="5" dataRef="d5" disp="footnote 1" canDelete="no"/>' in text
    assert "<note>partner kanagawa: de: Präfektur Kanagawa; ja: 神奈川県; en: Kanagawa Prefecture</note>" in text
    assert "<note>date: 2024-07-17</note>" in text

    _translate_xliff(file)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    ja = (office.root / "content/ja/2024/x.md").read_text()
    assert ja.startswith("---\ntitle: 訳Kanagawa und Baden-Württemberg\nsummary: 訳Eine Erklärung.\n")
    assert "訳Baden-Württemberg und *Kanagawa* bauen" in ja
    assert "| 訳Energie | 訳Ausbau der **erneuerbaren** Energien |" in ja
    assert "[^1]: 訳Die Erklärung" in ja
    # Confirmed against the German version it was made from, which stays ok too.
    status = json.loads(office.run("status", "--json", "--source", str(office.root)).stdout)
    [entry] = [e for e in status["releases"] if e["key"] == "2024/x"]
    assert entry["versions"] == {"de": "ok", "ja": "ok", "en": "missing"}

    assert office.build().code == 0
    de = _body_structure(office, "/de/releases/2024/x/", "de")
    assert ("a", (("href", "/LANG/releases/2023/frueher/"),)) in de
    assert ("span", (("lang", "en"),)) in de and ("table", ()) in de
    assert _body_structure(office, "/ja/releases/2024/x/", "ja") == de


def test_po_round_trip_and_msgfmt_check(office):
    [file] = _export(office, "--to", "en", "--format", "po", "content/de/2024/x.md")
    text = file.read_text()
    assert 'msgctxt "b1"' in text
    assert "<1>Kanagawa</1>" in text and "<3>die frühere Erklärung</3>" in text
    assert "#. <3>…</3> = link ../2023/frueher.md (keep it)" in text
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None and not os.environ.get("CI"):
        pytest.skip("gettext's msgfmt is not installed")
    check = subprocess.run([msgfmt or "msgfmt", "--check", "-o", os.devnull, str(file)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stderr == "", check.stderr

    # Fill every msgstr with its msgid (as a translation memory would), in English capitals.
    filled = re.sub(
        r'msgid "(.*)"\nmsgstr ""',
        lambda m: f'msgid "{m[1]}"\nmsgstr "{m[1].upper() if m[1] else ""}"',
        text,
    )
    file.write_text(filled)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert office.build().code == 0
    de = _body_structure(office, "/de/releases/2024/x/", "de")
    # The English version of the earlier release is missing, so its link keeps the German one.
    en = _body_structure(office, "/en/releases/2024/x/", "en")
    assert [tag for tag, _ in en] == [tag for tag, _ in de]


def test_an_import_whose_source_changed_since_export_is_refused(office):
    file = _translated_export(office)
    german = office.root / "content/de/2024/x.md"
    german.write_text(german.read_text().replace("bauen ihre", "bauen nun ihre"))
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 1
    assert "content/de/2024/x.md changed since this file was exported" in run.stderr
    assert "export it again" in run.stderr
    assert not (office.root / "content/ja/2024/x.md").exists()


def test_broken_and_incomplete_files_are_refused_naming_the_unit(office):
    file = _translated_export(office)
    tree = etree.parse(str(file))
    units = _units(tree)
    # b1 loses its link code; b4 (a list item) is left empty; b2 is not done yet.
    target = units["b1"].find(f"{XLIFF}segment/{XLIFF}target")
    for pc in target.findall(f"{XLIFF}pc"):
        if pc.get("id") == "3":
            pc.getparent().remove(pc)
    units["b4"].find(f"{XLIFF}segment/{XLIFF}target").clear()
    units["b2"].find(f"{XLIFF}segment").set("state", "initial")
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")

    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 1
    assert "unit b1 (paragraph): code <3> (link ../2023/frueher.md) is missing" in run.stderr
    # In XLIFF's words, not PO's ("fuzzy"): a Trados or memoQ user confirms a segment.
    assert (
        "unit b2 (heading) is still marked for review (its state is 'initial'); check it and confirm it in the"
        " translation tool, which marks it translated"
    ) in run.stderr
    assert "unit b3 (list item)" not in run.stderr
    assert "unit b4 (list item) is not translated" in run.stderr
    assert not (office.root / "content/ja/2024/x.md").exists()

    file.write_text(file.read_text()[:200])
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 1 and "not a readable XLIFF 2 file: it ends before its closing </xliff>" in run.stderr


def test_export_pre_fills_from_the_existing_version_and_marks_what_changed(office):
    file = _translated_export(office)
    assert office.run("import", "--source", str(office.root), str(file)).code == 0
    shutil.rmtree(file.parent)
    confirm(office, "content/de/2023/frueher.md", "content/ja/2023/frueher.md")
    # Without history every pre-filled unit of an outdated version needs review.
    german = office.root / "content/de/2024/x.md"
    german.write_text(german.read_text().replace("Ein Zitat", "Ein kurzes Zitat"))
    [again] = _export(office, "--to", "ja", "--outdated")
    units = _units(etree.parse(str(again)))
    quote = units["b11"].find(f"{XLIFF}segment")
    assert quote.get("state") == "initial"
    assert quote.find(f"{XLIFF}target").text == "訳Ein Zitat des Ministerpräsidenten."


def xliff_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 2.0 core and metadata schemas (copies in tests/schemas/xliff-2.0)."""
    folder = os.environ.get("PRESSROOM_XLIFF_SCHEMAS") or str(SCHEMAS)
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-pressroom-test">'
        '<xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="xliff_core_2.0.xsd"/>'
        '<xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="metadata.xsd"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=f"{folder.rstrip('/')}/wrapper.xsd"))


def test_exported_xliff_validates_against_the_xliff_2_schema(office):
    """Exported files validate with lxml against the OASIS XLIFF 2.0 core and metadata schemas,
    before and after translation."""
    schema = xliff_schema()
    [file] = _export(office, "--to", "ja", "content/de/2024/x.md")
    assert schema.validate(etree.parse(str(file))), schema.error_log
    _translate_xliff(file)
    assert schema.validate(etree.parse(str(file))), schema.error_log


def test_with_history_only_the_units_that_changed_need_review(office):
    file = _translated_export(office)
    assert office.run("import", "--source", str(office.root), str(file)).code == 0
    shutil.rmtree(file.parent)
    _git(office.root, "init", "-q")
    _git(office.root, "add", "content")
    _git(office.root, "commit", "-q", "-m", "Japanese version imported")
    german = office.root / "content/de/2024/x.md"
    german.write_text(german.read_text().replace("Ein Zitat", "Ein kurzes Zitat"))
    [again] = _export(office, "--to", "ja", "content/de/2024/x.md")
    states = {u.get("id"): u.find(f"{XLIFF}segment").get("state") for u in etree.parse(str(again)).iter(f"{XLIFF}unit")}
    assert states["b11"] == "initial"  # the quotation changed
    assert {state for unit, state in states.items() if unit != "b11"} == {"translated"}


def test_files_that_are_not_a_pressroom_xliff_2_export_are_refused_with_a_reason(office):
    folder = office.root / "received"
    folder.mkdir()
    files = {
        # What a CAT tool set to XLIFF 1.2 saves: translate-toolkit's store would name its own
        # parser class to the translator.
        "v12.xlf": '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>\n',
        # A document type that declares an entity reading a file of the machine.
        "entity.xlf": (
            '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
            f'<xliff version="2.0" xmlns="{XLIFF[1:-1]}" srcLang="de"><file id="f"><unit id="b1">'
            "<segment><source>&secret;</source><target>&secret;</target></segment></unit></file></xliff>\n"
        ),
        # Another XML document: translate-toolkit's store stopped on it with an AssertionError.
        "other.xlf": '<?xml version="1.0"?>\n\n<html/>\n',
        "cut.xlf": '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n',
    }
    run, errors = _imported_from(folder, files, office)

    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert errors == [
        # In the reader's words it was "Premature end of data in tag xliff line 2, line 3, column 1".
        "received/cut.xlf:3: error: not a readable XLIFF 2 file: it ends before its closing </xliff>, cut short"
        " in saving or sending; save or send it whole and import it again",
        "received/entity.xlf:2: error: a document type declaration (<!DOCTYPE …>): XLIFF files have none,"
        " and the entities it may declare are not read; remove it",
        "received/other.xlf:3: error: not an XLIFF 2.0 file (its root is not <xliff> of XLIFF 2)",
        "received/v12.xlf:2: error: an XLIFF 1.2 file: pressroom exports and imports XLIFF 2.0;"
        " save it as XLIFF 2.0 in the translation tool",
    ]
    assert not (office.root / "content/ja/2024/x.md").exists()


def test_what_stops_the_xml_reader_is_said_in_words_of_the_file_not_of_libxml2(office):
    folder = office.root / "received"
    folder.mkdir()
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{XLIFF[1:-1]}" srcLang="de">\n'
    unit = '<file id="f"><unit id="b1"><segment><source>a</source><target>{}</target></segment></unit></file></xliff>\n'
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    files = {
        # Entities that expand a billion-fold: the reader stopped before the document type was looked at.
        "laughs.xlf": f'<?xml version="1.0"?>\n<!DOCTYPE xliff [{laughs}]>\n'
        + head.split("\n", 1)[1]
        + unit.format("&l9;"),
        # A terminal escape as a character reference: "xmlParseCharRef: invalid xmlChar value 27".
        "escape.xlf": head + unit.format("&#x1b;[31m"),
        # The character itself: "PCDATA invalid Char value 27", "Char 0x0 out of allowed range\n".
        "raw.xlf": head + unit.format("\x1b[31m"),
        "nul.xlf": head + unit.format("\x00"),
        # A tool that saved one line in Latin-1: "Invalid bytes in character encoding".
        "latin.xlf": head + unit.format("Gr\udcfc\udcdfe"),
    }
    run, errors = _imported_from(folder, files, office)

    assert run.code == 1
    assert errors == [
        "received/escape.xlf:3: error: a reference to the character U+001B (&#27; or &#x1B;), which XML allows"
        " in no text: delete it",
        "received/latin.xlf:3: error: file is not UTF-8 text: its 'ü' on this line is Windows-1252"
        " (Western European); save it as UTF-8",
        "received/laughs.xlf:2: error: a document type declaration (<!DOCTYPE …>): XLIFF files have none,"
        " and the entities it may declare are not read; remove it",
        "received/nul.xlf:3: error: the invisible control character U+0000, which XML allows in no text: delete it",
        "received/raw.xlf:3: error: the invisible control character U+001B, which XML allows in no text: delete it",
    ]


def _imported_from(folder: Path, files: dict[str, str], site: ScratchSite) -> tuple[Run, list[str]]:
    """``files`` written into ``folder`` (a lone surrogate stands for a byte that is not UTF-8)
    and imported in one run; the run and its error lines, sorted."""
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    run = site.run("import", "--source", str(site.root), *(str(folder / name) for name in files))
    return run, sorted(line for line in run.stderr.splitlines() if ": error: " in line)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_given_to_import_is_refused_without_waiting(office):
    file = _translated_export(office)
    pipe = office.root / "exchange" / "from-the-office.xlf"
    os.mkfifo(pipe)

    # A process of its own with a timeout: reading the pipe waited for a writer for ever.
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "import", "--source", str(office.root), str(file), str(pipe)],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )

    assert run.returncode == 2  # not a file: a usage mistake
    assert "exchange/from-the-office.xlf:0: error: cannot read: a named pipe, not a file" in run.stderr
    assert not (office.root / "content/ja/2024/x.md").exists()  # nothing imported while one file is refused


def test_the_export_record_cannot_choose_where_an_import_writes(office):
    file = _translated_export(office)
    text = file.read_text(encoding="utf-8")
    source = (office.root / "content/de/2024/x.md").read_text(encoding="utf-8")
    for target in ("de", "xx", "partners"):
        file.write_text(text.replace("to=ja", f"to={target}"), encoding="utf-8")
        run = office.run("import", "--source", str(office.root), str(file))
        assert run.code == 1, target
        assert (
            f"its export record says to={target}, which is not another language of this site (ja, en); export it again"
        ) in run.stderr, target
    assert (office.root / "content/de/2024/x.md").read_text(encoding="utf-8") == source  # not overwritten
    assert sorted(p.name for p in (office.root / "content").iterdir()) == ["de", "ja", "partners", "topics.yaml"]

    # Two files for one version in one import: neither is written, rather than the last winning.
    file.write_text(text, encoding="utf-8")
    twin = file.with_name("twin.xlf")
    twin.write_text(text, encoding="utf-8")
    run = office.run("import", "--source", str(office.root), str(file), str(twin))
    assert run.code == 1
    assert f"exchange/twin.xlf:0: error: exchange/{file.name} imports into content/ja/2024/x.md too; import one" in (
        run.stderr.splitlines()
    )
    assert not (office.root / "content/ja/2024/x.md").exists()


def test_an_import_into_front_matter_it_cannot_edit_writes_nothing(office):
    # The Japanese version exists, its front matter written as one {…} mapping.
    target = office.root / "content/ja/2024/x.md"
    flow = "---\n{title: 古い訳, untranslated: true}\n---\n\n古い本文。\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(flow, encoding="utf-8")
    file = _translated_export(office)

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert "content/ja/2024/x.md:" in run.stderr and "write each field as a 'key: value' line" in run.stderr
    assert target.read_text(encoding="utf-8") == flow


def test_a_translation_read_in_the_wrong_encoding_is_refused_before_it_is_written(office):
    file = _translated_export(office)
    # A tool declared Latin-1 for the UTF-8 bytes it wrote: every "ü" would read as "Ã¼", which
    # is printable, so only the declaration against the bytes can tell.
    text = file.read_text(encoding="utf-8")
    file.write_bytes(text.replace("encoding='UTF-8'", "encoding='ISO-8859-1'", 1).encode("utf-8"))
    assert b"ISO-8859-1" in file.read_bytes()

    said = _import_refused(office, file)

    assert re.search(
        r"\.xlf:1: error: the file declares the encoding ISO-8859-1, but its text is UTF-8 \(an 'ü' would read as"
        r" 'Ã¼'\); save it as UTF-8 in the translation tool and import it again",
        said,
    ), said

    # A file really written in the one-byte encoding it declares is read as declared.
    latin = _translated_export(office, change=lambda text: f"Übersetzt: {text}")
    declared = latin.read_text(encoding="utf-8").replace("encoding='UTF-8'", "encoding='ISO-8859-1'", 1)
    latin.write_bytes(declared.encode("iso-8859-1", "xmlcharrefreplace"))  # the notes' 神奈川県 as &#31070;…
    run = office.run("import", "--source", str(office.root), str(latin))
    assert run.code == 0, run.stderr
    assert 'title: "Übersetzt: Kanagawa und Baden-Württemberg"' in (office.root / "content/ja/2024/x.md").read_text(
        encoding="utf-8"
    )


def test_characters_read_in_the_wrong_encoding_inside_a_unit_are_refused(office):
    file = _translated_export(office, change=lambda text: f"Größe {text}".encode().decode("latin-1"))
    # The tool itself read the German as Latin-1 and saved that as UTF-8: a "ß" became "Ã" and
    # U+009F, an invisible C1 control character.
    said = _import_refused(office, file)

    assert re.search(
        r"\.xlf:\d+: error: unit b1 \(paragraph\) holds the invisible control character U\+00[89][0-9A-F];"
        r" was the file saved in another encoding than it declares\? Save it as UTF-8 and import it again",
        said,
    ), said


def test_a_folder_is_imported_as_the_exchange_files_in_it(office):
    """The office's archive, unpacked: its folder was "cannot read: a folder, not a file"."""
    file = _translated_export(office)
    unpacked = office.root / "returned" / "ja"
    unpacked.mkdir(parents=True)
    file.rename(unpacked / file.name)
    (unpacked / "readme.txt").write_text("Translated by the office.\n", encoding="utf-8")
    (unpacked / f"._{file.name}").write_bytes(b"\0\5\26\7")  # what macOS leaves beside a file in an archive
    run = office.run("import", "--source", str(office.root), str(office.root / "returned"))
    assert run.code == 0, run.stderr
    assert "訳" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    empty = office.root / "nothing-here"
    empty.mkdir()
    run = office.run("import", "--source", str(office.root), str(empty))
    assert run.code == 2
    assert "nothing-here:0: error: a folder with no .xlf or .po file in it; name the translated files" in run.stderr


def test_a_file_is_read_as_what_it_holds_not_as_its_name_says(office):
    """A PO file a mail program saved as .txt was "not a readable XLIFF 2 file: it ends before its
    closing </xliff>, cut short in saving or sending", and so were the archive the office sent
    and a note; each is now told what it is."""
    [po] = _export(office, "--to", "en", "--format", "po", "content/de/2024/x.md")
    filled = re.sub(r'msgid "(.*)"\nmsgstr ""', lambda m: f'msgid "{m[1]}"\nmsgstr "{m[1].upper()}"', po.read_text())
    renamed = po.with_name("returned.txt")
    renamed.write_text(filled, encoding="utf-8")
    po.unlink()
    run = office.run("import", "--source", str(office.root), str(renamed))
    assert run.code == 0, run.stderr
    assert "KANAGAWA UND BADEN-WÜRTTEMBERG" in (office.root / "content/en/2024/x.md").read_text(encoding="utf-8")
    archive = office.root / "returned.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("x.de-ja.xlf", "<xliff/>")
    note = office.root / "note.xlf"
    note.write_text("Anbei die Übersetzung.\n", encoding="utf-8")
    said = _import_refused(office, archive) + _import_refused(office, note)
    assert (
        "returned.zip:0: error: a ZIP archive (or a Word file), not an exchange file: unpack it and import the .xlf"
        " or .po files in it"
    ) in said
    assert (
        "note.xlf:0: error: not an XLIFF file: it holds no XML; import the translated .xlf or .po file that"
        " export wrote"
    ) in said


def test_a_unit_given_twice_is_named_as_such(office):
    file = _translated_export(office)
    tree = etree.parse(str(file))
    units = _units(tree)
    units["summary"].set("id", "title")  # a tool that renumbered units wrongly
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1
    assert re.search(r"\.xlf:\d+: error: unit title is given twice \(first on line \d+\); keep one", run.stderr)
    assert "unit summary" not in run.stderr


def test_a_unit_the_release_does_not_have_is_named_at_its_line(office):
    file = _translated_export(office)
    tree = etree.parse(str(file))
    units = _units(tree)
    units["summary"].set("id", "summray")  # a tool, or a hand, that changed an id
    units["source"].set("id", "")
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")
    lines = file.read_text(encoding="utf-8").splitlines()
    summray = next(n for n, line in enumerate(lines, 1) if '<unit id="summray"' in line)
    empty = next(n for n, line in enumerate(lines, 1) if '<unit id=""' in line)

    said = _import_refused(office, file).splitlines()

    assert (
        f"exchange/{file.name}:{summray}: error: unit summray is not in content/de/2024/x.md;"
        " was the file exported here?"
    ) in said
    assert (
        f"exchange/{file.name}:{empty}: error: unit with an empty id is not in content/de/2024/x.md;"
        " was the file exported here?"
    ) in said


def test_a_file_for_another_release_is_said_in_twenty_lines_and_a_count_not_in_thousands(scratch_site):
    """A file exported for another, longer release (or a CAT tool's merged project) named each
    of its units not in the source, and each of the source's it lacks, one line apiece: 300,000
    units printed 300,000 lines, and every other problem of the run scrolled away."""
    body = "\n\n".join(f"Absatz {n} der Erklärung." for n in range(1, 31)) + "\n"
    site = scratch_site({"content/de/2024/x.md": release("Erklärung", "date: 2024-07-17\n", body)})
    file = _translated_export(site)
    tree = etree.parse(str(file))
    units = _units(tree)
    paragraphs = [ident for ident in units if ident.startswith("b")]
    assert len(paragraphs) == 30
    for ident in paragraphs[5:]:  # 25 of the source's paragraphs missing
        units[ident].getparent().remove(units[ident])
    stray = units[paragraphs[0]]
    for n in range(500):  # and 500 units of another release
        other = copy.deepcopy(stray)
        other.set("id", f"z{n}")
        stray.addnext(other)
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")

    said = _import_refused(site, file).splitlines()

    assert len([line for line in said if "is missing from the file" in line]) == 20
    assert f"exchange/{file.name}:0: error: … and 5 more units of content/de/2024/x.md missing from the file" in said
    strays = [line for line in said if "is not in content/de/2024/x.md; was the file exported here?" in line]
    assert len(strays) == 20
    lines = file.read_text(encoding="utf-8").splitlines()
    twenty_first = next(n for n, line in enumerate(lines, 1) if '<unit id="z479"' in line)
    assert (
        f"exchange/{file.name}:{twenty_first}: error: … and 480 more units from here on not in content/de/2024/x.md"
    ) in said
    assert len(said) < 50


def test_a_key_too_long_for_a_file_name_is_cut_and_told_apart():
    """A release in nested folders with a long name gave an exchange file name over 255 bytes,
    and export failed with 'File name too long' (with --missing, nothing was exported)."""
    long_key = "2024/" + "/".join(["unterordner"] * 6) + "/" + "ä" * 95
    names = [
        Export(key, False, "de", "ja", "content/de/x.md", "f", ()).file_name("xliff")
        for key in (long_key, long_key + "x", "2024/x")
    ]
    assert all(len(name.encode()) <= 255 for name in names)
    assert names[0] != names[1] and names[0].endswith(".de-ja.xlf")
    assert names[2] == "2024--x.de-ja.xlf"


def test_a_version_whose_name_macos_wrote_in_nfd_is_found_by_either_spelling(scratch_site):
    """The build found such a file; confirm, diff, export and import did not: typed as on disk it
    was 'not a release or page version', typed in NFC 'No such file or directory'."""
    composed, decomposed = "Über", unicodedata.normalize("NFD", "Über")
    site = scratch_site({"content/ja/2024/Über.md": release("について", "date: 2024-07-17\n", "本文。")})
    nfc_ja = site.root / "content/ja/2024/Über.md"
    nfc_ja.rename(nfc_ja.with_name(f"{decomposed}.md"))
    german = site.root / f"content/de/2024/{decomposed}.md"
    german.parent.mkdir(parents=True)
    german.write_text(release("Über uns", "", "Deutscher Text."), encoding="utf-8")
    assert site.build().code == 0

    for spelled in (composed, decomposed):
        run = site.run("confirm", "--source", str(site.root), str(site.root / f"content/de/2024/{spelled}.md"))
        assert run.code == 0, run.stderr
        run = site.run("diff", "--source", str(site.root), str(site.root / f"content/de/2024/{spelled}.md"))
        assert run.code == 0, run.stderr
    assert "confirmed:" in german.read_text(encoding="utf-8")
    assert sorted(p.name for p in german.parent.iterdir()) == [f"{decomposed}.md"]  # no NFC twin written

    out = site.root / "exchange"
    run = site.run("export", "--source", str(site.root), "--to", "en", "--output", str(out), str(german))
    assert run.code == 0, run.stderr
    [file] = sorted(out.iterdir())
    _translate_xliff(file, lambda text: f"EN {text}")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert (site.root / "content/en/2024/Über.md").is_file()
    assert "confirmed:" in german.read_text(encoding="utf-8")


def _with_target(file: Path, unit_id: str, change) -> None:
    """Change the target of one unit's (only) segment as a CAT tool would."""
    tree = etree.parse(str(file))
    segment = _units(tree)[unit_id].find(f"{XLIFF}segment")
    change(segment, segment.find(f"{XLIFF}target"))
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")


def _cp(hex_value: str | None):
    def change(segment, target):
        cp = etree.SubElement(target, f"{XLIFF}cp")
        if hex_value is not None:
            cp.set("hex", hex_value)

    return change


def _split_without_target(segment, target):
    # The tool split the segment in two and left the second without its translation.
    unit = segment.getparent()
    second = etree.SubElement(unit, f"{XLIFF}segment", state="translated")
    etree.SubElement(second, f"{XLIFF}source").text = " noch mehr"


def _no_state(segment, target):
    del segment.attrib["state"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_cp("D800"), r'has <cp hex="D800"/> \(line \d+\), which names no character; write the character itself'),
        (_cp("U+0041"), r'has <cp hex="U\+0041"/> \(line \d+\), which names no character'),
        (_cp(None), r'has <cp hex=""/> \(line \d+\), which names no character'),
        (_split_without_target, r"has a segment without its translation \(line \d+\); translate it"),
        (_no_state, r"has a segment without a state \(XLIFF reads that as 'initial'\); mark it translated"),
    ],
    ids=["surrogate", "not-hex", "no-hex", "segment-without-target", "no-state"],
)
def test_what_a_cat_tool_may_leave_in_a_unit_is_said_never_lost(office, change, message):
    """A lone surrogate or 'U+0041' in <cp> ended in a traceback; a split segment without its
    target was dropped from the text without a word."""
    file = _translated_export(office)
    _with_target(file, "b1", change)
    said = _import_refused(office, file)
    assert re.search(r"\.xlf:\d+: error: unit b1 \(paragraph\) " + message, said), said


def test_an_ignorable_without_target_keeps_its_source_and_line_ends_are_line_ends(office):
    """The space of an <ignorable> the tool kept no target for was dropped ('前半後半'); a line
    end written as CR LF was refused as a control character."""
    file = _translated_export(office)

    def space_between(segment, target):
        target.text = "訳前半"
        unit = segment.getparent()
        ignorable = etree.SubElement(unit, f"{XLIFF}ignorable")
        etree.SubElement(ignorable, f"{XLIFF}source").text = " "
        second = etree.SubElement(unit, f"{XLIFF}segment", state="translated")
        etree.SubElement(second, f"{XLIFF}source").text = "x"
        etree.SubElement(second, f"{XLIFF}target").text = "後半\r\n次の行"

    _with_target(file, "b11", space_between)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert "> 訳前半 後半次の行\n" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--to", "fr"), ["--to: unknown language 'fr'"]),
        (("--to", ""), ["--to: unknown language ''"]),
        (("--to", "ja", "--from", "jp"), ["--from: unknown language 'jp'"]),
        # Both, not --to's alone.
        (("--to", "fr", "--from", "jp"), ["--to: unknown language 'fr'", "--from: unknown language 'jp'"]),
        # It was "'2024/x' has no de version to translate from", of a release that has one.
        (("--to", "de", "--from", "de"), ["--from and --to are both de: translate from another language"]),
    ],
)
def test_export_names_the_language_it_cannot_take(office, args, said):
    out = office.root / "out"
    run = office.run("export", "--source", str(office.root), "--output", str(out), *args, "content/de/2024/x.md")
    assert run.code == 2
    assert run.stderr.splitlines() == [
        f"build.py export: error: {each} (the site's languages: de, ja, en)" for each in said
    ]
    assert not out.exists()


def test_a_file_the_tool_says_is_in_another_language_is_refused(office):
    file = _translated_export(office)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace('trgLang="ja"', 'trgLang="en"', 1), encoding="utf-8")
    assert (
        "error: the file says it is in en (trgLang), but it was exported for ja: export it again with --to en,"
        " or translate it into ja"
    ) in _import_refused(office, file)


def test_a_unit_opening_with_a_code_gets_no_whitespace_from_the_layout_of_the_file(scratch_site):
    """Pretty-printing put a line end and spaces before the first code of such a unit, which
    xml:space="preserve" made part of the text a CAT tool shows and keeps."""
    body = "[Die Karte](https://example.org/karte) der Region.\n\n- [Link](https://example.org/)\n"
    site = scratch_site({"content/de/2024/x.md": release("X", "date: 2024-07-17\n", body)})
    [file] = _export(site, "--to", "ja", "content/de/2024/x.md")
    text = file.read_text(encoding="utf-8")
    assert '<source xml:space="preserve"><pc id="1"' in text
    assert re.search(r'<source xml:space="preserve">\s+<', text) is None
    _translate_xliff(file)
    assert site.run("import", "--source", str(site.root), str(file)).code == 0
    japanese = (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "\n\n訳[Die Karte](https://example.org/karte) der Region.\n\n- 訳[Link](https://example.org/)\n" in japanese


def test_emphasis_markdown_would_show_as_marks_is_warned_on_import(office):
    """``Baden*(Kanagawa)*Partner`` shows its asterisks on the page: CommonMark takes no emphasis
    between a Latin letter and punctuation. Nothing said so. Japanese これは*「重要」*です is
    emphasis (the CJK-friendly reading) and is not warned."""
    file = _translated_export(office)

    def latin_emphasis(segment, target):
        pc = next(child for child in target if child.get("id") == "1")
        target.text = "Baden-Württemberg"
        pc.text = "(Kanagawa)"
        pc.tail = "Partner" + (pc.tail or "")

    def japanese_emphasis(segment, target):
        pc = next(child for child in target if child.get("id") == "1")
        target.text = "バーデン＝ヴュルテンベルク州とこれは"
        pc.text = "「神奈川」"
        pc.tail = "です" + (pc.tail or "")

    _with_target(file, "b1", latin_emphasis)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert re.search(
        r"\.xlf:\d+: warning: unit b1 \(paragraph\): the emphasis <1>…</1> will show its marks \(\*\) on the page",
        run.stderr,
    ), run.stderr
    assert "Baden-Württemberg*(Kanagawa)*Partner" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    # Emphasis Markdown can show raises no warning (the other units of the same file).
    assert run.stderr.count(": warning: ") == 1

    (office.root / "content/ja/2024/x.md").unlink()
    file = _translated_export(office)
    _with_target(file, "b1", japanese_emphasis)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0 and ": warning: " not in run.stderr, run.stderr
    assert "これは*「神奈川」*です" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert office.build().code == 0
    assert "これは<em>「神奈川」</em>です" in office.page("/ja/releases/2024/x/").html


def test_a_target_a_tool_wrapped_and_indented_joins_without_spaces_in_japanese(office):
    file = _translated_export(office)

    def wrapped(segment, target):
        target.text = "神奈川県と\n          連携を強化"
        for child in list(target):
            target.remove(child)

    tree = etree.parse(str(file))
    for ident, unit in _units(tree).items():
        if ident == "title":
            segment = unit.find(f"{XLIFF}segment")
            wrapped(segment, segment.find(f"{XLIFF}target"))
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert "title: 神奈川県と連携を強化\n" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")


def test_a_target_nested_without_end_is_said_in_plain_words(office):
    file = _translated_export(office)

    def deep(segment, target):
        inner = target
        for _ in range(300):
            inner = etree.SubElement(inner, f"{XLIFF}mrk", id="m", translate="yes")

    _with_target(file, "b1", deep)
    said = _import_refused(office, file)
    assert "elements nested more than 256 deep; no export nests more than a few" in said
    assert "XML_PARSE_HUGE" not in said


def test_a_target_too_long_for_the_xml_reader_is_said_in_plain_words(office):
    """It was said in libxml2's words: "Resource limit exceeded: Text node too long, try
    XML_PARSE_HUGE", an option of the reader that nobody importing a file can set."""
    file = _translated_export(office)

    def endless(segment, target):
        target.text = "あ" * 3_400_000  # 10.2 MB

    _with_target(file, "b1", endless)
    said = _import_refused(office, file)
    assert "not a readable XLIFF 2 file: a text of more than 10 MB in one place" in said, said
    assert "XML_PARSE_HUGE" not in said


def test_segments_a_tool_moved_in_the_translation_go_where_their_order_says(office):
    """XLIFF's order attribute puts a target elsewhere in the unit (Japanese often turns a
    sentence round); it was ignored, and the halves came back in the source's order."""
    file = _translated_export(office)

    def turned_round(segment, target):
        target.text = "後半。"
        target.set("order", "2")
        second = etree.SubElement(segment.getparent(), f"{XLIFF}segment", state="translated")
        etree.SubElement(second, f"{XLIFF}source").text = "zweiter Teil"
        etree.SubElement(second, f"{XLIFF}target", order="1").text = "前半、"

    _with_target(file, "b11", turned_round)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert "> 前半、後半。\n" in (office.root / "content/ja/2024/x.md").read_text(encoding="utf-8")

    def out_of_place(segment, target):
        target.set("order", "7")

    file = _translated_export(office)
    _with_target(file, "b11", out_of_place)
    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 1
    assert re.search(r'unit b11 \(quotation\) has a target with order="7", which is no place in it', run.stderr)


CAPTIONED = (
    '![Die Delegation in Yokohama](/media/2024/delegation.png "Die Delegation vor dem Rathaus")\n\n'
    'Mehr zur [Partnerschaft](https://example.org/partner "Die Partnerschaft seit 1989").\n'
)


def _captioned_site(scratch_site):
    site = scratch_site({"content/de/2024/x.md": release("Besuch", "date: 2024-07-17\n", CAPTIONED)})
    put(site, {"2024/delegation.png": png((30, 90, 160))})
    return site


def test_a_figure_caption_and_a_link_title_are_translated_like_any_text(scratch_site):
    """Both were kept inside the codes' Markdown: the Japanese page showed the German caption."""
    site = _captioned_site(scratch_site)
    [file] = _export(site, "--to", "ja", "content/de/2024/x.md")
    units = _units(etree.parse(str(file)))
    assert units["b1.t1"].get("name") == "image caption"
    assert units["b2.t1"].get("name") == "link title"
    _translate_xliff(file, lambda text: f"訳{text}" if text else text)  # the figure stays alone in its paragraph
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert site.build().code == 0
    html = site.page("/ja/releases/2024/x/").html
    assert "<figcaption>訳Die Delegation vor dem Rathaus</figcaption>" in html
    assert 'title="訳Die Partnerschaft seit 1989"' in html


def test_a_file_exported_before_titles_were_units_keeps_the_source_title_and_says_so(scratch_site):
    site = _captioned_site(scratch_site)
    [file] = _export(site, "--to", "ja", "content/de/2024/x.md")
    _translate_xliff(file)
    tree = etree.parse(str(file))
    for unit in _units(tree).values():
        if ".t" in unit.get("id"):
            unit.getparent().remove(unit)
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert re.search(
        r"\.xlf:[1-9]\d*: warning: unit b1\.t1 \(image caption\) is not in the file \(it comes after unit b1\);"
        r" the source's title is kept: "
        r"Die Delegation vor dem Rathaus",
        run.stderr,
    ), run.stderr
    japanese = (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert '(/media/2024/delegation.png "Die Delegation vor dem Rathaus")' in japanese


def test_a_unit_a_tool_left_out_is_said_where_it_belongs(office):
    """No line holds a unit a tool dropped, and it was said at line 0: the line of the unit
    before it takes the translator to the place to put it back."""
    file = _translated_export(office)
    tree = etree.parse(str(file))
    units = _units(tree)
    units["b2"].getparent().remove(units["b2"])
    tree.write(str(file), xml_declaration=True, encoding="UTF-8")
    lines = file.read_text(encoding="utf-8").splitlines()
    b1 = next(n for n, line in enumerate(lines, 1) if '<unit id="b1"' in line)

    said = _import_refused(office, file).splitlines()

    assert f"exchange/{file.name}:{b1}: error: unit b2 (heading) is missing from the file (it comes after unit b1)" in (
        said
    )
