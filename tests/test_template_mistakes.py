"""A site's broken templates: every mistake said by one run, each once, at its template's line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pressroom.base import parallel

from .conftest import PROJECT
from .test_translations import release

PAGES = {
    "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
    "content/de/2024/a.md": release("A", "date: 2024-01-01\n"),
    "content/ja/2024/a.md": release("A", "date: 2024-01-01\n"),
}


def _own(name: str, line: str, after: str | None = None) -> dict[str, str]:
    """The bundled template ``name`` as a site's own, ``line`` appended or put right after ``after``."""
    text = (PROJECT / "templates" / name).read_text(encoding="utf-8")
    if after is None:
        return {f"templates/{name}": text + line + "\n"}
    assert after in text
    return {f"templates/{name}": text.replace(after, after + line, 1)}


def _line(text: str, needle: str) -> int:
    return next(number for number, row in enumerate(text.splitlines(), 1) if needle in row)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _errors(stderr: str) -> list[str]:
    return [row for row in stderr.splitlines() if ": error: " in row]


def test_every_syntax_error_of_the_templates_is_said_at_once(scratch_site):
    site = scratch_site(PAGES)
    assert site.build().code == 0
    before = _snapshot(site.output)
    broken = {
        **_own("robots.txt", "{% if %}"),
        **_own("sitemap-index.xml", "{{ }}"),
        **_own("partner.html", "{% endif %}", after="{% block main %}"),
    }
    site.write(broken)
    lines = {name: len(broken[name].splitlines()) for name in ("templates/robots.txt", "templates/sitemap-index.xml")}
    partner = _line(broken["templates/partner.html"], "{% block main %}{% endif %}")
    for run in (site.build(), site.run("check", "--source", str(site.root))):
        assert run.code == 1, run.stderr
        assert "Traceback" not in run.stderr
        errors = _errors(run.stderr)
        assert len(errors) == 3, run.stderr
        assert errors[0].startswith(f"templates/partner.html:{partner}: error: Encountered unknown tag 'endif'")
        assert errors[1].startswith(f"templates/robots.txt:{lines['templates/robots.txt']}: error: Expected an")
        assert errors[2].startswith(f"templates/sitemap-index.xml:{lines['templates/sitemap-index.xml']}: error:")
    assert _snapshot(site.output) == before  # the last good build, untouched


def test_a_template_syntax_error_is_said_with_the_content_s_errors(scratch_site):
    site = scratch_site({**PAGES, "content/en/2024/b.md": "---\ntittle: B\ndate: 2024-01-02\n---\nx\n"})
    site.write(_own("robots.txt", "{% if %}"))
    run = site.build()
    assert run.code == 1
    errors = _errors(run.stderr)
    assert any(row.startswith("content/en/2024/b.md:2: error: unknown field 'tittle'") for row in errors), errors
    assert any(row.startswith("templates/robots.txt:") and "Expected an expression" in row for row in errors), errors


@pytest.mark.parametrize("workers", [False, True])
def test_every_template_mistake_is_said_once_whatever_pages_it_broke(scratch_site, monkeypatch, workers):
    if workers:
        monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)  # forked workers even for a small site
    site = scratch_site(PAGES)
    broken = {
        **_own("robots.txt", "{{ undefined_a }}"),
        **_own("sitemap-index.xml", "{{ undefined_b }}"),
        **_own("partner.html", "{{ undefined_c }}", after="{% block main %}"),  # three pages, one per language
        **_own("home.html", "{{ 1 / 0 }}", after="{% block main %}"),  # a home page per language
    }
    site.write(broken)
    run = site.build("--jobs", "2")
    assert run.code == 1
    errors = _errors(run.stderr)
    said = [row.split(" (while rendering ")[0] for row in errors]
    assert len(said) == len(set(said)) == 4, run.stderr
    assert any(row.startswith("templates/home.html:") and "ZeroDivisionError" in row for row in errors)
    for name, word in (("partner.html", "c"), ("robots.txt", "a"), ("sitemap-index.xml", "b")):
        line = _line(broken[f"templates/{name}"], f"undefined_{word}")
        assert any(row.startswith(f"templates/{name}:{line}: error: 'undefined_{word}' is undefined") for row in errors)
    assert not site.output.exists()


# --- What a template may make and reach ------------------------------------------------------

LIMITS = [
    ('{{ "x" * 10**10 }}', "OverflowError: '*' makes 10,000,000,000 characters; a template may make 10,000,000"),
    ("{{ [0] * 10**9 }}", "OverflowError: '*' makes 1,000,000,000 items; a template may make 10,000,000"),
    ("{{ lipsum(10**7) }}", "OverflowError: lipsum() of 10,000,000 paragraphs of up to 100 words; a template"),
    ("{{ 9 ** (9 ** 9) }}", "OverflowError: '**' makes a number of about 369,693,100 digits; a template may make"),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "OverflowError: '~' makes 16,777,216 characters; a template may make 10,000,000",
    ),
    (
        "{% set ns = namespace(l=[0]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
        "OverflowError: '+' makes 16,777,216 items; a template may make 10,000,000",
    ),
    ("{% set l = [0] %}{% for i in range(64) %}{{ l.extend(l) }}{% endfor %}", "attribute 'extend' of 'list'"),
    ("{{ cycler.__init__.__globals__ }}", "access to attribute '__init__' of 'type' object is unsafe"),
    ('{{ "{0.__class__}".format(page) }}', "access to attribute '__class__' of"),
    ('{{ ([1]|map("int")).gi_frame }}', "access to attribute 'gi_frame' of 'generator' object is unsafe"),
]


@pytest.mark.parametrize(("line", "message"), LIMITS)
def test_a_template_can_neither_make_too_much_nor_reach_python_s_internals(scratch_site, line, message):
    """Each of these ran until the build was killed, or showed Jinja's internals in the page."""
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n"), **_own("robots.txt", line)})
    number = len((site.root / "templates/robots.txt").read_text(encoding="utf-8").splitlines())
    command = [sys.executable, str(PROJECT / "build.py"), "--source", str(site.root), "--output", str(site.output)]
    run = subprocess.run([*command, "--no-search"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1, run.stderr
    said = [row for row in run.stderr.splitlines() if row.startswith(f"templates/robots.txt:{number}: error: ")]
    assert said and message in said[0], run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("statement", ['{% include "notice.html" %}', '{% extends "../base.html" %}'])
def test_a_template_named_that_is_not_there_is_said_in_words(scratch_site, statement):
    """Jinja's own message was the name alone (``templates/robots.txt:7: error: notice.html``)."""
    site = scratch_site({**PAGES, **_own("robots.txt", statement)})
    run = site.build()
    assert run.code == 1
    line = len(site.root.joinpath("templates/robots.txt").read_text(encoding="utf-8").splitlines())
    name = statement.split('"')[1]
    assert _errors(run.stderr) == [
        f"templates/robots.txt:{line}: error: there is no template '{name}' under templates/ to include, import or"
        " extend: check its name (while rendering robots.txt)"
    ]
