"""Dedup beyond one ``wire.items`` partition (issue #17): recall, stage-2 throughput, lag.

Pure part (no broker, always): bench traffic plus republications (every ``--copy-every``-th
raw message re-sent later by another source, so its stories come back under other uris),
run through stage 1 once, then through stage 2 with 1, 2 and 4 partitions: one deduper per
partition, each item on its uri's partition (Kafka's partitioner), and each partition's story
records handed to the other partitions' dedupers ``--lag`` items later, as the changelog tail
does (``tail``); ``no tail`` is each partition on its own (before the tail). Reported: the
share of 1 partition's cross-uri decisions (a near copy or update of another uri's story)
each run reproduces, and its statuses. Also the memory a remote story costs.

Broker part (``--broker``): the same stage-1 records published to ``wire.items`` with 1, 2
or 4 partitions, drained by 1 or 2 real workers (stage 2 only: the raw topic stays empty).
Reported: items/s from the first output to the last, the workers' CPU ms per item over the
same span, duplicates recorded, and the replication lag the workers measured (from a
changelog record's write to another worker's index having it).

    PYTHONPATH=. .venv/bin/python bench/scale_bench.py --items 3000
    PYTHONPATH=. .venv/bin/python bench/scale_bench.py --items 3000 --broker

``BENCH_WORKER_PATH=/other/checkout`` runs the workers from another checkout (before/after).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import sys
import time
import tracemalloc
import urllib.request
import uuid
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from bench.traffic import RawRecord, generate
from streams.core.assemble import build_pipeline, build_tagger
from streams.core.dedup import MemoryStore
from streams.core.dedup.store import DELETED
from streams.core.model import RawMessage
from streams.core.pipeline import Outbound, Pipeline
from streams.kafka.changelog import key_partition
from streams.settings import Settings

SPACING_MS = 250  # between raw messages, as `python -m bench` stamps them


@dataclass
class Staged:
    """One stage-1 record and when its raw message arrived."""

    now_ms: int
    record: Outbound

    @property
    def uri(self) -> str:
        return (self.record.key or b"").decode()


def with_copies(records: list[RawRecord], every: int, later: int) -> list[tuple[bytes, str]]:
    """The traffic as (payload, source), each ``every``-th message re-sent ``later`` messages
    on by a republisher (another source, so other uris: a near copy only dedup's index finds)."""
    out: list[tuple[bytes, str]] = [(r.value, r.source) for r in records]
    for i in range(0, len(records), every):
        out.insert(min(len(out), i + later + i // every), (records[i].value, "republisher"))
    return out


def stage1(pipeline: Pipeline, messages: list[tuple[bytes, str]]) -> list[Staged]:
    base = int(time.time() * 1000)
    staged: list[Staged] = []
    for offset, (value, source) in enumerate(messages):
        now = base + offset * SPACING_MS
        raw = RawMessage(value, {"wire-source": source.encode()}, "wire.raw", 0, offset, now)
        with contextlib.suppress(Exception):
            staged.extend(Staged(now, out) for out in pipeline.stage1_records(raw))
    return staged


class Recording(MemoryStore):
    """A partition's store that also hands each write to the tail (the changelog)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, Any]] = []

    def set(self, key: str, value: Any) -> None:
        super().set(key, value)
        self.log.append((key, value))

    def delete(self, key: str) -> None:
        super().delete(key)
        self.log.append((key, DELETED))


def stage2(
    settings: Settings, tagger: Any, staged: list[Staged], partitions: int, lag: int | None
) -> list[tuple[str, str | None]]:
    """Each item's (status, the other uri it was matched to) with ``partitions`` dedupers;
    ``lag`` items between a write and the other partitions seeing it (None: never)."""
    stores = [Recording() for _ in range(partitions)]
    pipes = [build_pipeline(settings, store, tagger) for store in stores]
    pending: deque[tuple[int, int, str, Any]] = deque()
    out: list[tuple[str, str | None]] = []
    for n, item in enumerate(staged):
        while pending and pending[0][0] <= n:
            _, source, key, value = pending.popleft()
            for p, pipe in enumerate(pipes):
                if p != source:
                    pipe.deduper.observe(source, key, None if value is DELETED else value)
        p = key_partition(item.record.key or b"", partitions)
        pipe = pipes[p]
        r = pipe.routable(item.record.value, dict(item.record.headers))
        pipe.prefetch([r])
        decision, _ = pipe.decide_routable(r, item.now_ms)
        pipe.remember_routable(r, decision, item.now_ms)
        other = decision.duplicate_of or decision.update_of or decision.related_to
        out.append((decision.status, other if other != item.uri else None))
        if lag is not None:
            pending.extend((n + lag, p, key, value) for key, value in stores[p].log)
        stores[p].log.clear()
    return out


def recall(settings: Settings, staged: list[Staged], lags: list[int]) -> dict[str, Any]:
    """How many of 1 partition's cross-uri decisions each run reproduces, by kind: a near
    copy (duplicate of another uri), an update of another uri's story, a related link."""
    tagger = build_tagger(settings)
    base = stage2(settings, tagger, staged, 1, None)
    kinds = {"near_duplicate": "duplicate", "cross_update": "update", "related": "routed"}
    cross = {
        kind: [i for i, (status, other) in enumerate(base) if other and status == want]
        for kind, want in kinds.items()
    }
    rows: list[dict[str, Any]] = []
    for partitions in (1, 2, 4):
        for lag in [None, *lags] if partitions > 1 else [None]:
            got = base if partitions == 1 else stage2(settings, tagger, staged, partitions, lag)
            row: dict[str, Any] = {
                "partitions": partitions,
                "tail_lag_items": "no tail" if lag is None and partitions > 1 else lag,
            }
            for kind, items in cross.items():
                same = sum(1 for i in items if got[i] == base[i])
                row[kind] = f"{same}/{len(items)}"
            row["same_decision_all_items"] = round(
                sum(a == b for a, b in zip(got, base, strict=True)) / len(base), 4
            )
            row["statuses"] = dict(sorted(Counter(s for s, _ in got).items()))
            rows.append(row)
    return {"items": len(staged), "runs": rows}


def remote_story_bytes(settings: Settings, staged: list[Staged], count: int) -> dict[str, Any]:
    """Memory of ``count`` remote stories held by a deduper (records decoded from JSON, as the
    tail delivers them, plus their index entries)."""
    store = Recording()
    pipe = build_pipeline(settings, store, build_tagger(settings))
    for item in staged[:count]:
        r = pipe.routable(item.record.value, dict(item.record.headers))
        decision, _ = pipe.decide_routable(r, item.now_ms)
        pipe.remember_routable(r, decision, item.now_ms)
    changelog = [(orjson.dumps(k), orjson.dumps(v)) for k, v in store.data.items()]
    other = build_pipeline(settings, MemoryStore(), pipe.tagger).deduper
    assert other.index.version >= 0  # built (empty) first: each record is indexed on arrival
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for key, value in changelog:
        other.observe(1, orjson.loads(key), orjson.loads(value))
    other.index._merge()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    stories = len(other.remote)
    # CPU of the same, untraced: decoding and indexing each record the tail delivers.
    fresh = build_pipeline(settings, MemoryStore(), pipe.tagger).deduper
    assert fresh.index.version >= 0
    began = time.process_time()
    for key, value in changelog:
        fresh.observe(1, orjson.loads(key), orjson.loads(value))
    cpu = time.process_time() - began
    return {
        "stories": stories,
        "bytes_per_remote_story": round(held / stories) if stories else None,
        "changelog_value_bytes": round(sum(len(v) for _, v in changelog) / len(changelog)),
        "observe_cpu_us_per_record": round(1e6 * cpu / len(changelog), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000, help="stories of bench traffic")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--copy-every", type=int, default=10)
    parser.add_argument("--copy-later", type=int, default=40, help="messages")
    parser.add_argument("--lag", type=int, nargs="*", default=[0, 8], help="items")
    parser.add_argument("--broker", action="store_true")
    parser.add_argument("--no-recall", action="store_true", help="the broker part only")
    parser.add_argument("--configs", default="1x1,2x1,2x2,4x1,4x2", help="partitions x workers")
    parser.add_argument("--out", default="bench/results/scale.json")
    args = parser.parse_args(argv)
    settings = Settings.from_env({})
    pipeline = build_pipeline(settings, MemoryStore())
    messages = with_copies(generate(args.items, args.seed), args.copy_every, args.copy_later)
    staged = stage1(pipeline, messages)
    result: dict[str, Any] = {
        "messages": len(messages),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_start": os.getloadavg()[0],
    }
    print(f"{len(messages)} raw messages, {len(staged)} stage-1 items", flush=True)
    if not args.no_recall:
        result["recall"] = recall(settings, staged, args.lag)
        for row in result["recall"]["runs"]:
            print(json.dumps(row), flush=True)
        result["remote_memory"] = remote_story_bytes(settings, staged, min(len(staged), 5000))
        print(json.dumps(result["remote_memory"]), flush=True)
    if args.broker:
        configs = [tuple(map(int, c.split("x"))) for c in args.configs.split(",")]
        result["broker"] = broker_runs(staged, configs)
    result["load_end"] = os.getloadavg()[0]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(f"written to {args.out}")


def broker_runs(staged: list[Staged], configs: list[tuple[int, ...]]) -> list[Any]:
    """Each (partitions, workers) on its own topics of one broker, in turn."""
    import tempfile

    from bench.e2e import broker

    out: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        home = Path(tmp)
        with broker(home) as (bootstrap, _):
            for partitions, workers in configs:
                print(f"  broker: {partitions} partitions, {workers} workers ...", flush=True)
                row = asyncio.run(broker_run(bootstrap, home, staged, partitions, workers))
                print("  " + json.dumps(row), flush=True)
                out.append(row)
    return out


async def catch_up(settings: Settings, partitions: int) -> dict[str, Any]:
    """What a worker that loses partitions to another does: tail their dedup changelog from
    the window's start into its deduper. Until it is done, their stories are missing there."""
    from streams.core.dedup import Deduper
    from streams.kafka.changelog import ChangelogTail

    deduper = Deduper(MemoryStore())
    assert deduper.index.version >= 0  # built: each record is indexed as it arrives
    topic = f"{settings.app_id}-dedup-changelog"
    tail = ChangelogTail(
        topic,
        lambda p, k, v, ts: deduper.observe(
            p, orjson.loads(k or b'""'), None if v is None else orjson.loads(v)
        ),
        settings.kafka_client_kwargs(),
        read_committed=settings.exactly_once,
        since_ms=lambda: int(time.time() * 1000) - settings.dedup_window_ms,
    )
    from aiokafka import AIOKafkaConsumer, TopicPartition

    probe = AIOKafkaConsumer(**settings.kafka_client_kwargs())
    await probe.start()
    try:
        ends = await probe.end_offsets([TopicPartition(topic, p) for p in range(partitions)])
    finally:
        await probe.stop()
    total = sum(ends.values())
    tail.follow(set(range(partitions)))
    began = time.monotonic()
    task = asyncio.ensure_future(tail.run())
    while tail.records < total and time.monotonic() - began < 120:
        await asyncio.sleep(0.05)
    took = time.monotonic() - began
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return {
        "records": tail.records,
        "stories": len(deduper.remote),
        "seconds": round(took, 2),
        "stories_per_s": round(len(deduper.remote) / took) if took else None,
    }


def _get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
        return str(resp.read().decode())


async def _settled(settings: Settings, items_topic: str, ports: list[int]) -> None:
    """Until the workers own every ``wire.items`` partition between them, each some."""
    want = list(range(settings.items_partitions))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        owned: list[list[int]] = []
        for port in ports:
            with contextlib.suppress(OSError, ValueError):
                view = json.loads(await asyncio.to_thread(_get, port, "/wire/consumer"))
                owned.append(view["assignment"].get(items_topic, []))
        every = sorted(p for ps in owned for p in ps)
        if len(owned) == len(ports) and every == want and all(owned):
            return
        await asyncio.sleep(0.5)
    raise RuntimeError("wire.items partitions never settled between the workers")


def _lag(ports: list[int]) -> dict[str, Any]:
    """The workers' ``wire_dedup_remote_lag_seconds`` histogram, summed."""
    count = total = 0.0
    buckets: Counter[float] = Counter()
    for port in ports:
        with contextlib.suppress(OSError, ValueError):
            for line in _get(port, "/metrics").splitlines():
                if line.startswith("wire_dedup_remote_lag_seconds_count"):
                    count += float(line.split()[-1])
                elif line.startswith("wire_dedup_remote_lag_seconds_sum"):
                    total += float(line.split()[-1])
                elif line.startswith("wire_dedup_remote_lag_seconds_bucket"):
                    le = line.split('le="', 1)[1].split('"', 1)[0]
                    buckets[float(le)] += float(line.split()[-1])

    def upto(q: float) -> float | None:
        for le in sorted(buckets):
            if count and buckets[le] >= q * count:
                return le * 1000
        return None

    return {
        "records": int(count),
        "mean_ms": round(1000 * total / count, 1) if count else None,
        "p50_at_most_ms": upto(0.5),
        "p99_at_most_ms": upto(0.99),
    }


async def broker_run(
    bootstrap: str, home: Path, staged: list[Staged], partitions: int, workers: int
) -> dict[str, Any]:
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

    from bench.e2e import TUNING, Sampler
    from streams.core.topics import build_topics
    from streams.dev.broker import free_port
    from streams.dev.process import ChildProcess
    from streams.kafka.admin import ensure_topics

    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"scale-{tag}",
        topic_prefix=f"s{tag}",
        home=home,
        raw_partitions=1,
        items_partitions=partitions,
        output_partitions=1,
    )
    topics = build_topics(settings)
    await ensure_topics(settings, topics.specs(settings))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WIRE_", "BENCH_"))}
    base.pop("KAFKA_BOOTSTRAP", None)
    ports = [free_port() for _ in range(workers)]
    procs = []
    for n, port in enumerate(ports):
        (home / f"{tag}-{n}").mkdir()
        env = {
            **base,
            "WIRE_BOOTSTRAP": bootstrap,
            "WIRE_APP_ID": settings.app_id,
            "WIRE_TOPIC_PREFIX": settings.topic_prefix,
            "WIRE_HOME": str(home / f"{tag}-{n}"),
            "WIRE_WEB_PORT": str(port),
            "WIRE_RAW_PARTITIONS": "1",
            "WIRE_ITEMS_PARTITIONS": str(partitions),
            "WIRE_OUTPUT_PARTITIONS": "1",
            **{k: v for k, v in os.environ.items() if k in TUNING},
        }
        if "BENCH_WORKER_PATH" in os.environ:  # another checkout's worker, for a before/after
            env["PYTHONPATH"] = os.environ["BENCH_WORKER_PATH"]
        log = home / f"{tag}-{n}.log"
        cmd = [sys.executable, "-m", "streams", "worker", "-l", "info"]
        procs.append(ChildProcess(cmd, env, log, cwd=Path.cwd(), name=f"worker-{n}"))
    outputs = list(topics.outputs)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    row: dict[str, Any] = {"partitions": partitions, "workers": workers}
    samplers: list[Sampler] = []
    try:
        for proc in procs:
            proc.start()
        for proc, port in zip(procs, ports, strict=True):
            await asyncio.to_thread(proc.wait_http, f"http://127.0.0.1:{port}/wire/stats", 120)
        await _settled(settings, topics.items, ports)
        await asyncio.sleep(2.0)  # the tails follow once recovery is over
        tps = [TopicPartition(t, p) for t in outputs for p in range(settings.output_partitions)]
        consumer.assign(tps)
        await consumer.seek_to_end(*tps)
        for proc in procs:
            assert proc.proc is not None
            samplers.append(Sampler(proc.proc.pid))
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
        await producer.start()
        try:
            sends = [
                await producer.send(
                    topics.items, s.record.value, key=s.record.key, headers=list(s.record.headers)
                )
                for s in staged
            ]
            await asyncio.gather(*sends)
        finally:
            await producer.stop()
        seen: dict[tuple[int, int], int] = {}
        dups: set[tuple[int, int]] = set()
        cpu_first: float | None = None
        idle_until = time.monotonic() + 60
        while len(seen) < len(staged) and time.monotonic() < idle_until:
            batches = await consumer.getmany(timeout_ms=500)
            for tp, messages in batches.items():
                for m in messages:
                    lineage = orjson.loads(m.value)["wirestream"]["lineage"]
                    key = (lineage["offset"], lineage.get("index", 0))
                    if cpu_first is None:
                        cpu_first = sum(s.cpu_s() for s in samplers)
                    seen[key] = max(m.timestamp, seen.get(key, 0))
                    if tp.topic == topics.duplicates:
                        dups.add(key)
                if messages:
                    idle_until = time.monotonic() + 30
        cpu_end = sum(s.cpu_s() for s in samplers)
        times = sorted(seen.values())
        skip = len(times) // 10
        span = (times[-1] - times[skip]) / 1000 if len(times) > skip + 1 else 0
        row["items"] = len(seen)
        row["complete"] = len(seen) == len(staged)
        row["items_per_s"] = round((len(times) - skip - 1) / span, 1) if span else None
        row["cpu_ms_per_item"] = (
            round(1000 * (cpu_end - cpu_first) / len(seen), 3) if cpu_first else None
        )
        row["duplicates"] = len(dups)
        row["lag"] = await asyncio.to_thread(_lag, ports)
        row["catch_up"] = await catch_up(settings, partitions)
    finally:
        await consumer.stop()
        for proc in procs:
            proc.stop()
    return row


if __name__ == "__main__":
    sys.exit(main())
