"""A renamed release keeps its old address working: ``formerly:`` gives a version's earlier
addresses, and each becomes a page that sends the reader on to the version's address now,
in its language, listed nowhere; an earlier address that cannot be one is an error at its line."""

from __future__ import annotations

import re

import pytest

from pressroom.output.searchstage import stage_for_index

from .conftest import ScratchSite, url_to_file
from .test_content_status import confirm, status
from .test_translations import release

SITE = "languages: [de, ja, en]\nbase_url: https://presse.example.org/bw/\n"

FILES = {
    "site.yaml": SITE,
    "content/de/2024/besuch.md": release(
        "Besuch aus Kanagawa",
        "date: 2024-07-17\nslug: kanagawa-besuch-2024\nformerly:\n"
        "  - kanagawa-besuch\n"  # the old slug alone
        # as the browser showed it
        "  - https://presse.example.org/bw/de/releases/2024/besuch-aus-kanagawa/index.html\n"
        "  - /bw/de/releases/2023/vorschau\n"  # the path, another year, no slash at its end
        "  - https://WWW.presse.example.org/bw/de/releases/2022/alt/\n"  # the same site, as www.
        "  - https://presse.example.org:443/bw/de/releases/2021/alt/\n",  # with the port a browser leaves out
    ),
    # The browser copies a Japanese address with its letters escaped.
    "content/ja/2024/besuch.md": release(
        "神奈川県からの訪問", "formerly: https://presse.example.org/bw/ja/releases/2024/%E8%A8%AA%E5%95%8F/\n"
    ),
    "content/en/2024/besuch.md": release("Visit from Kanagawa", "formerly: [visit]\n"),
    "content/de/pages/about.md": release("Über uns", "formerly: /bw/de/ueber-uns/\n"),
}

MOVED = {
    "/de/releases/2024/kanagawa-besuch/": ("de", "/bw/de/releases/2024/kanagawa-besuch-2024/", "Besuch aus Kanagawa"),
    "/de/releases/2024/besuch-aus-kanagawa/": (
        "de",
        "/bw/de/releases/2024/kanagawa-besuch-2024/",
        "Besuch aus Kanagawa",
    ),
    "/de/releases/2023/vorschau/": ("de", "/bw/de/releases/2024/kanagawa-besuch-2024/", "Besuch aus Kanagawa"),
    "/de/releases/2022/alt/": ("de", "/bw/de/releases/2024/kanagawa-besuch-2024/", "Besuch aus Kanagawa"),
    "/de/releases/2021/alt/": ("de", "/bw/de/releases/2024/kanagawa-besuch-2024/", "Besuch aus Kanagawa"),
    "/ja/releases/2024/訪問/": ("ja", "/bw/ja/releases/2024/besuch/", "神奈川県からの訪問"),
    "/en/releases/2024/visit/": ("en", "/bw/en/releases/2024/besuch/", "Visit from Kanagawa"),
    "/de/ueber-uns/": ("de", "/bw/de/about/", "Über uns"),
}
"""Old address (in the output folder) → the language, new address and title of its page."""

WORDS = {
    "de": ("Diese Pressemitteilung hat eine neue Adresse", "Sie werden automatisch zur neuen Adresse weitergeleitet."),
    "ja": ("このプレスリリースは移動しました", "移動しない場合は、次のリンクからご覧ください。"),
    "en": ("This press release has moved", "If it does not, follow this link:"),
}


@pytest.fixture
def site(scratch_site) -> ScratchSite:
    return scratch_site(FILES)


def test_each_earlier_address_sends_the_reader_on_in_the_versions_language(site) -> None:
    run = site.build()
    assert run.code == 0, run.stderr
    for old, (lang, target, title) in MOVED.items():
        page = site.page(old)
        assert page.lang == lang
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page.html
        assert f'<link rel="canonical" href="https://presse.example.org{target}">' in page.html
        assert '<meta name="robots" content="noindex">' in page.html
        assert [link["href"] for link in page.links] == [target]
        assert page.links[0]["text"] == title
        assert site.exists(target.removeprefix("/bw"))
    for lang, words in WORDS.items():
        text = site.page(next(old for old, moved in MOVED.items() if moved[0] == lang and "releases" in old)).text
        assert all(part in text for part in words), text
    assert "Diese Seite hat eine neue Adresse" in site.page("/de/ueber-uns/").text


def test_nothing_else_names_an_earlier_address(site, tmp_path) -> None:
    assert site.build().code == 0
    redirects = {url_to_file(site.output, old) for old in MOVED}
    old_slugs = re.compile(
        "kanagawa-besuch/|besuch-aus-kanagawa|vorschau|/訪問/|/%E8%A8%AA%E5%95%8F/|/visit/|ueber-uns"
    )
    for path in site.output.rglob("*"):
        if (
            path.is_file()
            and path not in redirects
            and path.suffix in (".html", ".xml", ".txt", ".json", ".webmanifest")
        ):
            # but a feed entry's id, which stays the address it was first published under
            text = re.sub(r"<id>[^<]*</id>", "", path.read_text(encoding="utf-8"))
            assert not old_slugs.search(text), path
    # Nor does the search index read them: the indexer is handed the pages with content only.
    staging = tmp_path / "staging"
    stage_for_index(site.output, staging)
    staged = {path.relative_to(staging).as_posix() for path in staging.rglob("*.html")}
    assert staged and "de/releases/2024/kanagawa-besuch-2024/index.html" in staged
    assert not {path.relative_to(site.output).as_posix() for path in redirects} & staged


