"""A bug that escapes a stage's per-message handling stops neither the agent nor its partition.

Raised out of a Faust agent, the exception crashed it: the supervisor restarted the agent on
the events after its batch, the batch was never acknowledged, and no offset of the partition
could be committed again until a rebalance or a restart. These tests inject such a bug (a
header value that is not bytes, which ``raw_message`` cannot read; a statistics call that
fails) and drive the agents ``register`` builds, and ``Stages.guarded``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.pipeline import Pipeline
from streams.kafka.classify import TransactionLost
from streams.settings import Settings
from streams.worker import agents
from streams.worker.agents import CRASH_ATTEMPTS, Stages
from streams.worker.delivery import Deliverer
from streams.worker.refused import CrashLedger
from streams.worker.replay import ReplayGuard
from streams.worker.stats import Stats

from .test_agents import STORY, Event, Gate, RefusingSend, State

RAW = "wire.raw"


def poisoned(offset: int) -> Event:
    """A raw event whose header value is text, not bytes: reading it raises (a bug)."""
    event = Event(RAW, offset, b"poison " + STORY)
    event.headers = {"wire-source": b"test", "wire-filename": "not bytes"}  # type: ignore[dict-item]
    return event


class FlakyStats(Stats):
    """Statistics whose ``on_raw`` fails the first ``fails`` times (a passing fault)."""

    def __init__(self, fails: int) -> None:
        super().__init__()
        self.fails = fails

    def on_raw(self) -> float:
        if self.fails:
            self.fails -= 1
            raise RuntimeError("a passing fault")
        return super().on_raw()


@functools.cache
def pipeline() -> Pipeline:
    """Stage 1 only here: one pipeline serves every test (building one takes seconds)."""
    return build_pipeline(Settings(), MemoryStore())


def reporting(
    send: RefusingSend, stats: Stats | None = None, **kwargs: Any
) -> tuple[Stages, list[tuple[list[int], bool]]]:
    reports: list[tuple[list[int], bool]] = []

    def finished(events: Sequence[Any], ok: bool) -> None:
        reports.append(([e.message.offset for e in events], ok))

    deliverer = Deliverer(send, on_fatal=[].append)
    stage = Stages(pipeline(), deliverer, stats or Stats(), State(), finished=finished, **kwargs)
    return stage, reports


class Stream:
    """The part of a Faust stream the one-event-at-a-time agents read."""

    def __init__(self, events: Sequence[Any]) -> None:
        self._events = events

    async def events(self) -> AsyncIterator[Any]:
        for event in self._events:
            yield event


class App:
    """Collects the agents ``register`` defines."""

    def __init__(self) -> None:
        self.agents: dict[str, Callable[[Any], Any]] = {}

    def topic(self, *args: Any, **kwargs: Any) -> str:
        return str(args[0])

    def agent(self, topic: str, *, name: str) -> Callable[[Any], Any]:
        def define(fun: Callable[[Any], Any]) -> Callable[[Any], Any]:
            self.agents[name] = fun
            return fun

        return define


async def test_an_event_that_crashes_the_parse_agent_is_a_dead_letter_and_the_agent_goes_on() -> (
    None
):
    settings = Settings().with_(batch_size=1)
    send = RefusingSend("none")
    stage, reports = reporting(send)
    app = App()
    agents.register(app, stage, stage.pipeline.topics, settings, ReplayGuard())
    events = [Event(RAW, 5, STORY), poisoned(6), Event(RAW, 7, STORY)]
    await asyncio.wait_for(app.agents["parse"](Stream(events)), 10)
    assert [t for t, _, _ in send.acked] == ["wire.items", "wire.dead-letter", "wire.items"]
    _, value, headers = send.acked[1]
    assert value == b"poison " + STORY  # its raw bytes, intact
    assert headers["wire-reason"] == b"internal-error"
    assert b"TypeError" in headers["wire-error"]
    assert headers["wire-raw-offset"] == b"6"
    assert headers["wire-source"] == b"test"  # the headers that could be read are kept
    assert reports == [([5], True), ([6], True), ([7], True)]


async def test_a_crashed_batch_is_done_again_event_by_event_in_order() -> None:
    send = RefusingSend("none")
    stage, reports = reporting(send)
    await stage.guarded(
        stage.parse_batch, [Event(RAW, 5, STORY), poisoned(6), Event(RAW, 7, STORY)]
    )
    assert [t for t, _, _ in send.acked] == ["wire.items", "wire.dead-letter", "wire.items"]
    assert reports == [([5], True), ([6], True), ([7], True)]


async def test_an_event_is_a_dead_letter_only_after_crashing_its_stage_several_times() -> None:
    # A fault that passes costs a retry, not the item.
    send = RefusingSend("none")
    stage, reports = reporting(send, FlakyStats(CRASH_ATTEMPTS - 1))
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY)])
    assert [t for t, _, _ in send.acked] == ["wire.items"]
    assert reports == [([5], True)]

    send = RefusingSend("none")
    stage, reports = reporting(send, FlakyStats(CRASH_ATTEMPTS))
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY)])
    assert [t for t, _, _ in send.acked] == ["wire.dead-letter"]
    assert f"crashed its stage {CRASH_ATTEMPTS} times".encode() in send.acked[0][2]["wire-error"]


async def test_exactly_once_gives_up_transactions_holding_a_crashed_batchs_outputs() -> None:
    # Outputs queued in a transaction cannot be taken back: redone in it they would commit
    # twice, committed alone (a commit between the crash and giving up) without their offsets.
    # So the transactions are given up inside the commit gate and nothing is redone here.
    send = RefusingSend("none")
    gate = Gate()
    given_up: list[tuple[list[int], bool]] = []
    stage, reports = reporting(
        send,
        event_scope=gate,
        abandon=lambda events, why: given_up.append(
            ([e.message.offset for e in events], gate.inside)
        ),
    )

    def finished(events: Sequence[Any], ok: bool) -> None:  # a bug after the outputs went out
        raise RuntimeError("bookkeeping bug")

    stage.finished = finished
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY), Event(RAW, 6, STORY)])
    assert given_up == [([5, 6], True)]
    assert [t for t, _, _ in send.acked] == ["wire.items", "wire.items"]  # sent once
    assert reports == []


async def test_at_least_once_redoes_a_batch_that_crashed_after_its_outputs_went_out() -> None:
    send = RefusingSend("none")
    stage, _ = reporting(send)
    done: list[list[int]] = []
    crashes = [1]

    def finished(events: Sequence[Any], ok: bool) -> None:
        if crashes:
            crashes.pop()
            raise RuntimeError("bookkeeping bug")
        done.append([e.message.offset for e in events])

    stage.finished = finished
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY), Event(RAW, 6, STORY)])
    assert done == [[5], [6]]  # nothing lost; the first attempt's outputs are sent again
    assert len(send.acked) == 4


async def test_a_crash_the_guard_cannot_turn_into_a_dead_letter_stops_the_worker() -> None:
    # Restarted by Faust on the same stream, the agent would never be handed its crashed
    # batch again, nor acknowledge it: the partition's commits would stall. A restarted
    # worker reads from the committed offsets instead.
    send = RefusingSend("none")
    stage, _ = reporting(send)
    fatal: list[str] = []
    stage.deliverer.on_fatal = fatal.append

    async def no_letter(event: Any, crash: Exception, crashes: int) -> None:
        raise RuntimeError("dead letter bug")

    stage._crash_letter = no_letter  # type: ignore[method-assign]
    app = App()
    agents.register(
        app, stage, stage.pipeline.topics, Settings().with_(batch_size=1), ReplayGuard()
    )
    with pytest.raises(RuntimeError):
        await asyncio.wait_for(app.agents["parse"](Stream([poisoned(6)])), 10)
    assert len(fatal) == 1 and "parse agent crashed" in fatal[0]


async def test_exactly_once_dead_letters_an_event_that_crashes_after_queueing_in_every_process(
    tmp_path: Path,
) -> None:
    # Each crash after queueing gives the transaction up, and the event is redone only by the
    # next process (after the restart that replaces the transaction): counted in memory, it
    # would be redone for ever. The count survives on disk; only crashes alone are counted,
    # so the events that shared its first batch are never dead letters.
    ledger = tmp_path / "crashed-events.tsv"
    events = [Event(RAW, 5, STORY), Event(RAW, 6, b"late " + STORY), Event(RAW, 7, STORY)]
    given_up: list[list[int]] = []
    letters: list[tuple[int, bytes]] = []
    for _process in range(5):
        send = RefusingSend("none")
        stage, _ = reporting(
            send,
            abandon=lambda evs, why: given_up.append([e.message.offset for e in evs]),
            crashed=CrashLedger(ledger),
        )
        finished = stage.finished

        def crash_on_6(
            evs: Sequence[Any], ok: bool, finished: Any = finished, send: Any = send
        ) -> None:  # after parsing 6 (not after its dead letter: that path has no fault)
            if any(e.message.offset == 6 for e in evs) and send.acked[-1][0] == "wire.items":
                raise RuntimeError("bookkeeping bug")
            finished(evs, ok)

        stage.finished = crash_on_6
        await stage.guarded(stage.parse_batch, events)
        letters += [
            (int(h["wire-raw-offset"]), h["wire-error"])
            for t, _, h in send.acked
            if t == "wire.dead-letter"
        ]
    assert given_up == [[5, 6, 7], [6], [6], [6]]
    [(offset, error)] = letters
    assert offset == 6 and f"crashed its stage {CRASH_ATTEMPTS} times".encode() in error


class BigLetterRefusingSend(RefusingSend):
    """Kafka refusing a dead letter that carries raw bytes (too large); taking a bare one."""

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        if topic == "wire.dead-letter" and value:
            from aiokafka.errors import MessageSizeTooLargeError

            raise MessageSizeTooLargeError()
        return await super().__call__(topic, key, value, headers)


async def test_the_crash_letter_of_an_unreadable_event_that_kafka_refuses_is_sent_bare() -> None:
    # The event's headers cannot be read (the bug): the refusal's own dead letter must not
    # read them again, or the guard fails, the worker exits, and the restarted worker meets
    # the same event and exits again, for ever.
    send = BigLetterRefusingSend("none")
    stage, reports = reporting(send)
    fatal: list[str] = []
    stage.deliverer.on_fatal = fatal.append
    await stage.guarded(stage.parse_batch, [poisoned(6)])
    assert fatal == []
    [(topic, value, headers)] = send.acked
    assert topic == "wire.dead-letter" and value == b""  # bare: the raw bytes left out
    assert headers["wire-raw-offset"] == b"6"
    assert reports == [([6], True)]


async def test_exactly_once_stops_the_worker_if_giving_up_a_crashed_batch_fails() -> None:
    # Redone in the transactions that still hold its first outputs, the batch would commit
    # them twice: if they cannot be given up, the worker stops (its transactions abort).
    send = RefusingSend("none")
    fatal: list[str] = []

    def abandon(events: Sequence[Any], why: str) -> None:
        raise KeyError("no transaction for this partition")

    stage, _ = reporting(send, abandon=abandon)
    stage.deliverer.on_fatal = fatal.append

    def finished(events: Sequence[Any], ok: bool) -> None:  # a bug after the outputs went out
        raise RuntimeError("bookkeeping bug")

    stage.finished = finished
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY), Event(RAW, 6, STORY)])
    assert [t for t, _, _ in send.acked] == ["wire.items", "wire.items"]  # not sent twice
    assert len(fatal) == 1 and "could not be given up" in fatal[0]


async def test_a_record_republished_at_a_counted_offset_after_a_topic_is_recreated_is_processed(
    tmp_path: Path,
) -> None:
    # A topic deleted and re-created reuses its offsets, and the same files published again
    # in the same order land at the same offsets with the same bytes. The crash count belongs
    # to the record that crashed (its timestamp differs), not to the new one: counted, the new
    # record would be a dead letter without being tried.
    ledger = tmp_path / "crashed-events.tsv"
    old = Event(RAW, 6, STORY)
    old.message.timestamp = 1.7e9
    crashed = CrashLedger(ledger)
    for _process in range(CRASH_ATTEMPTS):
        crashed.add(RAW, 0, 6, agents._crash_identity(old), alone=True)
    new = Event(RAW, 6, STORY)
    new.message.timestamp = 1.8e9
    send = RefusingSend("none")
    stage, reports = reporting(send, abandon=lambda evs, why: None, crashed=CrashLedger(ledger))
    await stage.guarded(stage.parse_batch, [new])
    assert [t for t, _, _ in send.acked] == ["wire.items"]
    assert reports == [([6], True)]
    # The record that crashed, seen again, is still a dead letter at once.
    send = RefusingSend("none")
    stage, reports = reporting(send, abandon=lambda evs, why: None, crashed=CrashLedger(ledger))
    await stage.guarded(stage.parse_batch, [old])
    assert [t for t, _, _ in send.acked] == ["wire.dead-letter"]


class BrokenStats(Stats):
    """Statistics that fail on every raw message and every dead letter (a bug in them)."""

    def on_raw(self) -> float:
        raise RuntimeError("stats bug")

    def on_dead(self, error: Any, raw: Any) -> None:
        raise RuntimeError("stats bug")


async def test_a_bug_in_the_statistics_does_not_stop_the_crash_letter() -> None:
    # Failing in the crash letter, it would stop the worker, and every restart would meet the
    # same event, crash on it and stop again: the partition stuck for good.
    send = RefusingSend("none")
    stage, reports = reporting(send, BrokenStats())
    fatal: list[str] = []
    stage.deliverer.on_fatal = fatal.append
    await stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY)])
    assert fatal == []
    assert [t for t, _, _ in send.acked] == ["wire.dead-letter"]
    assert reports == [([5], True)]


class PartitionSend:
    """Each record sent in its event's context; one partition's transaction is lost."""

    def __init__(self, lost_partition: int) -> None:
        self.lost_partition = lost_partition
        self.origin: Any = None
        self.acked: list[int] = []  # the partitions of the records acknowledged

    @contextlib.contextmanager
    def in_event(self, origin: Any) -> Iterator[None]:
        self.origin = origin
        yield

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        partition = self.origin.message.partition
        if partition == self.lost_partition:
            raise TransactionLost(f"transaction t-{partition}: lost")
        self.acked.append(partition)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        fut.set_result(None)
        return fut


def on_partition(event: Event, partition: int) -> Event:
    event.message.partition = partition
    event.message.tp = (event.message.topic, partition)
    return event


def test_exactly_once_takes_a_batch_one_source_partition_at_a_time() -> None:
    a0, b1, c0, d1 = (
        on_partition(Event(RAW, o, STORY), p) for o, p in ((7, 0), (3, 1), (8, 0), (4, 1))
    )
    assert agents.per_transaction([a0, b1, c0, d1], exactly_once=True) == [[a0, c0], [b1, d1]]
    assert agents.per_transaction([a0, b1, c0, d1], exactly_once=False) == [[a0, b1, c0, d1]]


async def test_exactly_once_a_lost_transaction_abandons_only_its_own_partition() -> None:
    # A batch of two partitions whose partition 1 transaction is lost. Taken whole, partition
    # 0's item was queued in its own healthy transaction and the batch abandoned: committed
    # later, that item was an output without its offset, redone (sent twice) after a restart.
    # Taken per partition, partition 0's event finishes and partition 1's is abandoned.
    send = PartitionSend(lost_partition=1)
    given_up: list[list[int]] = []
    deliverer = Deliverer(send, on_fatal=[].append, in_event=send.in_event)
    reports: list[tuple[list[tuple[int, int]], bool]] = []
    stage = Stages(
        pipeline(),
        deliverer,
        Stats(),
        State(),
        finished=lambda evs, ok: reports.append(
            ([(e.message.partition, e.message.offset) for e in evs], ok)
        ),
        abandon=lambda evs, why: given_up.append([e.message.offset for e in evs]),
    )
    batch = [on_partition(Event(RAW, 7, STORY), 0), on_partition(Event(RAW, 3, STORY), 1)]
    for group in agents.per_transaction(batch, exactly_once=True):
        await stage.guarded(stage.parse_batch, group)
    assert send.acked == [0]
    assert reports == [([(0, 7)], True), ([(1, 3)], False)]
    assert given_up == []  # nothing crashed: the lost transaction is the book's to replace


class HangingSend:
    """Kafka taking each record and never acknowledging it."""

    def __init__(self) -> None:
        self.sent = 0

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        self.sent += 1
        return asyncio.get_running_loop().create_future()


async def test_exactly_once_a_batch_cancelled_after_queueing_gives_up_its_transactions() -> None:
    # Cancelled while its outputs await their acknowledgement (a stop), the batch left them
    # in its transactions: the revoke's commit would have taken them without the offsets.
    send = HangingSend()
    given_up: list[list[int]] = []
    stage, reports = reporting(
        send,  # type: ignore[arg-type]
        abandon=lambda evs, why: given_up.append([e.message.offset for e in evs]),
    )
    task = asyncio.create_task(stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY)]))
    while not send.sent:
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert given_up == [[5]]
    assert reports == []
