"""What ``export`` pre-fills from an existing translation after the source was edited.

A German release is translated (each unit's target is "訳" and the German it was made from),
imported and committed; then the German is edited and exported again for Japanese. Every
pre-filled unit must hold the translation of that very unit, never of a neighbour; units that
still line up keep their translation whatever happened around them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pressroom.source.frontmatter import Translatable
from pressroom.workflow.prefill import numbered_as
from pressroom.workflow.segments import Unit, segment
from pressroom.workflow.unitalign import certain_pairs, within

from .test_exchange import XLIFF, _export, _translate_xliff, _translated_export, xliff_schema
from .test_translations import release
from .test_translator_diff import _git

GERMAN = "content/de/2024/x.md"
FIRST = "Erster Absatz über die Partnerschaft der beiden Regionen."
SECOND = "Zweiter Absatz mit einem [Verweis](https://example.org/a) auf die Erklärung."
HEADING = "## Zusammenarbeit"
THIRD = "Dritter Absatz über die Energie und den Wasserstoff."
FOURTH = "Vierter Absatz über die Gesundheit."
BODY = "\n\n".join((FIRST, SECOND, HEADING, THIRD, FOURTH))
NEW = "Ein neuer Absatz über die Forschung an Hochschulen."


def _translated(scratch_site, *, committed: bool = True):
    """The German release with its Japanese translation imported (and committed: the text
    it was confirmed against is in git history)."""
    site = scratch_site({GERMAN: release("Partnerschaft", "date: 2024-07-17\nsummary: Eine Erklärung.\n", BODY)})
    file = _translated_export(site)
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    shutil.rmtree(file.parent)
    if committed:
        _git(site.root, "init", "-q")
        _git(site.root, "add", "content")
        _git(site.root, "commit", "-q", "-m", "Japanese version imported")
    return site


def _edited_and_exported(site, old: str, new: str) -> dict[str, tuple[str, str | None, str]]:
    """Edit the German body, export it for Japanese: unit id → (source words, target words or
    None, state)."""
    german = site.root / GERMAN
    text = german.read_text(encoding="utf-8")
    assert old in text
    german.write_text(text.replace(old, new, 1), encoding="utf-8")
    [file] = _export(site, "--to", "ja", GERMAN)
    units = {}
    for unit in etree.parse(str(file)).iter(f"{XLIFF}unit"):
        segment = unit.find(f"{XLIFF}segment")
        target = segment.find(f"{XLIFF}target")
        words = "".join(segment.find(f"{XLIFF}source").itertext())
        units[unit.get("id")] = (words, None if target is None else "".join(target.itertext()), segment.get("state"))
    return units


def _words(markdown: str) -> str:
    """What a unit's source says of a line of ``BODY``."""
    return markdown.removeprefix("## ").replace("[Verweis](https://example.org/a)", "Verweis")


def _filled(units: dict) -> dict[str, str]:
    return {ident: target for ident, (_, target, _) in units.items() if target is not None}


def _body_sources(units: dict) -> list[str]:
    return [words for ident, (words, _, _) in units.items() if ident.startswith("b")]


def test_a_paragraph_appended_at_the_end_leaves_every_other_unit_its_translation(scratch_site):
    site = _translated(scratch_site)
    units = _edited_and_exported(site, FOURTH, f"{FOURTH}\n\n{NEW}")
    assert _body_sources(units)[-1] == NEW
    assert _filled(units) == {
        "title": "訳Partnerschaft",
        "summary": "訳Eine Erklärung.",
        **{f"b{n}": f"訳{_words(line)}" for n, line in enumerate((FIRST, SECOND, HEADING, THIRD, FOURTH), 1)},
    }
    assert {state for ident, (_, target, state) in units.items() if target is not None} == {"translated"}


def test_a_paragraph_inserted_in_the_middle_shifts_the_translations_with_their_units(scratch_site):
    """The units after it have new ids (b2 became b3); each keeps its own translation, and one
    edited further down is still marked for review."""
    site = _translated(scratch_site)
    german = site.root / GERMAN
    german.write_text(german.read_text(encoding="utf-8").replace(FOURTH, FOURTH.replace(".", " und die Pflege.")))
    units = _edited_and_exported(site, f"{FIRST}\n\n", f"{FIRST}\n\n{NEW}\n\n")
    assert units["b2"] == (NEW, None, "initial")
    assert _filled(units) == {
        "title": "訳Partnerschaft",
        "summary": "訳Eine Erklärung.",
        "b1": f"訳{FIRST}",
        "b3": f"訳{_words(SECOND)}",
        "b4": f"訳{_words(HEADING)}",
        "b5": f"訳{THIRD}",
        "b6": f"訳{FOURTH}",
    }
    assert units["b6"][0] == "Vierter Absatz über die Gesundheit und die Pflege."
    assert units["b6"][2] == "initial"
    assert {units[ident][2] for ident in ("b1", "b3", "b4", "b5")} == {"translated"}


