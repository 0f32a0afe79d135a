"""A release under embargo: published nowhere before its moment, yet checked by every build
before it as the build of that moment checks it (once, the scheduled run that published it was
the first to tell its mistakes, and ``check --strict`` failed exactly then)."""

from __future__ import annotations

import gzip
from pathlib import Path

from pressroom.pipeline.building import build
from pressroom.preview.incremental import quick_rebuild

from .pdfs import pdf_document
from .test_incremental import edit, fourteen_releases, start
from .test_media_site import png, put
from .test_translations import release

EMBARGO = "publish: 2099-01-01T09:00:00+01:00\n"
LATER = "publish: 2099-02-01T09:00:00+01:00\n"


def problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("content/")]


def test_versions_of_an_embargoed_release_that_disagree_are_told_now(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release(
                "Geheim",
                f"date: 2024-07-17\n{EMBARGO}partners: [kanagawa]\ntopics: [energy]\n"
                "image:\n  file: 2024/a.png\n  alt: Karte\n",
            ),
            "content/en/2024/x.md": release(
                "Secret", f"date: 2024-07-18\n{EMBARGO}partners: []\ntopics: [health]\nimage:\n  file: 2024/b.png\n"
            ),
            "content/en/2024/y.md": release("Public", "date: 2024-07-01\n"),
        }
    )
    put(site, {"2024/a.png": png((200, 30, 30)), "2024/b.png": png((30, 30, 200))})
    expected = [
        "content/en/2024/x.md:3: warning: date 2024-07-18 disagrees with the other versions; using 2024-07-17",
        "content/en/2024/x.md:5: warning: partners [] disagree with the other versions; using [kanagawa]",
        "content/en/2024/x.md:6: warning: topics [health] disagree with the other versions; using [energy]",
        "content/en/2024/x.md:7: error: image: the release shows '2024/a.png' in this version too, so this version"
        " needs its own 'alt:' under 'image:': say in this version's language what the picture shows",
        "content/en/2024/x.md:8: warning: image.file '2024/b.png' disagrees with the other versions;"
        " using '2024/a.png'",
    ]
    check = site.run("check", "--source", str(site.root))
    assert check.code == 1
    assert problems(check.stderr) == expected
    built = site.build()
    assert built.code == 1 and problems(built.stderr) == expected
    # Mended, the build passes, and warns of nothing the build at its moment would not.
    site.write({"content/en/2024/x.md": release("Secret", f"{EMBARGO}image:\n  alt: Map\n")})
    (site.root / "content/media/2024/b.png").unlink()
    assert site.run("check", "--strict", "--source", str(site.root)).code == 0
    assert site.build("--now", "2099-01-01T09:00+01:00").code == 0
    assert site.exists("/en/releases/2024/x/")


def test_a_draft_is_left_unchecked_unless_drafts_are_built(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Entwurf", f"date: 2024-07-17\n{EMBARGO}draft: true\n"),
            "content/en/2024/x.md": release("Draft", f"date: 2024-07-18\n{EMBARGO}draft: true\n"),
        }
    )
    assert site.run("check", "--strict", "--source", str(site.root)).code == 0
    drafts = site.run("check", "--drafts", "--source", str(site.root))
    assert problems(drafts.stderr) == [
        "content/en/2024/x.md:3: warning: date 2024-07-18 disagrees with the other versions; using 2024-07-17"
    ]


def _output_texts(folder: Path) -> str:
    """Every file of a built site as text, its path first, the search index's fragments unpacked."""
    texts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".pf_fragment":
            data = gzip.decompress(data)
        texts.append(path.relative_to(folder).as_posix() + "\n" + data.decode("utf-8", "replace"))
    return "\n".join(texts)


def test_nothing_of_an_embargoed_release_is_published_before_its_moment(scratch_site):
    site = scratch_site(
        {
            "site.yaml": "base_url: https://presse.example.org/\n",
            "content/de/2024/geheimtreffen.md": release(
                "Zauberwort Nordlicht",
                f"date: 2024-07-17\n{EMBARGO}summary: Flüsterpost Polarstern.\ntopics: [energy]\n"
                "partners: [kanagawa]\nformerly: [/de/releases/2024/altgeheim/]\n"
                "image:\n  file: 2024/geheimkarte.png\n  alt: Karte\n"
                "downloads:\n  - file: 2024/geheimplan.pdf\n    title: Plan\n",
                "Nordlicht im Text.\n\n![Skizze](/media/2024/geheimskizze.png)",
            ),
            "content/en/2024/geheimtreffen.md": release(
                "Magic Northern Light", f"{EMBARGO}image:\n  alt: Map\n", "Northern light."
            ),
            # Without a picture: shared with a drawn card, which is not drawn either.
            "content/de/2024/geheimsache.md": release("Zauberwort Polarstern", f"date: 2024-07-16\n{EMBARGO}"),
            "content/de/2024/offen.md": release("Offene Meldung", "date: 2024-07-01\ntopics: [energy]\n"),
            # A draft's picture is not published before the draft is, either.
            "content/de/2024/entwurf.md": release(
                "Entwurf", "date: 2024-07-02\ndraft: true\nimage:\n  file: 2024/entwurfsbild.png\n  alt: Bild\n"
            ),
        }
    )
    put(
        site,
        {
            "2024/geheimkarte.png": png((200, 30, 30)),
            "2024/geheimskizze.png": png((30, 200, 30)),
            "2024/geheimplan.pdf": pdf_document(title="Geheimplan"),
            "2024/entwurfsbild.png": png((30, 30, 200)),
        },
    )
    secret = ["geheim", "Zauberwort", "Nordlicht", "Polarstern", "Northern", "altgeheim", "entwurf", "Entwurf"]
    run = site.build(search=True)
    assert run.code == 0, run.stderr
    published = _output_texts(site.output)
    assert "Offene Meldung" in published and "/de/releases/2024/offen/" in published
    assert [word for word in secret if word in published] == []
    # Once it is out, all of it is there: what was looked for would have been seen.
    assert site.build("--now", "2099-01-01T09:00+01:00", search=True).code == 0
    published = _output_texts(site.output)
    assert [word for word in secret[:-2] if word not in published] == []


