"""What a press office's site has: press contact, logo, favicon, footer pages, breadcrumbs,
previous and next release; and every mistake in those settings reported with its key and line."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest
from PIL import Image

from pressroom.base.errors import Problems
from pressroom.output.render import static_files

from .conftest import PROJECT, read_page
from .test_media_images import png_claiming

SETTINGS = """\
logo: mark.svg
footer: [pages/imprint]
contact:
  name: {de: Pressestelle, ja: 広報室, en: Press office}
  role: {de: Presseanfragen, ja: 報道関係のお問い合わせ, en: Press enquiries}
  email: presse@example.org
  phone: +49 711 2153-0
"""
MARK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'


def release(title: str, day: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {day}\n{extra}---\n\nText.\n"


def press_site(scratch_site, settings: str = SETTINGS, **files: str):
    site = scratch_site(
        {
            "site.yaml": settings,
            "templates/static/mark.svg": MARK,
            "content/de/2024/a.md": release("Erste", "2024-01-01"),
            "content/en/2024/a.md": release("First", "2024-01-01"),
            "content/de/2024/b.md": release("Zweite", "2024-02-01"),
            "content/en/2024/b.md": release("Second", "2024-02-01"),
            "content/de/2024/c.md": release("Dritte", "2024-03-01"),
            "content/de/pages/imprint.md": "---\ntitle: Impressum\nslug: impressum\n---\n\nText.\n",
            **files,
        }
    )
    return site


def test_contact_logo_favicon_and_footer_pages_are_shown(scratch_site) -> None:
    site = press_site(scratch_site)
    assert site.build().code == 0
    page = site.page("/en/releases/2024/a/")
    contact = page.html.split('class="contact"')[1].split("</section>")[0]
    assert "Press office" in contact and "Press enquiries" in contact and "Pressestelle" not in contact
    assert 'href="mailto:presse@example.org"' in contact and 'href="tel:+4971121530"' in contact
    assert re.search(r'<img class="site-mark" src="/static/mark\.svg\?v=[0-9a-f]+" alt=""', page.html)
    assert (site.output / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    # The English reader gets the German imprint, marked as such; it is not in the main menu.
    [imprint] = page.links_to("/de/impressum/")
    assert imprint["lang"] == "de" and imprint["hreflang"] == "de"
    assert "not available in English" in page.html.split('class="footer-pages"')[1]
    assert "/de/impressum/" not in page.html.split('class="site-nav"')[1].split("</nav>")[0]
    assert site.page("/de/").links_to("/de/impressum/")[0]["text"] == "Impressum"


def test_a_footer_page_named_in_other_letters_is_linked(scratch_site) -> None:
    """'pages/über-uns' was 'not a page key such as pages/imprint', though the page was there
    (its file saved by macOS, in decomposed letters, too)."""
    settings = SETTINGS.replace("footer: [pages/imprint]", "footer: [pages/über-uns, pages/お問い合わせ]")
    site = press_site(
        scratch_site,
        settings,
        **{
            unicodedata.normalize("NFD", "content/de/pages/über-uns.md"): "---\ntitle: Über uns\n---\n\nText.\n",
            "content/ja/pages/お問い合わせ.md": "---\ntitle: お問い合わせ\n---\n\n本文。\n",
        },
    )
    run = site.build()
    assert run.code == 0, run.stderr
    footer = site.page("/de/").html.split('class="footer-pages"')[1]
    assert 'href="/de/ueber-uns/"' in footer and 'href="/ja/お問い合わせ/"' in footer


def test_a_release_names_its_own_contact(scratch_site) -> None:
    own = "contact:\n  name: {de: Referat Asien}\n  role: {de: Sprecherin}\n  email: asien@example.org\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", own)})
    assert site.build().code == 0
    assert "asien@example.org" in site.page("/de/releases/2024/b/").html
    # The English version has no contact of its own and takes its sibling's, not the site's.
    english = site.page("/en/releases/2024/b/").html
    assert "asien@example.org" in english and "presse@example.org" not in english
    assert "presse@example.org" in site.page("/de/releases/2024/a/").html


def test_a_releases_contact_in_a_language_the_site_has_not_is_an_error_at_its_line(scratch_site) -> None:
    """'jp' for 'ja' was read by no page, and nothing said so."""
    own = "contact:\n  name: {de: Referat Asien, jp: アジア課}\n  role: {de: Sprecherin}\n  email: asien@example.org\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", own)})
    run = site.build()
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if ": error: " in line] == [
        "content/de/2024/b.md:4: error: contact.name: 'jp' is not a site language"
    ]


def test_previous_and_next_stay_in_the_readers_language(scratch_site) -> None:
    site = press_site(scratch_site)
    assert site.build().code == 0
    german = site.page("/de/releases/2024/b/")
    [older] = [a for a in german.links if a.get("rel") == "prev"]
    [newer] = [a for a in german.links if a.get("rel") == "next"]
    assert (older["href"], older["text"]) == ("/de/releases/2024/a/", "Erste")
    assert (newer["href"], newer["text"]) == ("/de/releases/2024/c/", "Dritte")
    # "Dritte" exists only in German: for an English reader "Second" is the newest release.
    english = site.page("/en/releases/2024/b/")
    [older] = [a for a in english.links if a.get("rel") == "prev"]
    assert (older["href"], older["text"]) == ("/en/releases/2024/a/", "First")
    assert not [a for a in english.links if a.get("rel") == "next"]


def test_breadcrumbs_on_every_page_below_home(scratch_site) -> None:
    site = press_site(scratch_site)
    assert site.build().code == 0
    page = site.page("/de/releases/2024/b/")
    trail = page.html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert [text for text in re.findall(r">([^<>]+)</a>", trail)] == ["Startseite", "Pressemitteilungen", "2024"]
    assert 'aria-current="page">Zweite<' in trail
    data = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.html)]
    [crumbs] = [d for d in data if d["@type"] == "BreadcrumbList"]
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Startseite", "Pressemitteilungen", "2024", "Zweite"]
    assert crumbs["itemListElement"][-1]["item"] == "/de/releases/2024/b/"
    assert 'class="breadcrumbs"' not in site.page("/de/").html
    assert 'class="breadcrumbs"' in site.page("/en/partners/").html


def test_settings_mistakes_name_key_path_and_line(scratch_site) -> None:
    settings = """\
