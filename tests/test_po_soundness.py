"""A ``.po`` file a translator broke is an error naming its line, for the UI catalogs and for the
PO files a translation office sends back: never a traceback, never a build that runs out of
memory, never a text that loses a letter or turns its umlauts into two wrong ones."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .conftest import PROJECT, ScratchSite
from .test_exchange import _export, office  # noqa: F401  (the fixture, used by name)
from .test_translations import release

CATALOG = "locales/de/LC_MESSAGES/messages.po"


def messages_used() -> int:
    """The messages the project's templates use (its catalog template's entries): what i18n
    status counts each language's translations of."""
    with (PROJECT / "locales" / "messages.pot").open("rb") as template:
        return len(read_po(template))


def _catalog_line(text: str, needle: str) -> int:
    """The line that is ``needle``, else the first that holds it."""
    lines = text.splitlines()
    exact = [number for number, line in enumerate(lines, start=1) if line == needle]
    return exact[0] if exact else next(number for number, line in enumerate(lines, start=1) if needle in line)


_GERMAN = (PROJECT / CATALOG).read_text(encoding="utf-8").splitlines()
SPRACHE = _GERMAN.index('msgstr "Sprache"') + 1
"""The line of the translation of "Language" in the bundled German catalog."""
BEFORE_LANGUAGE = max(n for n, line in enumerate(_GERMAN[: SPRACHE - 2], 1) if line.startswith("msgstr"))
"""The line of the msgstr of the message before "Language"."""

