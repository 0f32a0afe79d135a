"""Language versions are linked into one release, by path or by key; missing ones are said plainly."""

from __future__ import annotations


def release(title: str, extra: str = "", body: str = "Text.") -> str:
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


def test_versions_with_the_same_path_are_one_release(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/absicht.md": release("Absichtserklärung", "date: 2024-07-17\nslug: absichtserklaerung\n"),
            "content/en/2024/absicht.md": release("Joint declaration", "slug: joint-declaration\n"),
        }
    )
    assert site.build().code == 0
    de = site.page("/de/releases/2024/absichtserklaerung/")
    en = site.page("/en/releases/2024/joint-declaration/")
    assert de.lang == "de" and en.lang == "en"
    # Reciprocal hreflang alternates, and x-default pointing at the neutral root.
    assert de.alternates == {
        "de": "/de/releases/2024/absichtserklaerung/",
        "en": "/en/releases/2024/joint-declaration/",
        "x-default": "/",
    }
    assert en.alternates == de.alternates
    # The switcher leads to the same release in the other language, labelled in that language.
    [switch] = [a for a in de.links if a.get("hreflang") == "en"]
    assert switch["href"] == "/en/releases/2024/joint-declaration/"
    assert switch["lang"] == "en" and switch["text"] == "English"
    # The English version took its date from its German sibling.
    assert "July 17, 2024" in en.text


def test_a_version_with_another_file_name_is_linked_by_key(scratch_site):
    site = scratch_site(
        {
            "content/de/2015/jetro.md": release("JETRO wählt Cluster", "date: 2015-06-15\n"),
            "content/ja/2015/jetro-rit.md": release("ジェトロがクラスターを選定", "key: 2015/jetro\n"),
        }
    )
    assert site.build().code == 0
    ja = site.page("/ja/releases/2015/jetro-rit/")
    assert ja.alternates["de"] == "/de/releases/2015/jetro/"
    assert site.page("/de/releases/2015/jetro/").alternates["ja"] == "/ja/releases/2015/jetro-rit/"
    assert "2015年6月15日" in ja.text


def test_a_release_in_one_language_only(scratch_site):
    site = scratch_site(
        {
            "content/ja/2024/only-ja.md": release(
                "日本語だけのお知らせ", "date: 2024-03-01\npartners: [kanagawa]\ntopics: [energy]\n"
            ),
        }
    )
    run = site.build()
    assert run.code == 0, run.stderr
    ja = site.page("/ja/releases/2024/only-ja/")
    assert set(ja.alternates) == {"ja", "x-default"}
    # The missing versions are named plainly, in the reader's language.
    assert "このプレスリリースにはドイツ語版も英語版もありません。" in ja.text
    # The switcher still offers German and English, leading to their lists of that year's
    # releases (which offer this one in Japanese), never to a 404.
    de_switch = [a for a in ja.links if a.get("hreflang") == "de"]
    assert de_switch[0]["href"] == "/de/releases/2024/"
    assert "該当ページなし" in de_switch[0]["text"]
    # A full-width bracket brings its own space: none is added before it.
    # (Its closing bracket is marked to be set half-width: nothing follows it in the link.)
    tied = '<span class="tie">ペー</span><span class="tie">ジなし</span>'
    note = f'<span class="note"><span class="phrases">（該当{tied}<span class="trim">）</span></span></span>'
    assert f'<span lang="de">Deutsch</span>{note}' in ja.html
    assert not site.exists("/de/releases/2024/only-ja/")
    year = site.page("/de/releases/2024/")
    assert year.links_to("/ja/releases/2024/only-ja/")[0]["lang"] == "ja"
    # Lists in other languages do not pretend it exists in their language...
    assert "日本語だけのお知らせ" not in site.page("/de/releases/").text
    # ...but topic and partner pages offer it, marked as Japanese.
    for url in ("/de/topics/energy/", "/de/partners/kanagawa/"):
        page = site.page(url)
        [link] = page.links_to("/ja/releases/2024/only-ja/")
        assert link["lang"] == "ja" and link["hreflang"] == "ja"
        assert "Nur in anderen Sprachen" in page.text and "auf Japanisch verfügbar" in page.text


def test_drafts_are_published_only_on_request(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/ready.md": release("Ready", "date: 2024-01-02\n"),
            "content/en/2024/secret.md": release("Secret plans", "date: 2024-01-03\ndraft: true\n"),
        }
    )
    assert site.build().code == 0
    assert site.exists("/en/releases/2024/ready/")
    assert not site.exists("/en/releases/2024/secret/")
    assert "Secret plans" not in site.page("/en/releases/").text
    assert "Secret plans" not in site.page("/en/").text
    assert site.build("--drafts").code == 0
    assert site.exists("/en/releases/2024/secret/")


def test_generated_pages_exist_in_every_language_with_full_alternates(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    for url in (
        "/{}/",
        "/{}/releases/",
        "/{}/releases/2024/",
        "/{}/topics/",
        "/{}/topics/energy/",
        "/{}/partners/",
        "/{}/partners/kanagawa/",
        "/{}/404.html",
    ):
        for lang in ("de", "ja", "en"):
            page = site.page(url.format(lang))
            assert page.lang == lang
            if not url.endswith("404.html"):
                assert page.alternates == {
                    "de": url.format("de"),
                    "ja": url.format("ja"),
                    "en": url.format("en"),
                    "x-default": "/",
                }


def test_versions_that_disagree_on_shared_fields_are_warned_about(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("X", "date: 2024-07-17\ntopics: [energy]\n"),
            "content/ja/2024/x.md": release("X", "date: 2024-07-17\ntopics: [energy]\n"),
            "content/en/2024/x.md": release("X", "date: 2024-07-18\ntopics: [health]\n"),
        }
    )
    run = site.build()
    assert run.code == 0
    assert (
        "content/en/2024/x.md:3: warning: date 2024-07-18 disagrees with the other versions; "
        "using 2024-07-17" in run.stderr
    )
    assert "content/en/2024/x.md:4: warning: topics [health] disagree" in run.stderr
    assert "July 17, 2024" in site.page("/en/releases/2024/x/").text


def test_a_home_page_without_releases_of_its_own_leads_to_those_in_other_languages(scratch_site):
    """The English home of a site whose releases are all German said "There are no press releases
    yet." above a link "All 0 press releases", though its list offers them in German."""
    site = scratch_site({"content/de/2024/nur-deutsch.md": release("Nur auf Deutsch", "date: 2024-03-01\n")})
    run = site.build()
    assert run.code == 0, run.stderr
    said = {
        "en": ("There are no press releases in English yet.", "Press releases in other languages"),
        "ja": ("日本語のプレスリリースはまだありません。", "ほかの言語のプレスリリース"),
    }
    for lang, (none, elsewhere) in said.items():
        home = site.page(f"/{lang}/")
        assert none in home.text and " 0 " not in home.text and "全0件" not in home.text, home.text
        [link] = [a for a in home.links if " ".join(a["text"].split()) == elsewhere]
        # The release list holds the reader's language only: the year's archive offers the others.
        assert site.page(link["href"]).links_to("/de/releases/2024/nur-deutsch/")
    german = site.page("/de/")
    assert german.links_to("/de/releases/") and "1 Pressemitteilung im Archiv" in german.text


def test_a_home_page_of_a_site_without_releases_does_not_offer_an_empty_list(scratch_site):
    site = scratch_site({})
    run = site.build()
    assert run.code == 0, run.stderr
    home = site.page("/en/")
    assert "There are no press releases yet." in home.text
    assert "All 0" not in home.text and "in the archive" not in home.text, home.text
