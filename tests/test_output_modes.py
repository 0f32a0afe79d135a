"""A built site's files are 644 and its folders 755, whatever the umask of the user who built
it: a web server running as another user reads them, and GitHub Pages takes the site."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from .conftest import PROJECT
from .test_media_site import LEAD, photo, put


def _build(site, umask: int) -> None:
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--source", str(site.root), "--output", str(site.output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        umask=umask,
    )
    assert run.returncode == 0, run.stderr


def _modes(folder: Path) -> dict[str, str]:
    """Path → mode (and kind) of everything in ``folder``, the folder itself included."""
    found = {".": oct(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[path.relative_to(folder).as_posix()] = oct(path.lstat().st_mode)
    return found


def _published(modes: dict[str, str]) -> dict[str, str]:
    return {
        path: mode for path, mode in modes.items() if mode not in (oct(stat.S_IFREG | 0o644), oct(stat.S_IFDIR | 0o755))
    }


def _site_with_a_photo(scratch_site):
    site = scratch_site(LEAD)
    put(site, {"2024/besuch.jpg": photo(800, 600)})
    return site


def test_a_build_under_a_strict_umask_writes_a_site_others_can_read(scratch_site) -> None:
    """Under umask 077 every page, image and search file was 600 and every folder but the
    site's own 700: a web server running as another user answered 403, and GitHub Pages
    refuses such a site. Under 027, 640 and 750, and so on: the modes followed the umask."""
    site = _site_with_a_photo(scratch_site)
    _build(site, 0o077)
    modes = _modes(site.output)
    assert "pagefind/pagefind.js" in modes and any(path.endswith(".avif") for path in modes)
    assert _published(modes) == {}


def test_a_site_built_from_a_cache_kept_under_another_umask_has_the_same_modes(scratch_site) -> None:
    """Pages, images and search bundles that an earlier build kept are linked into the next
    site, their modes with them: a build into an emptied folder under umask 022 gave files of
    600 and folders of 700 wherever a build under 077 had kept them."""
    site = _site_with_a_photo(scratch_site)
    _build(site, 0o022)
    first = {path: (site.output / path).read_bytes() for path, mode in _modes(site.output).items() if "o100" in mode}
    for top, folders, files in os.walk(site.root / ".pressroom-cache"):  # as a build under 077 keeps them
        for name in files:
            os.chmod(os.path.join(top, name), 0o600)
        for name in folders:
            os.chmod(os.path.join(top, name), 0o700)
    for top, folders, files in os.walk(site.output, topdown=False):
        for name in files:
            os.unlink(os.path.join(top, name))
        for name in folders:
            os.rmdir(os.path.join(top, name))
    _build(site, 0o022)
    modes = _modes(site.output)
    assert _published(modes) == {}
    assert {path: (site.output / path).read_bytes() for path, mode in modes.items() if "o100" in mode} == first
