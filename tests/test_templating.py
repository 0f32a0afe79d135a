"""The build's Jinja environment: memoized macros and the quicker escape give what Jinja gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from pressroom.output import macromemo, templating
from pressroom.output.render import make_environment


class Html:
    def __html__(self) -> str:
        return "<b>kept</b>"


class Subclassed(str):
    pass


@given(st.text())
def test_escape_gives_what_markupsafe_gives_for_any_text(text):
    for value in (text, Markup(text), Subclassed(text)):
        escaped = templating.escape(value)
        assert isinstance(escaped, str)
        assert escaped == markupsafe.escape(value)


@pytest.mark.parametrize("value", [0, 2.5, None, True, Html(), ["<a>"], Markup("<i>x</i>")])
def test_escape_gives_what_markupsafe_gives_for_other_values(value):
    assert templating.escape(value) == markupsafe.escape(value)


LAYOUT = """\
{% from "_m.html" import item %}{% block body %}{% for x in xs %}{{ item(x) }}{{ shout(x) }}{% endfor %}\
{% set kept %}{{ item("<set>") }}{% endset %}{{ kept }}|{{ kept|length }}{% endblock %}"""


def test_macros_and_context_functions_render_as_jinja_renders_them(tmp_path):
    # Inside a loop within a block, Jinja passes every call its loop's and block's variables;
    # a function marked pass_context must still get the context, a macro the arguments alone.
    (tmp_path / "_m.html").write_text("{% macro item(x) %}<li>{{ x }}</li>{% endmacro %}")
    (tmp_path / "page.html").write_text(LAYOUT)

    @jinja2.pass_context
    def shout(context, value):
        return f"{context['prefix']}{value}!"

    values = {"xs": ["a&b", Markup("<i>c</i>")], "prefix": "<p>"}
    env = make_environment((tmp_path,), None)
    env.globals["shout"] = shout
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True)
    plain.globals["shout"] = shout
    expected = plain.get_template("page.html").render(**values)
    assert env.get_template("page.html").render(**values) == expected
    assert "<li>a&amp;b</li>&lt;p&gt;a&amp;b!<li><i>c</i></li>" in expected
    assert expected.endswith("<li>&lt;set&gt;</li>|20")


def test_a_macro_ending_in_stop_iteration_is_undefined_as_in_jinja(tmp_path):
    (tmp_path / "t.html").write_text("{{ stop() }}")
    env = make_environment((tmp_path,), None)

    def stop():
        raise StopIteration

    with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
        env.get_template("t.html").render(stop=stop)


def test_templates_escape_and_keep_markup_as_before(tmp_path):
    (tmp_path / "t.html").write_text("{{ a }}|{{ b }}|{{ c }}|{{ d }}")
    env = make_environment((tmp_path,), None)
    values = {"a": "<x & 'y'>", "b": Markup("<em>z</em>"), "c": 3, "d": Html()}
    assert env.get_template("t.html").render(**values) == "&lt;x &amp; &#39;y&#39;&gt;|<em>z</em>|3|<b>kept</b>"
    plain = jinja2.Environment(autoescape=True).from_string("{{ a }}|{{ b }}|{{ c }}|{{ d }}")
    assert plain.render(**values) == env.get_template("t.html").render(**values)


def jinjas_own(folder) -> jinja2.Environment:
    """Jinja's own environment with the build's settings: what ours must render alike."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclasses.dataclass(frozen=True)
class Card:
    text: str
    level: int = 3


MACROS = """\
{% macro card(c, label) %}<h{{ c.level }}>{{ c.text }}</h{{ c.level }}> {{ label }}{% endmacro %}
{% macro framed() %}[{{ caller() }}]{% endmacro %}
{% macro first(items) %}{{ items[0] }}{% endmacro %}
{% macro maybe(flag, value) %}{% if flag %}{{ value }}{% else %}none{% endif %}{% endmacro %}
"""

PAGE = """\
{% from "_m.html" import card, framed, first, maybe %}
{{ card(c, label) }}|{% call framed() %}{{ inner }}{% endcall %}|{{ first(items) }}|{{ maybe(False, missing) }}
"""


