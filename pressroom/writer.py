"""The only code that touches the output folder.

A build is written into a fresh temporary folder beside the output and swapped in only
when complete, so a failed build leaves the previous site exactly as it was and files of
removed pages disappear. Paths are checked to stay inside the folder; no path is written twice.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .render import OutputFile
from .routing import is_inside

MARKER = ".pressroom-site"
"""Marks a folder as ours, so the writer never replaces a folder it did not make."""


class UnsafeOutput(Exception):
    """The output folder cannot be used (not ours, or it holds the sources)."""


def check_output_folder(output: Path, source_root: Path) -> None:
    output = output.resolve()
    source_root = source_root.resolve()
    if output == source_root or output in source_root.parents:
        raise UnsafeOutput(f"output folder {output} contains the site's sources")
    if source_root in output.parents and (output / "content").exists():
        raise UnsafeOutput(f"output folder {output} holds content files")
    if output.exists() and (not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())):
        raise UnsafeOutput(
            f"output folder {output} exists and was not made by this tool; choose another folder or remove it"
        )


def write_site(
    files: Iterable[OutputFile],
    output: Path,
    *,
    finish: Callable[[Path], object] | None = None,
    keep: tuple[str, ...] = (),
) -> int:
    """Write every file into a new folder and swap it in place of ``output``; return the count.

    ``finish(folder)`` runs on the complete new folder before the swap (the search indexer);
    ``keep`` names folders carried over from the previous output when the new one lacks them."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    count = 0
    try:
        seen: set[str] = set()
        for file in files:
            if not is_inside(file.path) or file.path in seen:
                raise UnsafeOutput(f"refusing to write '{file.path}'")
            seen.add(file.path)
            target = staging / file.path
            if staging not in target.resolve().parents:
                raise UnsafeOutput(f"refusing to write '{file.path}' outside the output folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data)
            count += 1
        for name in keep:
            previous = output / name
            if previous.is_dir() and not (staging / name).exists() and is_inside(name):
                shutil.copytree(previous, staging / name)
        if finish is not None:
            finish(staging)
        (staging / MARKER).write_text("built by pressroom; replaced whole on every build\n")
        _make_readable(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _make_readable(folder: Path) -> None:
    # mkdtemp creates a 0700 folder; a published site must be readable by the web server.
    folder.chmod(0o755)


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        os.replace(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old.", dir=output.parent))
    retired.rmdir()
    os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
