"""A template's lists, tuples and dicts: none so heavy that hashing or comparing it never ends.

A tuple holding the last one twice, doubled in a loop, is small; hashing it (``{t: 1}``,
``t in list``, ``|unique``) or comparing it with another took 2**80 steps in one call of
Python's C code, where the time limit cannot stop it: the build hung until it was killed.
Each case runs in a process of its own with a timeout, so that a hang fails the test instead
of hanging it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import jinja2.sandbox
import pytest

from pressroom.output.render import make_environment

from .conftest import PROJECT
from .test_template_mistakes import PAGES, _errors, _line, _own, _snapshot
from .test_translations import release

LOOP = (
    "{% set ns = namespace(t=(), u=()) %}{% for i in range(80) %}{% set ns.t = MAKE %}{% set ns.u = TWIN %}{% endfor %}"
)
HEAVY = "would hold more than 10,000,000 items, counting every copy of the lists, tuples and dicts in it"


def _doubled(make: str, use: str = "{{ {ns.t: 1} }}") -> str:
    """``make`` (of ``ns.t``) in a loop, and ``use`` of what it made: a tuple is hashed, and a
    list or dict compared with its twin (made the same way of ``ns.u``)."""
    return LOOP.replace("MAKE", make).replace("TWIN", make.replace("ns.t", "ns.u")) + use


TWINS = "{{ ns.t == ns.u }}"
DOUBLED = _doubled("(ns.t, ns.t)", "")
"""A tuple that holds the last one twice, eighty times over: 2**80 copies, some eighty tuples."""

MADE = [
    (_doubled("(ns.t, ns.t)"), f"a tuple {HEAVY}"),
    (_doubled("(ns.t, ns.t)", "{{ ns.t in {1: 2} }}"), f"a tuple {HEAVY}"),
    (_doubled("(ns.t, ns.t)", "{{ [ns.t]|unique|list }}"), f"a tuple {HEAVY}"),
    (_doubled("[ns.t, ns.t]", TWINS), f"a list {HEAVY}"),
    (_doubled('{"a": ns.t, "b": ns.t}', TWINS), f"a dict {HEAVY}"),
    (_doubled("[ns.t] * 2", TWINS), f"'*' {HEAVY}"),
    (_doubled("dict(a=ns.t, b=ns.t)", TWINS), f"dict() {HEAVY}"),
    (_doubled('{}.fromkeys("ab", ns.t)', TWINS), f"'.fromkeys()' {HEAVY}"),
    (_doubled("cycler(ns.t, ns.t).items"), f"cycler() {HEAVY}"),
    (_doubled("[ns.t]|batch(3, ns.t)|first", TWINS), f"'|batch' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|list", TWINS), f"'|list' {HEAVY}"),
    (_doubled("[0, 0]|map(attribute='nope', default=ns.t)|list", TWINS), f"'|list' {HEAVY}"),
    (_doubled("[[0, 0]|map('default', ns.t, true)]|map('list')|first", TWINS), f"'|list' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|sort", TWINS), f"'|sort' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|reverse", TWINS), f"'|reverse' {HEAVY}"),
    (_doubled("[0, 0]|map('default', [ns.t], true)|sum(start=[])", TWINS), f"'|sum' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|groupby('nope', default=0)", TWINS), f"'|groupby' {HEAVY}"),
    (_doubled("[ns.t]|groupby('nope', default=ns.t)", TWINS), f"'|groupby' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|batch(2)|first", TWINS), f"'|batch' {HEAVY}"),
    (_doubled("[0, 0]|map('default', ns.t, true)|slice(1)|first", TWINS), f"'|slice' {HEAVY}"),
    (_doubled('dict.fromkeys("ab", ns.t)', TWINS), f"'.fromkeys()' {HEAVY}"),
    (
        "{% macro keep(ns) %}{% set ns.t = varargs %}{% endmacro %}{% set ns = namespace(t=()) %}"
        "{% for i in range(80) %}{{ keep(ns, ns.t, ns.t) }}{% endfor %}{{ {ns.t: 1} }}",
        f"a macro's varargs {HEAVY}",
    ),
    (
        "{% macro f(x, n) %}{% if n %}{{ f((x, x), n - 1) }}{% else %}{{ {x: 1} }}{% endif %}{% endmacro %}"
        "{{ f((), 80) }}",
        f"a tuple {HEAVY}",
    ),
    (
        "{% set ns = namespace(t=[[0] * 1000000], u=[[0] * 1000000]) %}{% for i in range(20) %}"
        "{% set ns.t = ns.t + ns.t %}{% set ns.u = ns.u + ns.u %}{% endfor %}" + TWINS,
        f"'+' {HEAVY}",
    ),
    ("{% set l, m = [0] * 1000000, [0] * 1000000 %}{{ [l] * 1000000 == [m] * 1000000 }}", f"'*' {HEAVY}"),
    (
        "{% set ns = namespace(t=()) %}{% for i in range(100000) %}{% set ns.t = (ns.t,) %}{% endfor %}{{ {ns.t: 1} }}",
        "a tuple would hold lists, tuples or dicts nested more than 100 deep; a template may nest them 100 deep",
    ),
]

RENDER = """
import sys
from pressroom.output.render import make_environment
try:
    make_environment((), None).from_string(sys.argv[1]).render()