def test_a_link_with_a_title_added_to_a_paragraph_keeps_every_other_unit(scratch_site):
    """The paragraph itself has a code its translation lacks and its title is new: those two
    are left to the translator, everything else is filled."""
    site = _translated(scratch_site)
    units = _edited_and_exported(site, "die Energie", '[die Energie](https://example.org/e "Energie im Land")')
    assert units["b4.t1"] == ("Energie im Land", None, "initial")
    assert units["b4"][1] is None
    assert _filled(units) == {
        "title": "訳Partnerschaft",
        "summary": "訳Eine Erklärung.",
        "b1": f"訳{FIRST}",
        "b2": f"訳{_words(SECOND)}",
        "b3": f"訳{_words(HEADING)}",
        "b5": f"訳{FOURTH}",
    }


def test_a_title_given_to_a_link_leaves_its_paragraph_translated(scratch_site):
    site = _translated(scratch_site)
    units = _edited_and_exported(site, "(https://example.org/a)", '(https://example.org/a "Die Erklärung")')
    assert units["b2.t1"] == ("Die Erklärung", None, "initial")
    assert units["b2"][1:] == (f"訳{_words(SECOND)}", "translated")
    assert len(_filled(units)) == 2 + 5


def test_a_paragraph_deleted_leaves_the_others_their_translations(scratch_site):
    site = _translated(scratch_site)
    units = _edited_and_exported(site, f"{SECOND}\n\n", "")
    assert _filled(units) == {
        "title": "訳Partnerschaft",
        "summary": "訳Eine Erklärung.",
        "b1": f"訳{FIRST}",
        "b2": f"訳{_words(HEADING)}",
        "b3": f"訳{THIRD}",
        "b4": f"訳{FOURTH}",
    }
    assert {state for _, target, state in units.values() if target is not None} == {"translated"}


def test_two_paragraphs_swapped_keep_their_own_translations(scratch_site):
    """Two paragraphs of the same kind change places: by place each would get the other's
    translation; by their words each keeps its own."""
    site = _translated(scratch_site)
    units = _edited_and_exported(site, f"{THIRD}\n\n{FOURTH}", f"{FOURTH}\n\n{THIRD}")
    assert units["b4"][:2] == (FOURTH, f"訳{FOURTH}")
    assert units["b5"][:2] == (THIRD, f"訳{THIRD}")
    assert {words: target for words, target, _ in units.values() if target is not None} == {
        words: f"訳{words}" for words, target, _ in units.values() if target is not None
    }


def test_a_paragraph_rewritten_is_not_filled_with_what_it_said_before(scratch_site):
    """In the same place, but no longer the same text: its old translation would mislead."""
    site = _translated(scratch_site)
    units = _edited_and_exported(site, THIRD, NEW)
    assert units["b4"] == (NEW, None, "initial")
    assert set(_filled(units)) == {"title", "summary", "b1", "b2", "b3", "b5"}


def test_without_history_only_units_whose_place_is_certain_are_filled_and_all_for_review(scratch_site):
    """Nothing tells which of the three last paragraphs is new, so none of them is filled;
    the units before them line up by structure. Every pre-fill is marked for review."""
    site = _translated(scratch_site, committed=False)
    units = _edited_and_exported(site, FOURTH, f"{FOURTH}\n\n{NEW}")
    assert _filled(units) == {
        "title": "訳Partnerschaft",
        "summary": "訳Eine Erklärung.",
        "b1": f"訳{FIRST}",
        "b2": f"訳{_words(SECOND)}",
        "b3": f"訳{_words(HEADING)}",
    }
    assert {state for _, target, state in units.values() if target is not None} == {"initial"}


LONGER_SECOND = SECOND.replace("auf die Erklärung", "auf die gemeinsame Erklärung")
LONGER_THIRD = THIRD.replace("den Wasserstoff", "den grünen Wasserstoff")


def _two_paragraphs_edited(site) -> None:
    german = site.root / GERMAN
    text = german.read_text(encoding="utf-8")
    german.write_text(text.replace(SECOND, LONGER_SECOND).replace(THIRD, LONGER_THIRD), encoding="utf-8")


