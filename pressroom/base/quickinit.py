"""A quicker ``__init__`` for the frozen dataclasses made for every page (links, frames, views).

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, looked up and
called field by field, since its own ``__setattr__`` refuses: some 90 ns a field. Rendering every
page at 1,000 releases makes about 100,000 such objects (50,000 links alone), and the frame of a
page has 27 fields. `quick_init` gives a frozen, slotted class an ``__init__`` that sets each
field through its slot's own setter, bound once: about 40 % quicker, the same object. The class
stays frozen (assigning to a field still raises), and equality, hashing, ``repr`` and pickling
are the dataclass's own. Classes it cannot do that for (fields with factories, keyword-only or
left out of ``__init__``, a ``__post_init__``) are left as they are.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

C = TypeVar("C", bound=type)


def quick_init(cls: C) -> C:
    """``cls`` (a frozen dataclass with slots) with the quicker ``__init__``, where it can have one."""
    fields = dataclasses.fields(cls)
    if (
        not getattr(cls, "__slots__", None)
        or hasattr(cls, "__post_init__")
        or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields)
    ):
        return cls
    names = [f.name for f in fields]
    signature = ", ".join(
        f"{f.name}=_default_{f.name}" if f.default is not dataclasses.MISSING else f.name for f in fields
    )
    body = "".join(f"    _set_{n}(self, {n})\n" for n in names) or "    pass\n"
    namespace: dict[str, object] = {f"_set_{n}": cls.__dict__[n].__set__ for n in names}
    namespace.update({f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING})
    exec(f"def __init__(self, {signature}):\n{body}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls
