"""A past year's archive that has none of its releases in the reader's language says so without
"yet": nothing more will be published for it. The current year's still says "yet"."""

from __future__ import annotations

from datetime import UTC, datetime

RELEASE = "---\ntitle: {}\ndate: {}\n---\n\nText.\n"


def test_a_past_years_empty_archive_says_no_yet(scratch_site) -> None:
    this = datetime.now(UTC).year  # the build's own day decides which years are past
    site = scratch_site(
        {
            "site.yaml": "languages: [de, en]\n",
            f"content/de/{this - 1}/alt.md": RELEASE.format("Alte Meldung", f"{this - 1}-05-02"),
            f"content/de/{this}/neu.md": RELEASE.format("Neue Meldung", f"{this}-01-01"),
            f"content/en/{this - 2}/other.md": RELEASE.format("Other news", f"{this - 2}-03-01"),
        },
        with_defaults=False,
    )
    assert site.build().code == 0
    past = site.page(f"/en/releases/{this - 1}/").html
    said = past.split('<p class="empty">')[1].split("</p>")[0]
    assert said == "None of this year&#39;s press releases was published in English.", said
    current = site.page(f"/en/releases/{this}/").html
    assert '<p class="empty">There are no press releases in English here yet.</p>' in current
    german = site.page(f"/de/releases/{this - 1}/").html
    assert "Alte Meldung" in german and '<p class="empty">' not in german
