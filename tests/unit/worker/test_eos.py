"""The transaction book's rules, with fake transactional producers (no Kafka needed for rules)."""

import asyncio
from typing import Any

import pytest
from aiokafka.errors import MessageSizeTooLargeError, ProducerClosed, ProducerFenced

from streams.kafka.classify import TransactionLost, is_fenced
from streams.worker.eos import CommitGate, TransactionBook
from streams.worker.replay import ReplayGuard


class FakeProducer:
    """Records what a transactional producer was asked to do; can be told to fail."""

    def __init__(self, tid: str) -> None:
        self.tid = tid
        self.calls: list[str] = []
        self.offsets: list[dict[Any, int]] = []
        self.fail_send: BaseException | None = None
        self.fail_commit: BaseException | None = None

    async def start(self) -> None:
        self.calls.append("start")

    async def stop(self) -> None:
        self.calls.append("stop")

    async def begin_transaction(self) -> None:
        self.calls.append("begin")

    async def commit_transaction(self) -> None:
        if self.fail_commit is not None:
            raise self.fail_commit
        self.calls.append("commit")

    async def abort_transaction(self) -> None:
        self.calls.append("abort")

    async def send_offsets_to_transaction(self, offsets: Any, group_id: str) -> None:
        self.offsets.append(dict(offsets))

    async def send(self, topic: str, value: Any = None, **kwargs: Any) -> Any:
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        if self.fail_send is not None:
            fut.set_exception(self.fail_send)
        else:
            fut.set_result(topic)
        return fut

    async def flush(self) -> None:
        return None


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def tid_of(tp: tuple[str, int]) -> str:
    return f"app-{tp[0]}-{tp[1]}"


@pytest.fixture
def made() -> dict[str, list[FakeProducer]]:
    return {}


@pytest.fixture
def book(made: dict[str, list[FakeProducer]]) -> TransactionBook:
    def new(tid: str) -> FakeProducer:
        producer = FakeProducer(tid)
        made.setdefault(tid, []).append(producer)
        return producer

    fatal: list[str] = []
    b = TransactionBook(new, "app", lost_grace_s=30.0, on_fatal=fatal.append, clock=Clock())
    b.fatal = fatal  # type: ignore[attr-defined]
    return b