def test_a_unit_to_review_carries_its_source_as_it_was_when_translated_in_xliff(scratch_site):
    """The translator sees what changed without looking it up: the two edited paragraphs, and
    only they, have a note with their earlier source, its codes numbered as the source's now."""
    site = _translated(scratch_site)
    _two_paragraphs_edited(site)
    [file] = _export(site, "--to", "ja", GERMAN)
    tree = etree.parse(str(file))
    units = {unit.get("id"): unit for unit in tree.iter(f"{XLIFF}unit")}
    previous = {
        ident: [(n.get("appliesTo"), n.text) for n in unit.iterfind(f"{XLIFF}notes/{XLIFF}note[@category]")]
        for ident, unit in units.items()
    }
    assert {ident: notes for ident, notes in previous.items() if notes} == {
        "b2": [("source", "source before the change: Zweiter Absatz mit einem <1>Verweis</1> auf die Erklärung.")],
        "b4": [("source", f"source before the change: {THIRD}")],
    }
    assert units["b2"].find(f"{XLIFF}segment/{XLIFF}source/{XLIFF}pc").get("id") == "1"
    states = {ident: unit.find(f"{XLIFF}segment").get("state") for ident, unit in units.items()}
    assert states["b2"] == states["b4"] == "initial"
    assert {states[ident] for ident in units if ident not in ("b2", "b4")} == {"translated"}
    assert xliff_schema().validate(tree), xliff_schema().error_log

    _translate_xliff(file)  # the note stays in the file the office sends back
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    assert "source before the change" not in (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")


def test_a_fuzzy_po_entry_has_its_earlier_source_as_the_previous_msgid(scratch_site):
    """As gettext's msgmerge writes it, so PO editors show the change; msgfmt accepts it, and
    an import ignores it."""
    site = _translated(scratch_site)
    _two_paragraphs_edited(site)
    [file] = _export(site, "--to", "ja", "--format", "po", GERMAN)
    text = file.read_text(encoding="utf-8")
    assert re.findall(r"#\| msgid (.*)\nmsgctxt (.*)\n", text) == [
        ('"Zweiter Absatz mit einem <1>Verweis</1> auf die Erklärung."', '"b2"'),
        (f'"{THIRD}"', '"b4"'),
    ]
    assert text.count("#, fuzzy") == 2
    if shutil.which("msgfmt") is not None or os.environ.get("CI"):
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(file)], capture_output=True, text=True)
        assert check.returncode == 0 and check.stderr == "", check.stderr

    # The translator revises the two and clears their marks; the previous msgids are left in.
    text = text.replace("#, fuzzy\n", "").replace('msgstr "訳Zweiter', 'msgstr "改訂Zweiter')
    file.write_text(text, encoding="utf-8")
    run = site.run("import", "--source", str(site.root), str(file))
    assert run.code == 0, run.stderr
    japanese = (site.root / "content/ja/2024/x.md").read_text(encoding="utf-8")
    assert "改訂Zweiter Absatz mit einem [Verweis](https://example.org/a) auf die Erklärung." in japanese
    assert "#|" not in japanese


def test_the_earlier_source_numbers_its_codes_as_the_source_does_now():
    """A code still there has the number the translator sees; one since removed a number of
    its own after them, never one of another code."""

    def paragraph(body: str) -> Unit:
        return next(u for u in segment(Translatable("T", "", "", body), "de").units if u.id == "b1")

    old = paragraph("Mit [Verweis](https://a.org) und **fett** und [x](https://b.org).\n")
    new = paragraph("Nun *kurz* mit [Verweis](https://a.org) und **fett**.\n")
    assert new.text == "Nun <1>kurz</1> mit <2>Verweis</2> und <3>fett</3>."
    assert numbered_as(old, new) == "Mit <2>Verweis</2> und <3>fett</3> und <4>x</4>."


@cache
def _every_longest(ours: str, theirs: str) -> list[frozenset[tuple[int, int]]]:
    """Every longest common subsequence of the two, as its pairs of places (by trying all)."""
    if not ours or not theirs:
        return [frozenset()]
    shifted = [frozenset((i + 1, j) for i, j in pairs) for pairs in _every_longest(ours[1:], theirs)]
    shifted += [frozenset((i, j + 1) for i, j in pairs) for pairs in _every_longest(ours, theirs[1:])]
    if ours[0] == theirs[0]:
        shifted += [
            frozenset({(0, 0), *((i + 1, j + 1) for i, j in pairs)}) for pairs in _every_longest(ours[1:], theirs[1:])
        ]
    longest = max(map(len, shifted))
    return [pairs for pairs in shifted if len(pairs) == longest]


@settings(max_examples=300, deadline=None)
@given(st.text("pph", max_size=7), st.text("pph", max_size=7))
def test_certain_pairs_are_those_every_longest_alignment_makes(ours, theirs):
    every = _every_longest(ours, theirs)
    assert set(certain_pairs(list(ours), list(theirs)).items()) == set.intersection(*map(set, every))


def test_a_very_long_paragraph_edited_in_one_place_is_still_itself_and_found_quickly():
    # difflib compared the two texts character by character, in time growing with the product
    # of their lengths: a paragraph of 60,000 characters took some 8 s, 250,000 minutes.
    sentence = "バーデン＝ヴュルテンベルク州と神奈川県は経済、学術、文化の分野で交流を重ねています。"
    old = sentence * 1_500
    new = old[: len(old) // 2] + "今後も定期的に会合を開きます。" + old[len(old) // 2 :]
    other = "両者はロボット技術と人工知能の分野でも新たな共同研究を始めます。" * 1_500
    title = Unit("title", ("表題",), "title")
    start = time.perf_counter()
    assert within([title, Unit("b1", (old,), "paragraph")], [title, Unit("b1", (new,), "paragraph")], "ja") == {
        0: 0,
        1: 1,
    }
    assert within([title, Unit("b1", (old,), "paragraph")], [title, Unit("b1", (other,), "paragraph")], "ja") == {0: 0}
    assert time.perf_counter() - start < 3
