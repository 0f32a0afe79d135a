"""The bundled site: complete in all three languages, every link resolving, nothing third-party."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from .conftest import PROJECT, all_html, read_page, url_to_file

LANGS = ("de", "ja", "en")
RELEASES = (
    "2024/kanagawa-declaration",
    "2023/asia-pacific-guidelines",
    "2020/kanagawa-high-tech-exchange",
    "2015/jetro-cluster-partnerships",
)
PARTNERS = sorted(p.stem for p in (PROJECT / "content/partners").glob("*.yaml"))


def internal_targets(site: Path, page_path: Path) -> list[str]:
    url = "/" + page_path.relative_to(site).as_posix()
    page = read_page(site, url)
    hrefs = [a["href"] for a in page.links if "href" in a] + page.resources
    hrefs += list(page.alternates.values())
    return [h for h in hrefs if h.startswith("/")]


def test_every_internal_link_resolves(bundled_site):
    broken = []
    for path in all_html(bundled_site):
        for href in internal_targets(bundled_site, path):
            if not url_to_file(bundled_site, href).is_file():
                broken.append(f"{path.relative_to(bundled_site)} -> {href}")
    assert broken == []


def test_no_request_goes_to_another_host(bundled_site):
    for path in all_html(bundled_site):
        page = read_page(bundled_site, "/" + path.relative_to(bundled_site).as_posix())
        assert all(r.startswith("/") for r in page.resources), path
    css = (bundled_site / "static/style.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_fourteen_partners_bundled():
    assert len(PARTNERS) == 14


def release_urls(site: Path) -> dict[str, dict[str, str]]:
    """Translation key → language → URL, read from the built pages' alternates."""
    found: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        for path in sorted((site / lang / "releases").glob("[0-9]*/*/index.html")):
            page = read_page(site, "/" + path.relative_to(site).as_posix())
            found.setdefault(page.alternates["en"], {})[lang] = page.alternates[lang]
    return found


def test_every_release_exists_in_all_three_languages_with_reciprocal_alternates(bundled_site):
    groups = release_urls(bundled_site)
    assert len(groups) == len(RELEASES)
    for urls in groups.values():
        assert set(urls) == set(LANGS)
        for lang, url in urls.items():
            page = read_page(bundled_site, url)
            assert page.lang == lang
            assert {k: v for k, v in page.alternates.items() if k != "x-default"} == urls
            assert page.alternates["x-default"] == "/"


@pytest.mark.parametrize("partner", PARTNERS)
def test_every_partner_page_exists_in_all_three_languages(bundled_site, partner):
    urls = {lang: f"/{lang}/partners/{partner}/" for lang in LANGS}
    for lang, url in urls.items():
        page = read_page(bundled_site, url)
        assert page.lang == lang
        assert {k: v for k, v in page.alternates.items() if k != "x-default"} == urls


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("de", "17. Juli 2024"),
        ("ja", "2024年7月17日"),
        ("en", "17 July 2024"),  # site.yaml: locales: {en: en_GB}
    ],
)
def test_release_dates_are_written_for_the_reader(bundled_site, lang, expected):
    slug = {"de": "kanagawa-absichtserklaerung"}.get(lang, "kanagawa-joint-declaration")
    page = read_page(bundled_site, f"/{lang}/releases/2024/{slug}/")
    assert expected in page.text


@pytest.mark.parametrize(
    ("lang", "heading", "year"),
    [
        ("de", "Pressemitteilungen aus dem Jahr 2024", "2024"),
        ("ja", "2024年のプレスリリース", "2024年"),
        ("en", "Press releases from 2024", "2024"),
    ],
)
def test_years_are_named_as_each_language_names_them(bundled_site, lang, heading, year):
    """A bare 「2024」 is not how Japanese names a year (CLDR: 2024年); German and English write 2024.
    The title says what the page lists, as its heading does (a tab, a bookmark or a search
    result named only "2024" did not); the breadcrumb, below "Press releases", names the year."""
    page = read_page(bundled_site, f"/{lang}/releases/2024/")
    assert f"<h1>{heading}</h1>" in page.html
    assert f'aria-current="page">{year}</a>' in page.html
    assert f"<title>{heading} | " in page.html
    assert f'<meta property="og:title" content="{heading}">' in page.html
    assert f'<li><span aria-current="page">{year}</span></li>' in page.html


def test_the_root_is_a_neutral_language_chooser(bundled_site):
    page = read_page(bundled_site, "/")
    names = {a["hreflang"]: a["text"].split()[0] for a in page.links if a.get("hreflang")}
    assert names == {"de": "Deutsch", "ja": "日本語", "en": "English"}
    assert 'http-equiv="refresh"' not in page.html
    # The suggestion is a script of its own (no page runs inline script), and it never redirects.
    assert "<script>" not in page.html
    [script] = [src for src in page.resources if "chooser.js" in src]
    assert "location" not in url_to_file(bundled_site, script).read_text(encoding="utf-8")
    assert page.alternates == {"de": "/de/", "ja": "/ja/", "en": "/en/", "x-default": "/"}


def test_404_pages_exist_per_language_and_at_the_root(bundled_site):
    assert "Seite nicht gefunden" in read_page(bundled_site, "/de/404.html").text
    assert "ページが見つかりません" in read_page(bundled_site, "/ja/404.html").text
    root = read_page(bundled_site, "/404.html")
    assert {"/de/", "/ja/", "/en/"} <= {a["href"] for a in root.links}


def test_the_about_page_exists_in_every_language_and_is_in_the_navigation(bundled_site):
    for lang in LANGS:
        home = read_page(bundled_site, f"/{lang}/")
        about = [a for a in home.links if a["href"] == f"/{lang}/about/"]
        assert about, lang
        assert url_to_file(bundled_site, f"/{lang}/about/").is_file()


def test_site_output_is_not_committed():
    ignored = (PROJECT / ".gitignore").read_text().splitlines()
    assert "/site/" in ignored


def main_text(html: str) -> str:
    """What a reader reads in a page's <main>: no scripts, no tags, entities decoded."""
    main = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("lang", LANGS)
def test_running_text_has_no_straight_quotes(bundled_site, lang):
    """Each press office prints its language's quotation marks and apostrophes („…“, 「…」, “…”, ’):
    a typewriter " or ' in running text was an English page typed without them."""
    straight = []
    for path in all_html(bundled_site / lang):
        text = main_text(path.read_text(encoding="utf-8"))
        straight += [
            f"{path.relative_to(bundled_site)}: …{text[max(0, m.start() - 30) : m.end() + 30]}…"
            for m in re.finditer(r"\"|(?<=\w)'(?=\w|\s)", text)
        ]
    assert straight == []


def test_more_releases_are_named_press_releases_like_every_other_list(bundled_site):
    page = read_page(bundled_site, "/en/releases/2024/kanagawa-joint-declaration/")
    assert "More press releases" in page.text and "More releases" not in page.text