def test_imported_macros_give_what_the_macro_gives_for_every_call(tmp_path, monkeypatch):
    monkeypatch.setattr(macromemo, "MEMOIZED_LIMIT", 2)  # so that results are dropped and made again
    (tmp_path / "_m.html").write_text(MACROS)
    (tmp_path / "p.html").write_text(PAGE)
    env = make_environment((tmp_path,), None)
    plain = jinjas_own(tmp_path)
    calls = [
        {"c": Card("a<b"), "label": "x", "inner": "1", "items": ["p"]},
        {"c": Card("a<b"), "label": Markup("x"), "inner": "2", "items": ["q"]},
        {"c": Card("a<b", 2), "label": "<x>", "inner": "<3>", "items": ["r"]},
        {"c": Card("a<b"), "label": Markup("<x>"), "inner": "4", "items": ["s"]},
        {"c": Card("c"), "label": "x", "inner": "5", "items": ["t"]},
        {"c": Card("a<b"), "label": "<x>", "inner": "6", "items": ["u"]},
        {"c": Card("a<b"), "label": Markup("<x>"), "inner": "7", "items": ["v"]},
    ]
    seen = []
    for values in calls:
        ours = env.get_template("p.html").render(**values)
        assert ours == plain.get_template("p.html").render(**values)
        seen.append(ours)
    # A string and Markup of the same text are different calls: one is escaped, one is not.
    assert "<h3>a&lt;b</h3> &lt;x&gt;|[6]|u|none" in seen[5]
    assert "<h3>a&lt;b</h3> <x>|[7]|v|none" in seen[6]
    assert isinstance(env.get_template("_m.html").module.card, macromemo.MemoizedMacro)


def test_a_memoized_macro_renders_each_distinct_call_once(tmp_path):
    (tmp_path / "_m.html").write_text(MACROS)
    env = make_environment((tmp_path,), None)
    card = env.get_template("_m.html").module.card
    rendered = []
    original = card.macro
    card.macro = lambda *args, **kwargs: rendered.append(args) or original(*args, **kwargs)
    for _ in range(3):
        assert card(Card("a"), "x") == "<h3>a</h3> x"
        assert card(Card("a"), Markup("x")) == "<h3>a</h3> x"
    assert rendered == [(Card("a"), "x"), (Card("a"), Markup("x"))]


def test_release_card_offered_as_a_global_is_the_imported_macro(tmp_path):
    (tmp_path / "_macros.html").write_text(
        "{% macro release_card(card, level=3) %}<h{{ level }}>{{ card }}</h{{ level }}>{% endmacro %}"
    )
    (tmp_path / "p.html").write_text("{{ release_card('a<b') }}{{ release_card('x', level=4) }}")
    env = make_environment((tmp_path,), None)
    assert env.get_template("p.html").render() == "<h3>a&lt;b</h3><h4>x</h4>"


def test_named_arguments_of_string_and_markup_are_different_calls(tmp_path):
    (tmp_path / "_m.html").write_text("{% macro say(text='') %}{{ text }}{% endmacro %}")
    env = make_environment((tmp_path,), None)
    say = env.get_template("_m.html").module.say
    assert say(text="<b>") == "&lt;b&gt;"
    assert say(text=Markup("<b>")) == "<b>"
    assert say(text="<b>") == "&lt;b&gt;"


def test_a_macro_whose_calls_are_all_new_stops_being_memoized(tmp_path, monkeypatch):
    monkeypatch.setattr(macromemo, "PROBE_CALLS", 10)
    (tmp_path / "_m.html").write_text(MACROS)
    env = make_environment((tmp_path,), None)
    module = env.get_template("_m.html").module
    for number in range(12):
        assert module.card(Card(f"n{number}"), "x") == f"<h3>n{number}</h3> x"
        assert module.maybe(True, "same") == "same"
    # Every call new: results no longer kept, and the module offers the macro itself.
    assert not isinstance(module.card, macromemo.MemoizedMacro)
    assert module.maybe.memoizing  # one call made twelve times
    assert module.card(Card("n3"), Markup("<y>")) == "<h3>n3</h3> <y>"
    assert env.get_template("_m.html").module.card is module.card  # what later imports get
    # Offered as a global, it is found again in the module once it stopped memoizing.
    offered = macromemo.ImportedMacro(env, "_m.html", "card")
    assert offered(Card("n4"), "z") == "<h3>n4</h3> z"
    assert offered._macro is module.card


