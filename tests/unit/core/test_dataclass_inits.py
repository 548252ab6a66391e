"""The hot dataclasses whose ``__init__`` is written out (bench/README.md, session 26).

The compiled core runs a dataclass's generated ``__init__`` interpreted, thousands of
instructions a call; these classes define their own, which mypyc compiles. The written-out
``__init__`` must take exactly the fields, in order, with the fields' defaults, as the
generated one would: a field added to the class but not to ``__init__`` fails here.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from streams.core.dedup.deduper import Decision, Features
from streams.core.dedup.handoff import Splice
from streams.core.dedup.sketch import Sketch
from streams.core.parse.markers import Dateline
from streams.core.pipeline import Outbound

CLASSES: tuple[type[Any], ...] = (Features, Decision, Splice, Sketch, Dateline, Outbound)


def _values(cls: type[Any]) -> dict[str, object]:
    """A distinct value for every field (types do not matter to ``__init__``)."""
    return {f.name: (cls.__name__, f.name, i) for i, f in enumerate(dataclasses.fields(cls))}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_init_takes_the_fields_in_order(cls: type[Any]) -> None:
    values = _values(cls)
    for obj in (cls(**values), cls(*values.values())):
        assert {name: getattr(obj, name) for name in values} == values
    with pytest.raises(TypeError):
        cls(**values, extra=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.__setattr__(next(iter(values)), 0)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_init_has_the_fields_defaults(cls: type[Any]) -> None:
    fields = dataclasses.fields(cls)
    required = {f.name: (f.name,) for f in fields if f.default is dataclasses.MISSING}
    assert all(f.default_factory is dataclasses.MISSING for f in fields)
    obj = cls(**required)
    for f in fields:
        want = required.get(f.name, f.default)
        assert getattr(obj, f.name) == want, f.name
    for name in required:
        with pytest.raises(TypeError):
            cls(**{k: v for k, v in required.items() if k != name})


def test_equality_hash_and_replace_are_the_dataclass_ones() -> None:
    sketch = Sketch(np.arange(3, dtype=np.uint32), 3, np.arange(2, dtype=np.uint32), "d")
    a = Decision("new", regions=("eu",))
    assert a == Decision("new", None, None, None, None, ("eu",))
    assert hash(a) == hash(Decision("new", regions=("eu",)))
    assert dataclasses.replace(a, status="duplicate").status == "duplicate"
    assert (
        repr(Dateline("CAIRO", "AP", 12))
        == "Dateline(place='CAIRO', agency='AP', end=12, weak=False)"
    )
    assert dataclasses.replace(sketch, count=4).count == 4
