"""An embargoed release's own pages, rendered by every build before its moment and thrown away:
a template mistake only its page makes was first told by the scheduled run that was to publish
it, which failed, and the release went out late."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.base import parallel
from pressroom.output import render
from pressroom.output.folder import MARKER

from .test_embargo import EMBARGO, LATER
from .test_template_bounds import NESTED
from .test_template_mistakes import _errors, _line, _own, _snapshot
from .test_translations import release

UNTIL = "under embargo until 2099-01-01T09:00:00+01:00"
CARD = '<article class="card">\n'
ENTRY = "  <entry>\n"

SITE = {
    "content/de/2024/offen.md": release("Offen", "date: 2024-07-01\ntopics: [energy]\n"),
    "content/en/2024/offen.md": release("Open", ""),
    "content/de/2024/x.md": release("Geheim", f"date: 2024-07-17\n{EMBARGO}topics: [energy]\n"),
    "content/en/2024/x.md": release("Secret", f"{EMBARGO}formerly: old-secret\n"),
}
"""A published release, and one under embargo in two languages (its English version renamed)."""


def _mistakes(**lines: str) -> dict[str, str]:
    """The bundled templates, each named one with ``lines`` right after its opening block."""
    after = {"release": "{% block main %}\n", "redirect": '<main class="wrap">\n'}
    return {
        key: text
        for name, line in lines.items()
        for key, text in _own(f"{name}.html", line + "\n", after=after[name]).items()
    }


def test_a_template_mistake_only_an_embargoed_release_makes_is_told_before_its_moment(scratch_site):
    templates = _mistakes(
        release='{% if page.title == "Geheim" %}{{ 1 / 0 }}{% endif %}\n'
        '{% if page.title == "Secret" %}{{ page.title | center("wide") }}{% endif %}',
        redirect='{% if page.title == "Secret" %}{{ page.title | wordwrap(0) }}{% endif %}',
    )
    site = scratch_site({**SITE, **templates})
    release_html, redirect_html = templates["templates/release.html"], templates["templates/redirect.html"]
    division = _line(release_html, "1 / 0")
    centred = _line(release_html, 'center("wide")')
    wrapped = _line(redirect_html, "wordwrap(0)")
    expected = [
        f"templates/redirect.html:{wrapped}: error: ValueError: invalid width 0 (must be > 0)"
        f" (while rendering en/releases/2024/old-secret/, {UNTIL})",
        f"templates/release.html:{division}: error: ZeroDivisionError: division by zero"
        f" (while rendering de/releases/2024/x/, {UNTIL})",
        f"templates/release.html:{centred}: error: TypeError: 'str' object cannot be interpreted as an integer"
        f" (while rendering en/releases/2024/x/, {UNTIL})",
    ]
    for run in (site.build(), site.run("check", "--source", str(site.root))):
        assert run.code == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert _errors(run.stderr) == expected, run.stderr
    assert not site.output.exists()
    # The scheduled run at its moment fails on the same lines: it is told nothing new then.
    then = site.build("--now", "2099-01-01T09:00+01:00")
    assert then.code == 1
    assert [row.split(" (while rendering ")[0] for row in _errors(then.stderr)] == [
        row.split(" (while rendering ")[0] for row in expected
    ]


def test_a_mistake_only_an_embargoed_releases_card_or_feed_entry_makes_is_told_before_its_moment(scratch_site):
    """Its card stands on the lists, the home page and its partner's page of the run that
    publishes it, and its entry in the feeds: a mistake only they make failed that run."""
    card = _own("_macros.html", '{% if card.title == "Geheim" %}{{ 1 / 0 }}{% endif %}\n', after=CARD)
    entry = _own(
        "feed.xml", '{% if entry.title == "Secret" %}{{ entry.title | wordwrap(0) }}{% endif %}\n', after=ENTRY
    )
    site = scratch_site({**SITE, **card, **entry})
    site.write(
        {"content/de/2024/x.md": SITE["content/de/2024/x.md"].replace("topics:", "partners: [kanagawa]\ntopics:")}
    )
    division = _line(card["templates/_macros.html"], "1 / 0")
    wrapped = _line(entry["templates/feed.xml"], "wordwrap(0)")
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1 and "Traceback" not in run.stderr, run.stderr
    told = _errors(run.stderr)
    assert told == [
        f"templates/_macros.html:{division}: error: ZeroDivisionError: division by zero"
        f" (while rendering de/releases/, with de/releases/2024/x/ {UNTIL})",
        f"templates/feed.xml:{wrapped}: error: ValueError: invalid width 0 (must be > 0)"
        f" (while rendering en/feed.xml, with en/releases/2024/x/ {UNTIL})",
    ], run.stderr
    # The run at its moment fails on the same lines: it is told nothing new then.
    then = site.build("--now", "2099-01-01T09:00+01:00")
    assert then.code == 1
    assert {row.split(" (while rendering ")[0] for row in _errors(then.stderr)} == {
        row.split(" (while rendering ")[0] for row in told
    }


def test_an_embargoed_page_is_rendered_as_the_site_will_be_at_its_moment(scratch_site):
    """Its neighbours are the releases out by then: one embargoed until before it among them."""
    mistake = '{% if page.previous and page.previous.text == "Geheim" %}{{ 1 / 0 }}{% endif %}'
    site = scratch_site(
        {
            **SITE,
            "content/de/2024/y.md": release("Später", f"date: 2024-07-18\n{LATER}"),
            **_mistakes(release=mistake),
        }
    )
    line = _line((site.root / "templates/release.html").read_text(encoding="utf-8"), "1 / 0")
    run = site.run("check", "--source", str(site.root))
    assert run.code == 1
    assert _errors(run.stderr) == [
        f"templates/release.html:{line}: error: ZeroDivisionError: division by zero"
        " (while rendering de/releases/2024/y/, under embargo until 2099-02-01T09:00:00+01:00)"
    ]


def test_an_embargoed_page_out_of_processor_time_is_told_before_its_moment(scratch_site, monkeypatch):
    monkeypatch.setattr(render, "MAX_SECONDS", 0.5)
    site = scratch_site({**SITE, **_mistakes(release=f'{{% if page.title == "Geheim" %}}{NESTED}{{% endif %}}')})
    line = _line((site.root / "templates/release.html").read_text(encoding="utf-8"), "range(100000)")
    run = site.build()
    assert run.code == 1, run.stderr
    assert _errors(run.stderr) == [
        f"templates/release.html:{line}: error: rendering took more than 0.5 seconds of processor time, the most a"
        f" page may take (while rendering de/releases/2024/x/, {UNTIL})"
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_nothing_of_an_embargoed_page_rendered_before_its_moment_is_written(scratch_site, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # forked workers even for a small site
    site = scratch_site({key: text for key, text in SITE.items() if "/x.md" not in key})
    assert site.build("--jobs", jobs, search=True).code == 0
    without = _published(site.output)
    # The same site with the embargoed release: its page is rendered (its mistake told) …
    site.write({**SITE, **_mistakes(release='{% if page.title == "Geheim" %}{{ 1 / 0 }}{% endif %}')})
    failed = site.build("--jobs", jobs, search=True)
    assert failed.code == 1 and "while rendering de/releases/2024/x/" in failed.stderr
    # … and, mended, leaves nothing of it: no page, sitemap, feed or search entry.
    (site.root / "templates/release.html").unlink()
    assert site.build("--jobs", jobs, search=True).code == 0, "mended"
    assert _published(site.output) == without


def _published(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but its marker, which records no inputs for a site with an
    embargo: such a site is always built again (`pressroom.source.inputs`)."""
    return {name: data for name, data in _snapshot(folder).items() if name != MARKER}
