"""A thematic break an editor writes (``---``) and the rule above the footnotes stand at the
text's own edge, as long as its lines, in each language and on phones and desktops."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import TOPICS
from .conftest import LOCALES, OpenPage, serve_small_site

BODY = {
    "de": "Erster Absatz.\n\n---\n\nZweiter Absatz.[^1]\n\n[^1]: Die Fußnote.\n",
    "ja": "最初の段落です。\n\n---\n\n次の段落です。[^1]\n\n[^1]: 注記です。\n",
    "en": "First paragraph.\n\n---\n\nSecond paragraph.[^1]\n\n[^1]: The footnote.\n",
}
FILES = {
    "content/topics.yaml": TOPICS,
    **{
        f"content/{lang}/2024/trenner.md": f"---\ntitle: Trenner {lang}\ndate: 2024-03-05\n---\n\n{body}"
        for lang, body in BODY.items()
    },
}


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_small_site(tmp_path_factory.mktemp("separators"), FILES) as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_a_rule_starts_where_the_text_starts(open_page: OpenPage, scratch_url: str, lang: str, width: int) -> None:
    # Left to the browser's own style, a rule was centred in the wider column with the text
    # set flush left: on a desktop it began 64 px right of the paragraphs above it.
    page = open_page(locale=LOCALES[lang], width=width, height=900)
    page.goto(f"{scratch_url}{lang}/releases/2024/trenner/")
    text = page.locator(".body p").first.bounding_box()
    assert text is not None
    for rule in (".body > hr:not(.footnotes-sep)", ".footnotes-sep"):
        found = page.locator(rule).first.bounding_box()
        assert found is not None, f"{rule} is not shown"
        assert abs(found["x"] - text["x"]) <= 1, f"{rule} starts at {found['x']:.0f} px, the text at {text['x']:.0f} px"
        assert found["width"] <= text["width"] + 1, f"{rule} is wider than the text"
