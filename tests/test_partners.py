"""Partner data: strict validation with file and line; richly cross-linked pages in every language."""

from __future__ import annotations

import math
import re

import pytest
from babel import Locale

from pressroom.pages import worldmap
from pressroom.source.countrycodes import COUNTRY_CODES, NO_COUNTRY

from .conftest import KANAGAWA, read_page
from .test_translations import release

JIANGSU = """\
name: {de: Provinz Jiangsu, ja: 江蘇省, en: Jiangsu Province}
native: {zh: 江苏省}
country: CN
since: 1986
status: active
location: [32.06, 118.80]
summary: {de: Provinz in China., ja: 中国の省。, en: A province of China.}
reading: こうそしょう
"""


@pytest.fixture
def partner_site(scratch_site):
    site = scratch_site(
        {
            "content/partners/jiangsu.yaml": JIANGSU,
            "content/de/2024/a.md": release(
                "Kanagawa-Erklärung", "date: 2024-07-17\npartners: [kanagawa]\ntopics: [energy]\n"
            ),
            "content/ja/2024/a.md": release("神奈川宣言"),
            "content/en/2024/a.md": release("Kanagawa declaration"),
            "content/en/2023/b.md": release("Both partners", "date: 2023-12-01\npartners: [kanagawa, jiangsu]\n"),
            "content/ja/2022/c.md": release("日本語のみ", "date: 2022-05-01\npartners: [kanagawa]\ntopics: [health]\n"),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    return site


@pytest.mark.parametrize(
    "lang, name, country",
    [
        ("de", "Präfektur Kanagawa", "Japan"),
        ("ja", "神奈川県", "日本"),
        ("en", "Kanagawa Prefecture", "Japan"),
    ],
)
def test_partner_page_in_every_language(partner_site, lang, name, country):
    page = partner_site.page(f"/{lang}/partners/kanagawa/")
    assert re.search(rf"<h1[^>]*>{re.escape(name)}", page.html)
    assert country in page.text  # the country's name comes from CLDR
    tagged = {
        "de": ["/de/releases/2024/a/"],
        "ja": ["/ja/releases/2024/a/", "/ja/releases/2022/c/"],
        "en": ["/en/releases/2024/a/", "/en/releases/2023/b/"],
    }[lang]
    for href in tagged:
        assert page.links_to(href), href
    # Newest first.
    positions = [page.html.index(f'href="{href}"') for href in tagged]
    assert positions == sorted(positions)


def test_the_own_language_name_is_marked_with_its_language(partner_site):
    de = partner_site.page("/de/partners/kanagawa/")
    assert '<span class="native" lang="ja">神奈川県</span>' in de.html
    # On the Japanese page the own-language name is the page's name: not repeated.
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", partner_site.page("/ja/partners/kanagawa/").html, re.S)
    assert heading and 'class="native"' not in heading.group(1)
    assert '<span class="native" lang="zh">江苏省</span>' in partner_site.page("/en/partners/jiangsu/").html


def test_releases_only_in_another_language_are_listed_with_that_language(partner_site):
    de = partner_site.page("/de/partners/kanagawa/")
    [link] = de.links_to("/ja/releases/2022/c/")
    assert link["lang"] == "ja" and link["hreflang"] == "ja" and link["text"] == "日本語のみ"
    assert "auf Japanisch verfügbar" in de.text
    [link] = de.links_to("/en/releases/2023/b/")
    assert link["lang"] == "en"


def test_partner_page_shows_years_topics_and_related_partners(partner_site, monkeypatch):
    en = partner_site.page("/en/partners/kanagawa/")
    assert re.search(r"November 24, 1989 \(\d+ years\)", en.text)
    assert en.links_to("/en/topics/energy/") and en.links_to("/en/topics/health/")
    assert en.links_to("/en/partners/jiangsu/")  # related: they share a release
    ja = partner_site.page("/ja/partners/jiangsu/")
    assert "1986" in ja.text


def test_years_follow_source_date_epoch(scratch_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732406400")  # 2024-11-24
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    assert "November 24, 1989 (35 years)" in site.page("/en/partners/kanagawa/").text


def test_release_and_topic_pages_link_to_partners(partner_site):
    release_page = partner_site.page("/ja/releases/2024/a/")
    assert release_page.links_to("/ja/partners/kanagawa/")[0]["text"] == "神奈川県"
    topic = partner_site.page("/de/topics/energy/")
    assert topic.links_to("/de/partners/kanagawa/") and topic.links_to("/de/releases/2024/a/")


def test_the_index_links_every_partner_on_map_and_timeline(partner_site):
    index = partner_site.page("/en/partners/")
    for partner in ("kanagawa", "jiangsu"):
        assert len(index.links_to(f"/en/partners/{partner}/")) == 3  # list, map, timeline
    timeline = index.html.split('class="timeline"')[1]
    assert timeline.index("/en/partners/kanagawa/") > timeline.index("/en/partners/jiangsu/")  # 1986 before 1989


def test_the_bundled_index_counts_twelve_state_partnerships_and_lines_up_all_fourteen(bundled_site):
    index = read_page(bundled_site, "/de/partners/")
    map_frame = index.html.split('class="map-frame"')[1].split("</svg>\n</div>")[0]
    timeline = index.html.split('class="timeline"')[1]
    # The map shows the twelve state partnerships; the two cluster cooperations of 2015 have
    # ended and appear only on the timeline and under "Weitere Kooperationen".
    partners = set(re.findall(r'href="/de/partners/([a-z-]+)/"', map_frame))
    assert len(partners) == 12 and not partners & {"hitachi", "kitakyushu"}
    assert len(set(re.findall(r'href="/de/partners/([a-z-]+)/"', timeline))) == 14
    assert map_frame.count('class="map-dot dormant"') == 3
    assert "12 Landespartnerschaften" in index.text
    others = index.html.split('id="others-heading"')[1].split("</section>")[0]
    assert set(re.findall(r'href="/de/partners/([a-z-]+)/"', others)) == {"hitachi", "kitakyushu"}


def test_the_timeline_names_a_country_that_is_itself_the_partner_once(bundled_site):
    """Burundi, a whole state, was listed as 「ブルンジ ブルンジ」: its name, then its country."""
    for lang, name in (("de", "Burundi"), ("ja", "ブルンジ"), ("en", "Burundi")):
        timeline = read_page(bundled_site, f"/{lang}/partners/").html.split('class="timeline"')[1]
        entry = timeline.split(f'href="/{lang}/partners/burundi/"')[1].split("</li>")[0]
        assert name in entry and '<span class="meta">' not in entry, entry
        kanagawa = timeline.split(f'href="/{lang}/partners/kanagawa/"')[1].split("</li>")[0]
        assert '<span class="meta">' in kanagawa  # a region: its country named after it


SINCE_FORMS = "is not a date (YYYY-MM-DD), a year (1982) or a decade (1980s, early 1980s, mid 1980s, late 1980s)"
BAD = {
    "empty native name": (  # an empty name in its own language beside the heading
        'native: {ja: "\u3000"}\n',
        "native: the name is empty; give it or remove the line",
        2,
    ),
    "missing language": (
        "name: {de: A, en: A}\n",
        "name: missing the 'ja' text",
        1,
    ),
    "country written empty": (  # taken as no country, without a word
        "country:\n",
        "country: empty; give its ISO code, as in 'country: JP'",
        3,
    ),
    "start written empty": (  # the build ended in a traceback: year 0 is out of range
        "since:\n",
        f"since: empty; give {SINCE_FORMS.removeprefix('is not ')}",
        4,
    ),
    "unknown country": (
        "country: XX\n",
        "country: unknown ISO 3166 country code 'XX'",
        3,
    ),
    "a region that is no country": (  # published as "Unknown Region"
        "country: ZZ\n",
        "country: unknown ISO 3166 country code 'ZZ'",
        3,
    ),
    "bad since": (
        "since: soon\n",
        f"since: 'soon' {SINCE_FORMS}",
        4,
    ),
    "bad status": (
        "status: paused\n",
        "status: 'paused' is not one of active, dormant",
        5,
    ),
    "location out of range": (
        "location: [135.0, 35.0]\n",
        "location: [135.0, 35.0] is out of range (latitude ±90, longitude ±180)",
        6,
    ),
    "location past every number": (  # read as infinite, and told as [inf, 9.1]
        "location: [1e400, 9.1]\n",
        "location: [1e400, 9.1] is out of range (latitude ±90, longitude ±180)",
        6,
    ),
    "location of words float() reads": (  # nan was out of range, told as [nan, 9.1]
        "location: [nan, 9.1]\n",
        "location: expected [latitude, longitude] in degrees",
        6,
    ),
    "location with a digit separator": (  # taken as 48.7
        "location: [4_8.7, 9.1]\n",
        "location: expected [latitude, longitude] in degrees",
        6,
    ),
    "location of yes and no": (  # float() took them for 1 and 0
        "location: [true, false]\n",
        "location: expected [latitude, longitude] in degrees",
        6,
    ),
    "location with decimal commas": (  # read as four numbers: 48, 7, 9 and 1
        "location: [48,7, 9,1]\n",
        "location: expected [latitude, longitude] in degrees, with decimal points; write it as [48.7, 9.1]",
        6,
    ),
    "location as quoted text with decimal commas": (
        "location: ['48,7', '9,1']\n",
        "location: expected [latitude, longitude] in degrees, with decimal points; write it as [48.7, 9.1]",
        6,
    ),
    "location without brackets": (
        "location: 48.7, 9.1\n",
        "location: expected [latitude, longitude] in degrees, with decimal points; write it as [48.7, 9.1]",
        6,
    ),
    "location in degrees and minutes": (  # as Wikipedia gives it, O for east in German
        "location: 35° 27′ N, 139° 38′ O\n",
        "location: expected [latitude, longitude] in degrees, with decimal points; write it as [35.45, 139.6333]",
        6,
    ),
    "location south and west": (
        "location: 33°52′S 70°40′W\n",
        "location: expected [latitude, longitude] in degrees, with decimal points; write it as [-33.8667, -70.6667]",
        6,
    ),
    "unknown key": ("colour: blue\n", "unknown field 'colour'", 8),
    "country as a list": (  # said as Python writes a list
        "country: [JP]\n",
        "country: a list is not a country code; write one, as in 'country: JP'",
        3,
    ),
    "boolean country": (
        "country: yes\n",
        "country: unknown ISO 3166 country code 'yes'",
        3,
    ),
    "script link": (
        "links:\n  - url: 'javascript:alert(1)'\n    title: {de: A, ja: A, en: A}\n",
        "links: 'javascript:alert(1)' is not a web address (https://…)",
        9,
    ),
    "quote in a link": (
        "links:\n  - url: 'https://example.org/\"><b>x'\n    title: {de: A, ja: A, en: A}\n",
        "links: 'https://example.org/\"><b>x' is not a web address (https://…)",
        9,
    ),
    "link to a host with an empty part": (  # taken: a link no reader could follow
        "links:\n  - url: https://www..example.org/\n    title: {de: A, ja: A, en: A}\n",
        "links: 'https://www..example.org/' is not a web address (https://…)",
        9,
    ),
    "link to port 0": (
        "links:\n  - url: https://example.org:0/\n    title: {de: A, ja: A, en: A}\n",
        "links: 'https://example.org:0/' is not a web address (https://…)",
        9,
    ),
    "until while active": (
        "until: 2016\n",
        "until: only a cooperation with 'status: ended' has an end (status is 'active')",
        8,
    ),
    "until before since": (
        "status: ended\nuntil: 1990\n",
        "until: '1990' is before the start ('since: 2000')",
        6,
    ),
    "unknown part of a decade": (
        "since: very early 1980s\n",
        f"since: 'very early 1980s' {SINCE_FORMS}",
        4,
    ),
    "version-like since": (
        "since: 1.10\n",
        f"since: '1.10' {SINCE_FORMS}",
        4,
    ),
    "German date since": (  # as a release's date: is told the day it means
        "since: 1.9.2016\n",
        f"since: '1.9.2016' {SINCE_FORMS}; write it as 2016-09-01",
        4,
    ),
    "German date until": (
        "status: ended\nuntil: 31.12.2019\n",
        f"until: '31.12.2019' {SINCE_FORMS}; write it as 2019-12-31",
        6,
    ),
    "no day of the calendar": (
        "since: 2015-02-30\n",
        "since: 2015-02-30 is no day of the calendar: February 2015 has 28 days",
        4,
    ),
}
GOOD = {
    "name": "name: {de: A, ja: A, en: A}\n",
    "native": "native: {ja: A}\n",
    "country": "country: JP\n",
    "since": "since: 2000\n",
    "status": "status: active\n",
    "location": "location: [1.0, 2.0]\n",
    "summary": "summary: {de: S, ja: S, en: S}\n",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_partner_data_is_reported_with_file_and_line(scratch_site, case):
    replacement, message, line = BAD[case]
    field = replacement.split(":")[0]
    lines = [replacement if key == field else text for key, text in GOOD.items()]
    if field not in GOOD:
        lines.append(replacement)
    site = scratch_site(
        {"content/partners/bad.yaml": "".join(lines), "content/en/2024/a.md": release("A", "date: 2024-01-01\n")}
    )
    run = site.build()
    assert run.code == 1
    assert f"content/partners/bad.yaml:{line}: error: {message}" in run.stderr


def test_an_end_given_with_a_status_that_is_none_of_the_three_is_one_mistake(scratch_site):
    """'status: former' was said, and the end was told to need 'status: ended' as if the status
    were 'active': the status the editor wrote is the one mistake."""
    lines = ["status: former\nuntil: 2016\n" if key == "status" else text for key, text in GOOD.items()]
    site = scratch_site(
        {"content/partners/bad.yaml": "".join(lines), "content/en/2024/a.md": release("A", "date: 2024-01-01\n")}
    )
    run = site.build()
    assert run.code == 1
    errors = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "status: 'former' is not one of active, dormant, ended" in errors[0]


def test_a_name_or_topic_written_empty_is_an_error_at_its_line_not_a_traceback(scratch_site):
    """'name:' left empty dropped the partner without a word, and the build of a release naming
    it ended in a KeyError; 'energy:' left empty made the topic unknown to its releases."""
    site = scratch_site(
        {
            "content/partners/kanagawa.yaml": KANAGAWA.replace(
                "name: {de: Präfektur Kanagawa, ja: 神奈川県, en: Kanagawa Prefecture}", "name:"
            ),
            "content/topics.yaml": "energy:\nhealth: {de: Gesundheit, ja: 健康, en: Health}\n",
            "content/de/2024/a.md": release("A", "date: 2024-01-01\npartners: [kanagawa]\ntopics: [energy]\n"),
        }
    )
    for run in (site.build(), site.run("check", "--source", str(site.root))):
        assert run.code == 1 and "Traceback" not in run.stderr
        assert [line for line in run.stderr.splitlines() if ": error: " in line] == [
            "content/partners/kanagawa.yaml:1: error: name: expected one entry per language (de, ja, en)",
            "content/topics.yaml:1: error: energy: expected one entry per language (de, ja, en)",
        ]


def test_an_empty_partner_file_is_told_so_and_topics_all_commented_out_are_none(scratch_site):
    """Both were "expected 'key: value' lines"; a topics.yaml of comments alone is a site without
    topics, as one without the file is."""
    site = scratch_site(
        {
            "content/partners/shandong.yaml": "# Partnerregion seit 1989, Daten folgen\n",
            "content/topics.yaml": "# energy: {de: Energie, ja: エネルギー, en: Energy}\n",
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert [line for line in run.stderr.splitlines() if ": error: " in line] == [
        "content/partners/shandong.yaml:1: error: the file holds no partner data: write it as 'key: value' lines"
        " (name:, country:, since:, …; copy another partner's file to start from), or delete the file"
    ]
    (site.root / "content/partners/shandong.yaml").unlink()
    assert site.build().code == 0


def test_norway_is_norway(scratch_site):
    site = scratch_site(
        {
            "content/partners/oslo.yaml": "".join(GOOD.values()).replace("country: JP", "country: NO"),
            "content/en/2024/a.md": release("A", "date: 2024-01-01\npartners: [oslo]\n"),
        }
    )
    assert site.build().code == 0
    assert "Norway" in site.page("/en/partners/oslo/").text
    assert KANAGAWA  # the default partner stays valid beside it


def test_partner_links_are_shown_in_the_readers_language(scratch_site):
    links = "links:\n  - url: https://www.pref.kanagawa.jp/\n    title: {de: Website, ja: 県のサイト, en: Website}\n"
    site = scratch_site(
        {
            "content/partners/kanagawa.yaml": KANAGAWA + links,
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    assert site.build().code == 0
    [link] = site.page("/ja/partners/kanagawa/").links_to("https://www.pref.kanagawa.jp/")
    assert link["text"] == "県のサイト" and link["rel"] == "external"


@pytest.mark.parametrize(
    ("lang", "countries"),
    [
        # Japanese by reading, as a Japanese list of countries: 中国 (ちゅうごく) after カナダ, 南アフリカ
        # (みなみ) after ポーランド, not every kanji name after every kana name.
        (
            "ja",
            [
                "インド",
                "カナダ",
                "中国",
                "日本",
                "ブルンジ",
                "米国",  # the site's own name (site.yaml), by its reading べいこく
                "ポーランド",
                "南アフリカ",
                "ロシア",
            ],
        ),
        (
            "de",
            [
                "Burundi",
                "China",
                "Indien",
                "Japan",
                "Kanada",
                "Polen",
                "Russland",
                "Südafrika",
                "USA",  # the site's own name (site.yaml), not CLDR's Vereinigte Staaten
            ],
        ),
    ],
)
def test_the_bundled_index_lists_countries_in_the_readers_alphabet(bundled_site, lang, countries):
    index = read_page(bundled_site, f"/{lang}/partners/")
    headings = re.findall(r'<h2 id="country-\d+"[^>]*>([^<]+)</h2>', index.html)
    assert headings == countries


def test_a_dot_moved_a_little_has_no_line_to_its_true_place_and_one_moved_far_has() -> None:
    """Dots nudged apart by a few units drew a short stub and a small dot at their true places,
    specks beside their rings that read as more partners; a dot moved far keeps its line."""
    near = [worldmap.marker(48.5 + shift, 9.0 + shift, f"/{n}/", str(n), False) for n, shift in enumerate((0.0, 2.0))]
    nudged = worldmap.spread(near, spacing=16.0, leader_min=worldmap.LEADER_MIN)
    assert [m.moved for m in nudged] == [False, False]
    assert (nudged[0].x, nudged[0].y) != (near[0].x, near[0].y)  # still moved apart, only not marked so
    same = [worldmap.marker(35.4, 139.6, f"/{n}/", str(n), False) for n in range(3)]
    pushed = worldmap.spread(same, leader_min=worldmap.LEADER_MIN)
    assert any(m.moved for m in pushed)
    assert all(math.hypot(m.x - m.true_x, m.y - m.true_y) >= worldmap.LEADER_MIN for m in pushed if m.moved)


def test_the_bundled_world_map_shows_no_specks_beside_its_dots(bundled_site) -> None:
    """Its partners lie far enough apart that none is moved further than a ring's width."""
    frame = read_page(bundled_site, "/en/partners/").html.split('class="map-frame"')[1].split("</svg>\n</div>")[0]
    assert 'class="leader"' not in frame and 'class="true-spot"' not in frame
    assert frame.count('class="map-dot') == 12


CALIFORNIA = """\
name: {de: Kalifornien, ja: カリフォルニア州, en: California}
country: US
since: 2018
status: active
location: [38.58, -121.49]
summary: {de: S, ja: S, en: S}
"""


def test_a_country_the_site_names_itself_is_named_so_and_sorted_by_its_reading(scratch_site):
    site = scratch_site(
        {
            "site.yaml": "country_names:\n  ja: {US: {name: 米国, reading: べいこく}}\n  en: {US: USA}\n",
            "content/partners/california.yaml": CALIFORNIA,
            "content/partners/jiangsu.yaml": JIANGSU,
            "content/partners/lodz.yaml": CALIFORNIA.replace("country: US", "country: PL"),
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert "米国" in site.page("/ja/partners/california/").text
    assert "アメリカ合衆国" not in site.page("/ja/partners/").text
    # By the reading べいこく, before ポーランド; by its code point, 米 would come after every kana name
    headings = re.findall(r'<h2 id="country-\d+"[^>]*>([^<]+)</h2>', site.page("/ja/partners/").html)
    assert headings == ["中国", "日本", "米国", "ポーランド"]
    assert "USA" in site.page("/en/partners/california/").text
    assert "Vereinigte Staaten" in site.page("/de/partners/california/").text  # CLDR's where none is given


COUNTRY_NAME_MISTAKES = {
    "fr: {US: États-Unis}": "country_names: 'fr' is not one of the site's languages",
    "en: {XY: Nowhere}": "country_names.en.XY: 'XY' is no ISO 3166 country code (e.g. US, CN, CA)",
    "ja: {US: 米国}": "country_names.ja.US: '米国' begins with a kanji; give its reading",
    "ja: {US: {name: 米国, reading: beikoku}}": "country_names.ja.US: the reading 'beikoku' is not written in kana",
    "en: {US: {name: USA, reading: ゆーえすえー}}": "country_names.en.US: a reading sorts Japanese names only",
    "en: {US: {title: USA}}": "country_names.en.US: expected a name, or {name: …, reading: …}",
    "en: {US: ''}": "country_names.en.US: the name is empty",
    "en: [US]": "country_names: expected language: {country code: name} pairs",
}


@pytest.mark.parametrize(("entry", "message"), sorted(COUNTRY_NAME_MISTAKES.items()))
def test_a_mistake_in_the_sites_country_names_is_said_with_its_line(scratch_site, entry, message):
    site = scratch_site(
        {
            "site.yaml": f"per_page: 5\ncountry_names:\n  {entry}\n",
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert f"site.yaml:3: error: {message}" in run.stderr
    assert run.stderr.count("error:") == 1


def test_a_name_in_kana_needs_no_reading(scratch_site):
    site = scratch_site(
        {
            "site.yaml": "country_names:\n  ja: {US: アメリカ}\n",
            "content/partners/california.yaml": CALIFORNIA,
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    assert site.build().code == 0
    assert "アメリカ" in site.page("/ja/partners/california/").text


def test_the_written_country_codes_are_those_babel_names():
    """The codes a partner's country may be are written out (read from Babel they cost every
    build 10 ms): they must stay CLDR's two-letter regions, less those that are no country."""
    babels = {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}
    assert babels - NO_COUNTRY == COUNTRY_CODES
    assert "ZZ" not in COUNTRY_CODES and {"DE", "JP", "CN", "CA", "US"} <= COUNTRY_CODES


def test_a_partner_file_or_topic_id_written_otherwise_is_told_the_id_it_makes(scratch_site):
    """``Kanagawa.yaml``, ``kanagawa-präfektur.yaml`` and a topic ``Energy`` were told to use
    "lower-case letters", which ``ü`` is, and not what to write."""
    site = scratch_site(
        {
            "content/partners/kanagawa-präfektur.yaml": KANAGAWA,
            "content/topics.yaml": "Energy: {de: E, ja: エ, en: E}\n東京: {de: T, ja: 東京, en: T}\n",
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
        }
    )
    said = site.build().stderr.splitlines()
    assert (
        "content/partners/kanagawa-präfektur.yaml:0: error: partner file name 'kanagawa-präfektur.yaml': use"
        " lower-case letters a to z, digits and hyphens; rename it kanagawa-praefektur.yaml"
    ) in said
    assert (
        "content/topics.yaml:1: error: topic id 'Energy': use lower-case letters a to z, digits and hyphens;"
        " write it energy"
    ) in said
    # No id to offer for a name in another script: the rule alone.
    assert "content/topics.yaml:2: error: topic id '東京': use lower-case letters a to z, digits and hyphens" in said


def test_a_release_naming_the_id_a_misnamed_partner_file_will_have_is_not_told_it_is_unknown(scratch_site):
    """With ``Shandong.yaml``, every release naming ``shandong`` was also "unknown partner
    'shandong' (did you mean 'Shandong'?)": the id the rule refuses, after the file's error had
    said to rename it shandong.yaml."""
    site = scratch_site(
        {
            "content/partners/Shandong.yaml": KANAGAWA,
            "content/en/2024/a.md": release("A", "date: 2024-01-01\npartners: [shandong]\n"),
            "content/de/2024/a.md": release("A", "date: 2024-01-01\npartners: [shandnog]\n"),
        }
    )
    said = [line for line in site.build().stderr.splitlines() if ": error: " in line]
    assert said == [
        "content/de/2024/a.md:4: error: unknown partner 'shandnog' (did you mean 'shandong'?)",
        "content/partners/Shandong.yaml:0: error: partner file name 'Shandong.yaml': use lower-case letters a to"
        " z, digits and hyphens; rename it shandong.yaml",
    ]
