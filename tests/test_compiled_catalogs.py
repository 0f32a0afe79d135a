"""Compiled catalogs kept in the cache: the same translations and the same warnings as parsing
the ``.po`` file, without parsing it again; any change to the file compiles it again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.base import i18n
from pressroom.base.errors import Problems
from pressroom.base.i18n import load_language
from pressroom.source.inputs import CATALOGS_DIR, catalog_folder

from .conftest import PROJECT

EMPTY_PLURAL = ('msgstr[1] "%(count)s Pressemitteilungen"', 'msgstr[1] ""')


def _locales(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT / "locales", tmp_path / "locales")
    return tmp_path / "locales"


def _load(root: Path, folder: Path | None) -> tuple[str, list[str]]:
    problems = Problems()
    language = load_language("de", root / "locales", problems, root, "", folder)
    return language.gettext("Skip to content"), [problem.format() for problem in problems.items]


def _no_parsing(monkeypatch) -> None:
    def refuse(data: bytes, locale: object) -> None:
        raise AssertionError("the .po file was parsed again")

    monkeypatch.setattr(i18n, "parse_catalog", refuse)


def test_a_kept_catalog_gives_the_same_translations_and_warnings_unparsed(tmp_path, monkeypatch):
    locales = _locales(tmp_path)
    po = locales / "de" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace(*EMPTY_PLURAL, 1), encoding="utf-8")
    folder = tmp_path / "cache" / "catalogs" / "v1"
    first = _load(tmp_path, folder)
    assert first[0] == "Zum Inhalt springen"
    assert len(first[1]) == 1 and first[1][0].startswith("locales/de/LC_MESSAGES/messages.po:")
    assert "plural form msgstr[1]" in first[1][0] and "warning" in first[1][0]
    assert list(folder.iterdir())
    _no_parsing(monkeypatch)
    assert _load(tmp_path, folder) == first


def test_an_edited_catalog_is_compiled_again(tmp_path):
    locales = _locales(tmp_path)
    folder = tmp_path / "cache" / "catalogs" / "v1"
    assert _load(tmp_path, folder)[0] == "Zum Inhalt springen"
    po = locales / "de" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Zum Inhalt springen"', 'msgstr "Direkt zum Inhalt"', 1), encoding="utf-8")
    assert _load(tmp_path, folder) == ("Direkt zum Inhalt", [])


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9\x01\x00\x00\x00"])
def test_a_damaged_kept_catalog_is_compiled_again(tmp_path, damage):
    _locales(tmp_path)
    folder = tmp_path / "cache" / "catalogs" / "v1"
    expected = _load(tmp_path, folder)
    for entry in folder.iterdir():
        entry.write_bytes(damage)
    assert _load(tmp_path, folder) == expected


def test_without_a_folder_nothing_is_kept(tmp_path, monkeypatch):
    _locales(tmp_path)
    assert _load(tmp_path, None)[0] == "Zum Inhalt springen"
    assert [path.name for path in tmp_path.iterdir()] == ["locales"]
    _no_parsing(monkeypatch)
    with pytest.raises(AssertionError, match="parsed again"):
        _load(tmp_path, None)


def test_catalogs_of_other_code_are_removed(tmp_path):
    stale = tmp_path / CATALOGS_DIR / "0123456789abcdef01234567"
    stale.mkdir(parents=True)
    (stale / "entry").write_bytes(b"old")
    current = catalog_folder(tmp_path)
    assert current is not None and current.parent == tmp_path / CATALOGS_DIR
    assert not stale.exists()
    assert catalog_folder(tmp_path) == current