# (what a translator or a tool did, the text replaced, its replacement, the line's needle, the error)
BROKEN_CATALOGS = [
    (
        "a plural form the language does not have (said in Babel's words, at the msgid)",
        'msgstr[1] "%(count)s Pressemitteilungen"',
        'msgstr[1] "%(count)s Pressemitteilungen"\nmsgstr[2] "%(count)s Pressemitteilungen"',
        'msgstr[2] "%(count)s Pressemitteilungen"',
        "msgstr[2]: the header's Plural-Forms says nplurals=2, so a message has msgstr[0] to msgstr[1];"
        " delete this one",
    ),
    (
        "a parenthesis lost in the plural formula (a traceback in every build)",
        "plural=(n != 1);",
        "plural=(n != 1;",
        "Plural-Forms",
        "Plural-Forms: the formula '(n != 1' cannot be read",
    ),
    (
        "millions of plural forms (the build ran out of memory)",
        "nplurals=2;",
        "nplurals=30000000;",
        "Plural-Forms",
        "Plural-Forms: nplurals=30000000; a language has 1 to 6 plural forms",
    ),
    (
        "a formula giving a form that does not exist (German pages showed English plurals)",
        "plural=(n != 1);",
        "plural=(n+5);",
        "Plural-Forms",
        "Plural-Forms: the formula '(n+5)' gives form 5, but nplurals=2 has only forms 0 to 1 (counted from 0)",
    ),
    (
        "a formula giving one form too many (said as 'gives form 2, but there are 2')",
        "plural=(n != 1);",
        "plural=(n == 0 ? 0 : n == 1 ? 1 : 2);",
        "Plural-Forms",
        "Plural-Forms: the formula '(n == 0 ? 0 : n == 1 ? 1 : 2)' gives form 2, but nplurals=2 has only forms"
        " 0 to 1 (counted from 0)",
    ),
    (
        "a charset that is not the file's (umlauts published as two wrong letters)",
        "charset=utf-8",
        "charset=iso-8859-1",
        "Content-Type",
        "the header says the text is iso-8859-1, but the file is read as UTF-8: save it as UTF-8 with 'charset=UTF-8'",
    ),
    (
        "a string without its closing quote (published without its last letter)",
        'msgstr "Sprache"',
        'msgstr "Sprache',
        'msgstr "Sprache',
        'not a line of a PO file: a string without its closing quote (msgstr "Sprache)',
    ),
    (
        "text after the closing quote (taken into the string)",
        'msgstr "Sprache"',
        'msgstr "Sprache" junk',
        'msgstr "Sprache"',
        'not a line of a PO file: text after the closing quote (msgstr "Sprache" junk)',
    ),
    (
        "a second msgstr (Babel kept the first and dropped the other)",
        'msgstr "Sprache"',
        'msgstr "Sprache"\nmsgstr "Landessprache"',
        'msgstr "Landessprache"',
        f"a second msgstr in one message (the first is on line {SPRACHE}): join their strings,"
        " or begin a message of its own with its msgid",
    ),
    (
        "a msgid lost before its msgid_plural (Babel made the message above a plural one)",
        'msgid "Language"',
        'msgid_plural "Languages"',
        'msgid_plural "Languages"',
        f"msgid_plural after the msgstr of line {BEFORE_LANGUAGE}: a message is msgctxt, msgid, msgid_plural, msgstr,"
        " in this order; is a msgid missing above this line?",
    ),
    (
        "plural forms without msgid_plural (Babel kept msgstr[0] and dropped the others)",
        'msgid_plural "%(count)s press releases"\n',
        "",
        'msgstr[0] "%(count)s Pressemitteilung"',
        "msgstr[0] in a message without msgid_plural: write msgstr, or add the msgid_plural it translates",
    ),
    (
        "a plural message with one msgstr (its plural form was empty)",
        'msgstr[0] "%(count)s Pressemitteilung"',
        'msgstr "%(count)s Pressemitteilung"',
        'msgstr "%(count)s Pressemitteilung"',
        "msgstr in a message with plural forms: write msgstr[0], msgstr[1], … instead",
    ),
    (
        "a msgctxt without its msgid (Babel passed the message over)",
        'msgid "Language"',
        'msgctxt "x"\nmsgctxt "y"\nmsgid "Language"',
        'msgctxt "x"',
        "a message without its msgid: give it one, or delete the message",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"), [case[1:] for case in BROKEN_CATALOGS], ids=[c[0] for c in BROKEN_CATALOGS]
)
def test_a_broken_ui_catalog_stops_check_build_and_status_at_its_line(scratch_site, old, new, needle, message):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    path = site.root / CATALOG
    text = path.read_text(encoding="utf-8").replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    expected = f"{CATALOG}:{_catalog_line(text, needle)}: error: cannot read catalog: {message}"

    for run in (site.run("check", "--source", str(site.root)), site.build()):
        assert run.code == 1
        assert expected in run.stderr.splitlines(), run.stderr
        assert "Traceback" not in run.stderr
    assert not site.output.exists()
    status = site.run("i18n", "status", "--source", str(site.root))
    assert status.code == 1
    assert message in status.stderr
    update = site.run("i18n", "update", "--source", str(site.root))
    assert update.code == 1
    assert path.read_text(encoding="utf-8") == text  # not "fixed" into another broken file


# (what a translator wrote for "%(count)s Pressemitteilungen", what check and build say)
MISWRITTEN_PLACEHOLDERS = [
    (
        "%s Pressemitteilungen",  # readers saw "{'count': 2, 'num': 2} Pressemitteilungen"
        "'%s' is not a placeholder of the original: write %(count)s as the original does, and '%%' for a percent sign",
    ),
    (
        "%(count)x Pressemitteilungen",  # check passed; the build failed naming templates/list.html
        "placeholder %(count)x is written otherwise than in the original: write %(count)s",
    ),
    (
        "100 % %(count)s Pressemitteilungen",  # '% %' was read as a directive, also showing the mapping
        "'% %' is not a placeholder of the original: write %(count)s as the original does, and '%%' for a percent sign",
    ),
    ("%(count Pressemitteilungen", "'%(' is not closed: write the placeholder as the original does (%(count)s)"),
]


def _catalog_changed(site, original: str, written: str) -> str:
    """The site given the bundled catalogs, its German one with ``original`` written otherwise;
    the catalog's text before."""
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    path = site.root / CATALOG
    text = path.read_text(encoding="utf-8")
    assert original in text
    path.write_text(text.replace(original, written, 1), encoding="utf-8")
    return text


@pytest.mark.parametrize(("written", "message"), MISWRITTEN_PLACEHOLDERS, ids=[c[0] for c in MISWRITTEN_PLACEHOLDERS])
def test_a_placeholder_written_otherwise_than_the_original_is_named_at_its_line(scratch_site, written, message):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    (site.root / "content/de/2024/b.md").write_text(release("B", "date: 2024-01-02\n"), encoding="utf-8")
    original = 'msgstr[1] "%(count)s Pressemitteilungen"'
    text = _catalog_changed(site, original, f'msgstr[1] "{written}"')
    # At the plural form the translator wrote, not at the msgid three lines above it.
    line = _catalog_line(text, original)
    assert line > _catalog_line(text, 'msgid "%(count)s press release"')
    expected = f"{CATALOG}:{line}: error: translation of '%(count)s press release': {message}"

    for run in (site.run("check", "--source", str(site.root)), site.build()):
        assert run.code == 1
        assert expected in run.stderr.splitlines(), run.stderr
        assert "Traceback" not in run.stderr and "templates/" not in run.stderr
    assert not site.output.exists()


@pytest.mark.parametrize("written", ["｜100%｜", "{{ 7*7 }}{% raw %}"])
def test_a_percent_sign_in_the_translation_of_a_text_without_placeholders_is_named_at_its_line(scratch_site, written):
    """Every translation goes through '%', with its values or none: a lone '%' in one whose
    original has no placeholder passed i18n status, and check and the build named
    templates/_macros.html ("ValueError: incomplete format"), not the catalog's line."""
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    text = _catalog_changed(site, 'msgid " · "\nmsgstr " · "', f'msgid " · "\nmsgstr "{written}"')
    line = _catalog_line(text, 'msgid " · "') + 1
    directive = "%" if "100" in written else "% r"
    expected = (
        f"{CATALOG}:{line}: error: translation of ' · ': '{directive}' is not a placeholder of the original,"
        " which has none: write '%%' for a percent sign"
    )
    for run in (
        site.run("check", "--source", str(site.root)),
        site.build(),
        site.run("i18n", "status", "--source", str(site.root)),
    ):
        assert run.code == 1
        assert expected in run.stderr.splitlines(), run.stderr
        assert "Traceback" not in run.stderr and "templates/" not in run.stderr


def test_a_message_given_twice_is_named_with_both_lines(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    path = site.root / CATALOG
    text = path.read_text(encoding="utf-8")
    first = _catalog_line(text, 'msgid "Language"')
    path.write_text(text + '\nmsgid "Language"\nmsgstr "Landessprache"\n', encoding="utf-8")

    run = site.run("check", "--source", str(site.root))

    assert run.code == 1
    last = len(text.splitlines()) + 2
    assert (
        f"{CATALOG}:{last}: error: cannot read catalog: the message 'Language' is given twice"
        f" (first on line {first}); keep one"
    ) in run.stderr.splitlines()


def test_a_byte_order_mark_and_old_mac_line_ends_are_read_as_the_catalog_they_are(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    path = site.root / CATALOG
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r"))

    run = site.build()

    assert run.code == 0, run.stderr
    assert "Zum Inhalt springen" in site.page("/de/").text


def test_an_empty_catalog_is_a_warning_not_a_silent_english_interface(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    (site.root / CATALOG).write_bytes(b"")

    run = site.build()

    assert run.code == 0
    assert (
        f"{CATALOG}:0: warning: no translations: readers of this language would see the interface in English"
        in run.stderr.splitlines()
    )
    assert site.run("check", "--strict", "--source", str(site.root)).code == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text.replace("charset=utf-8", "charset=latin-1"), "the header says the text is latin-1"),
        (
            lambda text: text.replace('msgstr "STAATSMINISTERIUM"', 'msgstr "STAATSMINISTERIUM'),
            "not a line of a PO file: a string without its closing quote",
        ),
        (
            # Babel read it as a backslash and a p; gettext's msgfmt refuses the file.
            lambda text: text.replace('msgstr "STAATSMINISTERIUM"', 'msgstr "C:\\pfad"'),
            "'\\p' is no escape a PO file knows; write '\\\\' for a backslash",
        ),
        (
            # Babel said "Unknown or misformatted keyword on 40".
            lambda text: text + '\n#~ #. an old note\n#~ msgid "Alt"\n#~ msgstr "Old"\n',
            "'#~ #. an old note': an obsolete line (#~) holds a msgid, msgstr or string, nothing else; delete it",
        ),
    ],
    ids=["a charset that is not the file's", "a string without its closing quote", "an unknown escape", "#~ #."],
)
def test_a_broken_po_export_is_refused_and_nothing_is_imported(office, change, message):  # noqa: F811
    [file] = _export(office, "--to", "en", "--format", "po", "content/de/2024/x.md")
    text = file.read_text(encoding="utf-8")
    filled = text.replace(
        'msgid "Staatsministerium"\nmsgstr ""', 'msgid "Staatsministerium"\nmsgstr "STAATSMINISTERIUM"'
    )
    assert filled != text
    file.write_text(change(filled), encoding="utf-8")

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1
    assert message in run.stderr
    assert not (office.root / "content/en/2024/x.md").exists()


OBSOLETE_WITH_PREVIOUS = '\n#~| msgid "Old language"\n#~ msgid "Old tongue"\n#~ msgstr "Alte Sprache"\n'
"""An obsolete message with the msgid it had before, as GNU msgmerge --previous (and the tools
built on it, Poedit among them) writes it: Babel stopped on its ``#~|`` with "Unknown or
misformatted keyword"."""


def test_an_obsolete_message_with_its_previous_msgid_is_read_in_a_ui_catalog(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    with (site.root / CATALOG).open("a", encoding="utf-8") as catalog:
        catalog.write(OBSOLETE_WITH_PREVIOUS)

    run = site.build()

    assert run.code == 0, run.stderr
    assert "Zum Inhalt springen" in site.page("/de/").text


def _translated_po(site: ScratchSite) -> tuple[Path, Catalog]:
    """The English PO export of the test release, each unit translated, and its catalog to change."""
    [file] = _export(site, "--to", "en", "--format", "po", "content/de/2024/x.md")
    with file.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and message.context:
            message.string = f"EN {message.id}"
    return file, catalog


def _po_bytes(catalog: Catalog, width: int = 76) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=width)
    return out.getvalue()


def test_an_obsolete_message_with_its_previous_msgid_is_read_in_a_po_export(office):  # noqa: F811
    file, catalog = _translated_po(office)
    file.write_bytes(_po_bytes(catalog) + OBSOLETE_WITH_PREVIOUS.encode("utf-8"))

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 0, run.stderr
    assert (office.root / "content/en/2024/x.md").read_text(encoding="utf-8").startswith("---\ntitle: EN ")


def test_a_unit_marked_obsolete_in_a_po_export_is_said_at_its_line(office):  # noqa: F811
    """A tool marks a message obsolete (#~) when its template lacks it, and a translator may do
    so by hand: the unit was 'missing from the file' at line 0, though it is there, translated."""
    file, catalog = _translated_po(office)
    gone = next(message for message in catalog if message.context and message.context.startswith("b"))
    catalog.obsolete[gone.id] = gone
    catalog.delete(gone.id, context=gone.context)
    file.write_bytes(_po_bytes(catalog))
    line = 2 + file.read_text(encoding="utf-8").split("\n").index(f'#~ msgctxt "{gone.context}"')  # its msgid

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1
    assert f"{file.name}:{line}: error: unit {gone.context} (" in run.stderr
    assert ") is marked obsolete (#~), so it is not read: take the '#~ ' from the start of its lines" in run.stderr
    assert not (office.root / "content/en/2024/x.md").exists()


def test_a_po_file_saved_by_a_babel_based_tool_keeps_its_record(office):  # noqa: F811
    """Babel wraps comments at 76 columns, so the record's line came back in two pieces, and the
    import said its 'pressroom-export:' comment line was missing."""
    file, catalog = _translated_po(office)
    file.write_bytes(_po_bytes(catalog, width=76))
    assert "pressroom-export:" in file.read_text(encoding="utf-8")
    assert not any("pressroom-export:" in line and "path=" in line for line in file.read_text().splitlines())

    run = office.run("import", "--source", str(office.root), str(file))
    assert run.code == 0, run.stderr
    assert (office.root / "content/en/2024/x.md").read_text(encoding="utf-8").startswith("---\ntitle: EN ")


def test_a_unit_left_out_of_a_po_export_is_said_before_the_unit_after_it(office):  # noqa: F811
    """The first unit has none before it: the line of the one after it is the place to put it."""
    file, catalog = _translated_po(office)
    first, second = [message for message in catalog if message.context][:2]
    catalog.delete(first.id, context=first.context)
    file.write_bytes(_po_bytes(catalog))
    line = 2 + file.read_text(encoding="utf-8").split("\n").index(f'msgctxt "{second.context}"')  # its msgid

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1
    assert re.search(
        rf"{re.escape(file.name)}:{line}: (error|warning): unit {first.context} \(.*\) is (missing from|not in) the"
        rf" file \(it comes before unit {second.context}\)",
        run.stderr,
    ), run.stderr


def test_a_message_whose_msgctxt_a_tool_dropped_is_an_error_of_i18n_status_and_a_warning_of_check(scratch_site):
    """Its translation is never used (the page shows the English text), and status counted the
    entry nowhere: neither obsolete nor an error, and without --strict it passed."""
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    text = (site.root / CATALOG).read_text(encoding="utf-8")
    context = 'msgctxt "between facts on one line"\n'
    assert context in text
    (site.root / CATALOG).write_text(text.replace(context, ""), encoding="utf-8")
    line = text[: text.index(context)].count("\n") + 1  # the msgid moved up to it

    run = site.run("i18n", "status", "--source", str(site.root))

    assert run.code == 1
    assert (
        f"{CATALOG}:{line}: error: the templates use ' · ' with msgctxt \"between facts on one line\", which this"
        " entry lacks (a translation tool may have dropped it), so its translation is never used: write"
        ' msgctxt "between facts on one line" on the line above its msgid'
    ) in run.stderr.splitlines()
    assert run.stdout.splitlines()[1].split() == ["de", f"{messages_used() - 1}/{messages_used()}", "0", "1", "0", "1"]
    # check extracts no templates: it says so from locales/messages.pot, which has the pair, naming it.
    run = site.run("check", "--source", str(site.root), "--strict")
    assert run.code == 1 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"{CATALOG}:{line}: warning: locales/messages.pot (as of the last i18n extract) has ' · ' with msgctxt"
        ' "between facts on one line", which this entry lacks (a translation tool may have dropped it), so its'
        " translation is never used: write"
        ' msgctxt "between facts on one line" on the line above its msgid',
        "check: 0 error(s), 1 warning(s)",
    ]
    # Told again from the compiled catalogs kept since; gone once the msgctxt is back.
    assert site.run("check", "--source", str(site.root)).stderr.count("msgctxt") == 2
    (site.root / CATALOG).write_text(text, encoding="utf-8")
    assert site.run("check", "--source", str(site.root), "--strict").code == 0


