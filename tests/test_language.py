"""The bundled site's language: Japanese in one register, and interface notices that read natively.

A Japanese government press release (報道発表) keeps the polite です・ます register from the
first sentence to the last; a text that slips into plain である style reads as translated.
These tests read every Japanese sentence the bundled site publishes (releases, pages,
partner summaries, the catalog's notices) and name each one that ends in another register.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parent.parent
CONTENT = PROJECT / "content"

# A polite sentence ends in a polite verb or copula, perhaps followed by a closing
# quotation mark or bracket: …ます。 …ました。 …ません。 …です。 …でした。 …ください。
POLITE_END = re.compile(r"(?:ます|ました|ません|ましょう|ませんでした|です|でした|ください|ございます)[」』）)]*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MARKUP = re.compile(r"\[([^\]]*)\]\{lang=[a-z-]+\}|\[([^\]]*)\]\([^)]*\)")


def sentences(text: str) -> list[str]:
    """The sentences of a Japanese text that end with 。, without Markdown link or span markup."""
    text = _MARKUP.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    found = []
    for line in text.splitlines():
        line = line.strip().lstrip("-#| ").rstrip("| ")
        for cell in line.split("|"):
            for part in cell.split("。")[:-1]:
                # A sentence inside quotation marks belongs to the quoted speaker; what counts
                # is how the sentence around it ends.
                part = part.strip()
                if part.count("「") > part.count("」"):
                    continue
                if part:
                    found.append(part)
    return found


def impolite(text: str) -> list[str]:
    return [s for s in sentences(text) if not POLITE_END.search(s)]


def japanese_texts() -> list[tuple[str, str]]:
    """(where, text) for every Japanese text of the bundled site a reader sees."""
    texts = []
    for path in sorted((CONTENT / "ja").rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(source)
        assert match, path
        front = yaml.safe_load(match.group(1))
        where = path.relative_to(PROJECT).as_posix()
        if front.get("summary"):
            texts.append((f"{where} (summary)", front["summary"]))
        texts.append((where, source[match.end() :]))
    for path in sorted((CONTENT / "partners").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.append((f"{path.relative_to(PROJECT).as_posix()} (summary)", data["summary"]["ja"]))
    return texts


def test_the_check_tells_the_registers_apart() -> None:
    assert impolite("同州は2013年から友好提携を結んでいます。現在は休止している。") == ["現在は休止している"]
    assert impolite("ブルンジは内陸国である。") == ["ブルンジは内陸国である"]
    assert impolite("州首相は「大変うれしく思う。」と述べました。") == []
    assert impolite("| 2015年9月 | 代表団が訪問します。 |\n- 協力を進める。") == ["協力を進める"]


@pytest.mark.parametrize(("where", "text"), japanese_texts(), ids=lambda value: value if "/" in value else "")
def test_japanese_texts_keep_the_press_office_register(where: str, text: str) -> None:
    plain = impolite(text)
    assert not plain, f"{where}: not in です・ます: {plain}"


def test_every_japanese_release_page_and_partner_is_checked() -> None:
    wheres = {where for where, _ in japanese_texts()}
    files = len(list((CONTENT / "ja").rglob("*.md")))
    assert len([w for w in wheres if w.startswith("content/ja/") and "(summary)" not in w]) == files
    partners = len(list((CONTENT / "partners").glob("*.yaml")))
    assert len([w for w in wheres if w.startswith("content/partners/")]) == partners


def test_japanese_interface_notices_keep_the_same_register() -> None:
    with (PROJECT / "locales/ja/LC_MESSAGES/messages.po").open("rb") as fp:
        catalog = read_po(fp, locale="ja")
    notices = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        notices += [s for s in strings if s.endswith("。")]
    assert notices, "the catalog has no sentences to check"
    plain = [s for s in notices if impolite(s)]
    assert not plain, f"not in です・ます: {plain}"
