"""Translatable media texts in the translators' workflow: a lead image's alt text, caption and
credit and each download's title are texts a translator must re-check when a sibling changes
them, so they count in ``status``, show in ``diff`` and travel in XLIFF and PO files."""

from __future__ import annotations

import hashlib
import json
import shutil

from lxml import etree

from pressroom.source.frontmatter import text_fingerprint

from .conftest import copy_project_site
from .pdfs import pdf_document
from .test_content_status import confirm, edit, status
from .test_exchange import XLIFF, _export, _translate_xliff
from .test_media_site import png, put
from .test_translations import release
from .test_translator_diff import _git

DE = "content/de/2024/besuch.md"
JA = "content/ja/2024/besuch.md"
EN = "content/en/2024/besuch.md"


def _site(scratch_site):
    site = scratch_site(
        {
            DE: release(
                "Besuch in Kanagawa",
                "date: 2024-07-17\nimage:\n  file: 2024/besuch.png\n  alt: Zwei Delegationen am Tisch\n"
                "  caption: Unterzeichnung in Yokohama\n  credit: Staatsministerium\n  symbolic: true\n"
                "downloads:\n  - file: 2024/erklaerung.pdf\n    title: Gemeinsame Erklärung\n    lang: [de, ja]\n",
                "Der Ministerpräsident besuchte Kanagawa.",
            ),
            JA: release(
                "神奈川訪問",
                "image:\n  alt: テーブルを囲む二つの代表団\n  caption: 横浜での署名\n  credit: 州首相府\n"
                "downloads:\n  - file: 2024/erklaerung.pdf\n    title: 共同意向表明書\n    lang: [de, ja]\n",
                "州首相が神奈川県を訪問しました。",
            ),
            EN: release(
                "Visit to Kanagawa",
                "image:\n  alt: Two delegations at a table\n  caption: Signing in Yokohama\n  credit: State Ministry\n",
                "The Minister-President visited Kanagawa.",
            ),
        }
    )
    put(site, {"2024/besuch.png": png((30, 90, 160)), "2024/erklaerung.pdf": pdf_document(title="test document")})
    confirm(site, DE, JA, EN)
    return site


def test_editing_an_image_text_or_a_download_title_makes_exactly_the_siblings_outdated(scratch_site):
    site = _site(scratch_site)
    assert status(site)["2024/besuch"] == {"de": "ok", "ja": "ok", "en": "ok"}
    edits = [
        (DE, "caption: Unterzeichnung in Yokohama", "caption: Unterzeichnung im Rathaus von Yokohama", "de"),
        (JA, "alt: テーブルを囲む二つの代表団", "alt: 長いテーブルを囲む二つの代表団", "ja"),
        (EN, "credit: State Ministry", "credit: State Ministry of Baden-Württemberg", "en"),
        (DE, "title: Gemeinsame Erklärung", "title: Gemeinsame Absichtserklärung", "de"),
    ]
    for path, old, new, lang in edits:
        edit(site, path, old, new)
        states = status(site)["2024/besuch"]
        assert states == {code: "ok" if code == lang else "outdated" for code in ("de", "ja", "en")}, (old, states)
        table = site.run("status", "--source", str(site.root)).stdout
        assert f"{lang} changed since it was confirmed" in table
        # Translators update the others; confirming them clears exactly them.
        confirm(site, *(p for p in (DE, JA, EN) if p != path))
        assert status(site)["2024/besuch"] == {"de": "ok", "ja": "ok", "en": "ok"}
    # What stays the release's (which file, whether it is symbolic, whether its file is offered)
    # is no text to translate.
    edit(site, DE, "  symbolic: true\n", "  symbolic: false\n")
    assert status(site)["2024/besuch"] == {"de": "ok", "ja": "ok", "en": "ok"}
    edit(site, DE, "  symbolic: false\n", "  symbolic: false\n  download: false\n")
    assert status(site)["2024/besuch"] == {"de": "ok", "ja": "ok", "en": "ok"}


def test_versions_without_media_texts_keep_the_fingerprints_recorded_before_they_counted():
    old = hashlib.sha256(json.dumps(["T", "S", "Q", "Body."], ensure_ascii=False).encode()).hexdigest()[:12]
    assert text_fingerprint("T", "S", "Q", "Body.") == old
    assert text_fingerprint("T", "S", "Q", "Body.", (("image.alt", "A"),)) != old


def test_the_bundled_site_is_up_to_date_in_every_language(scratch_site, tmp_path):
    """Its versions with image texts were confirmed again when those texts began to count."""
    site = scratch_site({}, with_defaults=False)
    copy_project_site(site.root)
    states = status(site)
    assert states["2024/kanagawa-declaration"] == {"de": "ok", "ja": "ok", "en": "ok"}
    assert all(set(versions.values()) == {"ok"} for versions in states.values()), states