def test_a_message_the_templates_no_longer_use_is_counted_obsolete_before_update_marks_it(scratch_site):
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    with (site.root / CATALOG).open("a", encoding="utf-8") as catalog:
        catalog.write('\nmsgid "A word no template says"\nmsgstr "Ein Wort"\n')

    run = site.run("i18n", "status", "--source", str(site.root), "--strict")

    assert run.code == 1
    assert run.stdout.splitlines()[1].split() == ["de", f"{messages_used()}/{messages_used()}", "0", "0", "1", "0"]
    assert run.stdout.splitlines()[-1] == "incomplete: de"


def test_an_empty_msgctxt_a_tool_wrote_is_no_context_to_i18n_status_as_to_the_build(scratch_site):
    """The pages showed its translation, and status counted it untranslated."""
    site = scratch_site({"content/de/2024/a.md": release("A", "date: 2024-01-01\n")})
    shutil.copytree(PROJECT / "locales", site.root / "locales")
    text = (site.root / CATALOG).read_text(encoding="utf-8")
    (site.root / CATALOG).write_text(
        text.replace('\nmsgid "Skip to content"', '\nmsgctxt ""\nmsgid "Skip to content"'), encoding="utf-8"
    )

    run = site.run("i18n", "status", "--source", str(site.root), "--strict")

    assert run.code == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[1].split() == ["de", f"{messages_used()}/{messages_used()}", "0", "0", "0", "0"]
    assert site.build().code == 0
    assert "Zum Inhalt springen" in site.page("/de/").text


