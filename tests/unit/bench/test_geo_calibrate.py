"""``bench/tools/geo_calibrate.py``: the constants it swaps in and out, the weights it scales,
its grid and the set-error kinds it counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from streams.core.geo import scoring

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def cal() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "geo_calibrate", ROOT / "bench/tools/geo_calibrate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["geo_calibrate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _mention(fld: str, rule: str, weight: float, country: str = "FR") -> SimpleNamespace:
    return SimpleNamespace(fld=fld, rule=rule, weight=weight, country=country, counts=weight > 0)


def _row(cal: ModuleType, gold: list[str], mentions: list[Any] | None = None) -> Any:
    labels = {"regions": gold, "acceptable": []}
    return cal.Row("f", "odd", "r", labels, [], [], mentions or [], False)


def test_values_sets_and_restores_the_constants(cal: ModuleType) -> None:
    now = vars(scoring)  # read live: the names are Final to the type checker
    before = (now["MIN_REGION_SHARE"], now["SECONDARY_PLACE_MENTIONS"])
    with cal.values(dict(cal.CURRENT, MIN_REGION_SHARE=0.4, SECONDARY_PLACE_MENTIONS=3.0)):
        assert now["MIN_REGION_SHARE"] == 0.4
        assert now["SECONDARY_PLACE_MENTIONS"] == 3
        assert isinstance(now["SECONDARY_PLACE_MENTIONS"], int)
    assert before == (now["MIN_REGION_SHARE"], now["SECONDARY_PLACE_MENTIONS"])


def test_scaled_weighs_desks_and_datelines_apart(cal: ModuleType) -> None:
    mentions = [
        _mention("desk", "desk", 0.5),
        _mention("located", "desk", 0.9),
        _mention("located", "city", 3.0),
        _mention("located", "dateline-extra", 3.0),
        _mention("body", "country", 1.0),
    ]
    assert cal._scaled(mentions, 1.0, 1.0) is mentions
    got = [m.weight for m in cal._scaled(mentions, 2.0, 0.5)]
    assert got == [1.0, 1.8, 1.5, 3.0, 1.0]
    assert [m.weight for m in mentions] == [0.5, 0.9, 3.0, 3.0, 1.0]  # copies scaled


def test_grid_moves_one_constant_a_point_and_starts_at_the_current_values(
    cal: ModuleType,
) -> None:
    points = cal.grid("small")
    assert points[0] == cal.CURRENT
    for p in points[1:]:
        assert sum(p[k] != cal.CURRENT[k] for k in p) == 1
    assert len(cal.grid("wide")) > len(points)


def test_breakdown_counts_each_kind(cal: ModuleType) -> None:
    tagger = SimpleNamespace(table=SimpleNamespace(countries={"FR": ("europe",)}))
    dateline = [_mention("located", "city", 3.0)]
    rows = [
        _row(cal, ["europe"]),
        _row(cal, ["europe"]),
        _row(cal, ["africa"], dateline),
        _row(cal, ["africa", "europe"]),
        _row(cal, ["africa"]),
        _row(cal, ["africa", "europe"]),
        _row(cal, []),
    ]
    preds = [
        ["europe"],  # right
        [],  # unlocated, gold has a region
        ["europe"],  # wrong place, the dateline's country first
        ["europe", "africa"],  # order only
        ["africa", "asia-pacific"],  # a passing mention added
        ["africa"],  # a second region left out
        ["europe"],  # located, gold none
    ]
    ids: dict[str, list[str]] = {}
    c = cal.breakdown(tagger, rows, preds, ids)["odd"]
    assert c["rows"] == 7
    assert c["rows with an error"] == 6
    assert c["unlocated: none, gold has"] == 1
    assert c["  of which with counted evidence (below the floor)"] == 0
    assert c["unlocated: located, gold none"] == 1
    assert c["wrong place: no predicted region right"] == 1
    assert c["  (either) the dateline's country leads"] == 1
    assert c["wrong primary: a right region, not first"] == 1
    assert c["  of which order only (the set right)"] == 1
    assert c["extra region beside a right one"] == 1
    assert c["  of which with the primary right"] == 1
    assert c["missed region beside a right one"] == 1
    assert c["  of which with the primary right (a second region left out)"] == 1
    assert set(c) <= set(cal.KINDS)
    assert len(ids["wrong place: no predicted region right"]) == 1
