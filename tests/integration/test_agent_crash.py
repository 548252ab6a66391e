"""A bug that escapes a stage's per-message handling, in a real worker on the real broker.

The fault is injected into the worker process (a ``sitecustomize`` on its ``PYTHONPATH``
that makes reading some events raise), not into the product: a payload starting
``CRASH`` raises every time, one starting ``FLAKY`` the first two times only. Before the
crash guard, the raised exception crashed the parse agent: Faust restarted it, the batch
was never acknowledged, and the raw partition's committed offset stopped there.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.commands.audit import audit_until_complete
from streams.core.model import H_ERROR, H_FILENAME, H_REASON
from streams.dev.broker import free_port
from streams.dev.process import WorkerProcess
from streams.kafka.clients import RawPayload

from .conftest import Service
from .corpus import story

ROOT = Path(__file__).resolve().parents[2]

#: The exactly-once grace of a lost transaction (``WIRE_LOST_TRANSACTION_GRACE``, 30 s by
#: default): the worker exits after it. Nothing rebalances in these tests, so a few seconds
#: prove the same path (exit 70, redo on restart) as the default, at a fraction of the time.
GRACE_S = 3.0
#: The group's session timeout for the tests whose worker exits (70) and is restarted: the
#: exit sends no LeaveGroup, so the restarted worker's join waits until the dead member's
#: session expires (the broker's minimum, 6 s, against the default 10 s; as test_cluster).
SESSION_S = 6.0

INJECT = '''
"""Test fault injection (tests/integration/test_agent_crash.py)."""
from streams.worker import agents

_read = agents.raw_message
_seen: dict[bytes, int] = {}


def raw_message(event):
    value = event.value or b""
    if value.startswith(b"CRASH "):
        raise TypeError("injected: this event cannot be read")
    if value.startswith(b"FLAKY "):
        _seen[value] = _seen.get(value, 0) + 1
        if _seen[value] <= 2:
            raise RuntimeError("injected: a passing fault")
    return _read(event)


agents.raw_message = raw_message
'''


#: A fault after the outputs went out: delivering the outputs (not a dead letter) of a batch
#: that holds a payload starting ``LATE`` raises once they are acknowledged; only the first
#: time with a marker file (so not again after a restart), or every time.
INJECT_LATE = '''
"""Test fault injection (tests/integration/test_agent_crash.py)."""
from pathlib import Path

from streams.worker import agents

_init = agents.Stages.__init__
_MARK = Path(__file__).with_name("late-crashed")
ONCE = True


def __init__(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    deliver = self.deliverer.deliver

    async def crashing(records, origins=None, dead_letter=None):
        ok = await deliver(records, origins, dead_letter)
        late = any((getattr(o, "value", None) or b"").startswith(b"LATE ") for o in origins or ())
        letters = all(r.topic.endswith("dead-letter") for r in records)
        if late and not letters and not (ONCE and _MARK.exists()):
            _MARK.write_text("crashed")
            raise RuntimeError("injected: a fault after the outputs were sent")
        return ok

    self.deliverer.deliver = crashing


agents.Stages.__init__ = __init__
'''

#: The same fault, every time.
INJECT_ALWAYS_LATE = INJECT_LATE.replace("ONCE = True", "ONCE = False")


def crashing_worker(service: Service, inject: Path, code: str = INJECT) -> WorkerProcess:
    inject.mkdir(parents=True, exist_ok=True)
    (inject / "sitecustomize.py").write_text(code)
    port = free_port()
    home = service.home / f"worker-{len(service.workers)}"
    home.mkdir(parents=True, exist_ok=True)
    env = service.env(port, home)
    # The project first, so the injection patches the code under test (the shared venv's
    # editable install points at another checkout).
    env["PYTHONPATH"] = os.pathsep.join([str(inject), str(ROOT)])
    worker = WorkerProcess.wire(env, home / "worker.log", port)
    service.workers.append(worker)
    worker.start()
    worker.wait_web()
    return worker


async def committed_to_end(service: Service, timeout: float) -> dict[int, tuple[int, int]]:
    """Each raw partition's committed offset and end offset, once they meet (or at timeout)."""
    kwargs = service.settings.kafka_client_kwargs()
    tps = [TopicPartition(service.topics.raw, p) for p in range(service.settings.raw_partitions)]
    ends_reader = AIOKafkaConsumer(**kwargs, isolation_level="read_committed")
    admin = AIOKafkaAdminClient(**kwargs)
    await ends_reader.start()
    await admin.start()
    try:
        ends = await ends_reader.end_offsets(tps)
        deadline = time.monotonic() + timeout
        while True:
            offsets = await admin.list_consumer_group_offsets(service.settings.app_id)
            got = {
                tp.partition: (offsets[tp].offset if tp in offsets else -1, ends[tp]) for tp in tps
            }
            if all(c >= e for c, e in got.values()) or time.monotonic() > deadline:
                return got
            await asyncio.sleep(0.5)
    finally:
        await admin.close()
        await ends_reader.stop()


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_an_event_that_crashes_its_stage_is_dead_lettered_and_nothing_stalls(
    service: Service, guarantee: str, tmp_path: Path
) -> None:
    service.settings = service.settings.with_(guarantee=guarantee, commit_interval=0.5)
    worker = crashing_worker(service, tmp_path / "inject")
    payloads: list[RawPayload] = []
    crashing: dict[str, bytes] = {}
    for i in range(60):
        payloads.append(RawPayload(story(30_000 + i), "wna", f"good-{i}.txt"))
        if i % 20 == 7:
            value = b"CRASH " + story(31_000 + i)
            crashing[f"crash-{i}.txt"] = value
            payloads.append(RawPayload(value, "wna", f"crash-{i}.txt"))
    payloads.append(RawPayload(b"FLAKY " + story(32_000), "wna", "flaky.txt"))
    await service.publish(*payloads)

    dead = await service.wait_for([service.topics.dead_letter], len(crashing), timeout=120)
    by_name = {d.headers[H_FILENAME].decode(): d for d in dead}
    assert set(by_name) == set(crashing)  # the flaky one was read again and routed
    for name, value in crashing.items():
        letter = by_name[name]
        assert letter.value == value  # its raw bytes
        assert letter.headers[H_REASON] == b"internal-error"
        assert b"crashed its stage 3 times" in letter.headers[H_ERROR]

    report = await audit_until_complete(service.settings, 120)
    assert report.raw_messages == len(payloads)
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    if guarantee == "exactly_once":
        assert report.doubled == {}, await service.why_doubled(report)
        assert report.routed_without_state == [], report.summary()
    # Nothing stalled: every raw partition is committed to its end, by the first process.
    got = await committed_to_end(service, 60)
    assert all(c >= e for c, e in got.values()), got
    assert worker.alive() and worker.starts == 1


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_a_crash_after_the_outputs_went_out_loses_nothing_and_doubles_nothing_exactly_once(
    service: Service, guarantee: str, tmp_path: Path
) -> None:
    # At-least-once redoes the batch at once (its outputs may be sent twice). Exactly-once
    # gives its transaction up; with no rebalance to replace it the worker exits (70) after
    # the grace period and, restarted, redoes the events from the committed offset.
    service.settings = service.settings.with_(
        guarantee=guarantee,
        commit_interval=0.5,
        lost_transaction_grace=GRACE_S,
        session_timeout=SESSION_S,
    )
    inject = tmp_path / "inject"
    worker = crashing_worker(service, inject, INJECT_LATE)
    payloads = [RawPayload(story(40_000 + i), "wna", f"good-{i}.txt") for i in range(30)]
    payloads.insert(10, RawPayload(b"LATE " + story(41_000), "wna", "late.txt"))
    await service.publish(*payloads)
    if guarantee == "exactly_once":
        deadline = time.monotonic() + 120
        while worker.alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert worker.proc is not None and worker.proc.poll() == 70, worker.tail()
        worker.start()
        worker.wait_web()
    report = await audit_until_complete(service.settings, 120)
    assert (inject / "late-crashed").exists()
    assert report.raw_messages == len(payloads)
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    if guarantee == "exactly_once":
        assert report.doubled == {}, await service.why_doubled(report)
        assert report.routed_without_state == [], report.summary()
        assert report.redone == {}, report.summary()
    got = await committed_to_end(service, 60)
    assert all(c >= e for c, e in got.values()), got
    assert worker.alive()


