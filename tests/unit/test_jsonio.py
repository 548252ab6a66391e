"""The one JSON codec (streams/jsonio.py)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from streams import jsonio

ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class _Point:
    name: str
    weight: float
    tags: tuple[str, ...] = ()


def test_a_dataclass_encodes_as_its_fields_in_order() -> None:
    assert jsonio.dumps(_Point("x", 1.5, ("a",))) == b'{"name":"x","weight":1.5,"tags":["a"]}'
    assert jsonio.loads(jsonio.dumps_pretty({"p": _Point("y", 2.0)})) == {
        "p": {"name": "y", "weight": 2.0, "tags": []}
    }


def test_a_compiled_core_dataclass_with_a_float_field_encodes_without_crashing() -> None:
    # orjson reads a dataclass's fields from its memory layout; the compiled core's classes
    # (mypyc) have another one, and dumping DedupConfig (float fields) killed the process.
    # In a child process, so a crash is this test's failure, not the run's end.
    code = (
        "from streams import jsonio\n"
        "from streams.core.dedup.deduper import DedupConfig\n"
        "from streams.core.model import Evidence\n"
        "import dataclasses\n"
        "c = DedupConfig()\n"
        "assert jsonio.loads(jsonio.dumps(c)) == dataclasses.asdict(c)\n"
        "e = Evidence('Kenya', 'body', 0, 5, 'country', 'KE', 2.0)\n"
        "assert jsonio.loads(jsonio.dumps([e]))[0]['weight'] == 2.0\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_what_json_cannot_hold_is_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsonio.dumps({"x": object()})