logo: ../secret.svg
footer: [pages/imprint, imprint, pages/nowhere]
contact:
  name: {de: Pressestelle}
  role: Presse
  email: not-an-address
  fax: 0711
"""
    site = press_site(scratch_site, settings)
    run = site.build()
    assert run.code == 1 and "Traceback" not in run.stderr
    for expected in (
        "site.yaml:1: error: logo: '../secret.svg' must be an .svg, .png or .webp file under templates/static/",
        "site.yaml:2: error: footer[1]: 'imprint' is not a page key such as pages/imprint",
        "site.yaml:5: error: contact.role: expected language: text pairs",
        "site.yaml:6: error: contact.email: 'not-an-address' is not valid",
        "site.yaml:7: error: contact.fax: unknown key (known: name, role, email, phone, url)",
    ):
        assert expected in run.stderr, run.stderr
    # A footer page that exists nowhere is found once the content is read.
    site.write({"site.yaml": "footer: [pages/nowhere]\n"})
    run = site.build()
    assert "site.yaml:1: error: footer: no page 'pages/nowhere'" in run.stderr
    # One that is there but a draft is said to be one (it was "no page" too).
    site.write(
        {
            "site.yaml": "footer: [pages/imprint]\n",
            "content/de/pages/imprint.md": "---\ntitle: I\ndraft: true\n---\nx\n",
        }
    )
    run = site.build()
    assert (
        "site.yaml:1: error: footer: the page 'pages/imprint' is a draft, which is not published"
        " (in every language it has)" in run.stderr
    )


def test_a_release_contact_is_checked_like_the_sites(scratch_site) -> None:
    bad = "contact:\n  name: {de: Referat}\n  role: {de: Presse}\n  email: a@b.example\n  phone: call us\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", bad)})
    run = site.build()
    assert run.code == 1
    assert "content/de/2024/b.md:8: error: contact.phone: 'call us' is not valid" in run.stderr


@pytest.mark.parametrize(
    ("email", "url"),
    [
        # A quote was escaped into the page's href, which then failed validation (and a reader's
        # click went somewhere odd).
        ('a"b@example.org', 'https://example.org/"><script>x</script>'),
        # A host no reader's program finds was published: a mail nobody received.
        ("presse@example..org", "https://presse..example.org/"),
    ],
    ids=["a quote", "an empty part of the host"],
)
def test_a_contact_address_no_program_can_use_is_refused(scratch_site, email, url) -> None:
    bad = f"contact:\n  name: {{de: Referat}}\n  role: {{de: Presse}}\n  email: '{email}'\n  url: '{url}'\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", bad)})
    run = site.build()
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if "contact." in line] == [
        f"content/de/2024/b.md:7: error: contact.email: '{email}' is not valid (e.g. presse@example.org)",
        f"content/de/2024/b.md:8: error: contact.url: '{url}' is not valid (e.g. https://example.org/presse)",
    ]


@pytest.mark.parametrize(
    "url", ["https://example.org:0/presse", "https://example.org:99999/presse"], ids=["port 0", "a port past 65535"]
)
def test_a_contact_web_address_no_browser_opens_is_refused_as_a_partners_link_is(scratch_site, url) -> None:
    bad = f"contact:\n  name: {{de: Referat}}\n  role: {{de: Presse}}\n  email: presse@example.org\n  url: '{url}'\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", bad)})
    run = site.build()
    assert run.code == 1
    assert f"content/de/2024/b.md:8: error: contact.url: '{url}' is not valid (e.g. https://example.org/presse)" in (
        run.stderr
    )


def test_bundled_site_uses_contact_footer_and_logo() -> None:
    settings = (PROJECT / "site.yaml").read_text(encoding="utf-8")
    for key in ("contact:", "footer:", "logo:"):
        assert re.search(rf"^{key}", settings, re.MULTILINE), key
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for key in ("`contact`", "`footer`", "`logo`"):
        assert key in readme


def test_bundled_footer_pages_exist_in_every_language(bundled_site) -> None:
    for url in ("/de/impressum/", "/ja/imprint/", "/en/imprint/", "/de/datenschutz/", "/en/accessibility/"):
        page = read_page(bundled_site, url)
        assert page.html.count('class="footer-pages"') == 1


def test_a_release_that_was_under_embargo_shows_its_time_of_publication(scratch_site) -> None:
    moment = "publish: 2024-02-01T10:00+09:00\n"
    versions = {"content/de/2024/b.md": release("Zweite", "2024-02-01", moment)}
    versions["content/ja/2024/b.md"] = release("第二", "2024-02-01", moment)
    versions["content/ja/2024/a.md"] = release("第一", "2024-01-01", "updated: 2024-01-05\n")
    versions["content/de/2024/c.md"] = release("Dritte", "2024-01-02")
    site = press_site(scratch_site, **versions)
    assert site.build("--now", "2024-03-01T00:00+00:00").code == 0
    aside = site.page("/en/releases/2024/b/").html.split('class="release-aside"')[1]
    assert '<time datetime="2024-02-01T10:00:00+09:00">February\u00a01, 2024, 10:00\u202fAM (UTC+9)</time>' in aside
    assert ">1.\u00a0Februar 2024, 10:00 Uhr (UTC+9)</time>" in site.page("/de/releases/2024/b/").html
    # Japanese joins date and time without a comma and brackets the offset in full-width brackets.
    ja = site.page("/ja/releases/2024/b/").html
    assert ">2024年2月1日 10:00（UTC+9）</time>" in ja
    # A date with its time is labelled as such in Japanese (公開日 is the date alone).
    assert "<dt>公開日時</dt>" in ja and "<dt>公開日</dt>" in site.page("/ja/releases/2024/a/").html
    assert "<dt>Veröffentlicht</dt>" in site.page("/de/releases/2024/b/").html and "<dt>Published</dt>" in aside
    assert '<time datetime="2024-01-01" ' in site.page("/de/releases/2024/a/").html
    # The day alone is said above the headline; the side column repeats it only beside an update.
    plain = site.page("/de/releases/2024/c/").html
    assert "<dt>Veröffentlicht</dt>" not in plain and plain.count('<time datetime="2024-01-02"') == 1
    assert plain.index('<p class="meta"') < plain.index('<time datetime="2024-01-02"') < plain.index("<h1")


def test_a_version_edited_after_its_release_says_when_on_its_own_page(scratch_site) -> None:
    # A journalist quoting the German text must see that it changed after the release day.
    versions = {"content/de/2024/b.md": release("Zweite", "2024-02-01", "updated: 2024-02-05\n")}
    versions["content/ja/2024/b.md"] = release("第二", "2024-02-01", "updated: 2024-02-03\n")
    site = press_site(scratch_site, **versions)
    assert site.build().code == 0
    facts = site.page("/de/releases/2024/b/").html.split('class="facts"')[1].split("</dl>")[0]
    assert '<dt>Zuletzt aktualisiert</dt><dd><time datetime="2024-02-05">5.\u00a0Februar 2024</time></dd>' in facts
    ja = site.page("/ja/releases/2024/b/").html.split('class="facts"')[1].split("</dl>")[0]
    assert '<dt>最終更新日</dt><dd><time datetime="2024-02-03">2024年2月3日</time></dd>' in ja
    # The English version was not edited: it says nothing of an update (the notice names the others').
    assert "Last updated" not in site.page("/en/releases/2024/b/").html.split('class="facts"')[1].split("</dl>")[0]
    assert "Zuletzt aktualisiert" not in site.page("/de/releases/2024/a/").html


def test_the_moment_an_embargo_ended_is_when_machines_are_told_it_was_published(scratch_site) -> None:
    # Search engines and feed readers must not date a release before its embargo ended.
    moment = "publish: 2024-02-01T10:00+09:00\n"
    site = press_site(scratch_site, **{"content/de/2024/b.md": release("Zweite", "2024-02-01", moment)})
    assert site.build("--now", "2024-03-01T00:00+00:00").code == 0
    html = site.page("/de/releases/2024/b/").html
    article = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert article["datePublished"] == "2024-02-01T10:00:00+09:00"
    assert article["dateModified"] == "2024-02-01T10:00:00+09:00"
    feed = (site.output / "de/feed.xml").read_text(encoding="utf-8")
    [entry] = [entry for entry in feed.split("<entry>") if "<title>Zweite</title>" in entry]
    assert "<published>2024-02-01T01:00:00Z</published>" in entry
    assert "<updated>2024-02-01T01:00:00Z</updated>" in entry
    # A release without an embargo keeps its day.
    first = json.loads(site.page("/de/releases/2024/a/").html.split('type="application/ld+json">')[1].split("<")[0])
    assert first["datePublished"] == "2024-01-01"


def test_the_article_names_its_publishers_home_and_mark(scratch_site) -> None:
    """Search engines show an article with its publisher's name, home page and mark."""
    site = press_site(scratch_site)
    assert site.build("--base-url", "https://presse.example.org/bw/").code == 0
    html = site.page("/en/releases/2024/a/").html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [article] = [data for data in map(json.loads, scripts) if data["@type"] == "NewsArticle"]
    publisher = article["publisher"]
    assert publisher["url"] == "https://presse.example.org/bw/en/"
    assert re.fullmatch(r"https://presse\.example\.org/bw/static/mark\.svg\?v=[0-9a-f]+", publisher["logo"]["url"])
    # Without a mark of its own, the site names none (the theme's is no publisher's).
    plain = press_site(scratch_site, SETTINGS.replace("logo: mark.svg\n", ""))
    assert plain.build().code == 0
    html = plain.page("/en/releases/2024/a/").html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [article] = [data for data in map(json.loads, scripts) if data["@type"] == "NewsArticle"]
    assert article["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": article["publisher"]["name"],
        "url": "/en/",
    }


