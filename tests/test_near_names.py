"""The "did you mean" of a file, link or key not there: one typing slip away, found by index."""

from __future__ import annotations

import pytest

from pressroom.base.nearnames import NamesByFolder, NearNames

NAMES = ["kanagawa-declaration", "kanagawa-besuch", "unterzeichnung", "abc", "abd"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("kanagawa-declaration", "kanagawa-declaration"),  # itself
        ("kanagawa-declration", "kanagawa-declaration"),  # a letter left out
        ("kanagawa-declarattion", "kanagawa-declaration"),  # one too many
        ("kanagawa-deklaration", "kanagawa-declaration"),  # one changed
        ("kanagawa-declaraiton", "kanagawa-declaration"),  # two swapped
        ("unterzeichung", "unterzeichnung"),
        ("kanagawa-besuche", "kanagawa-besuch"),
        ("kanagawa-erklaerung", None),  # more than one slip: no guess
        ("abe", None),  # short names only as they are: "abe" is one slip from "abc" and "abd"
        ("abc", "abc"),
        ("Kanagawa-Declaration", "kanagawa-declaration"),  # other capitals, as Windows finds it
        ("ABC", "abc"),
    ],
)
def test_a_name_one_slip_away_is_the_one_meant(typed: str, meant: str | None) -> None:
    assert NearNames(NAMES).nearest(typed) == meant


def test_of_several_near_names_the_first_given_wins_and_one_may_be_left_out() -> None:
    near = NearNames(["2024/besuch-b", "2024/besuch-a"])
    assert near.nearest("2024/besuch-c") == "2024/besuch-b"
    assert near.nearest("2024/besuch-b", besides="2024/besuch-b") == "2024/besuch-a"


def test_a_path_is_meant_in_its_folder_first_then_by_its_name_in_another() -> None:
    paths = NamesByFolder(["2024/kanagawa-declaration", "2025/besuch", "2023/besuch"])
    assert paths.meant("2024/kanagawa-deklaration") == "2024/kanagawa-declaration"
    assert paths.meant("2025/kanagawa-declaration") == "2024/kanagawa-declaration"  # last year's written
    assert paths.meant("besuch") == "2023/besuch"  # the year's folder left out: the first in order
    assert paths.meant("2025/nichts") is None
