"""``build.py new``: the file names it chooses and what it refuses to write."""

from __future__ import annotations

import unicodedata

import pytest

from pressroom.source.slugs import is_valid_slug, slugify

from .test_translations import release


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("学校が始まる", "学校が始まる"),
        ("パートナーシップ", "パートナーシップ"),
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width katakana, its voicing mark a letter of its own
        ("ぱぴぷぺぽ", "ぱぴぷぺぽ"),
        ("Café Crème in Nürnberg", "cafe-creme-in-nuernberg"),  # Latin letters still folded to ASCII
        ("Việt Nam", "viet-nam"),
        ("Моска́ва", "москава"),  # a stress mark no letter takes is dropped, not a hyphen
    ],
)
def test_slugs_keep_japanese_voiced_kana_and_fold_latin_letters(title, slug):
    assert slugify(title) == slug
    assert is_valid_slug(slug) and slugify(slug) == slug


def test_new_and_the_build_make_one_slug_of_voiced_kana(scratch_site):
    site = scratch_site({"content/ja/2024/がっこう.md": release("学校", "date: 2024-07-17\n")})
    run = site.run("new", "ガイドブック", "--lang", "ja", "--source", str(site.root), "--date", "2025-03-04")
    assert run.code == 0, run.stderr
    name = unicodedata.normalize("NFC", "ガイドブック.md")
    assert sorted(path.name for path in (site.root / "content/ja/2025").iterdir()) == [name]
    assert site.build("--drafts").code == 0
    assert site.exists("/ja/releases/2025/ガイドブック/")
    assert site.exists("/ja/releases/2024/がっこう/")  # the build's slug of a file name: the same rule