def test_the_home_page_repeats_its_title_as_no_lead(scratch_site) -> None:
    """A site without a description showed its title twice on the home page, the second time as
    the lead under it (the title also stands in for the description search engines are given)."""
    untold = scratch_site({"site.yaml": "title: {de: Pressestelle, ja: 広報室, en: Press office}\n"})
    assert untold.build().code == 0
    home = untold.page("/en/")
    assert '<p class="lead">' not in home.html, "the title stands again under itself"
    assert '<meta name="description" content="Press office">' in home.html
    told = scratch_site(
        {
            "site.yaml": "title: {de: Pressestelle, ja: 広報室, en: Press office}\n"
            "description: {de: Nachrichten aus dem Land., ja: 州からのニュース。, en: News from the state.}\n"
        }
    )
    assert told.build().code == 0
    assert '<p class="lead">News from the state.</p>' in told.page("/en/").html


def json_ld_of(html: str) -> list[dict]:
    return [json.loads(data) for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_each_home_page_tells_search_engines_the_site_its_publisher_and_its_search(scratch_site) -> None:
    """Search engines learn a site's name in each language, who publishes it and how to search it
    from its home page; the home pages said none of it."""
    site = press_site(scratch_site)
    assert site.build("--base-url", "https://presse.example.org/bw/", search=True).code == 0
    [about] = [data for data in json_ld_of(site.page("/ja/").html) if data["@type"] == "WebSite"]
    assert about["name"] == site.page("/ja/").html.split('property="og:site_name" content="')[1].split('"')[0]
    assert about["url"] == "https://presse.example.org/bw/ja/" and about["inLanguage"] == "ja"
    publisher = about["publisher"]
    assert publisher["@type"] == "GovernmentOrganization" and publisher["url"] == "https://presse.example.org/bw/ja/"
    assert publisher["logo"]["url"].startswith("https://presse.example.org/bw/static/mark.svg?v=")
    # The search page runs the query its address carries, as the header's form sends it.
    action = about["potentialAction"]
    assert action["target"]["urlTemplate"] == "https://presse.example.org/bw/ja/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_a_site_built_without_its_search_index_offers_search_engines_no_search(scratch_site) -> None:
    """A build with ``--no-search`` told search engines, on every home page, that its search page
    finds what ``?q=`` asks for, and its search page loaded Pagefind's files, which such a build
    does not make: search engines could offer a search box leading to no results."""
    site = press_site(scratch_site)
    assert site.build().code == 0  # the scratch site's build is --no-search
    for lang in ("de", "ja", "en"):
        [about] = [data for data in json_ld_of(site.page(f"/{lang}/").html) if data["@type"] == "WebSite"]
        assert "potentialAction" not in about, lang
        assert about["url"].endswith(f"/{lang}/") and about["publisher"]["@type"] == "GovernmentOrganization"
        search = site.page(f"/{lang}/search/")
        assert not [url for url in search.resources if "pagefind" in url], search.resources
        # The page itself stays, and says plainly that search is not available (search.js shows it).
        assert 'id="search-unavailable"' in search.html
        # Nor does its header lead to it (tests/test_search_off.py).
        assert not site.page(f"/{lang}/").links_to(f"/{lang}/search/")
    assert not (site.output / "pagefind").exists()


def test_the_kind_of_publisher_is_the_sites_own(scratch_site) -> None:
    """A site not published by a government office said it was one, to every search engine."""
    site = press_site(scratch_site, SETTINGS + "publisher_type: NGO\n")
    assert site.build().code == 0
    [about] = [data for data in json_ld_of(site.page("/en/").html) if data["@type"] == "WebSite"]
    assert about["publisher"]["@type"] == "NGO"
    [article] = [data for data in json_ld_of(site.page("/en/releases/2024/a/").html) if data["@type"] == "NewsArticle"]
    assert article["publisher"]["@type"] == "NGO" and article["author"]["@type"] == "NGO"
    # A type schema.org does not know is the editor's slip, at its line.
    lines = SETTINGS.count("\n")
    for written, said in (
        ("Goverment Organization", "(did you mean 'GovernmentOrganization'?)"),
        ("Ministry", "(e.g. GovernmentOrganization, NGO, Corporation or Organization)"),
    ):
        site.write({"site.yaml": SETTINGS + f"publisher_type: {written}\n"})
        run = site.build()
        assert run.code == 1 and "Traceback" not in run.stderr
        expected = f"site.yaml:{lines + 1}: error: publisher_type: '{written}' is not a schema.org type of organisation"
        assert f"{expected} {said}" in run.stderr, run.stderr


def test_a_static_picture_that_is_a_bomb_or_no_picture_is_refused_with_its_name(scratch_site) -> None:
    """A logo under templates/static was copied undecoded: a few bytes claiming 400 megapixels
    stalled every reader's browser on every page, and a page saved as a .png showed a broken
    picture. Each is named, as a content image would be, once: before the colon (the reason named
    it again); a fine PNG logo and the theme's favicon still pass."""
    site = press_site(scratch_site, SETTINGS.replace("mark.svg", "mark.png"))
    (site.root / "templates/static/mark.png").write_bytes(png_claiming(20_000, 20_000))
    (site.root / "templates/static/wide.webp").write_bytes(png_claiming(10_000, 7_000))
    (site.root / "templates/static/icons/pin.gif").parent.mkdir()
    (site.root / "templates/static/icons/pin.gif").write_text("<html>Not found</html>")
    (site.root / "templates/static/blank.png").write_bytes(b"")
    run = site.build()
    assert run.code == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines()[:4] == [
        "templates/static/blank.png:0: error: the picture is empty (0 bytes): copy or save the image again",
        "templates/static/icons/pin.gif:0: error: the file is not an image, though its name ends in .gif:"
        " save the picture again, or rename it",
        "templates/static/mark.png:0: error: the picture claims more pixels than any photo has (a decompression bomb?)",
        "templates/static/wide.webp:0: error: the picture is 10000×7000 pixels (70 megapixels),"
        " more than the 60 megapixels accepted; scale it down first",
    ], run.stderr
    image = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(image, "PNG")
    (site.root / "templates/static/mark.png").write_bytes(image.getvalue())
    for name in ("wide.webp", "icons/pin.gif", "blank.png"):
        (site.root / "templates/static" / name).unlink()
    assert site.build().code == 0
    assert (site.output / "static/mark.png").read_bytes() == image.getvalue()
    assert (site.output / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_a_static_picture_found_fine_is_not_opened_again_until_its_bytes_change(tmp_path, monkeypatch) -> None:
    """Opening the theme's favicon.ico loaded every one of Pillow's plugins, 50 ms of every
    build: a picture found fine is noted in the cache folder by its bytes and not opened again;
    once they change, it is judged again, and a bomb put in its place is still refused."""
    templates = tmp_path / "templates"
    (templates / "static").mkdir(parents=True)
    logo = templates / "static" / "mark.png"
    image = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(image, "PNG")
    logo.write_bytes(image.getvalue())
    cache, problems = tmp_path / "cache", Problems()
    assert [file.path for file in static_files((templates,), problems, cache)] == ["static/mark.png"]
    opened: list[object] = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args) or real_open(*args, **kwargs))
    assert [file.path for file in static_files((templates,), problems, cache)] == ["static/mark.png"]
    assert opened == [] and problems.items == []
    logo.write_bytes(png_claiming(20_000, 20_000))
    assert static_files((templates,), problems, cache) == []
    assert len(opened) == 1
    assert [problem.message for problem in problems.items] == [
        "the picture claims more pixels than any photo has (a decompression bomb?)"
    ]
