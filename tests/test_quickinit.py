"""The quicker ``__init__`` of the views' frozen dataclasses makes the very objects the dataclass's
own does, still frozen, and refuses what it refuses."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from pressroom.base.quickinit import quick_init
from pressroom.model.bodycache import BodyQuestions
from pressroom.model.texts import Body
from pressroom.pages.feeds import FeedEntry
from pressroom.pages.frame import Frame
from pressroom.pages.partners import PartnerView
from pressroom.pages.plans import Link
from pressroom.source.mdhtml import LinkRewrite


def a_view_class(name: str, quick: bool) -> type:
    """A frozen view class with defaults, as the pages' are; with the quicker ``__init__`` or not."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class View:
        href: str
        text: str
        lang: str | None = None
        count: int = 0

    View.__name__ = View.__qualname__ = name  # found by pickle under the module's name for it
    return quick_init(View) if quick else View


Plain = a_view_class("Plain", quick=False)
Quick = a_view_class("Quick", quick=True)


def fields_of(value: object) -> tuple:
    return dataclasses.astuple(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a", "b"), {}),
        (("a", "b", "de"), {}),
        (("a",), {"text": "b", "count": 3}),
        ((), {"href": "a", "text": "b", "lang": "ja"}),
    ],
)
def test_the_same_object_as_the_dataclass_makes(args, kwargs) -> None:
    quick, plain = Quick(*args, **kwargs), Plain(*args, **kwargs)
    assert all(name.startswith("_set_") for name in Quick.__init__.__code__.co_names)
    assert not any(name.startswith("_set_") for name in Plain.__init__.__code__.co_names)
    assert fields_of(quick) == fields_of(plain)
    assert quick == Quick(*args, **kwargs) and hash(quick) == hash(Quick(*args, **kwargs))
    assert repr(quick) == repr(plain).replace("Plain", "Quick")
    assert pickle.loads(pickle.dumps(quick)) == quick


def test_still_frozen() -> None:
    link = Link("/de/", "Start")
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.href = "/ja/"  # type: ignore[misc]
    assert link == Link("/de/", "Start", None) and link.lang is None


@pytest.mark.parametrize(
    ("args", "kwargs"), [((), {}), (("a",), {}), (("a", "b"), {"href": "c"}), (("a", "b"), {"colour": 1})]
)
def test_what_the_dataclass_refuses_is_refused(args, kwargs) -> None:
    with pytest.raises(TypeError):
        Plain(*args, **kwargs)
    with pytest.raises(TypeError):
        Quick(*args, **kwargs)


def test_classes_it_cannot_speed_up_are_left_as_they_are() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        number: int

        def __post_init__(self) -> None:
            if self.number < 0:
                raise ValueError(self.number)

    for cls in (Listed, Checked):
        init = cls.__init__
        assert quick_init(cls).__init__ is init
    with pytest.raises(ValueError):
        Checked(-1)


def test_the_views_made_for_every_page_have_it() -> None:
    for cls in (Link, Frame, Body, BodyQuestions, LinkRewrite, PartnerView, FeedEntry):
        assert cls.__init__.__code__.co_filename == "<string>"
        assert all(name.startswith("_set_") for name in cls.__init__.__code__.co_names)
