"""Editors' workflow around a build: a damaged output is rebuilt, embargoes say when they end
and the publish workflow runs on a schedule that matches what ``check`` promises."""

from __future__ import annotations

import re

import yaml

from pressroom.cli import PUBLISH_MINUTE
from pressroom.source.config import CACHE_DIR

from .conftest import PROJECT
from .test_translations import release


def test_a_file_deleted_from_the_output_is_noticed_and_rebuilt(scratch_site):
    site = scratch_site({"content/de/2024/x.md": release("Eine Meldung", "date: 2024-07-17\n")})
    assert site.build().code == 0
    again = site.build()
    assert again.code == 0 and "nothing changed" in again.stdout
    page = site.output / "de/releases/2024/x/index.html"
    original = page.read_bytes()
    page.unlink()
    repaired = site.build()
    assert repaired.code == 0 and "nothing changed" not in repaired.stdout, repaired.stdout
    assert page.read_bytes() == original
    # A file changed by hand (in size) is noticed too.
    page.write_bytes(b"<p>edited by hand, longer than before?</p>")
    assert "nothing changed" not in site.build().stdout
    assert page.read_bytes() == original
    assert "nothing changed" in site.build().stdout


def test_check_says_when_the_next_embargo_ends_and_when_it_goes_online(scratch_site):
    site = scratch_site(
        {
            "content/de/2024/x.md": release("Geheim", "date: 2024-07-17\npublish: 2024-07-17T10:00+09:00\n"),
            "content/de/2024/y.md": release("Später", "date: 2024-07-18\npublish: 2024-07-18T10:00+09:00\n"),
        }
    )
    check = site.run("check", "--source", str(site.root), "--now", "2024-07-17T07:30+09:00")
    assert check.code == 0, check.stderr
    assert (
        f"next embargo ends in 2 h 30 min; the publish workflow runs hourly at :{PUBLISH_MINUTE:02d} UTC, "
        f"so it goes online at 2024-07-17 03:{PUBLISH_MINUTE:02d} CEST (Stuttgart) = "
        f"2024-07-17 10:{PUBLISH_MINUTE:02d} JST (Tokyo)"
    ) in check.stderr
    later = site.run("check", "--source", str(site.root), "--now", "2024-07-15T10:00+09:00")
    assert "next embargo ends in 2 d 0 h;" in later.stderr


def test_the_publish_workflow_runs_on_the_schedule_check_announces():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    assert triggers["schedule"] == [{"cron": f"{PUBLISH_MINUTE} * * * *"}]


def test_the_hourly_run_publishes_only_a_commit_whose_push_run_passed():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    tests = next(step for step in steps if step.get("name", "").startswith("Tests"))
    assert tests["if"] == "github.event_name != 'schedule'"  # the hourly run does not test again...
    gate = next(step for step in steps if "push run passed" in step.get("name", ""))
    assert gate["if"] == "github.event_name == 'schedule'"
    assert "--event push --status completed" in gate["run"] and '"$conclusion" != "success"' in gate["run"]
    assert names.index(gate["name"]) < names.index("Build")  # ...so it stops before building
    assert workflow["permissions"]["actions"] == "read"


def test_every_command_in_the_readme_uses_the_venv_interpreter():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    calls = re.findall(r"([^\s`]*python[^\s`]*)\s+(build\.py|-m\s+\S+)", readme)
    # The one exception is the command that makes the virtual environment.
    interpreters = {interpreter for interpreter, what in calls if what != "-m venv"}
    assert interpreters == {".venv/bin/python"}, interpreters
    assert readme.count(".venv/bin/python build.py") >= 20


def test_the_build_in_ci_starts_from_what_earlier_builds_kept():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    names = [step.get("name", step.get("uses", "")) for step in steps]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == CACHE_DIR
    assert "${{ github.sha }}" in cache["with"]["key"]  # saved once per commit
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])  # restored from the newest run
    assert names.index(cache["name"]) < names.index("Build")
