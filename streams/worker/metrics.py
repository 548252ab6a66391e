"""Prometheus metrics: our counters and histograms next to Faust's own sensor metrics.

Each app gets its own :class:`~prometheus_client.CollectorRegistry` (tests build
several apps in one process; the global registry would refuse duplicate names).
Faust's :class:`~faust.sensors.prometheus.PrometheusMonitor` works with
prometheus-client 0.26 and becomes the app's monitor, with the fixed prefix
``faust_`` so dashboards do not depend on the app id. We do not use Faust's
``setup_prometheus_sensors`` because its ``/metrics`` page has no token check;
:mod:`streams.worker.web` serves the registry at ``/metrics`` behind the same rule as
the other data pages.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client import Counter as PCounter
from prometheus_client import Histogram as PHistogram

#: Seconds: from sub-millisecond stage timings to a slow multi-megabyte parse.
STAGE_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)
#: Seconds from the raw record's timestamp to the item being routed.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Tally:
    """Counter and gauge updates held back until the registry is collected.

    Per record and per item the worker moved a dozen Prometheus counters and gauges, each
    ``inc`` or ``set`` a check of the metric and a lock taken: 1.5-2% of the worker's GIL
    samples in py-spy (``bench/README.md``, session 35). Here an update is a dict entry: the
    child (or unlabelled metric) and the amount to add, or the last value set. Registered as a
    collector before any metric of the registry, so every collection (``/metrics``,
    ``get_sample_value``) applies them first and reads the values it would have read.
    Counts are whole numbers, so adding them at once is exact; a gauge moved both ways
    (active messages, active events) gets its net change.
    """

    def __init__(self) -> None:
        #: child -> amount to add (counters; gauges moved up and down: the net)
        self.adds: dict[Any, float] = {}
        #: child -> the last value set (gauges)
        self.sets: dict[Any, float] = {}
        #: what else to apply first (the held-back histogram observations, :func:`observer`)
        self.flushes: list[Callable[[], None]] = []
        #: The thread that adds (the event loop's): the held dicts are not locked, so only
        #: this thread may flush them while it runs (:meth:`own_thread`).
        self.thread = threading.get_ident()

    def add(self, child: Any, amount: float = 1) -> None:
        adds = self.adds
        adds[child] = adds.get(child, 0) + amount

    def set(self, child: Any, value: float) -> None:
        self.sets[child] = value

    def own_thread(self) -> bool:
        """Whether the caller runs on the thread that adds (a flush here is safe)."""
        return threading.get_ident() == self.thread

    def flush(self) -> None:
        """Apply every held update to its metric."""
        for flush in self.flushes:
            flush()
        adds, self.adds = self.adds, {}
        sets, self.sets = self.sets, {}
        for child, amount in adds.items():
            if amount:
                child.inc(amount)
        for child, value in sets.items():
            child.set(value)

    def describe(self) -> list[Any]:
        return []  # no series of its own: nothing to clash with in the registry

    def collect(self) -> list[Any]:
        self.flush()
        return []


class Metrics:
    """The :class:`streams.worker.stats.Sink` that feeds Prometheus."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        #: Held-back counter updates (:class:`Tally`), applied before anything is collected:
        #: registered first, so it is collected first.
        self.tally = Tally()
        r.register(self.tally)
        self.raw = PCounter("wire_raw_messages", "Raw messages taken from wire.raw", registry=r)
        self.items = PCounter(
            "wire_items", "Items leaving stage 2, by dedup status", ["status"], registry=r
        )
        self.routed = PCounter(
            "wire_region_items",
            "Records written to regional topics (an item counts once per region)",
            ["region"],
            registry=r,
        )
        self.dead_letters = PCounter(
            "wire_dead_letters", "Inputs sent to the dead-letter topic", ["reason"], registry=r
        )
        self.stages = PHistogram(
            "wire_stage_seconds",
            "Time spent per pipeline stage and message (parse includes normalise)",
            ["stage"],
            buckets=STAGE_BUCKETS,
            registry=r,
        )
        self.remote_lag = PHistogram(
            "wire_dedup_remote_lag_seconds",
            "From a dedup changelog record's write to another worker's index having it",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.latency_seconds = PHistogram(
            "wire_end_to_end_latency_seconds",
            "From the raw record's timestamp to the item being routed",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )

        # ``labels()`` costs more than the increment; children are cached per label value.
        self._status: dict[str, Any] = {}
        self._region: dict[str, Any] = {}
        #: stage -> the observe function of its histogram child (:func:`observer`)
        self._stage: dict[str, Callable[[float], None]] = {}
        self._latency = observer(self.latency_seconds, self.tally)

    # -- Sink ----------------------------------------------------------------------------------
    def raw_in(self) -> None:
        self.tally.add(self.raw)

    def item(self, status: str, regions: list[str]) -> None:
        add = self.tally.add
        child = self._status.get(status)
        if child is None:
            child = self._status[status] = self.items.labels(status=status)
        add(child)
        if status != "duplicate":
            for region in regions:
                child = self._region.get(region)
                if child is None:
                    child = self._region[region] = self.routed.labels(region=region)
                add(child)

    def dead(self, reason: str) -> None:
        self.dead_letters.labels(reason=reason).inc()

    def stage(self, stage: str, seconds: float) -> None:
        observe = self._stage.get(stage)
        if observe is None:
            observe = self._stage[stage] = observer(self.stages.labels(stage=stage), self.tally)
        observe(seconds)

    def latency(self, seconds: float) -> None:
        self._latency(seconds)

    content_type = CONTENT_TYPE

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return generate_latest(self.registry)


def observer(histogram: Any, tally: Tally | None = None) -> Callable[[float], None]:
    """``histogram.observe`` for a histogram (or labelled child) without its per-call
    checks and bucket loop: the bucket found by bisection, then the same two increments.

    Stage timings are observed three times a story (parse, geo, dedup) and the latency once
    a routed item; prometheus-client's ``observe`` checks observability twice and walks the
    bounds in Python (0.9% of the worker's GIL samples in py-spy, ``bench/README.md``, session
    30). Falls back to ``observe`` itself for a histogram without the attributes read here
    (another prometheus-client) and for a NaN, which no bucket takes.

    With a ``tally`` the observations are held too (a bucket count and a running sum in plain
    Python) and applied by its flush, before the registry is collected: no lock per
    observation. The counts are exact; the sum is added as one partial sum per flush, so it
    can differ from adding each observation in turn in its last bits.
    """
    bounds = getattr(histogram, "_upper_bounds", None)
    buckets = getattr(histogram, "_buckets", None)
    total = getattr(histogram, "_sum", None)
    observe: Callable[[float], None] = histogram.observe
    if (
        not isinstance(bounds, list)
        or not isinstance(buckets, list)
        or len(bounds) != len(buckets)
        or not bounds
        or bounds[-1] != math.inf
        or total is None
        or (getattr(histogram, "_labelnames", ()) and not getattr(histogram, "_labelvalues", ()))
    ):
        return observe
    incs = [bucket.inc for bucket in buckets]
    add = total.inc
    if tally is not None:
        return _held(bounds, incs, add, observe, tally)

    def fast(amount: float) -> None:
        if amount != amount:  # NaN: no bucket, as observe does
            observe(amount)
            return
        add(amount)
        incs[bisect_left(bounds, amount)](1)

    return fast


def _held(
    bounds: list[float],
    incs: list[Callable[[float], None]],
    add: Callable[[float], None],
    observe: Callable[[float], None],
    tally: Tally,
) -> Callable[[float], None]:
    """:func:`observer`'s observe with the counts held until ``tally`` flushes."""
    counts = [0] * len(incs)
    held = [0.0, 0]  # the sum, the number of observations

    def flush() -> None:
        if not held[1]:
            return
        total, held[0], held[1] = held[0], 0.0, 0
        add(total)
        for i, n in enumerate(counts):
            if n:
                counts[i] = 0
                incs[i](n)

    def fast(amount: float) -> None:
        if amount != amount:  # NaN: no bucket, as observe does
            flush()
            observe(amount)
            return
        held[0] += amount
        held[1] += 1
        counts[bisect_left(bounds, amount)] += 1

    tally.flushes.append(flush)
    return fast


def install_faust_monitor(app: Any, metrics: Metrics, prefix: str = "faust") -> None:
    """Make Faust's Prometheus monitor the app's monitor, on our registry."""
    from faust.sensors.prometheus import FaustMetrics

    app.monitor = _monitor_class()(
        metrics=FaustMetrics.create(metrics.registry, prefix), tally=metrics.tally
    )


def _monitor_class() -> type:
    """Faust's monitor, with each table operation counted on a cached labelled child.

    Faust resolves ``labels(table=..., operation=...)`` on every table get, set and delete
    (tens per routed item: about 5% of the worker's CPU when profiled); the child for a given
    table and operation never changes, so it is looked up once. The counts are the same.

    The per-record sensors do the same: every record fetched (``track_tp_end_offset``,
    ``on_message_in``: three ``labels`` lookups) and every event an agent takes
    (``on_stream_event_in``: a ``labels`` lookup and the stream's label rebuilt with a
    regular expression) took about 4% of the worker's CPU (py-spy, session 17). Their children
    are cached per topic, partition and stream, and forgotten whenever Faust removes the
    partition-labelled children (a rebalance): a child kept after its removal would be
    counted but no longer exported. Values and exposition are Faust's
    (``tests/unit/worker/test_metrics.py`` compares the two monitors).

    Those per-record counters and gauges (and the table operations) are moved through the
    metrics' :class:`Tally`: applied when the registry is collected, and before Faust removes
    the partition-labelled children when that is on the loop's thread (a rebalance's end; its
    start comes on the consumer's thread, where the tally is left alone). Counts applied to a
    removed child are not exported, as with Faust's monitor.
    """
    from faust.sensors.monitor import Monitor
    from faust.sensors.prometheus import PrometheusMonitor

    class TableOpsMonitor(PrometheusMonitor):
        def __init__(self, *args: Any, tally: Tally, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._tally = tally
            self._table_ops: dict[tuple[str, str], Any] = {}
            #: topic -> messages_received_per_topics child
            self._per_topic: dict[str, Any] = {}
            #: tp -> (messages_received_per_topics_partition, topic_partition_end_offset)
            self._per_tp: dict[Any, tuple[Any, Any]] = {}
            #: stream -> total_events_per_stream child (the stream is held: ids not reused)
            self._per_stream: dict[Any, Any] = {}

        def _tp_children(self, tp: Any) -> tuple[Any, Any]:
            children = self._per_tp.get(tp)
            if children is None:
                metrics = self._metrics
                children = self._per_tp[tp] = (
                    metrics.messages_received_per_topics_partition.labels(
                        topic=tp.topic, partition=tp.partition
                    ),
                    metrics.topic_partition_end_offset.labels(
                        topic=tp.topic, partition=tp.partition
                    ),
                )
            return children

        def on_message_in(self, tp: Any, offset: int, message: Any) -> None:
            Monitor.on_message_in(self, tp, offset, message)
            metrics = self._metrics
            tally = self._tally
            add = tally.add
            add(metrics.messages_received)
            add(metrics.active_messages)
            child = self._per_topic.get(tp.topic)
            if child is None:
                child = self._per_topic[tp.topic] = metrics.messages_received_per_topics.labels(
                    topic=tp.topic
                )
            add(child)
            tally.set(self._tp_children(tp)[0], offset)

        def on_stream_event_in(self, tp: Any, offset: int, stream: Any, event: Any) -> Any:
            state = Monitor.on_stream_event_in(self, tp, offset, stream, event)
            metrics = self._metrics
            add = self._tally.add
            add(metrics.total_events)
            add(metrics.total_active_events)
            child = self._per_stream.get(stream)
            if child is None:
                child = self._per_stream[stream] = metrics.total_events_per_stream.labels(
                    stream=f"stream.{self._stream_label(stream)}.events"
                )
            add(child)
            return state

        def on_stream_event_out(
            self, tp: Any, offset: int, stream: Any, event: Any, state: Any = None
        ) -> None:
            Monitor.on_stream_event_out(self, tp, offset, stream, event, state)
            self._tally.add(self._metrics.total_active_events, -1)
            if state is not None:
                self._metrics.events_runtime_latency.observe(
                    self.secs_to_ms(self.events_runtime[-1])
                )

        def on_message_out(self, tp: Any, offset: int, message: Any) -> None:
            Monitor.on_message_out(self, tp, offset, message)
            self._tally.add(self._metrics.active_messages, -1)

        def track_tp_end_offset(self, tp: Any, offset: int) -> None:
            Monitor.track_tp_end_offset(self, tp, offset)
            self._tally.set(self._tp_children(tp)[1], offset)

        def _clear_partition_related_metrics(self) -> None:
            # The held-back counts first, so the tally lets go of the children Faust is about
            # to remove: only on the loop's thread. Faust's aiokafka listener calls
            # on_rebalance_start on the consumer's thread, where a flush would race the
            # loop's adds (lost counts, or a dict changed during iteration); there the held
            # counts wait for the next collection or on_rebalance_end's clear (on the loop).
            # Applied after the removal they go to removed children: not exported, as with
            # Faust's monitor (review hrev35b, session 35).
            if self._tally.own_thread():
                self._tally.flush()
            super()._clear_partition_related_metrics()
            # Faust removed the labelled children (topic ones too): look them up again.
            self._per_topic.clear()
            self._per_tp.clear()

        def _count(self, table: Any, operation: str) -> None:
            key = (table.name, operation)
            child = self._table_ops.get(key)
            if child is None:
                child = self._metrics.table_operations.labels(
                    table=f"table.{table.name}", operation=operation
                )
                self._table_ops[key] = child
            self._tally.add(child)

        def on_table_get(self, table: Any, key: Any) -> None:
            Monitor.on_table_get(self, table, key)
            self._count(table, self.KEYS_RETRIEVED)

        def on_table_set(self, table: Any, key: Any, value: Any) -> None:
            Monitor.on_table_set(self, table, key, value)
            self._count(table, self.KEYS_UPDATED)

        def on_table_del(self, table: Any, key: Any) -> None:
            Monitor.on_table_del(self, table, key)
            self._count(table, self.KEYS_DELETED)

    return TableOpsMonitor
