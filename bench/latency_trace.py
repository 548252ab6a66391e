"""Where an item's end-to-end latency goes, stage by stage, measured inside the worker.

``python -m bench --systems wirestream --trace-worker`` runs the Wirestream worker through
``python -m bench.latency_trace OUT.json``: the real worker, with timestamps taken at the
points an item passes (no change to the worker's code, so figures are of the code as shipped):

* fetched: the record leaves aiokafka for Faust (``Consumer._to_message``);
* batch start / compute end (delivery begins) / acked / state written / batch end, per agent
  batch (``Stages.parse_batch``, ``Stages.route_batch``, ``Deliverer.deliver``,
  ``Stages._apply_state``);
* garbage collections (``gc.callbacks``): start, duration and generation.

Per item, the path is raw record timestamp -> stage-1 fetch -> stage-1 batch start -> its
records sent -> acked -> ``wire.items`` record fetched -> stage-2 batch start -> routed records
sent (the output timestamp the bench's latency ends at) -> acked -> state written.
:func:`breakdown` splits each segment into "waiting for the agent" (the agent was still busy
with its previous batch) and "waiting to start" (the agent was free: batch fill wait and the
event loop running other work), for every item and for the slowest 1%.
"""

from __future__ import annotations

import bisect
import contextvars
import gc
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson


def _ms() -> float:
    return time.time() * 1000.0


