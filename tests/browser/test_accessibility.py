"""axe-core finds no serious or critical accessibility violation on any kind of page, in any language,
in the light and the dark colour scheme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import AXE, LOCALES, OpenPage, PageType, page_types, require_node_modules, wait_for_search_results

BLOCKING = ("serious", "critical")


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violated rule: id, impact, what it means, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}]: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html'][:300]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n            ")
            if summary:
                lines.append(f"      why:  {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe-core from npm (checked before the site is built, so that a missing one skips at once)."""
    require_node_modules(AXE)
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", page_types(), ids=lambda kind: kind.id)
def test_no_serious_or_critical_axe_violation(
    axe_script: Path, open_page: OpenPage, site_url: str, kind: PageType, scheme: str
) -> None:
    page = open_page(locale=LOCALES[kind.lang])
    page.emulate_media(color_scheme=scheme)
    try:
        response = page.goto(site_url + kind.path.lstrip("/"))
        assert response is not None and response.status == kind.status
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    finally:
        page.emulate_media(color_scheme="light")
    violations = results["violations"]
    minor = [violation for violation in violations if violation["impact"] not in BLOCKING]
    if minor:  # shown with -rP, and with any failure: worth fixing, not blocking
        print(f"moderate/minor on {kind.path}:\n{describe(minor)}")
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    if blocking:
        pytest.fail(f"axe-core on {kind.path} ({kind.id}, {scheme}):\n{describe(blocking)}", pytrace=False)


SEARCHED = {"de": "Kanagawa", "ja": "神奈川", "en": "Kanagawa"}
"""A word each language's pages write (no Japanese page writes Kanagawa in Latin letters)."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_search_with_results_has_no_serious_or_critical_axe_violation(
    axe_script: Path, open_page: OpenPage, site_url: str, lang: str, scheme: str
) -> None:
    """The search page as a reader uses it: Pagefind's field and its results, in both schemes."""
    page = open_page(locale=LOCALES[lang])
    page.emulate_media(color_scheme=scheme)
    try:
        page.goto(f"{site_url}{lang}/search/?q={SEARCHED[lang]}")
        wait_for_search_results(page)
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    finally:
        page.emulate_media(color_scheme="light")
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING]
    if blocking:
        pytest.fail(f"axe-core on /{lang}/search/?q={SEARCHED[lang]} ({scheme}):\n{describe(blocking)}", pytrace=False)


@pytest.mark.parametrize("lang", ["de", "ja", "en"])
def test_home_page_landmarks_have_distinct_names(
    axe_script: Path, open_page: OpenPage, site_url: str, lang: str
) -> None:
    """The intro and the footer's site section were both named after the site: a screen reader's list of
    regions showed the same name twice (axe-core's moderate landmark-unique, which the test above lets pass)."""
    page = open_page(locale=LOCALES[lang])
    page.goto(f"{site_url}{lang}/")
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "async () => await axe.run(document, { runOnly: ['landmark-unique'], resultTypes: ['violations'] })"
    )
    assert not results["violations"], describe(results["violations"])