async def test_rebalance_starts_one_open_transaction_per_partition(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    assert await book.rebalance(["app-raw-0", "app-raw-1"], tid_of) is False
    assert {tid: p[0].calls for tid, p in made.items()} == {
        "app-raw-0": ["start", "begin"],
        "app-raw-1": ["start", "begin"],
    }
    await book.send("app-raw-0", "out", b"x")


async def test_send_to_a_partition_we_do_not_own_is_refused_as_fenced(
    book: TransactionBook,
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    with pytest.raises(TransactionLost) as caught:
        await book.send("app-raw-9", "out", b"x")
    assert is_fenced(caught.value)


async def test_a_fenced_send_loses_the_transaction_and_it_is_never_committed(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0", "app-raw-1"], tid_of)
    made["app-raw-0"][0].fail_send = ProducerFenced()
    fut = await book.send("app-raw-0", "out", b"x")
    with pytest.raises(ProducerFenced):
        await fut
    await asyncio.sleep(0)  # done callbacks run on the next loop iteration
    book.on_done(("raw", 0), 41)
    book.on_done(("raw", 1), 7)
    ok = await book.commit(book.pending(tid_of))
    assert ok is False
    assert made["app-raw-0"][0].offsets == []  # the lost transaction committed nothing
    assert made["app-raw-1"][0].offsets == [{("raw", 1): 8}]
    with pytest.raises(TransactionLost):
        await book.send("app-raw-0", "out", b"y")


async def test_next_rebalance_replaces_lost_producer_and_asks_for_a_state_rebuild(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0", "app-raw-1"], tid_of)
    book.mark_lost("app-raw-0", "fenced")
    assert await book.rebalance(["app-raw-0", "app-raw-1"], tid_of) is True
    assert made["app-raw-0"][0].calls[-1] == "stop"
    assert len(made["app-raw-0"]) == 2 and made["app-raw-0"][1].calls == ["start", "begin"]
    assert len(made["app-raw-1"]) == 1  # a healthy producer is kept
    assert await book.rebalance(["app-raw-0", "app-raw-1"], tid_of) is False


async def test_revoke_commits_all_acknowledged_work_without_a_new_transaction(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0", "app-raw-1"], tid_of)
    book.on_done(("raw", 0), 3)
    book.on_done(("raw", 0), 2)  # out of order acks never move the position back
    book.on_done(("raw", 1), 0)
    assert await book.commit(book.pending(tid_of), start_new_transaction=False)
    assert made["app-raw-0"][0].offsets == [{("raw", 0): 4}]
    assert made["app-raw-0"][0].calls == ["start", "begin", "commit"]
    assert book.pending(tid_of) == {}
    with pytest.raises(TransactionLost):  # nothing is sent outside a transaction
        await book.send("app-raw-0", "out", b"x")
    # The partition moves away: its producer stops; the kept one begins again.
    await book.rebalance(["app-raw-1"], tid_of)
    assert made["app-raw-0"][0].calls[-1] == "stop"
    assert made["app-raw-1"][0].calls == ["start", "begin", "commit", "begin"]


async def test_failed_commit_loses_the_transaction(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    made["app-raw-0"][0].fail_commit = ConnectionError("broker away")
    book.on_done(("raw", 0), 0)
    assert await book.commit(book.pending(tid_of)) is False
    assert book.txns["app-raw-0"].lost is not None


async def test_lost_transaction_without_rebalance_stops_the_worker_after_grace(
    book: TransactionBook,
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    book.mark_lost("app-raw-0", "commit failed")
    clock: Clock = book.clock  # type: ignore[assignment]
    clock.now = 29.0
    book.check_lost()
    assert book.fatal == []  # type: ignore[attr-defined]
    clock.now = 31.0
    book.check_lost()
    assert book.fatal and "app-raw-0" in book.fatal[0]  # type: ignore[attr-defined]


async def test_commit_gate_waits_for_events_in_flight() -> None:
    gate = CommitGate()
    order: list[str] = []
    release = asyncio.Event()

    async def event() -> None:
        async with gate.event():
            order.append("event start")
            await release.wait()
            order.append("event end")

    async def commit() -> None:
        async with gate.commit():
            order.append("commit")

    task = asyncio.create_task(event())
    await asyncio.sleep(0)
    committing = asyncio.create_task(commit())
    await asyncio.sleep(0.01)
    assert order == ["event start"]
    release.set()
    await asyncio.gather(task, committing)
    assert order == ["event start", "event end", "commit"]


async def test_wait_visible_polls_until_the_coordinator_shows_our_offsets(
    book: TransactionBook,
) -> None:
    answers = [{("raw", 0): 3}, {("raw", 0): 3}, {("raw", 0): 9}]
    asked: list[list[Any]] = []

    async def fetch(tps: list[Any]) -> dict[Any, int]:
        asked.append(tps)
        return answers.pop(0)

    assert await book.wait_visible({("raw", 0): 9}, fetch, poll_s=0)
    assert len(asked) == 3


async def test_wait_visible_gives_up_at_the_deadline(book: TransactionBook) -> None:
    clock: Clock = book.clock  # type: ignore[assignment]

    async def fetch(tps: list[Any]) -> dict[Any, int]:
        clock.now += 1.0
        return {("raw", 0): 3}

    assert not await book.wait_visible({("raw", 0): 9}, fetch, timeout_s=5.0, poll_s=0)


async def test_a_record_refused_before_queueing_leaves_the_transaction_good(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    producer = made["app-raw-0"][0]

    async def too_big(topic: str, value: Any = None, **kwargs: Any) -> Any:
        raise MessageSizeTooLargeError()

    producer.send = too_big  # type: ignore[method-assign]
    with pytest.raises(MessageSizeTooLargeError):
        await book.send("app-raw-0", "out", b"x" * 100)
    # Nothing joined the transaction: the event's dead letter goes in it, and it commits.
    book.on_done(("raw", 0), 41)
    assert await book.commit(book.pending(tid_of))
    assert producer.offsets == [{("raw", 0): 42}]


async def test_any_other_failure_to_queue_still_loses_the_transaction(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    producer = made["app-raw-0"][0]

    async def closed(topic: str, value: Any = None, **kwargs: Any) -> Any:
        raise ProducerClosed()

    producer.send = closed  # type: ignore[method-assign]
    with pytest.raises(ProducerClosed):
        await book.send("app-raw-0", "out", b"x")
    book.on_done(("raw", 0), 41)
    assert not await book.commit(book.pending(tid_of))
    assert producer.offsets == []


async def test_fausts_periodic_commit_takes_the_books_finished_offsets_not_its_acks() -> None:
    # Faust acknowledges events the agents abandoned (fenced: outputs aborted) and acks a
    # finished event only when the agent asks for the next: its offsets can be ahead of the
    # work (a loss) or behind the outputs in the transaction (work redone by the next owner).
    from streams.worker.eos import SourcePartitionTransactions

    producers: dict[str, FakeProducer] = {}

    def new(tid: str) -> FakeProducer:
        producers[tid] = FakeProducer(tid)
        return producers[tid]

    manager = object.__new__(SourcePartitionTransactions)
    manager.gate = CommitGate()
    manager.book = TransactionBook(new, "g")
    manager.replays = ReplayGuard(exact=True)
    manager.tid_for = tid_of  # type: ignore[method-assign]
    await manager.book.rebalance([tid_of(("raw", 0))], tid_of)
    manager.book.on_done(("raw", 0), 41)  # finished up to 41; Faust acked up to 45
    assert await manager.commit({("raw", 0): 46})
    assert producers[tid_of(("raw", 0))].offsets == [{("raw", 0): 42}]
    manager.replays.seeked(("raw", 0), 30)  # a stale read of the committed offset
    assert not manager.replays.fresh(("raw", 0), 41)  # committed by us: never redone


async def test_work_finished_in_a_lost_transaction_is_not_committed_after_it_is_replaced(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    # Events finished in a transaction that was lost since (its outputs aborted: a fence, a
    # stage that crashed after queueing) are redone from the committed offset after the
    # rebalance that replaces it. Their old positions must not ride on the new transaction:
    # committed before the redo reaches them (the next commit, or a revocation), those
    # events would have no outputs anywhere.
    await book.rebalance(["app-raw-0", "app-raw-1"], tid_of)
    book.on_done(("raw", 0), 41)
    book.on_done(("raw", 1), 7)
    book.mark_lost("app-raw-0", "a stage crashed after queueing outputs")
    assert await book.rebalance(["app-raw-0", "app-raw-1"], tid_of) is True
    assert book.pending(tid_of) == {"app-raw-1": {("raw", 1): 8}}  # the healthy one's stays
    book.on_done(("raw", 0), 30)  # the redo, from the committed offset
    assert book.pending(tid_of) == {"app-raw-1": {("raw", 1): 8}, "app-raw-0": {("raw", 0): 31}}


async def test_a_lost_transaction_is_aborted_at_once_and_never_committed_or_begun_again(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    # Left open until the rebalance or the exit after the grace, it held back wire.items'
    # last stable offset, and the read_committed route agent stalled the whole time.
    await book.rebalance(["app-raw-0", "app-raw-1"], tid_of)
    producer = made["app-raw-0"][0]
    producer.fail_send = ProducerFenced()
    fut = await book.send("app-raw-0", "out", b"x")
    with pytest.raises(ProducerFenced):
        await fut
    for _ in range(3):  # the done callback, then the abort task
        await asyncio.sleep(0)
    assert producer.calls == ["start", "begin", "abort"]
    book.on_done(("raw", 0), 5)
    assert await book.commit(book.pending(tid_of)) is False
    with pytest.raises(TransactionLost):
        await book.send("app-raw-0", "out", b"y")
    assert producer.calls == ["start", "begin", "abort"]  # no commit, no begin
    # Still lost: the next rebalance replaces it (and rebuilds state) ...
    assert await book.rebalance(["app-raw-0", "app-raw-1"], tid_of) is True
    assert producer.calls[-1] == "stop"
    assert made["app-raw-0"][1].calls == ["start", "begin"]


async def test_an_aborted_transaction_still_stops_the_worker_after_the_grace(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    book.mark_lost("app-raw-0", "a stage crashed after queueing outputs")
    await asyncio.sleep(0)
    assert made["app-raw-0"][0].calls == ["start", "begin", "abort"]
    clock: Clock = book.clock  # type: ignore[assignment]
    clock.now = 31.0
    book.check_lost()
    assert book.fatal and "app-raw-0" in book.fatal[0]  # type: ignore[attr-defined]


class SlowCommitProducer(FakeProducer):
    """A commit that waits for ``release``, to mark the transaction lost meanwhile."""

    def __init__(self, tid: str) -> None:
        super().__init__(tid)
        self.release = asyncio.Event()

    async def commit_transaction(self) -> None:
        self.calls.append("commit-start")
        await self.release.wait()
        await super().commit_transaction()


async def test_the_abort_of_a_transaction_lost_during_a_commit_waits_for_the_commit() -> None:
    # aiokafka allows one transition at a time: an abort while a commit is under way is an
    # invalid state transition. The abort runs once the commit failed (or succeeded).
    made: list[SlowCommitProducer] = []

    def new(tid: str) -> SlowCommitProducer:
        made.append(SlowCommitProducer(tid))
        return made[-1]

    book = TransactionBook(new, "app", on_fatal=lambda _: None, clock=Clock())
    await book.rebalance(["app-raw-0"], tid_of)
    producer = made[0]
    producer.fail_commit = ConnectionError("broker away")
    book.on_done(("raw", 0), 0)
    committing = asyncio.create_task(book.commit(book.pending(tid_of)))
    await asyncio.sleep(0)
    assert producer.calls[-1] == "commit-start"
    book.mark_lost("app-raw-0", "a send failed")
    for _ in range(3):
        await asyncio.sleep(0)
    assert "abort" not in producer.calls  # not while the commit runs
    producer.release.set()
    assert await committing is False
    for _ in range(3):
        await asyncio.sleep(0)
    assert producer.calls == ["start", "begin", "commit-start", "abort"]


async def test_an_abort_that_fails_leaves_the_transaction_lost_and_uncommitted(
    book: TransactionBook, made: dict[str, list[FakeProducer]]
) -> None:
    await book.rebalance(["app-raw-0"], tid_of)
    producer = made["app-raw-0"][0]

    async def refuse() -> None:
        raise ProducerFenced()

    producer.abort_transaction = refuse  # type: ignore[method-assign]
    book.mark_lost("app-raw-0", "fenced")
    await asyncio.sleep(0)
    book.on_done(("raw", 0), 0)
    assert await book.commit(book.pending(tid_of)) is False
    assert producer.offsets == [] and "commit" not in producer.calls
    assert book.txns["app-raw-0"].lost is not None
