"""End to end through a real broker: the Wirestream worker against two forward-only baselines.

Each system gets its own topics (one partition each, so order and dedup decisions are the
same as in the in-process run) and runs as one subprocess, like the integration tests:

* ``wirestream``: ``python -m streams worker`` (parse agent → ``items`` → route agent);
* ``wirestream-split``: the same two stages as two processes, ``wire worker --roles parse``
  and ``--roles route`` (not in the default list; CPU and RSS are the two processes' sums);
* ``faust-forward``: a Faust agent forwarding raw bytes to one topic (:mod:`bench.baselines`);
* ``aiokafka-loop``: a plain consume→produce loop (:mod:`bench.baselines`).

Two phases per system, on the same traffic for all three:

* saturation: the whole batch is published *before* the worker starts, so it drains a
  backlog; throughput is taken from the output records' timestamps, skipping the first 10%
  of items (start-up, group join);
* fixed rate: raw messages paced so stories arrive at ``rate`` items/s into the warm worker,
  or (``rate_share``, ``make bench``'s default) at that share of the system's own measured
  saturation rate: p99 at 50% of saturation.

Latency is the output record's Kafka timestamp (CreateTime, set by the worker's producer at
send) minus the raw record's timestamp (set explicitly by our publisher at send time, ms).
For Wirestream the raw timestamp is read back from the item's ``lineage.received`` (which is
that raw timestamp); for the baselines from the record key (the message's index). Both clocks
are this machine's. Worker CPU seconds come from ``/proc/<pid>/stat``, RSS from ``VmRSS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import os
import pstats
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from bench import REPO
from bench.latency_trace import breakdown, idle
from bench.pipeline_bench import rss_kb, summarize
from bench.traffic import RawRecord
from streams.core.model import H_PUBLISHED
from streams.core.topics import TopicSpec, build_topics
from streams.dev.broker import free_port
from streams.dev.process import ChildProcess
from streams.kafka.admin import ensure_topics
from streams.settings import Settings

SYSTEMS = ("aiokafka-loop", "faust-forward", "wirestream")
#: Every system ``--systems`` may name (``SYSTEMS`` is the default set).
ALL_SYSTEMS = (*SYSTEMS, "wirestream-split")
FETCH = 16 * 1024 * 1024
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Traffic:
    """The two batches every system gets, and what the Wirestream worker must emit for each."""

    saturation: list[RawRecord]
    rate: list[RawRecord]
    #: Items (dead letters count one) and output records per batch, from the pure run.
    wirestream_items: tuple[int, int]
    wirestream_outputs: tuple[int, int]
    rate_items_per_s: float
    #: When set, each system's fixed-rate phase offers this share of its own measured
    #: saturation items/s (``rate_items_per_s`` only if saturation gave no figure).
    rate_share: float | None = None


@dataclass
class Event:
    ts: int
    #: The raw message's index (= its offset on the one-partition raw topic) and the item.
    raw: int
    item: object
    latency_ms: int | None


@dataclass
class Sampler:
    """RSS and CPU of a system's processes (summed), sampled in a thread."""

    pids: list[int]
    interval: float = 0.5
    rss_kb: list[int] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            value = sum(rss_kb(pid) for pid in self.pids)
            if value:
                self.rss_kb.append(value)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def cpu_s(self) -> float:
        return sum(_cpu_s(pid) for pid in self.pids)


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class Workers:
    """One system's worker processes, started and stopped together; alive while all are."""

    def __init__(self, procs: Sequence[ChildProcess]) -> None:
        self.procs = list(procs)

    def start(self) -> None:
        for p in self.procs:
            p.start()

    def alive(self) -> bool:
        return all(p.alive() for p in self.procs)

    def stop(self) -> None:
        for p in self.procs:
            p.stop()

    def tail(self) -> str:
        return "\n".join(p.tail() for p in self.procs)

    @property
    def pids(self) -> list[int]:
        return [p.proc.pid for p in self.procs if p.proc is not None]


