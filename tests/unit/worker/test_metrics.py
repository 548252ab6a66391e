"""Faust's table-operation counts survive our cheaper monitor."""

from __future__ import annotations

from types import SimpleNamespace

from streams.worker.metrics import Metrics, install_faust_monitor


def _count(metrics: Metrics, operation: str) -> float | None:
    return metrics.registry.get_sample_value(
        "faust_table_operations_total", {"table": "table.dedup", "operation": operation}
    )


def test_table_operations_are_counted_per_table_and_operation() -> None:
    metrics = Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, metrics)
    table = SimpleNamespace(name="dedup")
    other = SimpleNamespace(name="other")
    for _ in range(3):
        app.monitor.on_table_get(table, "k")
    app.monitor.on_table_set(table, "k", 1)
    app.monitor.on_table_del(table, "k")
    app.monitor.on_table_get(other, "k")

    assert _count(metrics, "keys_retrieved") == 3
    assert _count(metrics, "keys_updated") == 1
    assert _count(metrics, "keys_deleted") == 1
    assert (
        metrics.registry.get_sample_value(
            "faust_table_operations_total", {"table": "table.other", "operation": "keys_retrieved"}
        )
        == 1
    )
    # Faust's own per-table tallies (its monitor's JSON view) still move too.
    assert app.monitor.tables["dedup"].keys_retrieved == 3
