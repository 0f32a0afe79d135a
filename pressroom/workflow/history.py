"""Earlier texts of a content file, read from git history.

A ``confirmed`` record holds only fingerprints. To show a translator *what* changed in a sibling
since their version was confirmed, the sibling's text at that time is looked up in git: the
newest commit whose copy of the file (followed across renames) has the recorded fingerprint.
Without git, outside a repository, or when no commit matches, the look-up says why in words
that the commands print as they are.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.base.text import for_terminal
from pressroom.source.frontmatter import Translatable, translatable

MAX_COMMITS = 500
"""How far back one file's history is read; older confirmations are reported as not found."""


@dataclass(frozen=True, slots=True)
class OldText:
    """A file's translatable text as a commit had it."""

    commit: str
    day: str
    """The commit's date, ``YYYY-MM-DD``."""
    text: Translatable


@dataclass(slots=True)
class History:
    """Reads one site root's git history; remembers each file's versions for the run."""

    root: Path
    _files: dict[str, list[OldText] | str] = field(default_factory=dict)
    _repository: str | None = None
    """Why there is no history (no git, not a repository), or "" when there is."""
    _refused: str = ""
    """What git said when it last failed: the first line of its error output."""

    def versions(self, path: str) -> list[OldText] | str:
        """Every committed text of ``path`` (relative to the root), newest first, or why none."""
        if path not in self._files:
            self._files[path] = self._read(path)
        return self._files[path]

    def find(self, path: str, fingerprint: str) -> OldText | str:
        """The newest committed text of ``path`` with this fingerprint, or why there is none."""
        found = self.versions(path)
        if isinstance(found, str):
            return found
        for old in found:
            if old.text.fingerprint == fingerprint:
                return old
        return f"no commit of {path} has the text it was confirmed against ({fingerprint})"

    def previous(self, path: str, fingerprint: str) -> OldText | str:
        """The newest committed text of ``path`` that differs from the one with ``fingerprint``:
        what the file said before its latest edit."""
        found = self.versions(path)
        if isinstance(found, str):
            return found
        for old in found:
            if old.text.fingerprint != fingerprint:
                return old
        return f"git history has no earlier text of {path}"

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes | None:
        try:
            run = subprocess.run(
                ["git", "-C", str(self.root), *args], input=stdin, capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            self._refused = str(exc)
            return None
        if run.returncode != 0:
            said = run.stderr.decode("utf-8", "replace").strip().splitlines()
            self._refused = for_terminal(said[0] if said else f"git exited with status {run.returncode}")
            return None
        return run.stdout

    def _unavailable(self) -> str:
        if self._repository is None:
            try:
                subprocess.run(["git", "--version"], capture_output=True, timeout=30, check=False)
            except (OSError, subprocess.TimeoutExpired):
                self._repository = "git is not installed, so earlier texts cannot be looked up"
            else:
                inside = self._git("rev-parse", "--is-inside-work-tree")
                self._repository = "" if inside else "the site is not in a git repository, so it has no history"
                if not inside and _has_repository(self.root):
                    # A damaged .git/HEAD makes git say "not a git repository"; there is one.
                    said = self._refused
                    self._repository = (
                        f"git cannot read the repository the site is in ({said}), so its history is unavailable"
                    )
        return self._repository

    def _read(self, path: str) -> list[OldText] | str:
        reason = self._unavailable()
        if reason:
            return reason
        log = self._git(
            "log", f"--max-count={MAX_COMMITS}", "--follow", "--name-only", "--format=%x00%H %cs", "--", path
        )
        if log is None:  # a damaged repository, not an empty history: say so, not "never committed"
            return f"git cannot read the history of {path} ({self._refused}), so it is unavailable"
        if not log:
            return f"{path} has no committed version in git history"
        commits: list[tuple[str, str, str]] = []
        for entry in log.decode("utf-8", "replace").split("\0")[1:]:
            lines = [line for line in entry.splitlines() if line.strip()]
            if len(lines) >= 2:
                commit, _, day = lines[0].partition(" ")
                commits.append((commit, day, lines[-1]))
        request = "".join(f"{commit}:{name}\n" for commit, _, name in commits).encode("utf-8")
        blobs = _split_batch(self._git("cat-file", "--batch", stdin=request) or b"", len(commits))
        result: list[OldText] = []
        for (commit, day, _), blob in zip(commits, blobs, strict=False):
            text = translatable(blob.decode("utf-8", "replace")) if blob is not None else None
            if text is not None:
                result.append(OldText(commit, day, text))
        return result


def _has_repository(root: Path) -> bool:
    """Whether ``root`` or a folder above it holds a ``.git`` (a folder, or a file naming one)."""
    try:
        folder = root.resolve()
    except OSError:
        return False
    return any(os.path.lexists(above / ".git") for above in (folder, *folder.parents))


def _split_batch(output: bytes, count: int) -> list[bytes | None]:
    """The objects of ``git cat-file --batch`` output, in request order (None: missing)."""
    blobs: list[bytes | None] = []
    position = 0
    for _ in range(count):
        end = output.find(b"\n", position)
        if end < 0:
            break
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            blobs.append(None)  # "<name> missing"
            continue
        size = int(header[2])
        blobs.append(output[position : position + size])
        position += size + 1
    return blobs