async def test_an_event_that_always_crashes_after_queueing_is_a_dead_letter_exactly_once(
    service: Service, tmp_path: Path
) -> None:
    # Every crash gives the transaction up and the worker exits (70) after the grace period;
    # the crash count survives the restarts (CrashLedger in the worker's home), so after the
    # batch's crash and 3 crashes alone the event is a dead letter and the partition moves on.
    service.settings = service.settings.with_(
        guarantee="exactly_once",
        commit_interval=0.5,
        lost_transaction_grace=GRACE_S,
        session_timeout=SESSION_S,
    )
    worker = crashing_worker(service, tmp_path / "inject", INJECT_ALWAYS_LATE)
    payloads = [RawPayload(story(50_000 + i), "wna", f"good-{i}.txt") for i in range(20)]
    late = b"LATE " + story(51_000)
    payloads.insert(7, RawPayload(late, "wna", "late.txt"))
    await service.publish(*payloads)
    exits = 0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if not worker.alive():
            assert worker.proc is not None and worker.proc.poll() == 70, worker.tail()
            exits += 1
            worker.start()
            worker.wait_web()
        dead = await service.read(service.topics.dead_letter)
        if dead:
            break
        await asyncio.sleep(1)
    [letter] = dead
    assert letter.value == late
    assert letter.headers[H_REASON] == b"internal-error"
    assert b"crashed its stage 3 times" in letter.headers[H_ERROR]
    assert exits == 4  # the batch, then the event alone 3 times
    report = await audit_until_complete(service.settings, 120)
    assert report.raw_messages == len(payloads)
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    assert report.doubled == {}, await service.why_doubled(report)
    assert report.routed_without_state == [], report.summary()
    assert report.redone == {}, report.summary()
