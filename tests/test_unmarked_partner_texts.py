"""Japanese, Chinese or Korean that a partner's or a topic's text in another language leaves
unmarked: a ``path:line`` warning at the YAML line of the run from ``build.py check``, saying
that the field cannot mark a language and what to write instead (a partner's name in its own
language as ``native:``, which its page shows marked). ``native:`` and ``reading:`` are quiet,
and so is the bundled site."""

from __future__ import annotations

import subprocess
import sys

from .conftest import PROJECT, copy_project_site
from .test_check_fixtures import check, summary

PARTNER = "content/partners/jiangsu.yaml"
TOPICS = "content/topics.yaml"
DE_VOICE = "screen readers read it with a German voice"
EITHER_FORMS = "and browsers may draw it in the other language's forms"

JIANGSU = """\
name: {de: Provinz 江苏省, ja: 江蘇省（강소성）, en: Jiangsu Province}
reading: こうそしょう
country: CN
since: 1994-09-22
status: active
summary:
  de: >-
    Partnerprovinz in China,
    Hauptstadt 南京市.
  ja: 中国のパートナー地域。
  en: Partner province in China.
links:
  - url: https://www.jiangsu.gov.cn/
    title:
      de: Website der Provinz
      ja: 江蘇省政府ホームページ
      en: Government of Jiangsu (かながわ is elsewhere)
"""
TOPIC_FILE = """\
energy: {de: Energie, ja: エネルギー, en: Energy}
health: {de: Gesundheit, ja: 健康, en: Health (健康)}
"""


def test_partner_and_topic_texts_are_told_at_their_yaml_lines_by_build_py_check(scratch_site):
    site = scratch_site({PARTNER: JIANGSU, TOPICS: TOPIC_FILE})
    run = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "check", "--source", str(site.root)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    either = "native: {{ja: {0}}} if it is Japanese, native: {{zh: {0}}} if it is Chinese"
    assert run.stderr.splitlines() == [
        f"{PARTNER}:1: warning: name.de: '江苏省' (Japanese or Chinese) is not marked in this German text: "
        f"{DE_VOICE} {EITHER_FORMS}; a partner's name cannot mark a language: write it in German here, and the "
        f"name in its own language as {either.format('江苏省')}, which the partner's page shows beside it, marked",
        f"{PARTNER}:1: warning: name.ja: Korean '강소성' is not marked in this Japanese text: screen readers read "
        "it with a Japanese voice; a partner's name cannot mark a language: write it in Japanese here, and the name "
        "in its own language as native: {ko: 강소성}, which the partner's page shows beside it, marked",
        # A folded summary: the line of the run, not of its key.
        f"{PARTNER}:9: warning: summary.de: '南京市' (Japanese or Chinese) is not marked in this German text: "
        f"{DE_VOICE} {EITHER_FORMS}; a partner's summary cannot mark a language: write it in German here",
        f"{PARTNER}:17: warning: links.title.en: Japanese 'かながわ' is not marked in this English text: screen "
        "readers read it with an English voice; a link's title cannot mark a language: write it in English here",
        f"{TOPICS}:2: warning: health.en: '健康' (Japanese or Chinese) is not marked in this English text: screen "
        f"readers read it with an English voice {EITHER_FORMS}; a topic's name cannot mark a language: write it in "
        "English here",
        summary(0, 5),
    ]
    assert run.returncode == 0
    assert check(site, "--strict").code == 1


def test_a_name_beside_its_native_one_is_told_that_the_page_shows_that_and_native_and_reading_are_quiet(
    scratch_site,
):
    # Its native name, its reading and its Japanese name (in kanji, at home there) are quiet; so is
    # the scratch site's Kanagawa, whose Japanese name is 'native:' and 'reading:' too.
    partner = (
        JIANGSU.replace("reading: こうそしょう\n", "native: {zh: 江苏省}\nreading: こうそしょう\n")
        .replace("（강소성）", "")
        .replace("Hauptstadt 南京市", "Hauptstadt Nanjing")
        .replace(" (かながわ is elsewhere)", "")
    )
    site = scratch_site({PARTNER: partner})
    assert check(site).stderr.splitlines() == [
        f"{PARTNER}:1: warning: name.de: '江苏省' (Japanese or Chinese) is not marked in this German text: "
        f"{DE_VOICE} {EITHER_FORMS}; a partner's name cannot mark a language: write it in German here; the "
        "partner's page shows its name from 'native:' beside it, marked with its language",
        summary(0, 1),
    ]


def test_the_bundled_partner_files_are_looked_at_and_tell_nothing_as_they_are(tmp_path):
    root = copy_project_site(tmp_path)
    command = [sys.executable, str(PROJECT / "build.py"), "check", "--strict", "--source", str(root)]
    kanagawa = root / "content/partners/kanagawa.yaml"
    text = kanagawa.read_text(encoding="utf-8")
    kanagawa.write_text(text.replace("de: Präfektur Kanagawa,", "de: Präfektur Kanagawa (神奈川県),"), "utf-8")
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run.stderr.splitlines()[-1] == summary(0, 1)
    assert run.stderr.startswith("content/partners/kanagawa.yaml:1: warning: name.de: '神奈川県'")
    assert run.returncode == 1
    kanagawa.write_text(text, "utf-8")
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run.stderr.splitlines() == [summary(0, 0)]
    assert run.returncode == 0
