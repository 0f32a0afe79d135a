"""Templates and UI catalogs: errors name the template line; every string goes through gettext."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.cli import main
from pressroom.workflow import catalogs

from .conftest import PROJECT
from .test_translations import release


def test_a_template_typo_fails_the_build_with_file_and_line(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "templates/page.html": "{% extends 'base.html' %}\n{% block main %}\n{{ page.titel }}\n{% endblock %}\n",
            "content/en/pages/about.md": "---\ntitle: About\n---\nx\n",
        }
    )
    run = site.build()
    assert run.code == 1
    assert (
        "templates/page.html:3: error: 'pressroom.pages.releases.StandaloneView object' has no attribute 'titel'"
        in (run.stderr)
    )
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{{ page.title|truncate('a') }}", "TypeError: '>=' not supported between instances of 'str' and 'int'"),
        ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "calls itself without end"),
        ("{% include 'page.html' %}", "a template includes, extends or calls itself without end"),
        ("{{ range(100000000)|list|length }}", "range() of 100,000,000 numbers; a template may count to 100,000"),
    ],
)
def test_a_template_mistake_python_raises_is_said_at_its_line(scratch_site, line, message):
    """Not Jinja's own errors: each was a traceback (the last ran until memory ran out)."""
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "content/en/pages/about.md": "---\ntitle: About\n---\nx\n",
            "templates/page.html": f"{{# a site's own page #}}\n{line}\n",
        }
    )
    for run in (site.build(), site.run("check", "--source", str(site.root))):
        assert run.code == 1
        assert "Traceback" not in run.stderr
        said = [text for text in run.stderr.splitlines() if text.startswith("templates/page.html:2: error: ")]
        assert said and message in said[0], run.stderr


def test_a_site_overrides_single_templates_and_keeps_the_rest(scratch_site):
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "templates/404.html": "{% extends 'base.html' %}{% block main %}<p>Lost at sea</p>{% endblock %}\n",
        }
    )
    assert site.build().code == 0
    assert "Lost at sea" in site.page("/en/404.html").text
    assert "Lost at sea" not in site.page("/en/").text


def test_plural_forms_per_language(scratch_site):
    files = {
        f"content/{lang}/2024/r{n}.md": release(f"R{n}", f"date: 2024-01-0{n + 1}\n")
        for n in range(3)
        for lang in ("de", "ja", "en")
    }
    files["content/en/2023/single.md"] = release("Single", "date: 2023-05-05\n")
    files["content/ja/2022/single.md"] = release("単独", "date: 2022-05-05\n")
    site = scratch_site(files)
    assert site.build().code == 0
    assert "3 Pressemitteilungen" in site.page("/de/releases/2024/").text
    assert "3件" in site.page("/ja/releases/2024/").text
    assert "3 press releases" in site.page("/en/releases/2024/").text
    assert "1 press release " in site.page("/en/releases/2023/").text + " "
    # Japanese has a single plural form, used for one as for many.
    assert "1件" in site.page("/ja/releases/2022/").text
    # None in the reader's language: that is said in words, not as a count of nought above the
    # releases listed in other languages.
    only_english = site.page("/ja/releases/2023/").text
    assert "0件" not in only_english and "この年のプレスリリースは、日本語では発表されていません。" in only_english
    assert "ほかの言語でのみ公開" in only_english and "Single" in only_english


def test_extraction_finds_strings_in_templates_and_code():
    template = catalogs.extract((PROJECT / "templates",))
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in template if m.id}
    assert "Skip to content" in ids  # a template string
    assert any(loc[0] == "templates/_frame.html" for loc in ids["Skip to content"].locations)
    assert any(loc[0] == "templates/base.html" for loc in ids["Choose a language"].locations)
    assert any(loc[0].startswith("pressroom/") for loc in ids["Suggested by your browser settings"].locations)
    assert "%(count)s press release" in ids  # a plural from {% trans count=... %}