@pytest.mark.parametrize("indent", ["", "  "])
def test_a_message_with_plural_forms_in_a_po_export_is_said_to_have_no_place_there(office, indent):  # noqa: F811
    """A tool may offer plural forms for a unit (export writes none): the unit was then said to
    be missing from the file, at the line of the unit after it, though it was there, translated.
    Said at its msgid_plural line, indented or not (PO readers pass over the indent; it was said
    at the msgid above an indented one)."""
    [file] = _export(office, "--to", "en", "--format", "po", "content/de/2024/x.md")
    text = file.read_text(encoding="utf-8")
    plural = (
        f'msgid "Staatsministerium"\n{indent}msgid_plural "Staatsministerien"\n'
        'msgstr[0] "State Ministry"\nmsgstr[1] "State Ministries"'
    )
    file.write_text(text.replace('msgid "Staatsministerium"\nmsgstr ""', plural), encoding="utf-8")
    line = _catalog_line(file.read_text(encoding="utf-8"), 'msgid_plural "Staatsministerien"')

    run = office.run("import", "--source", str(office.root), str(file))

    assert run.code == 1 and "Traceback" not in run.stderr
    assert (
        f"exchange/{file.name}:{line}: error: unit source (source) has plural forms (msgid_plural, msgstr[0], …),"
        " which these files do not use: delete its msgid_plural line and write its translation as one msgstr"
    ) in run.stderr.splitlines(), run.stderr
    assert "missing" not in run.stderr
    assert "unit b2 (heading) is not translated" in run.stderr  # every problem, as ever
    assert not (office.root / "content/en/2024/x.md").exists()
