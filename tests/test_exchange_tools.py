"""Exchange files as translators' tools send them back, and what the page then shows: links to a
heading of the same text, whose address the translator cannot edit."""

from __future__ import annotations

import re
from urllib.parse import unquote

from .test_exchange import _export, _translate_xliff
from .test_translations import release

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
