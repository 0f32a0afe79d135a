"""What a release page links besides its text: the line of links near its top to its own press
contact and downloads, and related releases that are not its neighbours."""

from __future__ import annotations

import re

from .conftest import TOPICS
from .pdfs import pdf_document
from .test_translations import release

CONTACT = "contact:\n  name: {de: Referat Asien}\n  role: {de: Sprecherin}\n  email: asien@example.org\n"
DOWNLOAD = "downloads:\n  - file: 2024/erklaerung.pdf\n    title: Gemeinsame Erklärung\n"
JUMPS = re.compile(r'<nav class="jump-links" aria-label="([^"]+)"[^>]*>(.*?)</nav>', re.DOTALL)


def _jumps(html: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The line's label and its links (target, text), or None where the page has none."""
    found = JUMPS.search(html)
    if found is None:
        return None
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', found.group(2))
    return found.group(1), links


def test_the_line_leads_to_the_contact_and_downloads_the_page_has_and_only_to_them(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/mit.md": release("Mit allem", f"date: 2024-03-01\n{CONTACT}{DOWNLOAD}", "Text. " * 400),
            "content/ja/2024/mit.md": release("すべてあり", DOWNLOAD.replace("Gemeinsame Erklärung", "共同宣言")),
            "content/en/2024/mit.md": release("With everything"),
            "content/de/2024/ohne.md": release("Ohne Downloads", f"date: 2024-03-02\n{CONTACT}"),
            "content/de/2024/leer.md": release("Nur Text", "date: 2024-03-03\n"),
        }
    )
    (site.root / "content/media/2024").mkdir(parents=True)
    (site.root / "content/media/2024/erklaerung.pdf").write_bytes(pdf_document(2048))
    assert site.build().code == 0
    expected = {
        "de": ("Auf dieser Seite", ["Zum Pressekontakt", "Zu den Downloads"]),
        "ja": ("ページ内リンク", ["報道関係のお問い合わせ先へ", "ダウンロードへ"]),
        "en": ("On this page", ["Press contact"]),  # the English version offers no download
    }
    for lang, (label, texts) in expected.items():
        html = site.page(f"/{lang}/releases/2024/mit/").html
        jumps = _jumps(html)
        assert jumps is not None, lang
        assert jumps[0] == label
        assert [text for _, text in jumps[1]] == texts
        for target, _ in jumps[1]:
            assert html.count(f'id="{target}"') == 1, (lang, target)  # each leads to one place
        # Near the top: before the text, not among the side column's facts below it.
        assert html.index('class="jump-links"') < html.index('class="body prose"')
    de = _jumps(site.page("/de/releases/2024/mit/").html)
    assert de is not None
    assert [target for target, _ in de[1]] == ["contact-heading", "downloads-heading"]
    ohne = _jumps(site.page("/de/releases/2024/ohne/").html)
    assert ohne is not None and [text for _, text in ohne[1]] == ["Zum Pressekontakt"]
    # Neither a contact (the site names none) nor downloads: no line, rather than an empty one.
    leer = site.page("/de/releases/2024/leer/").html
    assert "jump-links" not in leer and "Zum Pressekontakt" not in leer and "Zu den Downloads" not in leer


def _release_links(html: str, start: str, end: str) -> list[str]:
    part = html[html.index(start) : html.index(end, html.index(start))]
    return re.findall(r'href="(/de/releases/[^"]+)"', part)


def test_related_releases_leave_out_the_neighbours_the_page_links(scratch_site):
    # Six releases of one partner and topic: the page of the middle one links its older and newer
    # neighbour, and its "More releases" listed the same two first (the closest in date).
    files = {"content/topics.yaml": TOPICS}
    for day in range(1, 7):
        files[f"content/de/2024/r{day}.md"] = release(
            f"Meldung {day}", f"date: 2024-03-0{day}\npartners: [kanagawa]\ntopics: [energy]\n"
        )
    site = scratch_site(files)
    assert site.build().code == 0
    html = site.page("/de/releases/2024/r4/").html
    neighbours = _release_links(html, 'class="release-nav"', "</nav>")
    assert neighbours == ["/de/releases/2024/r3/", "/de/releases/2024/r5/"]
    related = _release_links(html, 'class="more-releases"', "</section>")
    assert len(set(related)) == 3  # as many as before: other releases take their places
    assert not set(related) & set(neighbours)
    assert set(related) == {"/de/releases/2024/r6/", "/de/releases/2024/r2/", "/de/releases/2024/r1/"}
    # The same on every build: the newest of the others first.
    assert list(dict.fromkeys(related)) == ["/de/releases/2024/r6/", "/de/releases/2024/r2/", "/de/releases/2024/r1/"]
