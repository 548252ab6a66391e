"""Faust's table-operation counts survive our cheaper monitor."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from faust.types import TP

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


class _Task:
    pass


class _Stream:
    """What the per-event sensors read of a Faust stream."""

    def __init__(self, label: str) -> None:
        self.shortlabel = f"Stream: Topic: {label}"
        self.task_owner = _Task()

    def __str__(self) -> str:
        return self.shortlabel


def _drive(monitor: Any, clear_on_a_thread: bool = False) -> None:
    raw, items = TP("w.raw", 0), TP("w.items", 1)
    parse, route = _Stream("w.raw"), _Stream("w.items")
    for offset in range(5):
        for tp, stream in ((raw, parse), (items, route)):
            monitor.track_tp_end_offset(tp, 10 + offset)
            monitor.on_message_in(tp, offset, SimpleNamespace())
            monitor.on_stream_event_in(tp, offset, stream, SimpleNamespace())
    if clear_on_a_thread:  # as Faust's aiokafka listener calls on_rebalance_start
        import threading

        consumer = threading.Thread(target=monitor._clear_partition_related_metrics)
        consumer.start()
        consumer.join()
    else:
        monitor._clear_partition_related_metrics()  # a rebalance: Faust removes children
    for offset in range(5, 7):
        monitor.track_tp_end_offset(items, 20 + offset)
        monitor.on_message_in(items, offset, SimpleNamespace())
        monitor.on_stream_event_in(items, offset, route, SimpleNamespace())


@pytest.mark.parametrize("clear_on_a_thread", [False, True])
def test_per_record_sensors_export_what_fausts_monitor_exports(clear_on_a_thread: bool) -> None:
    from faust.sensors.prometheus import FaustMetrics, PrometheusMonitor

    ours, theirs = Metrics(), Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, ours)
    _drive(app.monitor, clear_on_a_thread)
    _drive(
        PrometheusMonitor(metrics=FaustMetrics.create(theirs.registry, "faust")), clear_on_a_thread
    )

    def exported(metrics: Metrics) -> list[str]:
        return [
            line
            for line in metrics.exposition().decode().splitlines()
            if line.startswith("faust_") and "_created" not in line
        ]

    assert exported(ours) == exported(theirs)
    text = "\n".join(exported(ours))
    assert 'faust_messages_received_per_topics_partition{partition="1",topic="w.items"} 6.0' in text
    assert 'faust_topic_partition_end_offset{partition="1",topic="w.items"} 26.0' in text
    assert 'topic="w.raw"' not in text.replace("faust_messages_received_per_topics{", "")
    assert app.monitor.events_total == 12


def test_the_fast_observer_counts_what_observe_counts() -> None:
    from prometheus_client import CollectorRegistry
    from prometheus_client import Histogram as PHistogram

    from streams.worker.metrics import STAGE_BUCKETS, observer

    values = [0.0, 0.0001, 0.00010001, 0.003, 0.25, 1.0, 1.5, 1e9, -1.0, float("inf")]
    values.append(float("nan"))
    registries = CollectorRegistry(), CollectorRegistry()
    theirs, ours = (
        PHistogram("h", "h", ["stage"], buckets=STAGE_BUCKETS, registry=r) for r in registries
    )
    fast = observer(ours.labels(stage="parse"))
    assert fast != ours.labels(stage="parse").observe  # the fast path, not a fallback
    for value in values:
        theirs.labels(stage="parse").observe(value)
        fast(value)
    samples = [
        sorted(
            (s.name, tuple(s.labels.items()), repr(s.value))
            for m in r.collect()
            for s in m.samples
            if not s.name.endswith("_created")  # when each was made
        )
        for r in registries
    ]
    assert samples[0] == samples[1]
    assert observer(ours).__self__ is ours  # the labelled parent is not observable: observe


def test_per_record_counts_wait_for_a_collection(monkeypatch: Any) -> None:
    """Records, events, table operations and items move no Prometheus value (a check and a
    lock each) until the registry is collected; then it has every count."""
    from prometheus_client.values import MutexValue

    moved: list[str] = []
    for name in ("inc", "set"):
        real = getattr(MutexValue, name)

        def counted(self: Any, *args: Any, _real: Any = real, _name: str = name) -> None:
            moved.append(_name)
            _real(self, *args)

        monkeypatch.setattr(MutexValue, name, counted)
    metrics = Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, metrics)
    monitor = app.monitor
    tp, stream, table = TP("w.items", 0), _Stream("w.items"), SimpleNamespace(name="dedup")
    for offset in range(50):
        monitor.track_tp_end_offset(tp, 100)
        message = SimpleNamespace(time_in=None)
        monitor.on_message_in(tp, offset, message)
        monitor.on_stream_event_in(tp, offset, stream, SimpleNamespace())
        monitor.on_table_get(table, "k")
        monitor.on_stream_event_out(tp, offset, stream, SimpleNamespace())
        monitor.on_message_out(tp, offset, message)
        metrics.raw_in()
        metrics.item("routed", ["europe"])
    assert moved == []
    assert metrics.registry.get_sample_value("faust_messages_received_total") == 50
    assert moved  # applied by the collection
    assert metrics.registry.get_sample_value("faust_active_messages") == 0
    assert metrics.registry.get_sample_value("faust_total_events_total") == 50
    assert _count(metrics, "keys_retrieved") == 50
    assert metrics.registry.get_sample_value("wire_raw_messages_total") == 50
    assert metrics.registry.get_sample_value("wire_region_items_total", {"region": "europe"}) == 50
    assert (
        metrics.registry.get_sample_value(
            "faust_topic_partition_end_offset", {"topic": "w.items", "partition": "0"}
        )
        == 100
    )


def test_held_observations_reach_the_histogram_when_collected(monkeypatch: Any) -> None:
    """Stage timings and latencies with the metrics' tally: no Prometheus value moves per
    observation; a collection finds what ``observe`` would have counted (the sum as one
    partial sum, so compared to a few ulps)."""
    import math

    from prometheus_client import CollectorRegistry
    from prometheus_client import Histogram as PHistogram
    from prometheus_client.values import MutexValue

    from streams.worker.metrics import STAGE_BUCKETS, observer

    registry = CollectorRegistry()
    theirs = PHistogram("h", "h", ["stage"], buckets=STAGE_BUCKETS, registry=registry)
    metrics = Metrics()
    ours = PHistogram("h", "h", ["stage"], buckets=STAGE_BUCKETS, registry=metrics.registry)
    held = observer(ours.labels(stage="parse"), metrics.tally)
    values = [0.0, 0.0001, 0.00010001, 0.003, 0.25, 1.0, 1.5, 1e9, -1.0, 0.07] * 3
    real = MutexValue.inc
    moved: list[float] = []

    def counted(self: Any, amount: float) -> None:
        moved.append(amount)
        real(self, amount)

    monkeypatch.setattr(MutexValue, "inc", counted)
    for value in values:
        held(value)
    assert moved == []
    monkeypatch.setattr(MutexValue, "inc", real)
    for value in values:
        theirs.labels(stage="parse").observe(value)

    def samples(registry: Any) -> dict[tuple[str, tuple[Any, ...]], float]:
        return {
            (s.name, tuple(s.labels.items())): s.value
            for m in registry.collect()
            for s in m.samples
            if s.name.startswith("h_") and not s.name.endswith("_created")
        }

    mine, want = samples(metrics.registry), samples(registry)
    assert mine.keys() == want.keys()
    for key, value in want.items():
        assert math.isclose(mine[key], value, rel_tol=1e-12), key
    held(float("nan"))  # no bucket takes it; the sum becomes NaN, as with observe
    assert math.isnan(metrics.registry.get_sample_value("h_sum", {"stage": "parse"}) or 0.0)
    assert metrics.registry.get_sample_value("h_count", {"stage": "parse"}) == len(values)


def test_held_updates_stay_bounded_when_nobody_scrapes() -> None:
    """The tally holds one entry a metric child, not one an update: a worker nobody scrapes
    holds as much after 4,000 records as after 400, and a late scrape still gets every count
    (review hrev35b, session 35)."""
    metrics = Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, metrics)
    monitor, tally = app.monitor, metrics.tally
    tp, stream, table = TP("w.items", 0), _Stream("w.items"), SimpleNamespace(name="dedup")
    sizes = []
    for offset in range(4000):
        monitor.track_tp_end_offset(tp, offset + 1)
        message = SimpleNamespace(time_in=None)
        monitor.on_message_in(tp, offset, message)
        monitor.on_stream_event_in(tp, offset, stream, SimpleNamespace())
        monitor.on_table_get(table, "k")
        monitor.on_stream_event_out(tp, offset, stream, SimpleNamespace())
        monitor.on_message_out(tp, offset, message)
        metrics.raw_in()
        metrics.item(("routed", "duplicate")[offset % 2], ["europe", "asia"][: offset % 3])
        metrics.stage("parse", offset / 1000)
        metrics.latency(offset / 100)
        if offset in (399, 3999):
            sizes.append((len(tally.adds), len(tally.sets), len(tally.flushes)))
    assert sizes[0] == sizes[1]
    assert sizes[1][0] <= 12 and sizes[1][1] <= 4
    assert metrics.registry.get_sample_value("wire_raw_messages_total") == 4000
    assert metrics.registry.get_sample_value("faust_messages_received_total") == 4000
    assert metrics.registry.get_sample_value("wire_end_to_end_latency_seconds_count") == 4000
    assert not tally.adds and not tally.sets  # applied, and forgotten


def test_a_rebalance_started_on_the_consumer_thread_leaves_the_tally_to_the_loop(
    monkeypatch: Any,
) -> None:
    """Faust's aiokafka listener calls ``app.on_rebalance_start`` (so the monitor's partition
    clear) on the consumer's own thread, while the loop's thread adds to the tally: a flush
    there could lose adds or break off with "dictionary changed size during iteration". The
    clear applies the tally only on the tally's own thread (the loop's; ``on_rebalance_end``
    clears there too); what it leaves is applied by the next collection, the same exposition
    (the removed children's counts were not exported either way). Review hrev35b."""
    import threading

    from prometheus_client.values import MutexValue

    metrics = Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, metrics)
    monitor = app.monitor
    tp = TP("w.items", 0)
    for offset in range(5):
        monitor.on_message_in(tp, offset, SimpleNamespace(time_in=None))
        metrics.raw_in()
        metrics.stage("parse", 0.01)
    moved: list[str] = []
    real = MutexValue.inc

    def counted(self: Any, *args: Any) -> None:
        moved.append(threading.current_thread().name)
        real(self, *args)

    monkeypatch.setattr(MutexValue, "inc", counted)
    consumer = threading.Thread(target=monitor._clear_partition_related_metrics, name="consumer")
    consumer.start()
    consumer.join()
    assert "consumer" not in moved  # nothing applied off the loop's thread
    assert metrics.registry.get_sample_value("wire_raw_messages_total") == 5
    assert metrics.registry.get_sample_value("faust_messages_received_total") == 5
    assert metrics.registry.get_sample_value("wire_stage_seconds_count", {"stage": "parse"}) == 5
    monitor.on_message_in(tp, 5, SimpleNamespace(time_in=None))
    monitor._clear_partition_related_metrics()  # on the loop's thread: applied
    assert not metrics.tally.adds