def _copy_locales(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    shutil.copytree(PROJECT / "locales", root / "locales")
    return root


def _strict_status(root: Path, capsys) -> tuple[int, str]:
    code = main(["i18n", "status", "--strict", "--source", str(root)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_bundled_catalogs_are_complete(tmp_path, capsys):
    code, out = _strict_status(_copy_locales(tmp_path), capsys)
    assert code == 0, out
    assert "all catalogs complete" in out


def _edit_po(root: Path, lang: str, old: str, new: str) -> None:
    path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_status_strict_fails_on_an_untranslated_entry(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    _edit_po(root, "de", 'msgstr "Zum Inhalt springen"', 'msgstr ""')
    code, out = _strict_status(root, capsys)
    assert code == 1
    assert "de" in out.split("incomplete:")[1]


def test_status_strict_fails_on_a_fuzzy_entry(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    _edit_po(root, "ja", 'msgid "Skip to content"', '#, fuzzy\nmsgid "Skip to content"')
    code, out = _strict_status(root, capsys)
    assert code == 1
    row = next(line for line in out.splitlines() if line.startswith("ja "))
    assert row.split()[2] == "1"  # the fuzzy column


def test_status_strict_fails_on_an_empty_plural_form(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    _edit_po(root, "de", 'msgstr[1] "%(count)s Pressemitteilungen"', 'msgstr[1] ""')
    code, out = _strict_status(root, capsys)
    assert code == 1
    row = next(line for line in out.splitlines() if line.startswith("de "))
    assert row.split()[3] == "1"  # counted as untranslated, unlike pybabel's statistics


def test_fuzzy_entries_are_not_used_in_the_site(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    _edit_po(site.root, "de", 'msgid "Skip to content"', '#, fuzzy\nmsgid "Skip to content"')
    assert site.build().code == 0
    text = site.page("/de/").text
    assert "Skip to content" in text and "Zum Inhalt springen" not in text


def test_the_bundled_catalogs_are_as_i18n_update_writes_them(tmp_path):
    """A translator's first `i18n update` rewrapped a German entry written by hand: a change in
    the diff that changed nothing."""
    root = _copy_locales(tmp_path)
    shutil.copytree(PROJECT / "templates", root / "templates")
    assert main(["i18n", "extract", "--source", str(root)]) == 0
    assert main(["i18n", "update", "--source", str(root)]) == 0
    for path in sorted((PROJECT / "locales").rglob("*.po*")):
        assert (root / path.relative_to(PROJECT)).read_bytes() == path.read_bytes(), path


def test_extract_is_stable_and_update_keeps_translations(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    shutil.copytree(PROJECT / "templates", root / "templates")
    assert main(["i18n", "extract", "--source", str(root)]) == 0
    pot = (root / "locales/messages.pot").read_bytes()
    assert main(["i18n", "extract", "--source", str(root)]) == 0
    assert (root / "locales/messages.pot").read_bytes() == pot  # no date churn
    assert b"POT-Creation-Date: 2024-01-01" in pot
    # A new string in a template appears empty in every catalog; old translations stay.
    base = root / "templates/404.html"
    base.write_text(base.read_text().replace("</h1>", "</h1>\n<p>{{ _('Brand new words') }}</p>"))
    assert main(["i18n", "update", "--source", str(root)]) == 0
    de = (root / "locales/de/LC_MESSAGES/messages.po").read_text()
    assert 'msgid "Brand new words"\nmsgstr ""' in de
    assert 'msgstr "Zum Inhalt springen"' in de
    capsys.readouterr()
    code, out = _strict_status(root, capsys)
    assert code == 1 and "incomplete: de, ja, en" in out


def test_status_reports_a_translation_with_wrong_placeholders(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    _edit_po(root, "de", 'msgstr "Thema: %(topic)s"', 'msgstr "Thema: %(thema)s"')
    code, out = _strict_status(root, capsys)
    assert code == 1
    po = (root / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8").splitlines()
    line = po.index('msgstr "Thema: %(thema)s"') + 1  # the msgstr's line, as the build tells it
    expected = (
        f"locales/de/LC_MESSAGES/messages.po:{line}: error: translation of 'Topic: %(topic)s':"
        " placeholder %(thema)s is not in the original"
    )
    assert expected in out.splitlines(), out
    # Not only with --strict: the build fails on this catalog, so status does too.
    assert main(["i18n", "status", "--source", str(root)]) == 1
    assert expected in capsys.readouterr().err.splitlines()


def test_status_fails_on_every_translation_the_build_refuses_and_says_it_as_the_build_does(tmp_path, capsys):
    """A placeholder in the translation of a text that has none ('Suche %(was)s' for 'Search')
    fails the build, but Babel's own check looks at placeholders only where the original has
    some: `i18n status --strict`, the step CI runs for the catalogs, said "all catalogs
    complete" and exited 0."""
    root = _copy_locales(tmp_path)
    _edit_po(root, "de", 'msgstr "Suche"', 'msgstr "Suche %(was)s"')
    code, out = _strict_status(root, capsys)
    po = (root / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8").splitlines()
    line = po.index('msgstr "Suche %(was)s"') + 1
    said = (
        f"locales/de/LC_MESSAGES/messages.po:{line}: error:"
        " translation of 'Search': placeholder %(was)s is not in the original"
    )
    assert code == 1 and said in out.splitlines(), out
    assert "all catalogs complete" not in out
    (root / "content/de").mkdir()
    (root / "content/de/x.md").write_text("---\ntitle: X\n---\n\nText.\n", encoding="utf-8")
    assert main(["check", "--source", str(root)]) == 1
    assert said in capsys.readouterr().err.splitlines()  # the same words at the same line


def test_texts_translated_when_templates_compile_read_as_at_render_time(tmp_path):
    """`_("…")` without variables is translated once per language when a template compiles;
    it must give what Jinja's own gettext gives on every render of the same (escaped) catalog:
    ``%%`` as ``%``, placeholders without values an error at render time, calls with variables
    unchanged; and a translation's ``&`` and ``<`` are text, in an attribute too."""
    import gettext as gettext_module

    import jinja2
    import pytest
    from babel import Locale

    from pressroom.base.i18n import Language
    from pressroom.output.gettextfold import EscapedTranslations
    from pressroom.output.render import make_environment

    texts = {"Sale": "Verkauf & <Rabatt>", "Off": "50 %% günstiger", "Named": "Für %(name)s"}

    class Translations(gettext_module.NullTranslations):
        def gettext(self, message: str) -> str:
            return texts.get(message, message)

    language = Language("de", Locale.parse("de"), Translations())
    (tmp_path / "t.html").write_text(
        '{{ _("Sale") }}|{{ _("Off") }}|{{ _("Named", name="<b>") }}|<a title="{{ _("Sale") }}">|{{ _("Unknown") }}'
    )
    (tmp_path / "broken.html").write_text('{{ _("Named") }}')
    folded = make_environment((tmp_path,), language)
    plain = jinja2.Environment(
        loader=jinja2.FileSystemLoader(tmp_path), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    escaped = EscapedTranslations(language.translations)
    plain.install_gettext_translations(escaped, newstyle=True)  # type: ignore[attr-defined]
    expected = (
        'Verkauf &amp; &lt;Rabatt&gt;|50 % günstiger|Für &lt;b&gt;|<a title="Verkauf &amp; &lt;Rabatt&gt;">|Unknown'
    )
    assert plain.get_template("t.html").render() == expected
    assert folded.get_template("t.html").render() == expected
    with pytest.raises(KeyError):
        folded.get_template("broken.html").render()


def test_a_site_s_own_card_macro_is_the_one_memoized(scratch_site):
    macros = (PROJECT / "templates/_macros.html").read_text(encoding="utf-8")
    site = scratch_site(
        {
            "content/en/2024/a.md": release("A", "date: 2024-01-01\n"),
            "templates/_macros.html": macros.replace('<article class="card">', '<article class="card site-card">'),
        }
    )
    assert site.build().code == 0
    for url in ("/en/", "/en/releases/", "/en/releases/2024/"):
        assert 'class="card site-card"' in site.page(url).html


def test_extraction_names_templates_it_cannot_read_instead_of_skipping_them(tmp_path, capsys):
    root = _copy_locales(tmp_path)
    (root / "templates").mkdir()
    (root / "templates/home.html").write_bytes(b"<p>{{ _('caf\xe9') }}</p>\n")  # saved as Latin-1
    (root / "templates/extra.html").write_text("<p>\n{% if page %}{{ _('Lost words') }}\n", encoding="utf-8")
    pot = root / "locales/messages.pot"
    before = pot.read_bytes() if pot.exists() else None

    assert main(["i18n", "extract", "--source", str(root)]) == 1

    err = capsys.readouterr().err.splitlines()
    assert "templates/home.html:1: error: template is not UTF-8 text (save it as UTF-8)" in err
    assert any(line.startswith("templates/extra.html:2: error: Unexpected end of template") for line in err), err
    assert (pot.read_bytes() if pot.exists() else None) == before


def test_a_site_without_catalogs_gets_its_own_and_the_bundled_ones_stay(tmp_path, capsys):
    root = tmp_path / "site"
    (root / "templates").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "templates/extra.html").write_text("<p>{{ _('Brand new words') }}</p>\n", encoding="utf-8")
    bundled = {path: path.read_bytes() for path in (PROJECT / "locales").rglob("*") if path.is_file()}

    assert main(["i18n", "update", "--source", str(root)]) == 0

    assert "made " in capsys.readouterr().out
    de = (root / "locales/de/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert 'msgid "Brand new words"\nmsgstr ""' in de
    assert 'msgstr "Zum Inhalt springen"' in de  # the bundled translations, kept
    assert {path: path.read_bytes() for path in (PROJECT / "locales").rglob("*") if path.is_file()} == bundled


def test_extraction_reads_feed_and_text_templates_too_but_not_static_files(tmp_path, capsys):
    """A site's own robots.txt or feed.xml that says _("…") is rendered with the catalogs, but its
    strings never reached them: `i18n status --strict` called the catalogs complete."""
    root = _copy_locales(tmp_path)
    (root / "templates/static").mkdir(parents=True)
    (root / "templates/robots.txt").write_text("{{ _('Robots say hello') }}\n", encoding="utf-8")
    (root / "templates/feed.xml").write_text("<t>{{ _('Feed words') }}</t>\n", encoding="utf-8")
    (root / "templates/static/data.xml").write_text("<x>{{ _('Never rendered') }}{% </x>\n", encoding="utf-8")

    assert main(["i18n", "extract", "--source", str(root)]) == 0, capsys.readouterr().err

    pot = (root / "locales/messages.pot").read_text(encoding="utf-8")
    assert 'msgid "Robots say hello"' in pot and 'msgid "Feed words"' in pot
    assert "Never rendered" not in pot
