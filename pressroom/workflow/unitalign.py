"""Which body units of one version stand for which of another: the alignment behind pre-filling.

Two alignments, both conservative, because a unit pre-filled with the translation of another
unit is worse than an empty one:

- `across` lines up a translation with a version in another language. Only structure can be
  compared there, and only the units' roles: where the two have the same roles, unit by unit,
  they pair by place (an import makes them so); otherwise only the pairs that every longest
  common alignment of the roles agrees on. Inline codes are no key: a translation that gave
  one paragraph a span of its own would shift every pairing past it onto its neighbour; a pair
  whose codes differ is refused later instead, on its own.
- `within` lines up two texts of one version (as confirmed, and as now). Units with the same
  text pair where every longest common alignment agrees, or where that text is found once on
  each side (a moved paragraph); a stretch between two such anchors whose units have the same
  roles on both sides pairs by place where each pair is still alike (a sentence edited).
  Everything else (inserted, deleted, or in a stretch that changed shape) pairs with nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from difflib import SequenceMatcher

from pressroom.workflow.diff import common_ends, tokens
from pressroom.workflow.segments import Code, Unit

ALIKE = 0.5
"""How alike (difflib's ratio over words and punctuation, characters for Japanese) an edited
unit must still be to its earlier text to be taken for the same unit: a bundled paragraph of
three sentences with one of them replaced keeps 0.67 to 0.78, in German and in Japanese; two
different paragraphs of one release share function words, and of the bundled releases'
paragraphs no two came above 0.36 in any language."""

LARGEST = 4_000_000
"""Unit pairs (units of one version times those of the other) up to which two versions are
aligned: the tables grow with that product (2,000 units on each side take about two seconds).
The bundled versions have up to about 60 units; a body larger than that is pre-filled only
where it did not change shape at all."""


def across(theirs: Sequence[Unit], ours: Sequence[Unit]) -> dict[int, int]:
    """Index in ``ours`` → index in ``theirs`` (a version in another language) of the units
    whose place is certain from structure alone."""
    return certain_pairs([u.role for u in ours], [u.role for u in theirs])


def within(before: Sequence[Unit], now: Sequence[Unit], lang: str) -> dict[int, int]:
    """Index in ``now`` → index in ``before`` (the same version's earlier text) of the units
    that are still the same unit, edited or not."""
    old_keys = [_content(u) for u in before]
    new_keys = [_content(u) for u in now]
    pairs = certain_pairs(new_keys, old_keys)
    anchors = sorted(pairs.items())
    # A text found once on each side is that unit, wherever it moved.
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    taken = set(pairs.values())
    old_at = {key: n for n, key in enumerate(old_keys) if old_count[key] == 1}
    for n, key in enumerate(new_keys):
        if n not in pairs and new_count[key] == 1 and key in old_at and old_at[key] not in taken:
            pairs[n] = old_at[key]
            taken.add(old_at[key])
    # Between two anchors, units edited in place: same number and roles on both sides.
    for (new_start, old_start), (new_end, old_end) in zip(
        [(-1, -1), *anchors], [*anchors, (len(now), len(before))], strict=True
    ):
        new_gap = [n for n in range(new_start + 1, new_end) if n not in pairs]
        old_gap = [o for o in range(old_start + 1, old_end) if o not in taken]
        if len(new_gap) != len(old_gap) or [now[n].role for n in new_gap] != [before[o].role for o in old_gap]:
            continue
        for n, o in zip(new_gap, old_gap, strict=True):
            if _alike(before[o].text, now[n].text, lang):
                pairs[n] = o
    return pairs


def certain_pairs(ours: Sequence[Hashable], theirs: Sequence[Hashable]) -> dict[int, int]:
    """Index in ``ours`` → index in ``theirs`` of the equal items that every longest common
    subsequence of the two pairs alike. Any such subsequence has exactly one pair at each rank
    (its first, second … pair); a pair is in all of them when it is the only one that can stand
    at its rank in any of them."""
    if list(ours) == list(theirs):
        return {n: n for n in range(len(ours))}
    rows, cols = len(ours), len(theirs)
    if rows * cols > LARGEST:
        return {}
    ahead = [[0] * (cols + 1) for _ in range(rows + 1)]  # ahead[i][j]: of ours[:i] and theirs[:j]
    for i in range(rows):
        for j in range(cols):
            equal = ours[i] == theirs[j]
            ahead[i + 1][j + 1] = ahead[i][j] + 1 if equal else max(ahead[i][j + 1], ahead[i + 1][j])
    behind = [[0] * (cols + 1) for _ in range(rows + 1)]  # behind[i][j]: of ours[i:] and theirs[j:]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            equal = ours[i] == theirs[j]
            behind[i][j] = behind[i + 1][j + 1] + 1 if equal else max(behind[i + 1][j], behind[i][j + 1])
    longest = ahead[rows][cols]
    at_rank: dict[int, list[tuple[int, int]]] = {}
    for i in range(rows):
        for j in range(cols):
            if ours[i] == theirs[j] and ahead[i][j] + 1 + behind[i + 1][j + 1] == longest:
                at_rank.setdefault(ahead[i][j], []).append((i, j))
    return {i: j for candidates in at_rank.values() if len(candidates) == 1 for i, j in candidates}


def _content(unit: Unit) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
    """A unit's role, words and codes: equal only for the same text (its text form numbers
    codes without saying what they stand for: a link's new address is a change)."""
    codes = tuple((c.kind, c.data, c.what) for c in unit.parts if isinstance(c, Code) and c.kind != "close")
    return unit.role, unit.text, codes


def _alike(old: str, new: str, lang: str) -> bool:
    # Without the spaces between words, which any two texts share.
    before, after = _words(old, lang), _words(new, lang)
    if len(before) * len(after) > LARGEST:
        return _alike_at_ends(before, after)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return matcher.real_quick_ratio() >= ALIKE and matcher.quick_ratio() >= ALIKE and matcher.ratio() >= ALIKE


def _alike_at_ends(before: list[str], after: list[str]) -> bool:
    """`_alike` for two units too long to compare whole (difflib's time grows with the product
    of their lengths and worse: a Japanese paragraph of 250,000 characters, minutes): what they
    begin and end with counts as shared, what lies between only where it is small enough to
    compare, so that the answer errs towards "not alike"."""
    head, tail = common_ends(before, after)
    inner_before, inner_after = before[head : len(before) - tail], after[head : len(after) - tail]
    shared = head + tail
    if len(inner_before) * len(inner_after) <= LARGEST:
        shared += sum(
            block.size
            for block in SequenceMatcher(None, inner_before, inner_after, autojunk=False).get_matching_blocks()
        )
    return 2 * shared >= ALIKE * (len(before) + len(after))


def _words(text: str, lang: str) -> list[str]:
    return [token for token in tokens(text, lang) if not token.isspace()]
