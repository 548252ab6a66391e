"""Live counters behind the dashboard: in-process, per worker, reset on restart.

Memory stays bounded whatever the traffic: per-second buckets for the last ten
minutes, fixed-size sample rings for latencies and timings, the latest few items
per region (kept only when small) and the latest dead letters with their raw
bytes cut at :data:`DEAD_RAW_CAP`. Every event is also forwarded to an optional
:class:`Sink` (the Prometheus metrics), so agents call one object.
"""

from __future__ import annotations

import os
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ParamSpec, Protocol, TypeVar

from streams import compiled
from streams.core.model import RawMessage, WireItem
from streams.errors import WireError

#: Seconds of per-second buckets kept (rates, "last 5 minutes", the chart).
HISTORY_S = 600
#: Window for the "per second" rates shown on the dashboard.
RATE_WINDOW_S = 10
#: Window for "last 5 minutes" totals and latency percentiles.
RECENT_S = 300
#: Resolution of the throughput chart.
SERIES_STEP_S = 5
LATENCY_SAMPLES = 4096
STAGE_SAMPLES = 1024
LATEST_PER_REGION = 8
LATEST_DEAD = 20
#: Items with a longer body are listed but their JSON is not kept.
ITEM_BODY_CAP = 64 * 1024
#: Raw bytes kept per dead letter; the full bytes stay in the dead-letter topic.
DEAD_RAW_CAP = 64 * 1024
STAGES = ("parse", "geo", "dedup")
STATUSES = ("routed", "update", "duplicate", "dead-letter")

P = ParamSpec("P")
R = TypeVar("R")


class Sink(Protocol):
    """Where every event goes besides the in-process view (the Prometheus metrics)."""

    def raw_in(self) -> None: ...
    def item(self, status: str, regions: list[str]) -> None: ...
    def dead(self, reason: str) -> None: ...
    def stage(self, stage: str, seconds: float) -> None: ...
    def latency(self, seconds: float) -> None: ...


@dataclass(slots=True)
class ItemEntry:
    seq: int
    at: float
    uri: str
    headline: str
    regions: list[str]
    status: str
    source: str
    duplicate_of: str | None
    item: WireItem | None  # None when the body was too big to keep
    #: pieces of the input's text the parser placed in no field (wirestream.dropped)
    dropped: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.seq,
            "at": self.at,
            "uri": self.uri,
            "headline": self.headline,
            "regions": self.regions,
            "status": self.status,
            "source": self.source,
            "duplicate_of": self.duplicate_of,
            "json_kept": self.item is not None,
            "dropped": self.dropped,
        }


@dataclass(slots=True)
class DeadEntry:
    seq: int
    at: float
    reason: str
    error: str
    topic: str
    partition: int
    offset: int
    source: str
    filename: str | None
    size: int
    raw: bytes

    @property
    def truncated(self) -> bool:
        return len(self.raw) < self.size

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.seq,
            "at": self.at,
            "reason": self.reason,
            "error": self.error,
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "source": self.source,
            "filename": self.filename,
            "size": self.size,
            "kept_bytes": len(self.raw),
            "truncated": self.truncated,
        }


