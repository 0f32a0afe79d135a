"""Translations looked up when a template is compiled give the very text Jinja's gettext gives on
every page, escaping included, and are looked up once."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined

from pressroom.output.gettextfold import FOLD_GETTEXT, FOLD_PGETTEXT, FoldedGettext

CATALOG = {
    "Published": "Veröffentlicht",
    "Image: %(credit)s": "Bild: %(credit)s",
    "%(date)s, %(time)s": "%(date)s, %(time)s Uhr",
    "100%% renewable": "100%% erneuerbar",
    "Partners": "Partner <Regionen>",
}
CONTEXTS = {("between facts on one line", " · "): " • ", ("with a time of day", "Published"): "Veröffentlicht um"}


class Counting:
    """A catalog that counts its look-ups."""

    def __init__(self) -> None:
        self.lookups = 0

    def gettext(self, text: str) -> str:
        self.lookups += 1
        return CATALOG.get(text, text)

    def pgettext(self, context: str, text: str) -> str:
        self.lookups += 1
        return CONTEXTS.get((context, text), text)


def environment(source: str, folded: bool) -> tuple[Environment, Counting]:
    catalog = Counting()
    env = Environment(
        loader=DictLoader({"page.html": source}),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", *([FoldedGettext] if folded else [])],
    )
    env.install_gettext_callables(
        catalog.gettext, lambda s, p, n: s if n == 1 else p, newstyle=True, pgettext=catalog.pgettext
    )  # type: ignore[attr-defined]
    env.extend(**{FOLD_GETTEXT: catalog.gettext, FOLD_PGETTEXT: catalog.pgettext})
    return env, catalog


TEMPLATES = [
    '<h2>{{ _("Published") }}</h2>',
    "<h2>{{ _('Partners') }}</h2>",
    '<p>{{ _("100%% renewable") }}</p>',
    '<p>{{ pgettext("between facts on one line", " · ") }}{{ pgettext("with a time of day", "Published") }}</p>',
    '<p>{{ _("Image: %(credit)s", credit=credit) }}</p>',
    '<p>{{ _("%(date)s, %(time)s", date=days[0], time=times | join(", ")) }}</p>',
    '<p>{{ _("%(date)s, %(time)s", time=pick(times, 1), date=(days | first)) }}</p>',
    '{% set label = _("Image: %(credit)s", credit=credit) %}<img alt="{{ label }}">',
    "{% macro tag(text) %}<b>{{ text }}</b>{% endmacro %}"
    '{{ tag(_("Partners")) }}{{ tag(_("Image: %(credit)s", credit=credit)) }}',
    '{% for day in days %}{{ _("%(date)s, %(time)s", date=day, time=loop.index) }};{% endfor %}',
]
VALUES = {
    "credit": "<script>alert(1)</script> & Co",
    "days": ["3. Mai", "4. Mai <b>"],
    "times": ["10:00", "11:30"],
    "pick": lambda items, index: items[index],
}


@pytest.mark.parametrize("source", TEMPLATES)
def test_a_folded_translation_renders_as_jinja_renders_it(source: str) -> None:
    folded, _ = environment(source, folded=True)
    plain, _ = environment(source, folded=False)
    page = folded.get_template("page.html").render(**VALUES)
    assert page == plain.get_template("page.html").render(**VALUES)
    assert "<script>" not in page


def test_the_translations_are_looked_up_once_not_on_every_page() -> None:
    env, catalog = environment("".join(TEMPLATES[:6]), folded=True)
    template = env.get_template("page.html")
    compiled = catalog.lookups
    for _ in range(5):
        template.render(**VALUES)
    assert compiled >= 6 and catalog.lookups == compiled
    assert "Veröffentlicht um" in template.render(**VALUES) and "Bild: &lt;script&gt;" in template.render(**VALUES)


def test_where_autoescaping_is_turned_off_the_values_are_left_to_jinja() -> None:
    source = '{% autoescape false %}{{ _("Image: %(credit)s", credit=credit) }}{% endautoescape %}'
    folded, catalog = environment(source, folded=True)
    plain, _ = environment(source, folded=False)
    page = folded.get_template("page.html").render(**VALUES)
    assert page == plain.get_template("page.html").render(**VALUES) == "Bild: <script>alert(1)</script> & Co"
    assert catalog.lookups == 1  # at render time: nothing was folded


@pytest.mark.parametrize(
    "source",
    [
        '{{ helper._("Published") }}',  # an attribute called _, not the translation function
        "{{ _(text) }}",  # a text only known at render time
        '{{ _("Image: %(credit)s", **extra) }}',
    ],
)
def test_calls_that_are_not_constant_translations_are_left_alone(source: str) -> None:
    folded, _ = environment(source, folded=True)
    plain, _ = environment(source, folded=False)
    values = {"helper": {"_": lambda text: text.upper()}, "text": "Partners", "extra": {"credit": "A & B"}}
    assert folded.get_template("page.html").render(**values) == plain.get_template("page.html").render(**values)


def test_a_placeholder_without_a_value_still_fails_at_render_time() -> None:
    folded, _ = environment('{{ _("Image: %(credit)s") }}', folded=True)
    with pytest.raises(KeyError):
        folded.get_template("page.html").render()
