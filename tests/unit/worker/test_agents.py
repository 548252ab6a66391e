"""The route stage's state write: retried while transient, dropped when fenced."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, ProducerFenced

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import RawMessage
from streams.kafka.classify import TransactionLost
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.refused import RefusedLedger
from streams.worker.stats import Stats


class State:
    """A batch state whose writes fail as scripted."""

    def __init__(self, *outcomes: list[BaseException]) -> None:
        self.outcomes = list(outcomes)
        self.applied = 0
        self.discarded = 0

    def begin(self, origin: object) -> None:
        return None

    def discard(self) -> None:
        self.discarded += 1

    def stale(self) -> bool:
        return False

    async def apply(self) -> list[BaseException]:
        self.applied += 1
        return self.outcomes.pop(0) if self.outcomes else []


async def _send(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("not used")


def stages(state: State, fatal: list[str]) -> Stages:
    pipeline = build_pipeline(Settings(), MemoryStore())
    deliverer = Deliverer(_send, on_fatal=fatal.append)
    return Stages(pipeline, deliverer, Stats(), state)


async def test_a_fenced_state_write_is_dropped_not_kept_for_the_next_batch() -> None:
    state, fatal = State([ProducerFenced()]), []
    assert not await stages(state, fatal)._apply_state()
    assert state.discarded == 1 and state.applied == 1 and not fatal


async def test_a_transient_state_write_failure_is_retried() -> None:
    state, fatal = State([KafkaTimeoutError()]), []
    assert await stages(state, fatal)._apply_state()
    assert state.applied == 2 and state.discarded == 0 and not fatal


async def test_a_refused_state_write_stops_the_worker() -> None:
    state, fatal = State([ValueError("bad")]), []
    assert not await stages(state, fatal)._apply_state()
    assert len(fatal) == 1 and "dedup state" in fatal[0]


class Message:
    def __init__(self, topic: str, offset: int) -> None:
        self.topic, self.partition, self.offset, self.timestamp = topic, 0, offset, 1.7e9
        self.tp = (topic, 0)


class Event:
    """The parts of a Faust event the agents read."""

    def __init__(self, topic: str, offset: int, value: bytes) -> None:
        self.message = Message(topic, offset)
        self.headers = {"wire-source": b"test"}
        self.value = value


class RefusingSend:
    """Kafka refusing every record for one topic as too large; acknowledging the rest."""

    def __init__(self, refused_topic: str) -> None:
        self.refused_topic = refused_topic
        self.acked: list[tuple[str, bytes, dict[str, bytes]]] = []

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        if topic == self.refused_topic:
            raise MessageSizeTooLargeError()  # aiokafka refuses before queueing
        self.acked.append((topic, value, dict(headers)))
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        fut.set_result(None)
        return fut


STORY = b"Talks in Paris\n\nPARIS (Wire) - Officials met in Paris on Tuesday to talk.\n"


async def test_an_output_kafka_refuses_becomes_a_dead_letter_of_the_raw_message() -> None:
    send, fatal = RefusingSend("wire.items"), []
    pipeline = build_pipeline(Settings(), MemoryStore())
    stats = Stats()
    agent = Stages(pipeline, Deliverer(send, on_fatal=fatal.append), stats, State())
    await agent.parse_batch([Event("wire.raw", 5, STORY)])
    assert not fatal
    [(topic, value, headers)] = send.acked
    assert topic == "wire.dead-letter" and value == STORY
    assert headers["wire-reason"] == b"too-large-output"
    assert headers["wire-raw-offset"] == b"5"


async def test_a_refused_routed_item_is_a_dead_letter_and_its_state_is_not_kept() -> None:
    pipeline = build_pipeline(Settings(), MemoryStore())
    [record] = pipeline.stage1_records(RawMessage(STORY, {"wire-source": b"test"}))
    send, fatal, state = RefusingSend("wire.region.europe"), [], State()
    agent = Stages(pipeline, Deliverer(send, on_fatal=fatal.append), Stats(), state)
    await agent.route_batch([Event("wire.items", 9, record.value)])
    assert not fatal
    assert [(t, h["wire-reason"]) for t, _, h in send.acked] == [
        ("wire.dead-letter", b"too-large-output")
    ]
    assert send.acked[0][1] == record.value
    assert state.discarded == 1


class LosingSend(RefusingSend):
    """Exactly-once after the broker refused a record: the transaction is lost, so every
    later send of the batch fails as fenced (TransactionLost)."""

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        if topic == self.refused_topic:
            fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
            fut.set_exception(MessageSizeTooLargeError())  # the broker's answer
            self.lost = True
            return fut
        if getattr(self, "lost", False):
            raise TransactionLost("transaction lost")
        return await super().__call__(topic, key, value, headers)


async def test_an_event_whose_refusal_lost_its_transaction_is_a_dead_letter_when_redone(
    tmp_path: Path,
) -> None:
    pipeline = build_pipeline(Settings(), MemoryStore())
    [record] = pipeline.stage1_records(RawMessage(STORY, {"wire-source": b"test"}))
    event = Event("wire.items", 9, record.value)
    ledger = tmp_path / "refused.tsv"
    lost, fatal, state = LosingSend("wire.region.europe"), [], State()
    first = Stages(pipeline, Deliverer(lost, on_fatal=fatal.append), Stats(), state)
    first.refused = RefusedLedger(ledger)
    await first.route_batch([event])
    assert lost.acked == [] and state.discarded == 1 and not fatal  # abandoned, not committed

    # Redone after the rebalance or restart that replaces the lost transaction: the broker
    # would refuse the record again and lose this transaction too, so it is not sent.
    send = LosingSend("wire.region.europe")
    again = Stages(
        pipeline,
        Deliverer(send, on_fatal=fatal.append),
        Stats(),
        State(),
        refused=RefusedLedger(ledger),
    )
    await again.route_batch([event])
    assert [(t, h["wire-reason"]) for t, _, h in send.acked] == [
        ("wire.dead-letter", b"too-large-output")
    ]
    assert not fatal


class Gate:
    """An event scope that records whether a batch was reported finished inside it."""

    def __init__(self) -> None:
        self.inside = False

    def __call__(self) -> Any:
        gate = self

        class Scope:
            async def __aenter__(self) -> None:
                gate.inside = True

            async def __aexit__(self, *exc: object) -> None:
                gate.inside = False

        return Scope()


async def test_a_delivered_batch_is_reported_done_inside_the_commit_gate() -> None:
    # Reported after the gate opened, a commit could take the batch's outputs without its
    # offsets, and the partition's next owner would redo it (seen: 80 items redone at a kill).
    pipeline = build_pipeline(Settings(), MemoryStore())
    gate, reports = Gate(), []
    agent = Stages(
        pipeline,
        Deliverer(RefusingSend("none"), on_fatal=[].append),
        Stats(),
        State(),
        gate,
        finished=lambda events, ok: reports.append(
            ([e.message.offset for e in events], ok, gate.inside)
        ),
    )
    await agent.parse_batch([Event("wire.raw", 5, STORY), Event("wire.raw", 6, STORY)])
    [record] = pipeline.stage1_records(RawMessage(STORY, {"wire-source": b"t"}))
    await agent.route_batch([Event("wire.items", 9, record.value)])
    assert reports == [([5, 6], True, True), ([9], True, True)]


async def test_a_fenced_batch_is_reported_abandoned_so_it_is_read_again() -> None:
    pipeline = build_pipeline(Settings(), MemoryStore())
    [record] = pipeline.stage1_records(RawMessage(STORY, {"wire-source": b"test"}))
    reports: list[tuple[list[int], bool]] = []

    async def fenced(*args: Any, **kwargs: Any) -> Any:
        raise TransactionLost("transaction x: no open transaction")

    def finished(events: Any, ok: bool) -> None:
        reports.append(([e.message.offset for e in events], ok))

    agent = Stages(
        pipeline, Deliverer(fenced, on_fatal=[].append), Stats(), State(), finished=finished
    )
    await agent.parse_batch([Event("wire.raw", 5, STORY)])
    await agent.route_batch([Event("wire.items", 9, record.value)])
    # A fenced state write abandons the batch too.
    writer = Stages(
        pipeline,
        Deliverer(RefusingSend("none"), on_fatal=[].append),
        Stats(),
        State([ProducerFenced()]),
        finished=finished,
    )
    await writer.route_batch([Event("wire.items", 10, record.value)])
    assert reports == [([5], False), ([9], False), ([10], False)]