class Buckets:
    """Per-second counters for the last :data:`HISTORY_S` seconds."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._ring: deque[tuple[int, Counter[str]]] = deque(maxlen=HISTORY_S)

    def add(self, keys: Iterable[str]) -> None:
        second = int(self._clock())
        if not self._ring or self._ring[-1][0] != second:
            self._ring.append((second, Counter()))
        bucket = self._ring[-1][1]
        for key in keys:
            bucket[key] += 1

    def total(self, seconds: int, *, until: int | None = None) -> Counter[str]:
        """Sum over ``[until - seconds, until)`` (``until`` defaults to now, open end)."""
        end = int(self._clock()) + 1 if until is None else until
        out: Counter[str] = Counter()
        for second, bucket in reversed(self._ring):
            if second >= end:
                continue
            if second < end - seconds:
                break
            out.update(bucket)
        return out

    def series(self, keys: tuple[str, ...], points: int, step: int) -> dict[str, Any]:
        """Per-second rates averaged over ``step`` seconds, oldest first, ending before now."""
        end = int(self._clock())
        start = end - points * step
        sums = {k: [0] * points for k in keys}
        for second, bucket in self._ring:
            if start <= second < end:
                slot = (second - start) // step
                for k in keys:
                    sums[k][slot] += bucket.get(k, 0)
        out: dict[str, Any] = {"step_s": step, "end": end}
        out.update({k: [round(v / step, 2) for v in vals] for k, vals in sums.items()})
        return out


def percentiles(values: list[float]) -> dict[str, float | None]:
    """Nearest-rank p50/p95/p99 (None when empty)."""
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    ordered = sorted(values)
    last = len(ordered) - 1
    return {f"p{q}": round(ordered[round(q / 100 * last)], 2) for q in (50, 95, 99)}


def iso_to_epoch(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


@dataclass
class Stats:
    """What the agents report; what the dashboard, ``wire status`` and /metrics read."""

    sink: Sink | None = None
    #: Regions always listed (zeros included), in display order; others appear when seen.
    regions: tuple[str, ...] = ()
    clock: Callable[[], float] = time.time
    started: float = 0.0
    raw_in: int = 0
    items_out: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_region: Counter[str] = field(default_factory=Counter)
    dead_by_reason: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.started = self.started or self.clock()
        self.buckets = Buckets(self.clock)
        self.latency_ring: deque[tuple[float, float]] = deque(maxlen=LATENCY_SAMPLES)
        self.stage_rings: dict[str, deque[float]] = {s: deque(maxlen=STAGE_SAMPLES) for s in STAGES}
        self.latest: dict[str, deque[ItemEntry]] = {}
        self.latest_dead: deque[DeadEntry] = deque(maxlen=LATEST_DEAD)
        self._seq = 0
        self._geo_s = 0.0

    # -- events (called by the agents) ---------------------------------------------------------
    @staticmethod
    def clock_s() -> float:
        """A monotonic start mark for :meth:`on_prepared` / :meth:`on_decided`."""
        return time.perf_counter()

    def on_raw(self) -> float:
        """Count one raw message in; returns the start mark for :meth:`on_prepared`."""
        self.raw_in += 1
        self.buckets.add(("in",))
        if self.sink is not None:
            self.sink.raw_in()
        self._geo_s = 0.0
        return time.perf_counter()

    def on_stage_time(self, stage: str, seconds: float) -> None:
        """The pipeline's stage timer (``Pipeline.timer``): geo time is split out of parse."""
        if stage == "geo":
            self._geo_s += seconds
        self._stage(stage, seconds)

    def on_prepared(self, started: float) -> None:
        """Stage 1 finished (parse, normalise, geo) for one raw message."""
        self._stage("parse", max(0.0, time.perf_counter() - started - self._geo_s))
        self._geo_s = 0.0

    def on_decided(self, started: float) -> None:
        self._stage("dedup", time.perf_counter() - started)

    def on_item(self, item: WireItem) -> None:
        """Stage 2 delivered this item (routed, update or duplicate)."""
        now = self.clock()
        status = item.ext.status
        regions = list(item.ext.regions or ["unlocated"])
        self.by_status[status] += 1
        keys: list[str] = [status]
        if status != "duplicate":
            self.items_out += 1
            keys.append("out")
            for region in regions:
                self.by_region[region] += 1
                keys.append("out:" + region)
        self.buckets.add(keys)
        received = iso_to_epoch(item.ext.lineage.received if item.ext.lineage else None)
        latency = None if received is None else max(0.0, now - received)
        if latency is not None:
            self.latency_ring.append((now, latency * 1000))
        if self.sink is not None:
            self.sink.item(status, regions)
            if latency is not None:
                self.sink.latency(latency)
        self._seq += 1
        entry = ItemEntry(
            seq=self._seq,
            at=now,
            uri=item.uri,
            headline=item.headline,
            regions=list(item.ext.regions),
            status=status,
            source=item.ext.lineage.source if item.ext.lineage else "unknown",
            duplicate_of=item.ext.duplicate_of,
            item=item if item.body_chars <= ITEM_BODY_CAP else None,
            dropped=len(item.ext.dropped),
        )
        for key in ["duplicates"] if status == "duplicate" else regions:
            ring = self.latest.get(key)
            if ring is None:
                ring = self.latest[key] = deque(maxlen=LATEST_PER_REGION)
            ring.appendleft(entry)

    def on_dead(self, error: WireError, raw: RawMessage) -> None:
        """One input went to the dead-letter topic."""
        self.by_status["dead-letter"] += 1
        self.dead_by_reason[error.reason] += 1
        self.buckets.add(("dead-letter",))
        if self.sink is not None:
            self.sink.dead(error.reason)
        self._seq += 1
        self.latest_dead.appendleft(
            DeadEntry(
                seq=self._seq,
                at=self.clock(),
                reason=error.reason,
                error=error.message[:500],
                topic=raw.topic,
                partition=raw.partition,
                offset=raw.offset,
                source=raw.source,
                filename=raw.filename,
                size=len(raw.value),
                raw=bytes(raw.value[:DEAD_RAW_CAP]),
            )
        )

    def _stage(self, stage: str, seconds: float) -> None:
        self.stage_rings[stage].append(seconds * 1000)
        if self.sink is not None:
            self.sink.stage(stage, seconds)

    # -- reads (web views) ---------------------------------------------------------------------
    def item(self, seq: int) -> ItemEntry | None:
        for ring in self.latest.values():
            for entry in ring:
                if entry.seq == seq:
                    return entry
        return None

    def dead(self, seq: int) -> DeadEntry | None:
        return next((d for d in self.latest_dead if d.seq == seq), None)

    def regions_seen(self) -> list[str]:
        seen = (set(self.by_region) | set(self.latest)) - {"duplicates", *self.regions}
        return [*self.regions, *sorted(seen)]

    def latest_view(self) -> dict[str, list[dict[str, Any]]]:
        return {k: [e.summary() for e in ring] for k, ring in sorted(self.latest.items())}

    def snapshot(self) -> dict[str, Any]:
        """Everything the dashboard shows, as JSON-ready data (see docs/web.md)."""
        now = self.clock()
        rate = self.buckets.total(RATE_WINDOW_S, until=int(now))
        recent = self.buckets.total(RECENT_S)
        regions = self.regions_seen()
        cutoff = now - RECENT_S
        lat = [ms for at, ms in self.latency_ring if at >= cutoff]
        keys = ("in", "out", *(f"out:{r}" for r in regions))
        return {
            "worker": {
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "started": self.started,
                "uptime_s": round(now - self.started, 1),
                # compiled or interpreted core, and why (streams/compiled.py)
                "core": str(compiled.mode()),
            },
            "now": now,
            "raw_in": self.raw_in,
            "items_out": self.items_out,
            "by_status": {s: self.by_status.get(s, 0) for s in STATUSES},
            "by_region": {r: self.by_region.get(r, 0) for r in regions},
            "dead_by_reason": dict(self.dead_by_reason),
            "recent": {
                "window_s": RECENT_S,
                "raw_in": recent.get("in", 0),
                "items_out": recent.get("out", 0),
                "by_status": {s: recent.get(s, 0) for s in STATUSES},
                "by_region": {r: recent.get("out:" + r, 0) for r in regions},
            },
            "rates": {
                "window_s": RATE_WINDOW_S,
                "in_per_s": round(rate.get("in", 0) / RATE_WINDOW_S, 2),
                "out_per_s": round(rate.get("out", 0) / RATE_WINDOW_S, 2),
                "out_per_s_by_region": {
                    r: round(rate.get("out:" + r, 0) / RATE_WINDOW_S, 2) for r in regions
                },
            },
            "latency_ms": {"window_s": RECENT_S, "count": len(lat), **percentiles(lat)},
            "stages_ms": {
                s: {"count": len(ring), **percentiles(list(ring))}
                for s, ring in self.stage_rings.items()
            },
            "series": self.buckets.series(keys, 60, SERIES_STEP_S),
            "latest": self.latest_view(),
            "latest_dead": [d.summary() for d in self.latest_dead],
            "caps": {
                "latest_per_region": LATEST_PER_REGION,
                "latest_dead": LATEST_DEAD,
                "dead_raw_bytes": DEAD_RAW_CAP,
                "item_body_bytes": ITEM_BODY_CAP,
            },
        }
