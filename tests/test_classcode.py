"""The dataclass methods kept between runs: classes made from the kept code behave as classes
Python compiled itself, a second run compiles none, and a damaged or unwritable file changes
nothing but the speed."""

from __future__ import annotations

import dataclasses
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressroom.base.classcode import FILE, MethodCode, install, uninstall
from pressroom.base.marshalled import marshalled

from .conftest import PROJECT, ScratchSite
from .test_incremental import fourteen_releases


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "__pycache__" / "methods.marshal"
    uninstall()


def make_release_class() -> type:
    # Annotations as objects (no `from __future__` here): what the generated __init__ sees.
    namespace: dict[str, object] = {}
    source = (
        "import dataclasses\n"
        "@dataclasses.dataclass(frozen=True, slots=True)\n"
        "class Release:\n"
        "    slug: str\n"
        "    year: int\n"
        "    topics: tuple = ()\n"
        "    notes: list = dataclasses.field(default_factory=list, hash=False)\n"
        "    summary: str = dataclasses.field(default='', compare=False)\n"
    )
    # A class made anew each call, as importing its module makes it.
    exec(compile(source, "<release>", "exec", dont_inherit=True), namespace)
    return namespace["Release"]  # type: ignore[return-value]


def behaviour(cls: type) -> tuple[object, ...]:
    """What a user of the class sees of its generated methods."""
    a, b = cls("kanagawa", 2024), cls("kanagawa", 2024, summary="other")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.year = 2025
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.slug
    with pytest.raises(TypeError):
        cls("kanagawa")
    return (
        repr(a),
        a == b,
        hash(a) == hash(b),
        a != cls("ontario", 2024),
        a.notes is not b.notes,
        str(inspect.signature(cls.__init__)),
        cls.__init__.__annotations__,
    )


def test_classes_made_from_kept_code_behave_as_compiled_ones(kept) -> None:
    plain = behaviour(make_release_class())
    first = install(kept)
    assert behaviour(make_release_class()) == plain
    assert first.changed
    first.keep()
    assert kept.is_file()

    second = install(kept)
    made = make_release_class()
    assert behaviour(made) == plain
    assert not second.changed, "every method was in the file"
    assert second.used and set(second.used) <= set(second.kept)
    assert made.__init__.__annotations__["year"] is int, "annotations stay objects, not strings"


def test_a_run_that_compiled_nothing_new_leaves_the_file_as_it_is(kept) -> None:
    first = install(kept)
    make_release_class()
    first.keep()
    os.utime(kept, ns=(10**18, 10**18))
    again = install(kept)
    make_release_class()
    again.keep()
    assert kept.stat().st_mtime_ns == 10**18


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal at all", b"\x00" * 64, "cut short", "other python", "not a dict"],
    ids=["empty", "garbage", "zeros", "cut short", "other python", "not a dict"],
)
def test_a_damaged_or_foreign_file_is_compiled_past_and_written_again(kept, damage) -> None:
    plain = behaviour(make_release_class())
    first = install(kept)
    make_release_class()
    first.keep()
    whole = kept.read_bytes()
    if damage == "cut short":
        damage = whole[: len(whole) // 2]
    elif damage == "other python":
        damage = b"\x00\x00\r\n" + whole[4:]
    elif damage == "not a dict":
        damage = marshalled(["a list"], whole[:4])
    kept.write_bytes(damage)

    methods = install(kept)
    assert methods.kept == {}
    assert behaviour(make_release_class()) == plain
    methods.keep()
    assert install(kept).kept.keys() == methods.used.keys()


def test_a_folder_that_cannot_be_written_costs_only_the_speed(kept) -> None:
    # A file where the folder would be: no write succeeds, whoever runs the tests (root too).
    kept.parent.write_text("in the way")
    methods = install(kept)
    plain = behaviour(make_release_class())
    methods.keep()  # no exception, and nothing written
    assert kept.parent.read_text() == "in the way"
    assert plain[0] == "Release(slug='kanagawa', year=2024, topics=(), notes=[], summary='')"


def test_methods_not_made_by_dataclasses_pass_through(kept) -> None:
    methods = MethodCode(kept)
    scope: dict[str, object] = {}
    methods.exec(compile("x = 6 * 7", "<test>", "exec"), scope)
    assert scope["x"] == 42
    assert not methods.used


def built_afresh(scratch_site, kept: Path) -> ScratchSite:
    """Fourteen releases built once by ``build.py`` with no ``kept`` file at its start, which
    the build must leave written."""
    site: ScratchSite = scratch_site(fourteen_releases(), with_defaults=False)
    kept.unlink(missing_ok=True)
    built = site.build_py()
    assert built.returncode == 0, built.stderr
    assert kept.is_file()
    return site


def test_after_build_py_the_engine_compiles_none_of_its_methods(scratch_site) -> None:
    built_afresh(scratch_site, FILE)
    probe = (
        "from pressroom.base.classcode import install\n"
        "methods = install()\n"
        "import pressroom.buildcli, pressroom.pipeline.building, pressroom.preview.resume\n"
        "print(methods.changed, len(methods.used))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True, cwd=PROJECT
    )
    changed, used = found.stdout.split()
    assert changed == "False"
    assert int(used) > 300, "the engine's classes' methods, hundreds of them"
