"""The home page names the active partners only, and a site without any shows no empty "Partner
regions" section."""

from __future__ import annotations

from pressroom.pipeline.building import build

RELEASE = '---\ntitle: {title}\ndate: 2026-03-02\nsummary: "{title}."\n---\n\n{title}.\n'


def test_a_site_without_partners_has_no_empty_partner_section(scratch_site) -> None:
    site = scratch_site(
        {
            "site.yaml": "languages: [de, en]\n",
            "content/de/2026/start.md": RELEASE.format(title="Start"),
            "content/en/2026/start.md": RELEASE.format(title="Launch"),
        },
        with_defaults=False,
    )
    build(site.root, site.output, search="off")
    for lang in ("de", "en"):
        home = (site.output / lang / "index.html").read_text(encoding="utf-8")
        assert "Start" in home or "Launch" in home
        assert "partners-heading" not in home
        assert '<ul class="chips">' not in home


def test_the_bundled_sites_home_page_keeps_its_partners(bundled_site) -> None:
    home = (bundled_site / "de" / "index.html").read_text(encoding="utf-8")
    assert 'id="partners-heading"' in home
    assert home.count('<ul class="chips">') == 1


def test_the_home_page_names_active_partners_only(bundled_site) -> None:
    """Moscow, St. Petersburg and Sverdlovsk rest (status: dormant): the home page listed them with
    the active partners, unmarked; the partner index lists them with their status."""
    for lang, active, resting in (
        ("de", "Kanagawa", "Moskau"),
        ("en", "Kanagawa", "Moscow"),
        ("ja", "神奈川県", "モスクワ"),
    ):
        home = (bundled_site / lang / "index.html").read_text(encoding="utf-8")
        chips = home[home.index('<ul class="chips">') :]
        chips = chips[: chips.index("</ul>")]
        assert active in chips and resting not in chips, lang
        index = (bundled_site / lang / "partners" / "index.html").read_text(encoding="utf-8")
        assert resting in index