CALLS = """\
{% macro two(a, b="<d>") %}({{ a }},{{ b }}){% endmacro %}
{% macro rest(a) %}{{ a }}{{ varargs | join(",") }}{{ kwargs | dictsort | join(",") }}{% endmacro %}
{% macro wrapped(a) %}[{{ a }}{{ caller() }}]{% endmacro %}
{% macro named(a, caller=none) %}{{ a }}{{ caller() if caller else "-" }}{% endmacro %}
{{ two("<x>") }}{{ two("<x>", "<y>") }}{{ two("<x>", b=m) }}{{ two(a=m) }}
{{ rest("<x>") }}{{ rest("<x>", 1, 2) }}{{ rest("<x>", k="<v>") }}
{% call wrapped("<x>") %}<in>{% endcall %}{{ named("<x>") }}{% call named("<x>") %}<c>{% endcall %}
{% set kept = two(m) %}{{ kept }}{{ kept | length }}{{ two(m) | upper }}
{% for x in [1, 2] %}{{ two(x, loop.index) }}{% endfor %}
"""


def test_macros_called_every_way_give_what_jinja_gives(tmp_path):
    """Calls by position straight to the macro's code (`SiteMacro`), defaults left out or
    not; keywords, ``caller``, ``varargs`` and ``kwargs`` Jinja's way: the same output, and
    escaped the same (a macro's result is markup, escaped once)."""
    (tmp_path / "t.html").write_text(CALLS)
    env = make_environment((tmp_path,), None)
    plain = jinjas_own(tmp_path)
    ours = env.get_template("t.html").render(m=Markup("<m>"))
    assert ours == plain.get_template("t.html").render(m=Markup("<m>"))
    assert "(&lt;x&gt;,&lt;d&gt;)(&lt;x&gt;,&lt;y&gt;)(&lt;x&gt;,<m>)(<m>,&lt;d&gt;)" in ours
    assert "[&lt;x&gt;<in>]" in ours and "(1,1)(2,2)" in ours
    module = env.get_template("t.html").make_module({"m": Markup("<m>")})
    assert isinstance(module.two, templating.SiteMacro) and isinstance(module.two("<x>"), Markup)


def test_the_facts_line_takes_any_sequence_a_template_gives_it():
    """The bundled macro writes the first fact on its own: a site's template may still hand it
    a filter's result, a tuple or nothing at all."""
    env = make_environment((Path(__file__).resolve().parent.parent / "templates",), None)
    page = env.from_string(
        '{% from "_macros.html" import facts %}'
        '{{ facts(xs | map("upper")) }}|{{ facts(("a",)) }}|{{ facts([]) }}|{{ facts(["x", "<y>"]) }}'
    )
    first, single, empty, two = page.render(xs=["a", "b"]).split("|")
    assert first == (
        '<span class="fact-line"><span class="fact-run"><span class="fact">A</span>'
        '<wbr><span class="fact fact-next"><span class="fact-mark"> · </span>B</span></span></span>'
    )
    assert single == '<span class="fact-line"><span class="fact-run"><span class="fact">a</span></span></span>'
    assert empty == ""
    assert two.endswith("&lt;y&gt;</span></span></span>")
    assert not [name for name in vars(env.get_template("_macros.html").module) if name.startswith("_fact")]


def test_a_macro_called_with_lists_stops_being_memoized(tmp_path, monkeypatch):
    """A list cannot be a key: such a call is never reused, and counts toward giving up."""
    monkeypatch.setattr(macromemo, "PROBE_CALLS", 10)
    (tmp_path / "_l.html").write_text("{% macro joined(items) %}{{ items | join('+') }}{% endmacro %}")
    env = make_environment((tmp_path,), None)
    module = env.get_template("_l.html").module
    for number in range(12):
        assert module.joined(["a", f"<{number}>"]) == f"a+&lt;{number}&gt;"
    assert not isinstance(module.joined, macromemo.MemoizedMacro)
    assert module.joined(("x", "y")) == "x+y"
