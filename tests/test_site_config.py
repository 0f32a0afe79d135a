"""The base URL's parts a page's links are made from: worked out once when the settings are
made, and the same after copying, replacing and pickling them (the kept model does all three)."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from pressroom.source.config import SiteConfig


def settings(base_url: str) -> SiteConfig:
    return SiteConfig(
        root=Path("site"), templates_dir=Path("templates"), locales_dir=Path("locales"), base_url=base_url
    )


@pytest.mark.parametrize(
    ("base_url", "base_path", "link_base"),
    [
        ("/", "/", "/"),
        ("/presse/", "/presse/", "/presse/"),
        ("https://international.example.org/", "/", "https://international.example.org/"),
        ("https://example.org/bw/presse/", "/bw/presse/", "https://example.org/bw/presse/"),
    ],
)
def test_site_links_use_the_path_and_shared_links_the_whole_base_url(
    base_url: str, base_path: str, link_base: str
) -> None:
    config = settings(base_url)
    assert (config.base_path, config.link_base) == (base_path, link_base)


def test_replacing_the_base_url_works_its_parts_out_again() -> None:
    moved = dataclasses.replace(settings("/"), base_url="https://example.org/bw/")
    assert (moved.base_path, moved.link_base) == ("/bw/", "https://example.org/bw/")


def test_pickled_settings_keep_their_parts_and_still_refuse_changes() -> None:
    config = pickle.loads(pickle.dumps(settings("https://example.org/bw/")))
    assert (config.base_path, config.link_base) == ("/bw/", "https://example.org/bw/")
    assert config == settings("https://example.org/bw/")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.base_path = "/elsewhere/"  # type: ignore[misc]


@pytest.mark.parametrize("where", ["site.yaml", "command line"])
def test_a_base_url_in_capitals_is_taken_and_written_lower_case(scratch_site, where: str) -> None:
    # A scheme and a host are the same in any case; the path is not.
    given = "HTTPS://International.EXAMPLE.org/Presse/"
    files = {"content/de/2024/meldung.md": "---\ntitle: Meldung\ndate: 2024-03-05\n---\n\nText.\n"}
    if where == "site.yaml":
        files["site.yaml"] = f"languages: [de, ja, en]\nbase_url: {given}\n"
    site = scratch_site(files)
    run = site.build() if where == "site.yaml" else site.build("--base-url", given)
    assert run.code == 0, run.err
    html = site.page("de/releases/2024/meldung/").html
    assert '<link rel="canonical" href="https://international.example.org/Presse/de/releases/2024/meldung/">' in html
    assert "HTTPS:" not in html and "EXAMPLE" not in html
