"""The Nu HTML Checker (npm ``vnu-jar``) finds no error in any page of the built bundled site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import VNU, require, require_node_modules


@pytest.fixture(scope="module")
def vnu_jar() -> Path:
    """The Nu HTML Checker from npm, and Java to run it (checked before the site is built)."""
    require(shutil.which("java") is not None, "java is missing: apt-get install default-jre-headless")
    require_node_modules(VNU)
    return VNU


def run_vnu(vnu_jar: Path, site: Path) -> list[dict[str, object]]:
    """Every message vnu has about the HTML files under ``site`` (errors only)."""
    run = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = run.stderr.strip() or run.stdout.strip()  # vnu writes its report on stderr
    try:
        messages: list[dict[str, object]] = json.loads(report)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"vnu gave no JSON report (exit {run.returncode}):\n{report[:2000]}") from error
    assert run.returncode in (0, 1), f"vnu failed (exit {run.returncode}):\n{report[:2000]}"
    assert run.returncode == 0 or messages, "vnu exited 1 without a message"
    return messages


def where(site: Path, message: dict[str, object]) -> str:
    path = Path(unquote(urlsplit(str(message.get("url", ""))).path))
    name = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    return f"{name}:{line}:{column}"


def test_every_page_is_valid_html(vnu_jar: Path, built_site: Path) -> None:
    site = built_site.resolve()
    problems = [message for message in run_vnu(vnu_jar, site) if message.get("type") != "info"]
    if problems:
        lines = [
            f"{where(site, message)}: {message.get('type')}: {message.get('message')}"
            f"\n    {str(message.get('extract', '')).strip()!r}"
            for message in sorted(problems, key=lambda message: where(site, message))
        ]
        pytest.fail(f"{len(problems)} HTML error(s) in {site}:\n" + "\n".join(lines), pytrace=False)