class Collector:
    """Reads the output topics from their current end and turns records into events."""

    def __init__(
        self, bootstrap: str, topics: Sequence[str], mode: str, raw: dict[int, int]
    ) -> None:
        self.topics = list(topics)
        self.mode = mode
        #: raw index -> raw timestamp (ms), filled by the publisher.
        self.raw = raw
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            max_partition_fetch_bytes=FETCH,
            fetch_max_bytes=FETCH,
        )
        self.events: list[Event] = []
        self.topics_seen: dict[str, int] = {}
        self.prefix_cut = 0
        self.first_cpu: float | None = None
        self.first_units = 0

    async def start(self) -> None:
        await self.consumer.start()
        parts: list[TopicPartition] = []
        for topic in self.topics:
            found = self.consumer.partitions_for_topic(topic)
            if not found:
                await self.consumer._client.force_metadata_update()
                found = self.consumer.partitions_for_topic(topic) or {0}
            parts.extend(TopicPartition(topic, p) for p in sorted(found))
        self.consumer.assign(parts)
        await self.consumer.seek_to_end(*parts)
        for tp in parts:
            await self.consumer.position(tp)

    async def stop(self) -> None:
        await self.consumer.stop()

    async def collect(
        self,
        expected: int,
        deadline: float,
        idle: float,
        worker: Workers,
        sampler: Sampler | None = None,
    ) -> int:
        """Until ``expected`` distinct items were seen, ``idle`` seconds without a record after
        the first, the deadline, or the worker's death; returns the distinct items seen.

        With ``sampler``, the worker's CPU when the first records arrive is kept
        (``first_cpu``, ``first_units``): CPU after it is steady work, without start-up."""
        seen: set[object] = set()
        last = None
        while len(seen) < expected and time.monotonic() < deadline:
            batch = await self.consumer.getmany(timeout_ms=200, max_records=2000)
            now = time.monotonic()
            for tp, messages in batch.items():
                name = tp.topic[self.prefix_cut :]
                self.topics_seen[name] = self.topics_seen.get(name, 0) + len(messages)
                for m in messages:
                    event = self._event(m)
                    self.events.append(event)
                    seen.add(event.item)
                    last = now
            if sampler is not None and self.first_cpu is None and seen:
                self.first_cpu, self.first_units = sampler.cpu_s(), len(seen)
            if last is not None and now - last > idle:
                break
            if not worker.alive():
                break
        return len(seen)

    def _event(self, m: Any) -> Event:
        if self.mode == "key":
            index = int(m.key)
            raw_ts = self.raw.get(index, m.timestamp)
            return Event(m.timestamp, index, index, m.timestamp - raw_ts)
        headers = dict(m.headers or ())
        if "wire-reason" in headers:
            offset = int(headers.get("wire-raw-offset", b"-1"))
            return Event(m.timestamp, offset, (offset, -1), None)
        lineage = orjson.loads(m.value)["wirestream"]["lineage"]
        received = datetime.fromisoformat(lineage["received"].replace("Z", "+00:00"))
        raw_ts = round(received.timestamp() * 1000)
        offset = lineage["offset"]
        return Event(m.timestamp, offset, (offset, lineage["index"]), m.timestamp - raw_ts)


