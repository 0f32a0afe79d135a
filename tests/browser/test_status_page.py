"""The translation office's status page (``status --html``) in Chromium: readable in each of its
three languages, light and dark, at desktop and phone width, with no serious axe-core violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.cli import main

from ..conftest import PROJECT
from .conftest import AXE, OpenPage, require_node_modules
from .test_accessibility import BLOCKING, describe


@pytest.fixture(scope="module")
def status_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("status") / "status.html"
    assert main(["status", "--source", str(PROJECT), "--html", str(file)]) == 0
    return file


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_status_page_in_chromium(status_page: Path, open_page: OpenPage, artifacts: Path, lang: str, scheme: str):
    require_node_modules(AXE)
    for width in (1280, 390):
        page = open_page(width=width)
        page.emulate_media(color_scheme=scheme)
        page.goto(status_page.as_uri() + f"#{lang}")
        # Only the chosen language's section is shown, without any script.
        visible = page.locator("section:visible")
        assert visible.count() == 1 and visible.get_attribute("lang") == lang
        assert page.locator("section:visible table").count() == 2
        page.screenshot(path=str(artifacts / "screenshots" / f"status-{lang}-{width}-{scheme}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, describe(blocking)