def _runq_ms() -> float:
    """Milliseconds this thread has spent ready to run but waiting for a CPU (the kernel's
    schedstat; 0 where it is not available)."""
    try:
        with open("/proc/thread-self/schedstat", "rb") as f:
            return int(f.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


class Trace:
    """The worker's timestamps, written as JSON when the worker stops."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.fetched: dict[tuple[str, int, int], float] = {}
        self.batches: list[dict[str, Any]] = []
        self.gcs: list[tuple[float, float, int, int]] = []
        self._gc_started = 0.0
        self.current: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
            "batch", default=None
        )
        self.asked: dict[str, float] = {}
        #: Fetch responses as aiokafka unpacks them: (topic, partition, first offset, ms).
        self.arrivals: list[tuple[str, int, int, float]] = []
        #: Fetched records as the consumer thread hands them to Faust's loop: (topic,
        #: partition, first offset, ms).
        self.handed: list[tuple[str, int, int, float]] = []
        self.frozen_at: float | None = None
        #: (ms, the agents' thread's run-queue wait in ms) at each batch's start and end.
        self.runq: list[tuple[float, float]] = []
        #: Objects tracked (not frozen) when each full collection began.
        self.gen2_sizes: list[tuple[float, int]] = []
        #: Per 100 ms of wall time: ms the agents' event loop spent blocked in ``select``
        #: (idle: nothing ready), its loop turns, and the same for the other threads' loops
        #: (Faust's consumer thread).
        self.loop: dict[int, list[float]] = {}
        #: Faust's flow control per record buffer: (ms, topic, "high" | "full" | "drop"):
        #: a buffer at 80% ("high") takes its partition out of the fetch ("full", unless the
        #: worker keeps it in) until it drops to 40%.
        self.flow: list[tuple[float, str, str]] = []
        #: Faust's fetch loop waiting for its next records: (start ms, end ms, the topics
        #: asked for, records got).
        self.waits: list[tuple[float, float, str, int]] = []
        #: The agents' loop's blocked ``select`` calls of 0.5 ms or more: (start ms, ms).
        self.idles: list[tuple[float, float]] = []

    def on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            if info["generation"] == 2:
                self.gen2_sizes.append((_ms(), len(gc.get_objects())))
            self._gc_started = time.perf_counter()
            return
        took = (time.perf_counter() - self._gc_started) * 1000
        self.gcs.append((_ms() - took, took, int(info["generation"]), int(info["collected"])))

    def dump(self) -> None:
        # What the collector still walks at the end (not frozen, tracked), by type: the
        # objects a full collection pays for.
        kinds: dict[str, int] = {}
        for obj in gc.get_objects():
            name = type(obj).__qualname__
            kinds[name] = kinds.get(name, 0) + 1
        heap = sorted(kinds.items(), key=lambda kv: -kv[1])[:25]
        self.out.write_bytes(
            orjson.dumps(
                {
                    "batches": self.batches,
                    "gcs": self.gcs,
                    "arrivals": self.arrivals,
                    "handed": self.handed,
                    "runq": self.runq,
                    "gc_frozen": gc.get_freeze_count(),
                    "frozen_at": self.frozen_at,
                    "tracked_at_end": sum(kinds.values()),
                    "gen2_sizes": self.gen2_sizes,
                    "tracked_by_type": heap,
                    "loop": sorted(self.loop.items()),
                    "flow": self.flow,
                    "waits": self.waits,
                    "idles": self.idles,
                }
            )
        )


def install(out: Path) -> Trace:
    """Wrap the worker's stages and Faust's consumer with timestamps (this process only)."""
    from faust.transport.drivers.aiokafka import Consumer

    from streams.worker.agents import Stages
    from streams.worker.delivery import Deliverer

    trace = Trace(out)
    gc.callbacks.append(trace.on_gc)

    to_message = Consumer._to_message

    def stamped(self: Any, tp: Any, record: Any) -> Any:
        trace.fetched[(record.topic, record.partition, record.offset)] = _ms()
        return to_message(self, tp, record)

    Consumer._to_message = stamped  # type: ignore[method-assign]

    getmany = Consumer._getmany

    async def handed(self: Any, active_partitions: Any, timeout: float) -> Any:
        records = await getmany(self, active_partitions=active_partitions, timeout=timeout)
        at = _ms()
        for tp, rs in (records or {}).items():
            if rs:
                trace.handed.append((tp.topic, tp.partition, rs[0].offset, at))
        return records

    Consumer._getmany = handed  # type: ignore[method-assign]

    _install_idle(trace)

    from aiokafka.consumer import fetcher

    unpack = fetcher.PartitionRecords.__init__

    def arrived(self: Any, tp: Any, records: Any, aborted: Any, fetch_offset: int, *a: Any) -> None:
        trace.arrivals.append((tp.topic, tp.partition, fetch_offset, _ms()))
        unpack(self, tp, records, aborted, fetch_offset, *a)

    fetcher.PartitionRecords.__init__ = arrived  # type: ignore[method-assign]

    from streams.worker import faust_worker

    freeze = getattr(faust_worker, "freeze_startup_heap", None)
    if freeze is not None:  # older code has none

        def frozen() -> int:
            count: int = freeze()
            trace.frozen_at = _ms()
            return count

        faust_worker.freeze_startup_heap = frozen

    def batch(stage: str, original: Any) -> Any:
        async def wrapped(self: Any, events: Sequence[Any]) -> None:
            began = _ms()
            rec: dict[str, Any] = {
                "stage": stage,
                "asked": trace.asked.get(stage, began),
                "start": began,
                "events": [_event(trace, stage, e) for e in events],
            }
            token = trace.current.set(rec)
            trace.runq.append((began, _runq_ms()))
            try:
                await original(self, events)
            finally:
                trace.current.reset(token)
                rec["end"] = trace.asked[stage] = _ms()
                trace.runq.append((rec["end"], _runq_ms()))
                trace.batches.append(rec)

        return wrapped

    Stages.parse_batch = batch("parse", Stages.parse_batch)  # type: ignore[method-assign]
    Stages.route_batch = batch("route", Stages.route_batch)  # type: ignore[method-assign]

    def timed(name: str, original: Any) -> Any:
        async def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            rec = trace.current.get()
            if rec is not None:
                rec.setdefault(f"{name}_start", _ms())
            try:
                return await original(self, *args, **kwargs)
            finally:
                if rec is not None:
                    rec[f"{name}_end"] = _ms()

        return wrapped

    Deliverer.deliver = timed("deliver", Deliverer.deliver)  # type: ignore[method-assign]
    Stages._apply_state = timed("state", Stages._apply_state)  # type: ignore[method-assign]
    return trace


def _install_idle(trace: Trace) -> None:
    """Time the event loops' ``select`` (the main loop's blocked time is the agents' idle
    time), Faust's flow control and its fetch loop's waits for records: why a worker runs on
    less than a core with a backlog to drain (issue #17, session 18)."""
    import selectors
    import threading

    from faust.transport.consumer import Consumer as BaseConsumer

    main_thread = threading.get_ident()
    select = selectors.DefaultSelector.select

    def timed_select(self: Any, timeout: float | None = None) -> Any:
        began = time.perf_counter()
        try:
            return select(self, timeout)
        finally:
            took = (time.perf_counter() - began) * 1000
            cell = trace.loop.setdefault(int(_ms() // 100), [0.0, 0.0, 0.0, 0.0])
            own = 0 if threading.get_ident() == main_thread else 2
            if not own and took >= 0.5:
                trace.idles.append((_ms() - took, took))
            cell[own] += took
            cell[own + 1] += 1

    selectors.DefaultSelector.select = timed_select  # type: ignore[method-assign]

    from faust.sensors.base import SensorDelegate

    from streams.worker.replay import SeekTrackingConsumer

    high = SensorDelegate.on_topic_buffer_full
    full, drop = SeekTrackingConsumer.on_buffer_full, SeekTrackingConsumer.on_buffer_drop

    def held(consumer: Any, tp: Any) -> bool:
        """Out of the fetch (Faust's loop) or held back by the fetch loop (the inline one)."""
        return tp in consumer._buffered_partitions or tp in getattr(consumer, "room", ())

    def on_high(self: Any, tp: Any) -> None:
        trace.flow.append((_ms(), tp.topic, "high"))
        high(self, tp)

    def on_full(self: Any, tp: Any) -> None:
        full(self, tp)
        if held(self, tp):
            trace.flow.append((_ms(), tp.topic, "full"))

    def on_drop(self: Any, tp: Any) -> None:
        if held(self, tp):
            trace.flow.append((_ms(), tp.topic, "drop"))
        drop(self, tp)

    SensorDelegate.on_topic_buffer_full = on_high  # type: ignore[method-assign]
    SeekTrackingConsumer.on_buffer_full = on_full  # type: ignore[method-assign]
    SeekTrackingConsumer.on_buffer_drop = on_drop  # type: ignore[method-assign]

    from mode.utils.queues import FlowControlQueue

    pressure = FlowControlQueue.in_pressure_high_state

    def pressured(self: Any, callback: Any) -> bool:
        high: bool = pressure(self, callback)
        if high:
            trace.flow.append((_ms(), f"queue.{self.qsize()}/{self.maxsize}", "size"))
        return high

    FlowControlQueue.in_pressure_high_state = pressured  # type: ignore[method-assign]

    try:
        from streams.worker import drain
    except ImportError:  # older code has none
        drain = None  # type: ignore[assignment]
    if drain is not None:
        step = drain.first_step

        def stepped(coro: Any) -> Any:
            rest = step(coro)
            if rest is not None:
                trace.flow.append((_ms(), "handover.waits", "size"))
            return rest

        drain.first_step = stepped

    wait_next = BaseConsumer._wait_next_records

    async def waited(self: Any, timeout: float) -> Any:
        began = _ms()
        records, active = await wait_next(self, timeout)
        topics = ",".join(sorted({tp.topic.rsplit(".", 1)[-1] for tp in active or ()}))
        n = sum(len(v) for v in (records or {}).values())
        trace.waits.append((began, _ms(), topics, n))
        return records, active

    BaseConsumer._wait_next_records = waited  # type: ignore[method-assign]


def idle(paths: Path | Sequence[Path], until_ms: float) -> dict[str, Any]:
    """The saturation phase (the first batch + 1 s to ``until_ms``), one process's trace:
    the agents' loop's idle share and turns per second, the consumer thread's loop's idle
    share, Faust's buffer-full events by topic, and its fetch loop's waits for records."""
    parts = [orjson.loads(p.read_bytes()) for p in ([paths] if isinstance(paths, Path) else paths)]
    out: dict[str, Any] = {}
    for n, data in enumerate(parts):
        starts = [b["start"] for b in data["batches"] if b["start"] < until_ms]
        ends = [b["end"] for b in data["batches"] if b["end"] < until_ms]
        if not starts or "loop" not in data:
            continue
        lo, hi = min(starts) + 1000, max(ends)
        if hi <= lo:
            continue
        span = hi - lo
        cells = [c for k, c in data["loop"] if lo <= k * 100 < hi - 100]
        waits = [w for w in data["waits"] if lo <= w[0] < hi]
        by_topics: dict[str, list[float]] = {}
        for began, end, topics, got in waits:
            acc = by_topics.setdefault(topics or "-", [0, 0.0, 0])
            acc[0] += 1
            acc[1] += end - began
            acc[2] += got
        flow: dict[str, int] = {}
        for at, topic, kind in data["flow"]:
            if lo <= at < hi and kind != "drop":
                key = f"{topic.rsplit('.', 1)[-1]} {kind}"
                flow[key] = flow.get(key, 0) + 1
        held = _held(data["flow"])
        idle_held = sum(c[0] for k, c in data["loop"] if lo <= k * 100 < hi - 100 and held(k))
        held_s = sum(1 for k, _ in data["loop"] if lo <= k * 100 < hi - 100 and held(k)) / 10
        sizes: dict[str, list[int]] = {}
        for b in data["batches"]:
            if lo <= b["start"] < hi:
                sizes.setdefault(b["stage"], []).append(len(b["events"]))
        secs = len(cells) / 10 or 1.0
        why = _idle_by_state(data, lo, hi)
        out[str(n)] = {
            "seconds": round(span / 1000, 1),
            "loop_idle_share": round(sum(c[0] for c in cells) / (secs * 1000), 3),
            "loop_turns_per_s": round(sum(c[1] for c in cells) / secs),
            "thread_idle_share": round(sum(c[2] for c in cells) / (secs * 1000), 3),
            "buffer_full": flow,
            "held_s": held_s,
            "idle_while_held_ms": round(idle_held),
            "batches": {st: [len(v), round(sum(v) / len(v), 1)] for st, v in sizes.items()},
            "idle_by_state_ms": why,
            "fetch_waits": {
                t: {"n": a[0], "ms": round(a[1]), "records": a[2]} for t, a in by_topics.items()
            },
        }
    return out


def _idle_by_state(data: dict[str, Any], lo: float, hi: float) -> dict[str, int]:
    """The agents' loop's idle ms by what each stage was doing at the middle of each idle
    stretch: ``acks`` (in its delivery: sent, waiting for acknowledgements), ``state`` (its
    state write), ``batch`` (elsewhere in a batch), ``none`` (between batches: no events)."""
    spans: dict[str, list[tuple[float, float, str]]] = {}
    for b in data["batches"]:
        parts = spans.setdefault(b["stage"], [])
        parts.append((b["start"], b["end"], "batch"))
        if "deliver_start" in b:
            parts.append((b["deliver_start"], b["deliver_end"], "acks"))
        if "state_start" in b:
            parts.append((b["state_start"], b["state_end"], "state"))
    out: dict[str, float] = {}
    for began, took in data.get("idles", ()):
        if not lo <= began < hi:
            continue
        mid = began + took / 2
        key = []
        for stage in ("parse", "route"):
            now = "none"
            for a, b, kind in spans.get(stage, ()):
                if a <= mid < b and (now in ("none", "batch")):
                    now = kind
            key.append(f"{stage}:{now}")
        out[" ".join(key)] = out.get(" ".join(key), 0.0) + took
    return {k: round(v) for k, v in sorted(out.items(), key=lambda kv: -kv[1])}


def _held(flow: Sequence[Sequence[Any]]) -> Any:
    """Whether, in a 100 ms cell, some partition was out of the fetch (buffer full)."""
    spans: list[tuple[float, float]] = []
    opened: dict[str, float] = {}
    for at, topic, kind in sorted(flow):
        if kind == "full":
            opened.setdefault(topic, at)
        elif kind == "drop" and topic in opened:
            spans.append((opened.pop(topic), at))
    spans += [(at, float("inf")) for at in opened.values()]

    def inside(cell: int) -> bool:
        return any(a < (cell + 1) * 100 and cell * 100 < b for a, b in spans)

    return inside


def _event(trace: Trace, stage: str, event: Any) -> dict[str, Any]:
    msg = event.message
    out: dict[str, Any] = {
        "ts": msg.timestamp * 1000 if msg.timestamp else None,
        "fetched": trace.fetched.pop((msg.topic, msg.partition, msg.offset), None),
        "offset": msg.offset,
        "tp": (msg.topic, msg.partition),
    }
    if stage == "route":
        try:
            lineage = orjson.loads(event.value)["wirestream"]["lineage"]
            out["raw_offset"] = lineage["offset"]
        except Exception:  # a dead letter's record or a foreign one: not joined
            out["raw_offset"] = None
    return out


def _pct(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


SEGMENTS = (
    "s1_to_worker",  # raw record timestamp -> the fetch response holding it reaches the worker
    "s1_hop",  # -> the consumer thread hands the response's records to Faust's event loop
    "s1_in_client",  # -> Faust turns the record into a message for the agents
    "s1_agent_busy",  # fetched -> the parse agent is free (previous batch still running)
    "s1_to_start",  # agent free -> batch starts (fill wait, event loop busy elsewhere)
    "s1_compute",  # batch start -> its records are sent
    "s1_ack",  # sent -> acknowledged (the batch ends soon after)
    "s2_to_worker",  # acked -> the fetch response with the wire.items record arrives
    "s2_hop",
    "s2_in_client",
    "s2_agent_busy",
    "s2_to_start",
    "s2_compute",  # stage-2 batch start -> routed records sent (the bench's latency ends here)
)


def _merge(paths: Sequence[Path]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """One trace from one or more processes' traces (a split worker writes one per role),
    and each stage's own run-queue stamps (its process's agents' thread)."""
    parts = [orjson.loads(p.read_bytes()) for p in paths]
    data: dict[str, Any] = {
        key: [x for part in parts for x in part.get(key, ())]
        for key in ("batches", "arrivals", "handed", "gen2_sizes")
    }
    data["gcs"] = [g for part in parts for g in part["gcs"]]
    # Collections after each process's own start-up freeze.
    data["gcs_after_freeze"] = [
        g for part in parts for g in part["gcs"] if g[0] > (part.get("frozen_at") or 0)
    ]
    frozen = [part.get("frozen_at") for part in parts]
    data["frozen_at"] = None if None in frozen else max(frozen)
    data["gc_frozen"] = sum(part.get("gc_frozen") or 0 for part in parts)
    ends = [part.get("tracked_at_end") for part in parts]
    data["tracked_at_end"] = None if None in ends else sum(ends)
    kinds: dict[str, int] = {}
    for part in parts:
        for name, n in part.get("tracked_by_type") or ():
            kinds[name] = kinds.get(name, 0) + n
    data["tracked_by_type"] = sorted(kinds.items(), key=lambda kv: -kv[1])[:25]
    runq: dict[str, list[Any]] = {}
    for part in parts:
        series = sorted(part.get("runq", ()))
        for stage in {b["stage"] for b in part["batches"]}:
            runq[stage] = series
    return data, runq


def breakdown(paths: Path | Sequence[Path], since_ms: float) -> dict[str, Any]:
    """Per-item segments (ms) for raw records published from ``since_ms`` on: median, p99,
    mean, and their mean over the slowest 1% of items by end-to-end latency; GC pauses.

    ``paths``: one trace, or one per process of a split worker (``--roles``); each stage's
    run-queue wait is then its own process's."""
    data, runqs = _merge([paths] if isinstance(paths, Path) else list(paths))
    stage1: dict[int, dict[str, Any]] = {}
    for b in data["batches"]:
        if b["stage"] != "parse":
            continue
        for e in b["events"]:
            stage1[e["offset"]] = {"batch": b, "event": e}
    arrivals: dict[tuple[str, int], list[tuple[int, float]]] = {}
    for topic, partition, first, at in data.get("arrivals", ()):
        arrivals.setdefault((topic, partition), []).append((first, at))

    handovers: dict[tuple[str, int], list[tuple[int, float]]] = {}
    for topic, partition, first, at in data.get("handed", ()):
        handovers.setdefault((topic, partition), []).append((first, at))

    def latest(
        known: dict[tuple[str, int], list[tuple[int, float]]],
    ) -> Any:
        firsts = {tp: [first for first, _ in sorted(v)] for tp, v in known.items()}
        for v in known.values():
            v.sort()

        def at(event: dict[str, Any], default: float | None = None) -> float:
            tp = (event["tp"][0], event["tp"][1])
            n = bisect.bisect_right(firsts.get(tp, []), event["offset"])
            if n:
                return float(known[tp][n - 1][1])
            return float(event["fetched"]) if default is None else default

        return at

    #: When the fetch response holding the event's record reached the worker (its fetch time
    #: if no response is known), and when its records reached Faust's loop (the response's
    #: time if not known: older traces keep their client segment whole).
    arrival = latest(arrivals)
    handover = latest(handovers)

    def waiting(stage: str) -> Any:
        runq = runqs.get(stage, [])
        runq_at = [at for at, _ in runq]

        def waited(t: float) -> float:
            """The stage's agents' thread's run-queue wait (ms) up to the last stamp before
            ``t``."""
            n = bisect.bisect_right(runq_at, t)
            return float(runq[n - 1][1]) if n else 0.0

        return waited

    waited1, waited2 = waiting("parse"), waiting("route")

    rows: list[dict[str, float]] = []
    for b in data["batches"]:
        if b["stage"] != "route":
            continue
        for e in b["events"]:
            first = stage1.get(e.get("raw_offset")) if e.get("raw_offset") is not None else None
            if first is None or first["event"]["ts"] is None or first["event"]["ts"] < since_ms:
                continue
            b1, e1 = first["batch"], first["event"]
            if e1["fetched"] is None or e["fetched"] is None or "deliver_start" not in b:
                continue
            free1 = max(e1["fetched"], b1["asked"])
            free2 = max(e["fetched"], b["asked"])
            a1, a2 = arrival(e1), arrival(e)
            h1, h2 = max(a1, handover(e1, a1)), max(a2, handover(e, a2))
            row = {
                "s1_to_worker": a1 - e1["ts"],
                "s1_hop": h1 - a1,
                "s1_in_client": e1["fetched"] - h1,
                "s1_agent_busy": free1 - e1["fetched"],
                "s1_to_start": b1["start"] - free1,
                "s1_compute": b1["deliver_start"] - b1["start"],
                "s1_ack": b1["deliver_end"] - b1["deliver_start"],
                "s2_to_worker": a2 - b1["deliver_end"],
                "s2_hop": h2 - a2,
                "s2_in_client": e["fetched"] - h2,
                "s2_agent_busy": free2 - e["fetched"],
                "s2_to_start": b["start"] - free2,
                "s2_compute": b["deliver_start"] - b["start"],
            }
            row["total"] = b["deliver_start"] - e1["ts"]
            # Of the total, how long the agents' thread was ready to run but had no CPU
            # (other processes on the machine): overlaps the segments above.
            # Stage 1's process until its records are acknowledged, then stage 2's (the
            # same thread in one process, so the two parts add up to one span).
            handed_on = b1["deliver_end"]
            row["runq_wait"] = (
                waited1(handed_on) - waited1(e1["ts"]) + waited2(b["deliver_start"])
            ) - waited2(handed_on)
            row["total_less_runq"] = row["total"] - row["runq_wait"]
            row["s1_events"] = len(b1["events"])
            row["s2_events"] = len(b["events"])
            row["raw_ts"] = e1["ts"]
            row["end"] = b["deliver_start"]
            row["raw_offset"] = e1["offset"]
            rows.append(row)
    out: dict[str, Any] = {"items": len(rows)}
    if not rows:
        return out
    slow = sorted(rows, key=lambda r: r["total"])[-max(1, len(rows) // 100) :]
    for name in (*SEGMENTS, "total", "runq_wait", "total_less_runq", "s1_events", "s2_events"):
        values = [r[name] for r in rows]
        out[name] = {
            "p50": _pct(values, 0.5),
            "p99": _pct(values, 0.99),
            "mean": round(sum(values) / len(values), 1),
            "slowest_1pct_mean": round(sum(r[name] for r in slow) / len(slow), 1),
        }
    begin = min(r["raw_ts"] for r in rows)
    end = max(r["end"] for r in rows)
    # Share of the fixed-rate phase the agents' thread spent waiting for a CPU.
    shares = {
        stage: round((w(end) - w(begin)) / max(1.0, end - begin), 3)
        for stage, w in (("parse", waited1), ("route", waited2))
    }
    if runqs.get("parse") is runqs.get("route"):  # one process
        out["runq_share"] = shares["parse"]
    else:  # two processes: each one's share, and their mean
        out["runq_share"] = round((shares["parse"] + shares["route"]) / 2, 3)
        out["runq_share_by_stage"] = shares
    gcs = [g for g in data["gcs"] if begin <= g[0] <= end]
    frozen_at = data.get("frozen_at")
    out["gc"] = {
        "window_s": round((end - begin) / 1000, 1),
        "frozen_objects": data.get("gc_frozen"),
        **{
            f"gen{gen}": {
                "count": len(these := [g[1] for g in gcs if g[2] == gen]),
                "total_ms": round(sum(these), 1),
                "max_ms": round(max(these), 1) if these else None,
            }
            for gen in (0, 1, 2)
        },
    }
    # Slow items whose path overlapped a full (gen-2) collection.
    full = [(g[0], g[0] + g[1]) for g in gcs if g[2] == 2]
    out["slowest_1pct_overlapping_gen2"] = sum(
        1 for r in slow if any(s < r["end"] and e > r["raw_ts"] for s, e in full)
    )
    out["slowest_1pct"] = len(slow)
    # How many separate waits the slowest 1% are: the items of one raw message, and of one
    # stage-2 batch, share theirs, so a p99 over few of them is set by one or two stalls.
    out["slowest_1pct_spread"] = {
        "raw_messages": len({r["raw_offset"] for r in slow}),
        "stage2_batches": len({r["end"] for r in slow}),
    }
    out["tracked_at_end"] = data.get("tracked_at_end")
    out["tracked_by_type"] = data.get("tracked_by_type")
    # After start-up (the heap frozen, when the code does), saturation and fixed rate.
    after = data["gcs_after_freeze"]
    out["gc_whole_run"] = {
        "since_freeze": frozen_at is not None,
        **{
            f"gen{gen}": {
                "count": len(these := [g[1] for g in after if g[2] == gen]),
                "total_ms": round(sum(these), 1),
                "max_ms": round(max(these), 1) if these else None,
            }
            for gen in (0, 1, 2)
        },
    }
    out["gen2_detail"] = [{"ms": round(g[1], 1), "collected": g[3]} for g in after if g[2] == 2]
    out["gen2_sizes"] = [n for _, n in data.get("gen2_sizes", ())]
    return out


def main(argv: list[str]) -> None:
    """``python -m bench.latency_trace OUT.json [wire worker args]``: the traced worker."""
    from streams.cli import main as cli

    trace = install(Path(argv[0]))
    try:
        cli(["worker", "-l", "warn", *argv[1:]])
    finally:
        trace.dump()


if __name__ == "__main__":
    main(sys.argv[1:])
