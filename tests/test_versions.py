"""The versions of the libraries a build's hashes name are those Python's own metadata reader finds."""

from __future__ import annotations

from importlib import metadata

import pytest

from pressroom.base import versions
from pressroom.output.searchstore import PACKAGES as SEARCH_PACKAGES
from pressroom.source.inputs import PACKAGES


@pytest.mark.parametrize("name", sorted({*PACKAGES, *SEARCH_PACKAGES, "pyyaml", "PyYAML", "Jinja2", "mdit_py_plugins"}))
def test_each_installed_version_is_the_one_importlib_metadata_reads(name) -> None:
    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = None
    assert versions.version(name) == expected


def test_a_library_not_installed_has_no_version_and_no_line() -> None:
    assert versions.version("no-such-library-here") is None
    assert versions.described(("no-such-library-here", "jinja2")) == f"jinja2=={metadata.version('jinja2')}\n"