except OverflowError as exc:
    print(exc)
"""


@pytest.mark.parametrize(("source", "message"), MADE)
def test_a_template_cannot_make_a_container_that_takes_for_ever_to_hash_or_compare(source, message):
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", RENDER, source],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=PROJECT,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the template's rendering never ended")
    assert done.stdout.strip().startswith(message), done.stderr
    assert done.stdout.strip().endswith("a template may make 10,000,000") or "deep" in message
    assert time.perf_counter() - started < 15


KEPT = [
    '{% set ns = namespace(rows=[]) %}{% for i in range(300) %}{% set ns.rows = ns.rows + [(i, i ~ "x")] %}'
    "{% endfor %}{{ ns.rows|length }} {{ ns.rows[-1] }} {{ {ns.rows[1]: 1} }}",
    "{% set ns = namespace(t=()) %}{% for i in range(16) %}{% set ns.t = (ns.t, ns.t) %}{% endfor %}"
    "{{ {ns.t: 1}|length }} {{ ns.t in [1, ns.t] }}",
    "{% macro m() %}{{ varargs|length }}/{{ kwargs|dictsort }}{% endmacro %}{{ m([1], (2,), a=[3]) }}",
    '{{ dict(a=[1], b=(2,)) }} {{ {}.fromkeys("ab", [0]) }} {{ [[1], [2], [3]]|batch(2, [0])|list }}',
    '{{ dict.fromkeys(["a", "b"], 0) }} {{ dict.fromkeys("ab") }} {{ [[2], [1]]|sort }} {{ [(1,), [2]]|reverse|list }}',
    '{{ {"b": [1], "a": (2,)}|dictsort }} {{ [[1], [2]]|map("list")|list }} {{ [[1], [2]]|sum(start=[[0]]) }}',
    '{{ [{"k": 1, "v": [1]}, {"k": 1, "v": [2]}]|groupby("k") }} {{ [[1], [2], [3]]|slice(2, [0])|list }}',
    '{% set c = cycler([1], [2]) %}{{ c.next() }}{{ c.next() }} {{ [(1, "a")] * 3 }} {{ ([1],) + ([2],) }}',
    "{% for a, b in [(1, [2]), (3, [4])] %}{{ a }}{{ b }}{% endfor %}",
]


@pytest.mark.parametrize("source", KEPT)
def test_the_containers_a_template_may_make_are_made_as_jinja_makes_them(source):
    jinjas = jinja2.sandbox.ImmutableSandboxedEnvironment(autoescape=True)
    assert make_environment((), None).from_string(source).render() == jinjas.from_string(source).render()


def _build(site, *args: str, workers: bool = False) -> subprocess.CompletedProcess[str]:
    """``build.py``'s build in a process of its own, ended if it runs past a minute; with
    ``workers``, rendering in forked workers even for a small site."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pressroom.base import parallel; "
        + ("parallel.MIN_ITEMS_PER_WORKER = 1; " if workers else "")
        + "from pressroom.buildargs import head_start; from pressroom.buildcli import main; "
        "argv = sys.argv[2:]; sys.exit(main(argv, head=head_start(argv)))"
    )
    argv = ["--source", str(site.root), "--output", str(site.output), "--no-search", *args]
    try:
        return subprocess.run(
            [sys.executable, "-c", code, str(PROJECT), *argv], capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the build never ended")


def test_the_user_sees_the_heavy_tuple_at_its_template_s_line_and_the_last_output_stays(scratch_site):
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    before = _snapshot(site.output)
    site.write(_own("robots.txt", DOUBLED + "\n{{ {ns.t: 1} }}"))
    number = _line((site.root / "templates/robots.txt").read_text(encoding="utf-8"), "ns.t, ns.t")
    started = time.perf_counter()
    run = _build(site)
    assert time.perf_counter() - started < 30
    assert run.returncode == 1, run.stderr
    assert _errors(run.stderr) == [
        f"templates/robots.txt:{number}: error: OverflowError: a tuple {HEAVY}; a template may make 10,000,000 "
        "(while rendering robots.txt)"
    ]
    assert "Traceback" not in run.stderr
    assert _snapshot(site.output) == before


def test_a_heavy_tuple_in_the_base_template_is_said_once_by_forked_workers(scratch_site):
    site = scratch_site(PAGES)
    heavy = _own("base.html", "\n" + DOUBLED + "{{ {ns.t: 1}|length }}", after="<body>")
    site.write(heavy)
    started = time.perf_counter()
    run = _build(site, "--jobs", "2", workers=True)
    assert time.perf_counter() - started < 30
    assert run.returncode == 1, run.stderr
    number = _line(heavy["templates/base.html"], "ns.t, ns.t")
    errors = _errors(run.stderr)
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"templates/base.html:{number}: error: OverflowError: a tuple {HEAVY}")
    assert "Traceback" not in run.stderr
    assert not site.output.exists()