def test_a_renamed_release_keeps_its_feed_entry_id(site) -> None:
    """RFC 4287: an entry's id never changes. Feed readers that knew the release by its first
    address would otherwise show it to their subscribers again, as a new entry."""
    assert site.build().code == 0
    expected = {
        "de": ("/bw/de/releases/2024/kanagawa-besuch/", "/bw/de/releases/2024/kanagawa-besuch-2024/"),
        "ja": ("/bw/ja/releases/2024/訪問/", "/bw/ja/releases/2024/besuch/"),  # as its feed named it
        "en": ("/bw/en/releases/2024/visit/", "/bw/en/releases/2024/besuch/"),
    }
    for lang, (first, now) in expected.items():
        feed = (site.output / lang / "feed.xml").read_text(encoding="utf-8")
        entries = re.findall(r"<entry>.*?</entry>", feed, re.S)
        assert len(entries) == 1
        assert re.findall(r"<id>([^<]*)</id>", entries[0]) == [f"https://presse.example.org{first}"]
        link = f'hreflang="{lang}" href="https://presse.example.org{now}"'
        assert f'<link rel="alternate" type="text/html" {link}/>' in entries[0]


def test_a_release_never_renamed_is_known_by_its_address(scratch_site) -> None:
    site = scratch_site({"site.yaml": SITE, "content/de/2024/besuch.md": release("Besuch", "date: 2024-07-17\n")})
    assert site.build().code == 0
    feed = (site.output / "de" / "feed.xml").read_text(encoding="utf-8")
    entry = re.findall(r"<entry>.*?</entry>", feed, re.S)[0]
    assert re.findall(r"<id>([^<]*)</id>", entry) == ["https://presse.example.org/bw/de/releases/2024/besuch/"]


def test_adding_earlier_addresses_leaves_the_translation_status_as_it_was(scratch_site) -> None:
    plain = {name: re.sub(r"formerly:.*?(?=---)", "", text, flags=re.S) for name, text in FILES.items()}
    site = scratch_site(plain)
    confirm(site, "content/de/2024/besuch.md", "content/ja/2024/besuch.md", "content/en/2024/besuch.md")
    before = status(site)
    assert before == {"2024/besuch": {"de": "ok", "ja": "ok", "en": "ok"}}
    for name in ("content/de/2024/besuch.md", "content/ja/2024/besuch.md", "content/en/2024/besuch.md"):
        kept = (site.root / name).read_text(encoding="utf-8")
        added = re.search(r"formerly:.*?(?=---)", FILES[name], flags=re.S).group()
        (site.root / name).write_text(kept.replace("\n---\n", f"\n{added}---\n", 1), encoding="utf-8")
    assert status(site) == before
    run = site.run("status", "--json", "--source", str(site.root))
    assert "formerly" not in run.stderr
    assert site.build().code == 0
    assert site.page("/en/releases/2024/visit/").lang == "en"


ERRORS = {
    "site.yaml": SITE,
    "content/de/2024/besuch.md": release(
        "Besuch",
        "date: 2024-07-17\nformerly:\n"
        "  - https://andere.example.org/bw/de/releases/2024/alt/\n"  # line 5
        "  - https://presse.example.org/de/releases/2024/alt/\n"
        "  - /bw/ja/releases/2024/alt/\n"
        "  - /bw/de/about-us/\n"
        "  - /bw/de/releases/2024/besuch/\n"
        "  - zweite\n"  # line 10
        "  - Alter_Name!\n"
        "  - /bw/de/releases/alt/\n"
        "  - alt\n"
        "  - alt\n",
    ),
    "content/de/2024/zweite.md": release("Zweite", "date: 2024-07-18\nformerly: [/bw/de/releases/2024/alt]\n"),
    "content/de/2024/dritte.md": release("Dritte", "date: 2024-07-19\nformely: alt-dritte\n"),
    "content/de/pages/about.md": release("Über uns", "formerly: topics\n"),
}

