"""What a site's template may make and take: text of a bounded size, a page in bounded time.

Each template here made the build fill the memory (a gigabyte of padding, a list whose text
spells out two to the 64th copies) or run for hours (loops nested over large ranges); each is
now an error at its template's line, the build exits 1, and the last good output stays."""

from __future__ import annotations

import time

import jinja2
import jinja2.sandbox
import pytest
from markupsafe import Markup

from pressroom.base import parallel
from pressroom.output import render
from pressroom.output.render import make_environment

from .test_template_mistakes import PAGES, _errors, _line, _own, _snapshot
from .test_translations import release

DOUBLED = '{% set ns = namespace(l=["x" * 100]) %}{% for i in range(20) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}'
"""A list that holds the last one twice, 20 times over: a million items counting every copy (a
template may make ten million, `pressroom.output.nesting`), but its text is 2**20 copies of a
hundred "x"."""

TOO_MUCH = [
    ('{{ "%999999999d" % 1 }}', "'%' would make up to 1,000,000,013 characters; a template may make 10,000,000"),
    ('{{ "%.999999999f" % 1.5 }}', "'%' would make up to 1,000,000,331 characters"),
    ('{{ "%*d" % (999999999, 1) }}', "'%' would make up to 1,000,000,005 characters"),
    ('{{ "%s" * 1000 % (("x" * 1000000,) * 1000) }}', "'%' would make up to 10,002,000 characters"),
    ('{{ "{:>999999999}".format(1) }}', "'.format()' would make up to 1,000,000,002 characters"),
    ('{{ "{:.999999999f}".format(1.5) }}', "'.format()' would make up to 1,000,000,049 characters"),
    ('{{ "{x:>999999999}".format_map({"x": 1}) }}', "'.format()' would make up to 1,000,000,002 characters"),
    ('{{ ("{0}" * 1000).format("x" * 1000000) }}', "'.format()' makes 11,000,000 characters"),
    ('{{ "x"|center(999999999) }}', "'|center' would make up to 999,999,999 characters"),
    ('{{ "a\\nb"|indent(999999999) }}', "'|indent' would make up to 3,000,000,000 characters"),
    ('{{ ("x\\n" * 1000000)|indent("y" * 1000) }}', "'|indent' would make up to 1,002,002,000 characters"),
    ('{{ "%999999999d"|format(1) }}', "'|format' would make up to 1,000,000,013 characters"),
    ('{{ "a b c"|wordwrap(1, wrapstring="x" * 9999999) }}', "'|wordwrap' would make up to 89,999,996 characters"),
    ('{{ ("x" * 1000000)|replace("x", "x" * 1000) }}', "'|replace' would make up to 1,000,000,000 characters"),
    ('{{ ("x" * 1000000)|urlize(target="y" * 1000) }}', "'|urlize' would make up to 12,001,064 characters"),
    ('{{ (["x" * 1000] * 1000000)|join }}', "'|join' would make up to 10,001,000 characters"),
    ('{{ ([["x"] * 60000] * 100)|sum(start=["x"] * 6000000) }}', "'|sum' makes 12,000,000 items"),
    ('{{ "x".ljust(999999999) }}', "'.ljust()' would make up to 999,999,999 characters"),
    ('{{ "x".rjust(999999999) }}', "'.rjust()' would make up to 999,999,999 characters"),
    ('{{ "x".center(999999999) }}', "'.center()' would make up to 999,999,999 characters"),
    ('{{ "x".zfill(999999999) }}', "'.zfill()' would make up to 999,999,999 characters"),
    ('{{ "\\t".expandtabs(999999999) }}', "'.expandtabs()' would make up to 999,999,999 characters"),
    ('{{ ("x" * 1000000).replace("x", "x" * 1000) }}', "'.replace()' would make up to 1,000,000,000 characters"),
    ('{{ ("x" * 1000).join(["a"] * 1000000) }}', "'.join()' would make up to 999,999,000 characters"),
    ('{{ ("x" * 1000000).translate({120: "y" * 1000}) }}', "'.translate()' would make up to 1,000,000,000"),
    ('{{ "x".encode().ljust(999999999) }}', "'.ljust()' would make up to 999,999,999 bytes"),
    ('{{ (1).to_bytes(999999999, "big") }}', "'.to_bytes()' makes 999,999,999 bytes"),
    ('{{ "x"["ljust"](999999999) }}', "'.ljust()' would make up to 999,999,999 characters"),
    ('{{ ("x"|attr("ljust"))(999999999) }}', "'.ljust()' would make up to 999,999,999 characters"),
    ('{{ _("%999999999s") }}', "'%' would make up to 1,000,000,020 characters"),
    ('{{ _("%(n)999999999s", n=1) }}', "'%' would make up to 1,000,000,"),
    (DOUBLED + "{{ ns.l }}", "the text of a list would make up to 10,000,"),
    (DOUBLED + '{{ "" ~ ns.l }}', "'~' would make up to 10,000,"),
    (DOUBLED + "{{ ns.l|tojson }}", "'|tojson' would make up to 10,000,"),
    (DOUBLED + "{{ ns|string }}", "'|string' would make up to 10,000,"),
    (DOUBLED + '{{ "%s" % (ns.l,) }}', "'%' would make up to 10,000,"),
    (DOUBLED + '{{ "{}".format(ns.l) }}', "'.format()' would make up to 10,000,"),
    (DOUBLED + "{{ [ns.l]|join }}", "'|join' would make up to 10,000,"),
    (DOUBLED + "{% autoescape false %}{{ ns.l }}{% endautoescape %}", "the text of a list would make up to 10,000,"),
    ("{{ [1]|batch(30000000, 0) }}", "'|batch' would make up to 30,000,000 items"),
    ("{% for column in [1]|slice(1000000000) %}{% endfor %}", "'|slice' would make up to 1,000,000,000 items"),
]