def test_an_embargoed_body_is_checked_with_its_links_as_they_lead_at_its_moment(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release(
                "Eins",
                f"date: 2024-07-17\n{EMBARGO}",
                "[same](same.md) [later](later.md) [none](nowhere.md) [section](public.md#fehlt)",
            ),
            "content/de/2024/same.md": release("Zugleich", f"date: 2024-07-17\n{EMBARGO}", "Text."),
            "content/de/2024/later.md": release("Später", f"date: 2024-07-18\n{LATER}", "Text."),
            "content/de/2024/public.md": release("Offen", "date: 2024-07-01\n", "## Plan\n\nText."),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert problems(run.stderr) == [
        "content/de/2024/x.md:7: error: broken link 'nowhere.md': there is no content/de/2024/nowhere.md",
        "content/de/2024/x.md:7: error: link 'later.md' leads to a release under embargo until"
        " 2099-02-01T09:00:00+01:00; remove the link or publish content/de/2024/later.md",
        "content/de/2024/x.md:7: warning: link 'public.md#fehlt' names no heading of content/de/2024/public.md"
        " (its headings: #plan)",
    ]


def test_an_address_an_embargoed_release_will_take_is_taken_now(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Geheim", f"date: 2024-07-17\n{EMBARGO}slug: treffen\n"),
            "content/de/2024/treffen.md": release("Treffen", "date: 2024-07-01\n"),
        }
    )
    run = site.build()
    assert run.code == 1
    assert problems(run.stderr) == [
        "content/de/2024/treffen.md:1: error: '/de/releases/2024/treffen/' is claimed twice: by"
        " content/de/2024/treffen.md and by content/de/2024/x.md; give one of them another slug"
    ]


def test_an_embargoed_releases_dates_are_judged_against_the_day_it_goes_online(scratch_site):
    site = scratch_site(
        {
            # Dated the day it goes online, ahead of the build's day: as it should be.
            "content/en/2099/x.md": release("On time", f"date: 2099-01-01\n{EMBARGO}"),
            "content/en/2099/y.md": release("Late", f"date: 2099-01-05\nupdated: 2099-03-01\n{EMBARGO}"),
            "content/en/2099/z.md": release("Card ᚠ", f"date: 2099-01-01\n{EMBARGO}"),
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert problems(run.stderr) == [
        "content/en/2099/y.md:3: warning: date 2099-01-05 is ahead of the day its embargo ends (2099-01-01): the"
        " release goes online then, with this date; give the day it is issued as its date, or hold it longer with"
        " a later 'publish:'",
        "content/en/2099/y.md:4: warning: updated 2099-03-01 is ahead of the day its embargo ends (2099-01-01)",
        "content/en/2099/z.md:2: warning: the share card drawn for this title leaves out 'ᚠ' (U+16A0 RUNIC LETTER"
        " FEHU FEOH FE F): its font cannot draw them; give this version a lead image (image:) to share a picture"
        " instead",
    ]


def test_an_edit_to_a_site_with_an_embargo_is_built_whole_and_told(scratch_site, tmp_path):
    """The preview's quick rebuild takes no site with an embargo: the full build it leaves to
    checks the embargoed release as any other."""
    files = fourteen_releases()
    files["content/de/x.md"] = release("Geheim", f"date: 2024-07-17\n{EMBARGO}")
    files["content/en/x.md"] = release("Secret", f"date: 2024-07-17\n{EMBARGO}")
    site = scratch_site(files, with_defaults=False)
    quick = start(site)
    path = edit(site, "content/en/x.md", "date: 2024-07-17", "date: 2024-07-18")
    assert quick_rebuild(quick, [path], site.output) is None
    full = build(site.root, site.output, search="off")
    assert [problem.format() for problem in full.problems.sorted()] == [
        "content/en/x.md:3: warning: date 2024-07-18 disagrees with the other versions; using 2024-07-17"
    ]
    text = edit(site, "content/de/r3.md", "Text 3 in de.", "Neuer Text.")
    assert quick_rebuild(quick, [text], site.output) is None
