"""How long a fresh worker takes to rebuild the dedup table from its changelog (docs/scaling.md).

For each size: publish N distinct stories, let a real ``wire worker`` route them all,
stop it, then start a worker with an empty WIRE_HOME and time it until Faust reports
the worker ready (table recovered). A restart on the kept state (RocksDB) is timed too.
``python bench/recovery.py [--sizes 10000,100000] [--items-partitions 4]``; writes
``bench/results/recovery.json``. Uses ``KAFKA_BOOTSTRAP`` if set, else a local broker.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from bench import machine_info, write_json
from bench.e2e import broker
from streams.core.topics import build_topics
from streams.dev.broker import free_port
from streams.dev.process import WorkerProcess
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import Publisher, RawPayload
from streams.settings import Settings

COUNTRIES = ["Poland", "Kenya", "Peru", "Japan", "Egypt", "Canada", "Ghana", "Chile", "India"]
READY = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\].*Worker ready", re.M)


def story(i: int) -> RawPayload:
    country = COUNTRIES[i % len(COUNTRIES)]
    body = (
        f"{country}: officials report figure {i} in the weekly bulletin\n"
        f"In {country}, the statistics office said on Monday that indicator {i} rose by "
        f"{i % 97}.{i % 7} percent, citing survey number {i * 7919 % 100003}. (WNA)\n"
    )
    return RawPayload(body.encode(), "bench", f"rec-{i}.txt")


def worker_env(settings: Settings, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRE_")}
    env.pop("KAFKA_BOOTSTRAP", None)
    env.update(
        WIRE_BOOTSTRAP=settings.bootstrap,
        WIRE_APP_ID=settings.app_id,
        WIRE_TOPIC_PREFIX=settings.topic_prefix,
        WIRE_RAW_PARTITIONS=str(settings.raw_partitions),
        WIRE_ITEMS_PARTITIONS=str(settings.items_partitions),
        WIRE_OUTPUT_PARTITIONS=str(settings.output_partitions),
        WIRE_HOME=str(home),
        WIRE_WEB_PORT=str(free_port()),
    )
    return env


def spawn(settings: Settings, home: Path, log: Path) -> tuple[WorkerProcess, float]:
    home.mkdir(parents=True, exist_ok=True)
    env = worker_env(settings, home)
    worker = WorkerProcess.wire(env, log, int(env["WIRE_WEB_PORT"]))
    started = time.time()
    worker.start()
    return worker, started


def seconds_to_ready(log: Path, started: float, worker: WorkerProcess) -> float:
    """From process start to Faust's "Worker ready" (after table recovery), from the log."""
    deadline = time.time() + 1800
    while time.time() < deadline:
        found = READY.findall(log.read_text(errors="replace"))
        if found:
            when = datetime.strptime(found[-1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            return when - started
        if not worker.alive():
            raise RuntimeError(f"worker exited:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    raise TimeoutError("worker not ready")


async def caught_up(settings: Settings, topics: dict[str, int]) -> bool:
    """The group's committed offsets reached the end of every input partition."""
    admin = AIOKafkaAdminClient(**settings.kafka_client_kwargs())
    consumer = AIOKafkaConsumer(**settings.kafka_client_kwargs())
    await admin.start()
    await consumer.start()
    try:
        parts = [TopicPartition(t, p) for t, n in topics.items() for p in range(n)]
        ends = await consumer.end_offsets(parts)
        try:
            committed = await admin.list_consumer_group_offsets(settings.app_id)
        except KafkaError:  # no coordinator yet: the group has not committed anything
            return False
        return all((committed.get(tp) or _Off(-1)).offset >= end for tp, end in ends.items())
    finally:
        await consumer.stop()
        await admin.close()


class _Off:
    def __init__(self, offset: int) -> None:
        self.offset = offset


async def changelog_records(settings: Settings) -> int:
    consumer = AIOKafkaConsumer(**settings.kafka_client_kwargs())
    await consumer.start()
    try:
        name = f"{settings.app_id}-dedup-changelog"
        parts = [TopicPartition(name, p) for p in range(settings.items_partitions)]
        return sum((await consumer.end_offsets(parts)).values())
    finally:
        await consumer.stop()


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_size(bootstrap: str, n: int, items_partitions: int, work: Path) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:6]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"rec-{tag}",
        topic_prefix=f"rec{tag}",
        items_partitions=items_partitions,
        output_partitions=1,
    )
    topics = build_topics(settings)
    asyncio.run(ensure_topics(settings, topics.specs(settings)))

    async def publish() -> None:
        async with Publisher(settings, topics.raw) as pub:
            for start in range(0, n, 2000):
                await pub.send_all([story(i) for i in range(start, min(n, start + 2000))])

    began = time.monotonic()
    asyncio.run(publish())
    published_s = time.monotonic() - began
    first, _ = spawn(settings, work / f"a-{n}", work / f"a-{n}.log")
    began = time.monotonic()
    inputs = {topics.raw: settings.raw_partitions, topics.items: settings.items_partitions}
    while not asyncio.run(caught_up(settings, inputs)):
        if not first.alive():
            raise RuntimeError((work / f"a-{n}.log").read_text()[-3000:])
        time.sleep(2)
    processed_s = time.monotonic() - began
    first.stop(60)
    records = asyncio.run(changelog_records(settings))

    fresh, started = spawn(settings, work / f"b-{n}", work / f"b-{n}.log")
    fresh_s = seconds_to_ready(work / f"b-{n}.log", started, fresh)
    fresh.stop(60)
    state_bytes = du(work / f"b-{n}")
    again, started = spawn(settings, work / f"b-{n}", work / f"b-again-{n}.log")
    kept_s = seconds_to_ready(work / f"b-again-{n}.log", started, again)
    again.stop(60)
    return {
        "stories": n,
        "items_partitions": items_partitions,
        "publish_s": round(published_s, 1),
        "first_worker_processing_s": round(processed_s, 1),
        "changelog_records": records,
        "state_bytes_on_disk": state_bytes,
        "fresh_worker_ready_s": round(fresh_s, 1),
        "restart_with_kept_state_ready_s": round(kept_s, 1),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--items-partitions", type=int, default=4)
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="wire-recovery-") as tmp:
        work = Path(tmp)
        with broker(work) as (bootstrap, _):
            for n in sizes:
                rows.append(run_size(bootstrap, n, args.items_partitions, work))
                print(rows[-1], flush=True)
    print(
        f"\n{'stories':>8} {'changelog':>10} {'state MB':>9} {'fresh ready s':>14} "
        f"{'restart ready s':>16} {'first pass s':>13}"
    )
    for r in rows:
        print(
            f"{r['stories']:>8} {r['changelog_records']:>10} "
            f"{r['state_bytes_on_disk'] / 1e6:>9.1f} {r['fresh_worker_ready_s']:>14} "
            f"{r['restart_with_kept_state_ready_s']:>16} {r['first_worker_processing_s']:>13}"
        )
    path = write_json("recovery.json", {"machine": machine_info(), "runs": rows})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