async def publish(
    bootstrap: str,
    topic: str,
    records: Sequence[RawRecord],
    first_index: int,
    raw: dict[int, int],
    rate_msgs: float | None = None,
) -> float:
    """Publish with explicit create timestamps, optionally paced; returns seconds taken."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_request_size=FETCH,
    )
    await producer.start()
    began = time.monotonic()
    futures = []
    try:
        for n, record in enumerate(records):
            if rate_msgs:
                wait = began + n / rate_msgs - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            index = first_index + n
            ts = int(time.time() * 1000)
            raw[index] = ts
            headers = [*record.headers().items(), (H_PUBLISHED, str(ts).encode())]
            futures.append(
                await producer.send(
                    topic, record.value, key=str(index).encode(), headers=headers, timestamp_ms=ts
                )
            )
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return time.monotonic() - began


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(q * len(ordered)))])


def throughput(events: Sequence[Event], skip: float = 0.1) -> float | None:
    """Raw messages/s by the time each message's last output was seen, skipping the first
    ``skip`` share of messages (start-up, group join)."""
    last: dict[int, int] = {}
    for e in events:
        last[e.raw] = max(e.ts, last.get(e.raw, e.ts))
    ordered = sorted(last.values())
    if len(ordered) < 10:
        return None
    start = int(len(ordered) * skip)
    span = (ordered[-1] - ordered[start]) / 1000
    return (len(ordered) - start - 1) / span if span > 0 else None


def phase_summary(
    collector: Collector, expected: int, got: int, records: Sequence[RawRecord]
) -> dict[str, Any]:
    events = collector.events
    latencies = [e.latency_ms for e in events if e.latency_ms is not None]
    items = sum(r.items for r in records)
    msgs_per_s = throughput(events)
    return {
        "expected_units": expected,
        "units": got,
        "complete": got >= expected,
        "records": len(events),
        "by_topic": dict(sorted(collector.topics_seen.items())),
        "items": items,
        "msgs_per_s": round(msgs_per_s, 1) if msgs_per_s else None,
        #: Stories as generated (the same for every system), at the measured message rate.
        "items_per_s": round(msgs_per_s * items / len(records), 1) if msgs_per_s else None,
        "latency_p50_ms": percentile(latencies, 0.5),
        "latency_p99_ms": percentile(latencies, 0.99),
        "latency_max_ms": max(latencies) if latencies else None,
    }


#: Stories per window of :func:`window_p99s`: the fixed-rate phase's length before session 31.
P99_WINDOW_STORIES = 2000


def messages_holding(records: Sequence[RawRecord], stories: int = P99_WINDOW_STORIES) -> int:
    """How many of ``records``, from the first, hold ``stories`` stories (all if fewer)."""
    total = 0
    for n, record in enumerate(records, 1):
        total += record.items
        if total >= stories:
            return n
    return len(records)


def window_p99s(
    events: Sequence[Event],
    records: Sequence[RawRecord],
    first_index: int,
    stories: int = P99_WINDOW_STORIES,
) -> list[float | None]:
    """p99 latency of each run of consecutive raw messages holding ``stories`` stories (the
    last, shorter run only if it holds at least half as many). The first window's is the p99
    a phase of that many stories would have reported, from the same run (same warm worker,
    same traffic): so a longer phase can be compared with the old one's estimate, and the
    windows' spread shows how much one short phase's p99 moves within a run."""
    window_of: dict[int, int] = {}
    sizes: list[int] = [0]
    for n, record in enumerate(records):
        if sizes[-1] >= stories:
            sizes.append(0)
        window_of[first_index + n] = len(sizes) - 1
        sizes[-1] += record.items
    latencies: list[list[float]] = [[] for _ in sizes]
    for e in events:
        w = window_of.get(e.raw)
        if w is not None and e.latency_ms is not None:
            latencies[w].append(e.latency_ms)
    return [
        percentile(values, 0.99)
        for values, size in zip(latencies, sizes, strict=True)
        if size >= stories // 2
    ]


#: Worker settings a bench run may set from its own environment.
TUNING = (
    "WIRE_BATCH_SIZE",
    "WIRE_BATCH_WAIT",
    "WIRE_BATCH_GAP",
    "WIRE_STREAM_BUFFER",
    "WIRE_GUARANTEE",
    "WIRE_PRODUCER_BATCH_BYTES",
    "WIRE_FETCH_WAIT_MS",
    "WIRE_INLINE_HANDOVER",
    "WIRE_STATE_PIPELINE",
    # The worker's bounds (session 33): bytes handed over unacknowledged, CPU per message.
    "WIRE_INFLIGHT_BYTES",
    "WIRE_MESSAGE_CPU_SECONDS",
    # WIRE_COMPILED=0: the worker runs the interpreted core, for a same-machine baseline of the
    # compiled one (streams/compiled.py); the bench process itself reads it at import too.
    "WIRE_COMPILED",
)


def worker_for(
    system: str,
    settings: Settings,
    home: Path,
    web_port: int,
    profile: Path | None = None,
    trace: Path | None = None,
) -> Workers:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WIRE_", "BENCH_"))}
    base.pop("KAFKA_BOOTSTRAP", None)
    log = home / f"{system}.log"
    if system == "wirestream-split":
        # Each stage in its own process (wire worker --roles), one home, two web ports.
        procs = []
        for role, port in (("parse", free_port()), ("route", web_port)):
            # Traced: each process writes its own trace beside the given path.
            own = None if trace is None else trace.with_name(f"{trace.stem}-{role}.json")
            (one,) = worker_for("wirestream", settings, home, port, trace=own).procs
            one.env["WIRE_ROLES"] = role
            one.env["WIRE_HOME"] = str(home / system)
            one.log_path = home / f"{system}-{role}.log"
            one.name = f"{system}-{role}"
            procs.append(one)
        return Workers(procs)
    if system == "wirestream":
        env = {
            **base,
            "WIRE_BOOTSTRAP": settings.bootstrap,
            "WIRE_APP_ID": settings.app_id,
            "WIRE_TOPIC_PREFIX": settings.topic_prefix,
            "WIRE_HOME": str(home / system),
            "WIRE_WEB_PORT": str(web_port),
            "WIRE_RAW_PARTITIONS": "1",
            "WIRE_ITEMS_PARTITIONS": "1",
            "WIRE_OUTPUT_PARTITIONS": "1",
        }
        # Worker tuning under test passes through (e.g. WIRE_BATCH_SIZE=500 make bench).
        env.update({k: v for k, v in os.environ.items() if k in TUNING})
        cmd = [sys.executable, "-m", "streams", "worker", "-l", "warn"]
        if profile is not None:
            cmd = [sys.executable, "-m", "bench.e2e", "profile-worker", str(profile)]
        elif trace is not None:
            cmd = [sys.executable, "-m", "bench.latency_trace", str(trace)]
        return Workers([ChildProcess(cmd, env, log, cwd=REPO, name=system)])
    env = {
        **base,
        "BENCH_BOOTSTRAP": settings.bootstrap,
        "BENCH_SOURCE": f"{settings.topic_prefix}.raw",
        "BENCH_TARGET": f"{settings.topic_prefix}.out",
        "BENCH_GROUP": settings.app_id,
        "BENCH_HOME": str(home / system),
        "BENCH_WEB_PORT": str(web_port),
    }
    kind = "faust" if system == "faust-forward" else "aiokafka"
    cmd = [sys.executable, "-m", "bench.baselines", kind]
    return Workers([ChildProcess(cmd, env, log, cwd=REPO, name=system)])


async def run_system(
    system: str,
    bootstrap: str,
    traffic: Traffic,
    home: Path,
    profile: Path | None = None,
    trace: Path | None = None,
) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"bench-{system}-{tag}",
        topic_prefix=f"b{tag}",
        home=home / system,
        raw_partitions=1,
        items_partitions=1,
        output_partitions=1,
    )
    (home / system).mkdir(parents=True, exist_ok=True)
    wirestream = system.startswith("wirestream")
    if wirestream:
        topics = build_topics(settings)
        await ensure_topics(settings, topics.specs(settings))
        raw_topic, outputs, mode = topics.raw, list(topics.outputs), "lineage"
        expected = traffic.wirestream_items
    else:
        raw_topic, out_topic = f"{settings.topic_prefix}.raw", f"{settings.topic_prefix}.out"
        big = (("max.message.bytes", str(FETCH)),)
        await ensure_topics(
            settings, [TopicSpec(raw_topic, 1, 1, big), TopicSpec(out_topic, 1, 1, big)]
        )
        outputs, mode = [out_topic], "key"
        expected = (len(traffic.saturation), len(traffic.rate))
    await asyncio.sleep(1.0)  # new topics: let leadership settle before reading offsets
    profile = profile if system == "wirestream" else None
    trace = trace.with_name(f"{trace.stem}-{system}.json") if trace and wirestream else None
    worker = worker_for(system, settings, home, free_port(), profile, trace)
    rate_began_ms = 0.0
    raw: dict[int, int] = {}
    result: dict[str, Any] = {"system": system}
    sampler: Sampler | None = None
    try:
        collector = Collector(bootstrap, outputs, mode, raw)
        collector.prefix_cut = len(settings.topic_prefix) + 1
        await collector.start()
        await publish(bootstrap, raw_topic, traffic.saturation, 0, raw)
        worker.start()
        sampler = Sampler(worker.pids)
        sampler.start()
        deadline = time.monotonic() + 120 + expected[0] / 50
        got = await collector.collect(
            expected[0], deadline, idle=20.0, worker=worker, sampler=sampler
        )
        cpu_end = sampler.cpu_s()
        sat = result["saturation"] = phase_summary(collector, expected[0], got, traffic.saturation)
        sat["cpu_s"] = round(cpu_end, 2)
        if collector.first_cpu is not None and got > collector.first_units:
            # Steady CPU per story: after the first outputs (start-up, imports, group join and
            # the gazetteer build excluded), stories pro rata of the units seen after them.
            steady = sat["items"] * (got - collector.first_units) / got
            sat["steady_cpu_ms_per_item"] = round(
                1000 * (cpu_end - collector.first_cpu) / steady, 3
            )
        if wirestream:
            result["saturation"]["expected_records"] = traffic.wirestream_outputs[0]
        await collector.stop()
        if not worker.alive():
            raise RuntimeError(f"{system} worker exited:\n{worker.tail()}")

        collector = Collector(bootstrap, outputs, mode, raw)
        collector.prefix_cut = len(settings.topic_prefix) + 1
        await collector.start()
        cpu_before = sampler.cpu_s()
        stories = sum(r.items for r in traffic.rate)
        share = traffic.rate_share if sat.get("items_per_s") else None
        target = share * sat["items_per_s"] if share else traffic.rate_items_per_s
        rate_msgs = target * len(traffic.rate) / stories
        rate_began_ms = time.time() * 1000
        sender = asyncio.ensure_future(
            publish(bootstrap, raw_topic, traffic.rate, len(traffic.saturation), raw, rate_msgs)
        )
        deadline = time.monotonic() + 60 + len(traffic.rate) / rate_msgs + expected[1] / 50
        got = await collector.collect(expected[1], deadline, idle=10.0, worker=worker)
        sent_s = await sender
        summary = phase_summary(collector, expected[1], got, traffic.rate)
        summary["latency_p99_ms_by_window"] = window_p99s(
            collector.events, traffic.rate, len(traffic.saturation)
        )
        summary["target_items_per_s"] = round(target, 1)
        summary["share_of_saturation"] = share
        summary["offered_items_per_s"] = round(stories / sent_s, 1) if sent_s else None
        summary["cpu_s"] = round(sampler.cpu_s() - cpu_before, 2)
        if wirestream:
            summary["expected_records"] = traffic.wirestream_outputs[1]
        result["rate"] = summary
        result["rss_steady_mb"] = round(sum(rss_kb(pid) for pid in worker.pids) / 1024, 1)
        await collector.stop()
    except Exception as exc:  # a failed system is reported, the others still run
        result["error"] = f"{type(exc).__name__}: {exc}"
        result["log_tail"] = worker.tail()
    finally:
        if sampler is not None:
            sampler.stop()
            result["rss_max_mb"] = round(max(sampler.rss_kb, default=0) / 1024, 1)
        worker.stop()
    traces = [t for t in (trace, *trace_parts(trace)) if t is not None and t.is_file()]
    if traces:
        # Stage by stage, the fixed-rate phase's items only (bench/latency_trace.py); the
        # split's two processes each wrote their own trace.
        result["latency_breakdown"] = breakdown(traces, rate_began_ms)
        result["saturation_idle"] = idle(traces, rate_began_ms or time.time() * 1000)
        result["rate_began_ms"] = rate_began_ms
    if profile is not None:
        result["profiled"] = True
        if profile.is_file():
            result["profile"] = summarize(pstats.Stats(str(profile)), 25)
    return result


def trace_parts(trace: Path | None) -> list[Path]:
    """The per-role traces a split system's processes write beside ``trace``."""
    if trace is None:
        return []
    return [trace.with_name(f"{trace.stem}-{role}.json") for role in ("parse", "route")]


