"""Problems found in an editor's input, collected as data and reported all at once.

No stage raises on an editor's mistake: it records a `Problem` and carries on, so a single
run reports everything. The pipeline stops between stages when a stage found an error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from pressroom.base.text import for_terminal

Severity = Literal["error", "warning"]

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
"""Exit codes of every command: success, problems in the content, a usage mistake."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One message about one place in the input."""

    path: str
    """Path of the file, relative to the site root (``content/de/2024/x.md``)."""
    line: int
    """1-based line number; 0 when the problem concerns the file as a whole."""
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """``path:line: severity: message``, the form editors and CI tools read; on one line, with
        escape sequences from content written out, never acted on by the terminal."""
        return f"{for_terminal(self.path)}:{self.line}: {self.severity}: {for_terminal(self.message)}"

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command (``::error file=…,line=…::…``), which
        the run's page shows on the file and line of the commit it names. Escaped as the runner
        reads it: nothing in a path or message can end the command or start another."""
        where = f"file={_property(self.path)}" + (f",line={self.line}" if self.line else "")
        return f"::{self.severity} {where},title=pressroom::{_data(for_terminal(self.message))}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(for_terminal(text)).replace(":", "%3A").replace(",", "%2C")


@dataclass(slots=True)
class Problems:
    """A collector of problems passed through one stage of the pipeline."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line or 0, message, "error"))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line or 0, message, "warning"))

    def extend(self, other: Problems | list[Problem]) -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    def paths_with_errors(self) -> set[str]:
        """The files with at least one error."""
        return {p.path for p in self.items if p.severity == "error"}

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Problems in a stable order (by file, then line), whatever order stages found them."""
        return sorted(set(self.items))


class BuildFailed(Exception):
    """Raised between stages when the stage before found errors; carries every problem so far."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} error(s)")
        self.problems = problems

    def __reduce__(self) -> tuple:
        # Sent back whole from a process of its own (the preview's search index), problems and all.
        return BuildFailed, (self.problems,)


CHANGED_WHILE_BUILDING = "the file changed while the site was being built; build again"
"""Said of a file read when the site was loaded and found other when read again (a body when its
page is rendered, a picture when it is published): what was checked is not what would go out."""


def changed_while_building(path: str) -> BuildFailed:
    """The build's end for ``path`` (as shown, ``content/…``), found changed since it was loaded."""
    problems = Problems()
    problems.error(path, 0, CHANGED_WHILE_BUILDING)
    return BuildFailed(problems)


@contextlib.contextmanager
def failing_with(problems: Problems) -> Iterator[None]:
    """A `BuildFailed` of the block's own (a picture found changed by a worker) carries
    ``problems`` too: every problem of the run is said, not only the one that ended it."""
    try:
        yield
    except BuildFailed as failed:
        if failed.problems is problems:
            raise
        problems.extend(failed.problems)
        raise BuildFailed(problems) from None


def stop_on_errors(problems: Problems) -> None:
    """End the stage here (`BuildFailed`) if ``problems`` holds an error."""
    if problems.errors:
        raise BuildFailed(problems)