SAID = [
    "content/de/2024/besuch.md:5: error: formerly: 'https://andere.example.org/bw/de/releases/2024/alt/' is not an"
    " address of this site (https://presse.example.org/bw/): write this site's earlier address, or the old slug alone",
    "content/de/2024/besuch.md:6: error: formerly: 'https://presse.example.org/de/releases/2024/alt/' is not an"
    " address of this site (https://presse.example.org/bw/): write this site's earlier address, or the old slug alone",
    "content/de/2024/besuch.md:7: error: formerly: '/bw/ja/releases/2024/alt/' is an address of the ja pages: give it"
    " in the ja version, and here this de version's own earlier address",
    "content/de/2024/besuch.md:8: error: formerly: '/bw/de/about-us/' is a standalone page's address, not a"
    " release's: a release leads on from its own earlier addresses only",
    "content/de/2024/besuch.md:9: error: formerly: '/bw/de/releases/2024/besuch/' is this version's own address now;"
    " remove it",
    "content/de/2024/besuch.md:10: error: formerly: 'zweite' is the address of content/de/2024/zweite.md now: a"
    " redirect there would hide that page; remove it",
    "content/de/2024/besuch.md:11: error: formerly: the slug 'Alter_Name!' is not allowed: use letters, digits and"
    " single hyphens, e.g. 'kanagawa-declaration'",
    "content/de/2024/besuch.md:12: error: formerly: '/bw/de/releases/alt/' is not the address of a release or page:"
    " write one like '/bw/de/releases/2024/kanagawa-besuch/'",
    "content/de/2024/besuch.md:14: error: formerly: 'alt' is given twice (line 13 too); remove one",
    "content/de/2024/dritte.md:4: error: unknown field 'formely' for a release (did you mean 'formerly'?)",
    "content/de/2024/zweite.md:4: error: formerly: '/bw/de/releases/2024/alt' is given as an earlier address by"
    " content/de/2024/besuch.md:13 too: an old address leads on to one page only; remove it from one of them",
    "content/de/pages/about.md:3: error: formerly: 'topics' is the address of the site's topics index: a redirect"
    " there would hide it",
]


@pytest.mark.parametrize("command", ["check", "build"])
def test_each_earlier_address_that_cannot_be_one_is_an_error_at_its_line(scratch_site, command) -> None:
    site = scratch_site(ERRORS)
    run = site.run("check", "--source", str(site.root)) if command == "check" else site.build()
    assert run.code == 1
    said = sorted(line for line in run.stderr.splitlines() if ": error: " in line)
    assert said == sorted(SAID)
    assert not site.output.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "formerly: is empty; give the earlier address or slug, or remove the line"),
        ("[]", "formerly: is empty; give the earlier address or slug, or remove the line"),
        ("{de: alt}", "formerly: expected an earlier address (/de/releases/2024/x/) or slug, one or a list of them"),
        ("de/releases/2024/alt/", "formerly: 'de/releases/2024/alt/' is neither an old slug nor a whole address:"),
        # Its '..' was taken for a host: "names a host, … write its path alone, '/../2023/alt/'".
        ("../2023/alt/", "formerly: '../2023/alt/' is neither an old slug nor a whole address:"),
        ("mailto:presse@example.org", "formerly: 'mailto:presse@example.org' is not an address of this site"),
        ("/bw/de/releases/2024/%FF/", "formerly: '/bw/de/releases/2024/%FF/' holds %-escapes that are no UTF-8 text"),
        ("con", "formerly: the slug 'con' is a name Windows keeps for a device"),
    ],
)
def test_an_earlier_address_that_is_none_is_said_in_words(scratch_site, value, message) -> None:
    site = scratch_site(
        {"site.yaml": SITE, "content/de/2024/x.md": release("X", f"date: 2024-07-17\nformerly: {value}\n")}
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert f"content/de/2024/x.md:4: error: {message}" in run.stderr


def test_a_host_is_told_apart_only_where_site_yaml_names_one(scratch_site) -> None:
    """The preview and CI's ``--base-url`` move the pages, not the address readers had."""
    site = scratch_site(
        {
            "content/de/2024/x.md": release(
                "X", "date: 2024-07-17\nformerly: https://presse.example.org/de/releases/2024/y/\n"
            )
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert (
        "content/de/2024/x.md:4: error: formerly: 'https://presse.example.org/de/releases/2024/y/' names a host,"
        in (run.stderr)
    )
    assert "write its path alone, '/de/releases/2024/y/'" in run.stderr
    site.write({"site.yaml": SITE.replace("/bw/", "/")})
    assert site.build("--base-url", "/preview/").code == 0
    page = site.page("/de/releases/2024/y/")
    assert 'url=/preview/de/releases/2024/x/"' in page.html


def test_a_host_in_other_letters_is_the_same_site_in_its_ascii_form(scratch_site) -> None:
    """'is not an address of this site': the browser showed the host in its letters, and site.yaml
    gave it as DNS knows it (or the other way round)."""
    site = scratch_site(
        {
            "site.yaml": "base_url: https://xn--baden-wrttemberg-pzb.example/bw/\n",
            "content/de/2024/x.md": release(
                "X", "date: 2024-07-17\nformerly: https://Baden-Württemberg.example/bw/de/releases/2024/y/\n"
            ),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert 'url=/bw/de/releases/2024/x/"' in site.page("/de/releases/2024/y/").html


def test_a_draft_has_no_earlier_address_and_hides_none(scratch_site) -> None:
    site = scratch_site(
        {
            "site.yaml": SITE,
            "content/de/2024/x.md": release("X", "date: 2024-07-17\ndraft: true\nformerly: alt\n"),
            "content/de/2024/y.md": release("Y", "date: 2024-07-17\n"),
        }
    )
    assert site.build().code == 0
    assert not site.exists("/de/releases/2024/alt/")
    assert site.build("--drafts").code == 0
    assert site.exists("/de/releases/2024/alt/")
