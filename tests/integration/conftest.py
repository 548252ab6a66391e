"""The real broker and real worker processes for integration tests.

The broker is started once per session (or taken from ``KAFKA_BOOTSTRAP``); each
test gets its own topic prefix and consumer group, so tests never see each
other's messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest

from streams.core.audit import AuditReport
from streams.core.topics import Topics, build_topics
from streams.dev.broker import LocalBroker, free_port
from streams.dev.process import WorkerProcess
from streams.errors import BrokerError
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import Publisher, RawPayload, Received, read_topics
from streams.settings import Settings

ARTIFACTS = Path(os.environ.get("WIRE_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("KAFKA_BOOTSTRAP")
    if external:
        yield external
        return
    if shutil.which("java") is None:
        pytest.skip(
            "Java is not on PATH: the integration tests start a local Kafka broker, which needs"
            " Java 17+ (or set KAFKA_BOOTSTRAP to a running broker)"
        )
    for attempt in range(3):
        # A free port can be taken by another process before the JVM binds it: try again.
        broker = LocalBroker(tmp_path_factory.mktemp("broker"), port=free_port())
        try:
            took = broker.start()
            break
        except BrokerError as exc:
            broker.stop()
            if attempt == 2:
                raise
            print(f"\nkafka broker did not start ({exc.message.splitlines()[0]}); retrying")
    print(f"\nkafka broker started in {took:.1f}s at {broker.bootstrap}")
    try:
        yield broker.bootstrap
    finally:
        broker.stop()


@dataclass
class Service:
    """Settings, topic names and workers of one isolated Wirestream deployment."""

    settings: Settings
    topics: Topics
    home: Path
    workers: list[WorkerProcess] = field(default_factory=list)

    def env(self, web_port: int, home: Path | None = None) -> dict[str, str]:
        """The environment of a worker or CLI process: every setting as its WIRE_* variable."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIRE_")}
        env.pop("KAFKA_BOOTSTRAP", None)
        for f in fields(Settings):
            env["WIRE_" + f.name.upper()] = str(getattr(self.settings, f.name))
        env["WIRE_WEB_PORT"] = str(web_port)
        if home is not None:
            env["WIRE_HOME"] = str(home)
        return env

    def worker(self, start: bool = True) -> WorkerProcess:
        """A worker with a home (RocksDB state) of its own, like a worker on its own machine."""
        port = free_port()
        home = self.home / f"worker-{len(self.workers)}"
        home.mkdir(parents=True, exist_ok=True)
        w = WorkerProcess.wire(self.env(port, home), home / "worker.log", port)
        self.workers.append(w)
        if start:
            w.start()
            w.wait_web()
        return w

    async def publish(self, *payloads: RawPayload) -> None:
        async with Publisher(self.settings, self.topics.raw) as pub:
            await pub.send_all(list(payloads))

    async def read(self, *topics: str) -> list[Received]:
        """Everything currently in the topics (stops at the end offsets seen at start)."""
        return [
            r
            async for r in read_topics(
                self.settings, list(topics), from_beginning=True, until_end=True
            )
        ]

    async def why_doubled(self, report: AuditReport) -> str:
        """The audit's summary and, for a story routed twice, every record of it on the
        regional, duplicates and items topics (offset, status, lineage) and the workers'
        log lines about transactions, crashes and rebalances: what a CI failure needs to
        tell which lifetime and which transaction wrote each copy."""
        lines = [report.summary()]
        uris = {uri for _, uri, _, _, _ in report.doubled}
        if uris:
            topics = [*self.topics.region_topics, self.topics.duplicates, self.topics.items]
            for rec in await self.read(*topics):
                if rec.topic == self.topics.items:  # keyed by uri; the value is stage 1's
                    if rec.key is not None and rec.key.decode(errors="replace") in uris:
                        lines.append(f"{rec.topic}[{rec.partition}]@{rec.offset} {rec.key!r}")
                    continue
                with contextlib.suppress(Exception):
                    doc = rec.json()
                    if doc.get("uri") in uris:
                        ext = doc.get("wirestream") or {}
                        assert isinstance(ext, dict)
                        keep = ("status", "duplicate_of", "update_of", "lineage", "version")
                        lines.append(
                            f"{rec.topic}[{rec.partition}]@{rec.offset} "
                            f"{ {k: ext.get(k) for k in keep if ext.get(k) is not None} }"
                        )
        words = ("lost", "crash", "abandon", "assigned", "Revoking", "rebuild", "stopping")
        for w in self.workers:
            if w.log_path.exists():
                text = w.log_path.read_text(errors="replace").splitlines()
                lines.append(f"--- {w.log_path}")
                lines.extend(ln[:300] for ln in text if any(x in ln for x in words))
        return "\n".join(lines)

    async def wait_for(
        self, topics: list[str], count: int, timeout: float = 90.0
    ) -> list[Received]:
        """Poll until the topics hold ``count`` records in all; fail with the worker logs."""
        deadline = time.monotonic() + timeout
        got: list[Received] = []
        while time.monotonic() < deadline:
            got = await self.read(*topics)
            if len(got) >= count:
                return got
            for w in self.workers:
                if (
                    w.starts
                    and not w.alive()
                    and w.proc is not None
                    and w.proc.returncode not in (0, -9, -15)
                ):
                    raise AssertionError(f"worker died:\n{w.tail()}")
            await asyncio.sleep(0.5)
        logs = "\n".join(w.tail() for w in self.workers)
        raise AssertionError(f"expected {count} records on {topics}, got {len(got)}\n{logs}")


