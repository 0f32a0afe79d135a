"""Compiled templates kept in the cache folder: a later build compiles nothing, and a catalog
edit (whose translations are folded into the compiled code) is never served from old code."""

from __future__ import annotations

import shutil

import jinja2
import pytest

from pressroom.output.templatecache import TEMPLATES_DIR
from pressroom.source.config import CACHE_DIR, PROJECT_ROOT

from .test_translations import release


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The name of every template compiled from source, in this process."""
    seen: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        seen.append(str(name))
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


def test_a_later_build_compiles_no_template(scratch_site, compiles) -> None:
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build("--jobs", "1").code == 0
    assert "base.html" in compiles
    first = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*.html")}
    compiles.clear()
    shutil.rmtree(site.output)
    shutil.rmtree(site.root / CACHE_DIR / "pages")  # render every page again
    assert site.build("--jobs", "1").code == 0
    assert compiles == []
    assert {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*.html")} == first


def test_a_catalog_edit_is_compiled_into_that_language_only(scratch_site, compiles) -> None:
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT_ROOT / "locales", site.root / "locales")
    assert site.build("--jobs", "1").code == 0
    assert "Zum Inhalt springen" in site.page("/de/").text
    folders = set((site.root / CACHE_DIR / TEMPLATES_DIR).iterdir())
    po = site.root / "locales/de/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Zum Inhalt springen"', 'msgstr "Direkt zum Inhalt"'), encoding="utf-8")
    compiles.clear()
    assert site.build("--jobs", "1").code == 0
    assert "Direkt zum Inhalt" in site.page("/de/").text
    assert "Skip to content" in site.page("/en/").text
    assert "base.html" in compiles
    after = set((site.root / CACHE_DIR / TEMPLATES_DIR).iterdir())
    assert len(after) == len(folders) and len(after - folders) == 1, "German's folder replaced, the others kept"


def test_a_damaged_entry_is_compiled_again(scratch_site, compiles) -> None:
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build("--jobs", "1").code == 0
    first = site.page("/de/").text
    for entry in (site.root / CACHE_DIR / TEMPLATES_DIR).rglob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:40])
    compiles.clear()
    shutil.rmtree(site.output)
    shutil.rmtree(site.root / CACHE_DIR / "pages")
    assert site.build("--jobs", "1").code == 0
    assert "base.html" in compiles
    assert site.page("/de/").text == first
