"""The hot dataclasses whose ``__init__`` is written out (bench/README.md, session 26).

The compiled core runs a dataclass's generated ``__init__`` interpreted, thousands of
instructions a call; these classes define their own, which mypyc compiles. The written-out
``__init__`` must take exactly the fields, in order, with the fields' defaults, as the
generated one would: a field added to the class but not to ``__init__`` fails here.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from streams.core.dedup.deduper import Decision, Features, _Lookup
from streams.core.dedup.handoff import Splice
from streams.core.dedup.index import StoryIndex
from streams.core.dedup.sketch import Sketch
from streams.core.geo.tagger import GeoResult
from streams.core.model import (
    AltId,
    Body,
    Evidence,
    Ext,
    Focus,
    Headline,
    InfoSource,
    Lineage,
    Place,
    RawMessage,
    WireItem,
)
from streams.core.parse.base import ParseResult
from streams.core.parse.build import Fields
from streams.core.parse.markers import Dateline, Markers
from streams.core.parse.plaintext import _Story
from streams.core.pipeline import Outbound, Routable

#: Frozen: the generated ``__init__`` sets each field by ``object.__setattr__``.
FROZEN: tuple[type[Any], ...] = (
    Features,
    Decision,
    Splice,
    Sketch,
    Dateline,
    Outbound,
    RawMessage,
)
#: Not frozen; a field with a default factory takes ``None`` for a new empty container.
PLAIN: tuple[type[Any], ...] = (
    Markers,
    Routable,
    GeoResult,
    _Lookup,
    _Story,
    ParseResult,
    Fields,
    # model.py: every class, the module compiled since session 26 (hperf57).
    Headline,
    Body,
    AltId,
    InfoSource,
    Place,
    Evidence,
    Focus,
    Lineage,
    Ext,
    WireItem,
)
CLASSES = FROZEN + PLAIN
ROOT = Path(__file__).resolve().parents[3]


_SKETCH = Sketch(np.arange(3, dtype=np.uint32), 3, np.arange(2, dtype=np.uint32), "d")


def _value(annotation: str, i: int, name: str) -> object:
    """A value of the field's type unlike every other field's (the compiled ``__init__``
    checks its arguments' types)."""
    base = annotation.removesuffix(" | None")
    if base.startswith("list["):
        return [name] if base == "list[str]" else [i]
    table: dict[str, object] = {
        "str": name,
        "int": i + 1,
        "bool": True,
        "bytes": name.encode(),
        "float": i + 0.5,
        "tuple[str, ...]": (name,),
        "tuple[int, ...]": (i,),
        "tuple[tuple[str, bytes], ...]": ((name, b"v"),),
        "frozenset[int]": frozenset({i}),
        "set[str]": {name},
        "dict[str, Any]": {name: i},
        "Status": "duplicate",
        "PubStatus": "withheld",
        "U32": np.array([i], dtype=np.uint32),
        "Sketch": _SKETCH,
        "Features": Features("u", 1, "usable", False, (), "f", _SKETCH, ()),
        "Decision": Decision("update", regions=(name,)),
        "StoryIndex": StoryIndex(i + 1),
        "Mapping[str, bytes]": {name: b"v"},
        "Lineage": Lineage("t", 0, i, 0, "s"),
        "Ext": Ext(format=name),
    }
    if base == "WireItem":
        return None
    return table[base]


def _annotations(cls: type[Any]) -> dict[str, str]:
    """The fields' annotations as written (a compiled class keeps only their runtime types)."""
    source = ROOT / (cls.__module__.replace(".", "/") + ".py")
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            return {
                a.target.id: ast.unparse(a.annotation)
                for a in node.body
                if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)
            }
    raise LookupError(cls)


def _values(cls: type[Any]) -> dict[str, object]:
    """A distinct value for every field, by name in field order."""
    types = _annotations(cls)
    return {f.name: _value(types[f.name], i, f.name) for i, f in enumerate(dataclasses.fields(cls))}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_init_takes_the_fields_in_order(cls: type[Any]) -> None:
    values = _values(cls)
    for obj in (cls(**values), cls(*values.values())):
        for name, value in values.items():
            got = getattr(obj, name)
            if type(value) is float:  # a compiled class keeps a float field unboxed
                assert type(got) is float and got == value, name
            else:
                assert got is value, name
    with pytest.raises(TypeError):
        cls(**values, extra=1)
    if cls in FROZEN:
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.__setattr__(next(iter(values)), values[next(iter(values))])


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_signature_is_the_fields(cls: type[Any]) -> None:
    """Names, order and defaults as the generated ``__init__`` would have them (a default
    factory's field defaults to ``None``, for which the ``__init__`` makes a new container)."""
    got = [(p.name, p.default) for p in inspect.signature(cls).parameters.values()]
    want = [
        (
            f.name,
            None
            if f.default_factory is not dataclasses.MISSING
            else (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default),
        )
        for f in dataclasses.fields(cls)
    ]
    assert got == want


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_the_init_has_the_fields_defaults(cls: type[Any]) -> None:
    fields = dataclasses.fields(cls)
    values = _values(cls)
    required = {
        f.name: values[f.name]
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    obj, other = cls(**required), cls(**required)
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            want = f.default_factory()
            assert getattr(obj, f.name) is not getattr(other, f.name), f.name  # a new one each
        else:
            want = required.get(f.name, f.default)
        assert getattr(obj, f.name) == want, f.name
    for name in required:
        with pytest.raises(TypeError):
            cls(**{k: v for k, v in required.items() if k != name})


def test_equality_hash_and_replace_are_the_dataclass_ones() -> None:
    sketch = _SKETCH
    a = Decision("new", regions=("eu",))
    assert a == Decision("new", None, None, None, None, ("eu",))
    assert hash(a) == hash(Decision("new", regions=("eu",)))
    assert dataclasses.replace(a, status="duplicate").status == "duplicate"
    assert (
        repr(Dateline("CAIRO", "AP", 12))
        == "Dateline(place='CAIRO', agency='AP', end=12, weak=False)"
    )
    assert dataclasses.replace(sketch, count=4).count == 4