async def worker_stats(worker: WorkerProcess) -> dict[str, object] | None:
    """The worker's ``/wire/stats`` document, or None while its web server does not answer."""
    url = f"http://127.0.0.1:{worker.web_port}/wire/stats"
    with contextlib.suppress(OSError, ValueError):
        body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=5).read())
        stats: dict[str, object] = json.loads(body)
        return stats
    return None


def items_done(stats: dict[str, object] | None) -> int:
    """Items this worker process finished since it started: outputs and dedup state written
    (routed, updates and duplicates all write state)."""
    done = (stats or {}).get("by_status") or {}
    assert isinstance(done, dict)
    return int(done.get("routed", 0) + done.get("update", 0) + done.get("duplicate", 0))


async def state_written(worker: WorkerProcess, items: int, timeout: float = 30.0) -> None:
    """Wait until the worker counts ``items`` as done: outputs and dedup state both written.

    The outputs appear before the state is written; stopping the worker in between is the
    crash case, not what the callers test.
    """
    deadline = time.monotonic() + timeout
    stats: dict[str, object] | None = None
    while time.monotonic() < deadline:
        stats = await worker_stats(worker)
        if items_done(stats) >= items:
            return
        await asyncio.sleep(0.2)
    counters = {k: v for k, v in (stats or {}).items() if not isinstance(v, list)}
    raise AssertionError(f"the worker never finished {items} items: {counters}\n{worker.tail()}")


@pytest.fixture
async def service(
    kafka_bootstrap: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Service]:
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=kafka_bootstrap,
        app_id=f"wtest-{tag}",
        topic_prefix=f"t{tag}",
        home=tmp_path,
        raw_partitions=2,
        items_partitions=1,
        output_partitions=1,
    )
    topics = build_topics(settings)
    await ensure_topics(settings, topics.specs(settings))
    svc = Service(settings, topics, tmp_path)
    try:
        yield svc
    finally:
        for w in svc.workers:
            w.stop()
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            save_logs(request.node.name, svc.workers)


def save_logs(name: str, workers: list[WorkerProcess]) -> None:
    """Failed tests leave their worker logs in the CI artifacts folder."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for i, w in enumerate(workers):
        (ARTIFACTS / f"{name}-worker{i}.log").write_text(w.tail(2000))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    rep = yield
    if rep.when == "call":
        item.rep_call = rep  # type: ignore[attr-defined]
    return rep
