"""The Grafana dashboard queries only metrics the worker exports, with the right suffixes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from streams.worker.metrics import Metrics

from .conftest import ROOT

DASHBOARD = ROOT / "deploy" / "grafana" / "wirestream.json"
SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}


@pytest.fixture(scope="module")
def exported() -> dict[str, str]:
    """Every sample name the worker's registry can expose -> its family's type."""
    from faust.sensors.prometheus import FaustMetrics

    metrics = Metrics()
    FaustMetrics.create(metrics.registry, "faust")  # what install_faust_monitor registers
    names: dict[str, str] = {}
    for family in metrics.registry.collect():
        for suffix in SUFFIXES.get(family.type, ("",)):
            names[family.name + suffix] = family.type
    return names


def queries() -> list[str]:
    dash = json.loads(DASHBOARD.read_text())
    return [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]


def test_dashboard_parses_and_every_panel_has_a_query() -> None:
    dash: dict[str, Any] = json.loads(DASHBOARD.read_text())
    assert dash["uid"] and dash["title"]
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dash["panels"]:
        assert panel["targets"] and all(t["expr"].strip() for t in panel["targets"]), panel["title"]


def test_every_metric_in_a_query_is_exported(exported: dict[str, str]) -> None:
    used = {m for q in queries() for m in re.findall(r"\b((?:wire|faust)_[a-z_]+)\b", q)}
    assert used
    assert used <= set(exported), sorted(used - set(exported))


def test_every_wire_metric_is_on_the_dashboard(exported: dict[str, str]) -> None:
    text = " ".join(queries())
    families = {name.rsplit("_", 1)[0] if t != "gauge" else name for name, t in exported.items()}
    ours = {f for f in families if f.startswith("wire_")}
    assert ours and all(f in text for f in ours), sorted(f for f in ours if f not in text)