@pytest.mark.parametrize(("line", "message"), TOO_MUCH)
def test_a_template_cannot_make_text_far_larger_than_the_limit_in_one_step(line, message):
    """Each of these made a gigabyte or more in one call (or ran until the build was killed)."""
    started = time.perf_counter()
    with pytest.raises(OverflowError) as raised:
        make_environment((), None).from_string(line).render()
    assert message in str(raised.value)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("case", [0, 4, 8, 17, 29, 31, 32, 35])
def test_the_user_sees_the_limit_at_the_template_s_line_and_the_last_output_stays(scratch_site, case):
    """One of each kind: ``%``, ``.format()``, a filter, a method, gettext, the text of a list, ``~``, ``|string``."""
    line, message = TOO_MUCH[case]
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    before = _snapshot(site.output)
    site.write(_own("robots.txt", line))
    number = len((site.root / "templates/robots.txt").read_text(encoding="utf-8").splitlines())
    run = site.build()
    assert run.code == 1, run.stderr
    errors = _errors(run.stderr)
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"templates/robots.txt:{number}: error: OverflowError: {message}")
    assert errors[0].endswith("; a template may make 10,000,000 (while rendering robots.txt)")
    assert "Traceback" not in run.stderr
    assert _snapshot(site.output) == before


KEPT = [
    '{{ "%s and %s" % ("a", "<b>") }}|{{ "%(a)s-%(b)05d" % {"a": "x", "b": 3} }}|{{ "%5.1f%%" % 12.345 }}',
    '{{ "%.2f"|format(3.14159) }}|{{ "%s"|format(["<a>"]) }}|{{ "{}-{:>5}-{x!r}".format("a", 3, x="<b>") }}',
    '{{ "{a:_^9}".format_map({"a": "<i>"}) }}|{{ [1, "a", {"b": (1, 2.5)}, none] }}|{{ "a" ~ [1] ~ 2 }}',
    '{{ "a-b c d-e"|wordwrap(3) }}|{{ "a<b"|replace("<", "&") }}|{{ "a&b"|replace("&", m) }}',
    '{{ m|replace("i", "<") }}|{{ ["a", m, 3]|join(", ") }}|{{ [{"n": "x"}, {"n": "y"}]|join("/", attribute="n") }}',
    '{{ [[1], [2]]|sum(start=[]) }}|{{ [1, 2.5]|sum }}|{{ "x".ljust(3) }}.|{{ m.center(9, "-") }}',
    '{{ "a\tb".expandtabs(4) }}|{{ "a".zfill(3) }}|{{ "abc".translate({98: "XY"}) }}|{{ ",".join(["a", "b"]) }}',
    '{{ m.join(["<", ">"]) }}|{{ "aXa".replace("a", "bb", 1) }}|{{ {"a": [1, "<"]}|tojson }}|{{ {"a": 1}|pprint }}',
    '{{ [1]|string }}|{{ ("a b"|center(7)) ~ "|" }}|{{ "a\nb"|indent(2, true) }}|{{ "x"|e }}',
    '{{ "see https://example.org/x now"|urlize(target="_blank") }}|{{ (7).to_bytes(2, "big")|length }}',
    '{{ _("%(n)s of %(m)s", n=1, m="<b>") }}|{{ ngettext("%(num)d item", "%(num)d items", 3) }}',
]


@pytest.mark.parametrize("source", KEPT)
def test_what_a_template_may_make_it_makes_as_jinja_does(source):
    """The bounds change nothing below them: each of these renders as Jinja's own sandbox renders it."""
    values = {"m": Markup("<i>m</i>")}
    ours = make_environment((), None).from_string(source).render(**values)
    jinjas = jinja2.sandbox.ImmutableSandboxedEnvironment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinjas.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    assert ours == jinjas.from_string(source).render(**values)


NESTED = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
"""Ten billion turns of a loop: some hours."""


def test_a_page_that_takes_too_long_is_stopped_and_said_at_its_template_s_line(scratch_site, monkeypatch):
    monkeypatch.setattr(render, "MAX_SECONDS", 0.5)
    site = scratch_site({"content/en/2024/a.md": release("A", "date: 2024-01-01\n")})
    assert site.build().code == 0
    before = _snapshot(site.output)
    site.write(_own("robots.txt", NESTED))
    number = len((site.root / "templates/robots.txt").read_text(encoding="utf-8").splitlines())
    run = site.build()
    assert run.code == 1, run.stderr
    assert _errors(run.stderr) == [
        f"templates/robots.txt:{number}: error: rendering took more than 0.5 seconds of processor time, "
        "the most a page may take (while rendering robots.txt)"
    ]
    assert _snapshot(site.output) == before


@pytest.mark.parametrize("workers", [False, True])
def test_once_a_page_took_too_long_no_other_page_is_rendered(scratch_site, monkeypatch, workers):
    """A base template every page extends: each page would take as long, in every worker."""
    if workers:
        monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(render, "MAX_SECONDS", 0.5)
    site = scratch_site(PAGES)
    slow = _own("base.html", "\n" + NESTED, after="<body>")
    site.write(slow)
    started = time.perf_counter()
    run = site.build("--jobs", "2")
    took = time.perf_counter() - started
    assert run.code == 1, run.stderr
    number = _line(slow["templates/base.html"], NESTED)
    errors = _errors(run.stderr)
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"templates/base.html:{number}: error: rendering took more than 0.5 seconds")
    assert took < 8, f"{took:.1f} s: pages went on being rendered"  # some twenty pages extend it
    assert not site.output.exists()