def test_diff_shows_the_changed_media_texts_word_by_word(scratch_site):
    site = _site(scratch_site)
    _git(site.root, "init", "-q")
    _git(site.root, "add", "content")
    _git(site.root, "commit", "-q", "-m", "confirmed translations")
    edit(site, DE, "caption: Unterzeichnung in Yokohama", "caption: Unterzeichnung in Tokio")
    edit(site, DE, "title: Gemeinsame Erklärung", "title: Gemeinsame Absichtserklärung")

    run = site.run("diff", "--source", str(site.root), str(site.root / EN))
    assert run.code == 0, run.stderr
    assert "== content/de/2024/besuch.md changed since content/en/2024/besuch.md was confirmed" in run.stdout
    assert "image.caption: Unterzeichnung in [-Yokohama-]{+Tokio+}" in run.stdout
    assert "download.1: Gemeinsame [-Erklärung-]{+Absichtserklärung+}" in run.stdout
    assert "2 words changed" in run.stdout
    assert "image.alt" not in run.stdout and "title: Besuch" not in run.stdout
    counted = json.loads(site.run("status", "--json", "--source", str(site.root)).stdout)
    [entry] = counted["releases"]
    assert entry["changed_words"]["en"] == {"de": 2}


def test_export_and_import_carry_the_image_texts_and_download_titles(scratch_site):
    site = _site(scratch_site)
    (site.root / EN).unlink()
    [file] = _export(site, "--to", "en", "--from", "de", DE)
    units = {u.get("id"): u for u in etree.parse(str(file)).iter(f"{XLIFF}unit")}
    assert list(units) == ["title", "image.alt", "image.caption", "image.credit", "download.1", "b1"]
    assert units["image.caption"].get("name") == "image caption"
    assert units["download.1"].get("name") == "download title"
    assert units["image.alt"].find(f"{XLIFF}segment/{XLIFF}source").text == "Zwei Delegationen am Tisch"

    _translate_xliff(file, lambda text: f"EN {text}")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    english = (site.root / EN).read_text(encoding="utf-8")
    assert "image:\n  alt: EN Zwei Delegationen am Tisch\n  caption: EN Unterzeichnung in Yokohama\n" in english
    assert "  credit: EN Staatsministerium\n" in english
    assert "file: 2024/besuch.png" not in english  # inherited from the release, as before
    downloads = "downloads:\n  - file: 2024/erklaerung.pdf\n    title: EN Gemeinsame Erklärung\n    lang: [de, ja]\n"
    assert downloads in english
    assert status(site)["2024/besuch"]["en"] == "ok"
    assert site.build().code == 0
    page = site.page("/en/releases/2024/besuch/").html
    assert "EN Unterzeichnung in Yokohama" in page and 'alt="EN Zwei Delegationen am Tisch"' in page
    assert "EN Gemeinsame Erklärung" in page

    shutil.rmtree(file.parent)
    [po] = _export(site, "--to", "en", "--from", "ja", "--format", "po", JA)
    text = po.read_text(encoding="utf-8")
    assert 'msgctxt "image.credit"\nmsgid "州首相府"' in text
    assert 'msgctxt "download.1"\nmsgid "共同意向表明書"' in text


def test_an_import_keeps_the_translations_own_downloads_summary_and_source(scratch_site):
    """Importing into an existing Japanese version replaced its downloads with the source's list
    (its own Japanese PDF was gone, and the German PDF took that PDF's title, since download
    titles were paired by place), and dropped its summary and source, which the German source
    does not give."""
    de = release(
        "Erklärung",
        "date: 2024-07-17\ndownloads:\n  - file: 2024/erklaerung.pdf\n    title: Gemeinsame Erklärung\n"
        "    lang: [de]\n",
        "Erster Absatz.",
    )
    ja = release(
        "宣言",
        "summary: 日本語の要約。\nsource: 神奈川県国際課\n"
        "downloads:\n  - file: 2024/erklaerung-ja.pdf\n    title: 共同意向表明書（日本語）\n    lang: [ja]\n"
        "  - file: 2024/erklaerung.pdf\n    title: 共同意向表明書（ドイツ語）\n    lang: [de]\n",
        "最初の段落。",
    )
    site = scratch_site({DE: de, JA: ja})
    put(site, {"2024/erklaerung.pdf": pdf_document(), "2024/erklaerung-ja.pdf": pdf_document(10)})
    confirm(site, DE, JA)
    edit(site, DE, "Erster Absatz.", "Erster Absatz, neu gefasst.")

    [file] = _export(site, "--to", "ja", "--outdated")
    units = {u.get("id"): u for u in etree.parse(str(file)).iter(f"{XLIFF}unit")}
    # Pre-filled from the Japanese download of the same file, not from its first one.
    assert units["download.1"].find(f"{XLIFF}segment/{XLIFF}target").text == "共同意向表明書（ドイツ語）"
    _translate_xliff(file)  # every target made anew from its source: 訳…

    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    japanese = (site.root / JA).read_text(encoding="utf-8")
    assert "summary: 日本語の要約。\n" in japanese and "source: 神奈川県国際課\n" in japanese
    assert (
        "downloads:\n  - file: 2024/erklaerung-ja.pdf\n    title: 共同意向表明書（日本語）\n    lang: [ja]\n"
        "  - file: 2024/erklaerung.pdf\n    title: 訳Gemeinsame Erklärung\n    lang: [de]\n"
    ) in japanese
    assert site.build().code == 0