async def run_all(
    bootstrap: str,
    traffic: Traffic,
    home: Path,
    systems: Sequence[str] = SYSTEMS,
    profile: Path | None = None,
    trace: Path | None = None,
) -> list[dict[str, Any]]:
    results = []
    for system in systems:
        print(f"  e2e: {system} ...", flush=True)
        began = time.monotonic()
        result = await run_system(system, bootstrap, traffic, home, profile, trace)
        result["took_s"] = round(time.monotonic() - began, 1)
        if "error" in result:
            print(f"  e2e: {system} failed: {result['error']}", flush=True)
        results.append(result)
    return results


@contextlib.contextmanager
def broker(home: Path) -> Any:
    """``KAFKA_BOOTSTRAP`` if set, else a LocalBroker on a free port, stopped afterwards."""
    external = os.environ.get("KAFKA_BOOTSTRAP")
    if external:
        yield external, None
        return
    from streams.dev.broker import LocalBroker

    local = LocalBroker(home / "broker", port=free_port())
    took = local.start()
    try:
        yield local.bootstrap, took
    finally:
        local.stop()


def profiled_worker(out: str) -> None:
    """``wire worker`` under cProfile (main thread, where Faust runs the agents)."""
    from streams.cli import main

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        main(["worker", "-l", "warn"])
    finally:
        profiler.disable()
        profiler.dump_stats(out)


if __name__ == "__main__":
    if sys.argv[1:2] != ["profile-worker"] or len(sys.argv) != 3:
        raise SystemExit("usage: python -m bench.e2e profile-worker OUT.prof")
    profiled_worker(sys.argv[2])
