"""Where the consumer reads a partition again after dropping a fetch older than its seek.

Faust's fetch loop takes any jump between where it was sought (its read offset) and the
next record delivered as offsets that do not exist, and commits them: so after a seek-back
the consumer's real position must be where Faust reads from, never past it. These tests run
``SeekTrackingConsumer``'s own methods over a fake consumer thread (the aiokafka side).
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka.errors import IllegalStateError
from faust.tables.recovery import RebalanceAgain
from faust.types import TP

from streams.worker.replay import ReplayGuard, ReplayTransport, SeekEpochs, SeekTrackingConsumer

RAW = TP("wire.raw", 0)
PATIENCE = 5.0


@dataclass
class Record:
    offset: int


class FakeThread:
    """aiokafka's consumer as Faust's consumer thread drives it: positions and seeks."""

    def __init__(self, committed: Mapping[TP, int | None]) -> None:
        self.committed = dict(committed)
        self.position: dict[TP, int] = {}
        self.sought = asyncio.Event()  # seek_to_committed has moved every partition
        self.release = asyncio.Event()  # ... and may return (the answer took a round trip)
        self.release.set()
        self.fail: Exception | None = None  # the committed offsets could not be read

    def assignment(self) -> set[TP]:
        return set(self.committed)

    def seek(self, tp: TP, offset: int) -> None:
        self.position[tp] = offset

    async def seek_to_committed(self) -> dict[TP, int | None]:
        for tp, offset in self.committed.items():
            if offset:
                self.position[tp] = offset
        self.sought.set()
        await self.release.wait()
        if self.fail is not None:
            raise self.fail
        return dict(self.committed)


class Log:
    def dev(self, *args: Any) -> None:
        pass

    info = dev


def consumer(thread: FakeThread, read: Mapping[TP, int] | None = None) -> SeekTrackingConsumer:
    """A SeekTrackingConsumer wired to ``thread``, without Faust's services around it."""
    c = SeekTrackingConsumer.__new__(SeekTrackingConsumer)
    transport = ReplayTransport.__new__(ReplayTransport)
    transport.replays = ReplayGuard()
    app = SimpleNamespace(
        topics=SimpleNamespace(acks_enabled_for=lambda topic: True), rebalancing_count=0
    )
    c.__dict__.update(
        _thread=thread,
        transport=transport,
        app=app,
        log=Log(),
        seeks=SeekEpochs(),
        _read_offset=defaultdict(lambda: None, read or {}),
        _committed_offset=defaultdict(lambda: None),
        _active_partitions={*thread.committed},
        _paused_partitions=set(),
        _seeking=Counter(),
        _reread_after={},
        _holding=Counter(),
        _owed={},
        _assigned_at=0,
        _assigning=0,
        flow_active=False,
        can_resume_flow=asyncio.Event(),
        suspend_flow=asyncio.Event(),
    )
    return c


async def drain(c: SeekTrackingConsumer, records: AsyncIterator[tuple[Any, Any]]) -> list[int]:
    return [r.offset async for _, r in c._not_stale(records)]


async def test_a_partition_sought_to_its_start_is_read_again_from_its_start() -> None:
    # Nothing committed: the rebalance's seek sends the partition to 0, where Faust's read
    # offset is None. A fetch sent before that seek (records from 40) is dropped: the
    # partition must be read again from 0, not from 40 (0-39 would never be read, and
    # committed once 40 on are: nothing committed means no head check in Faust).
    thread = FakeThread({RAW: None})
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44

    async def fetched_before_the_seek() -> AsyncIterator[tuple[Any, Any]]:
        await c.perform_seek()
        yield RAW, Record(40)
        yield RAW, Record(41)

    assert await drain(c, fetched_before_the_seek()) == []
    assert thread.position[RAW] == 0
    assert c._read_offset[RAW] is None  # Faust reads it from the start: no jump


async def test_a_drop_during_a_rebalance_seek_leaves_the_partition_where_faust_reads_it() -> None:
    # The rebalance's seek runs in the consumer thread (a round trip per partition); the
    # fetch loop can drop a stale record meanwhile. Its seek-back used the read offset from
    # before the rebalance (39), landed after the thread's seek to the committed 36, and
    # Faust then read from 36 while the consumer fetched from 39: 37-38 taken as a gap,
    # committed, never processed. (The seek pauses the agents' partitions, but Faust still
    # delivers the fetched records of a partition whose agent buffer was 80% full.)
    thread = FakeThread({RAW: 36})
    thread.release.clear()
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44

    async def fetched_before_the_seek() -> AsyncIterator[tuple[Any, Any]]:
        await asyncio.wait_for(thread.sought.wait(), PATIENCE)
        yield RAW, Record(40)

    seeking = asyncio.create_task(c.perform_seek())
    assert await drain(c, fetched_before_the_seek()) == []
    thread.release.set()
    await asyncio.wait_for(seeking, PATIENCE)
    assert c._read_offset[RAW] == 36
    assert thread.position[RAW] == 36


async def test_a_drop_after_the_seek_reads_from_the_committed_offset() -> None:
    thread = FakeThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44

    async def fetched_before_the_seek() -> AsyncIterator[tuple[Any, Any]]:
        await c.perform_seek()
        thread.position[RAW] = 50  # and the fetch was answered after it: read past 36-49
        yield RAW, Record(36)

    assert await drain(c, fetched_before_the_seek()) == []
    assert (thread.position[RAW], c._read_offset[RAW]) == (36, 36)


async def test_a_fetch_sent_after_the_count_but_before_the_seek_is_not_delivered() -> None:
    # A rebalance's seek is counted before it runs, and runs in the consumer thread: a fetch
    # sent in between takes its snapshot after the count, yet can be answered from the old
    # position (44 on, while the thread is about to seek to the committed 36). Delivered,
    # Faust would read 44 with its read offset then set to 36: 37-43 a gap, committed.
    thread = FakeThread({RAW: 36})
    thread.release.clear()
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44
    seeking = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.sought.wait(), PATIENCE)  # counted, thread seeking

    async def fetched_after_the_count() -> AsyncIterator[tuple[Any, Any]]:
        yield RAW, Record(44)
        yield RAW, Record(45)

    got = [r.offset async for _, r in c._not_stale(fetched_after_the_count())]
    assert got == []
    thread.release.set()
    await asyncio.wait_for(seeking, PATIENCE)
    assert (thread.position[RAW], c._read_offset[RAW]) == (36, 36)


async def test_a_failed_rebalance_seek_still_reads_the_dropped_records_again() -> None:
    # Faust logs a failed seek from its fetch loop and goes on: the records dropped while
    # it ran (the position then moved past them, to 50) must still be read again.
    thread = FakeThread({RAW: 36})
    thread.release.clear()
    thread.fail = RuntimeError("coordinator not available")
    c = consumer(thread, {RAW: 39})

    async def fetched_before_the_seek() -> AsyncIterator[tuple[Any, Any]]:
        await asyncio.wait_for(thread.sought.wait(), PATIENCE)
        thread.position[RAW] = 50
        yield RAW, Record(40)

    seeking = asyncio.create_task(c.perform_seek())
    assert await drain(c, fetched_before_the_seek()) == []
    thread.release.set()
    with pytest.raises(RuntimeError):
        await asyncio.wait_for(seeking, PATIENCE)
    assert thread.position[RAW] == c._read_offset[RAW] == 39


class RevokingThread(FakeThread):
    """The consumer thread loses the partition between the staleness check and the seek
    (a rebalance runs in the thread's own loop): aiokafka then refuses to seek it."""

    def seek(self, tp: TP, offset: int) -> None:
        self.committed.pop(tp, None)
        raise IllegalStateError(f"Partition {tp} is not assigned")


async def test_a_partition_revoked_before_it_is_read_again_does_not_stop_the_fetch_loop() -> None:
    # Raised out of the re-read, the error stops Faust's fetch loop (every partition, until
    # the next rebalance). The partition is not ours any more: its next owner reads it from
    # the committed offset, so there is nothing to read again here.
    thread = RevokingThread({RAW: 36})
    c = consumer(thread, {RAW: 36})

    async def fetched_before_a_seek() -> AsyncIterator[tuple[Any, Any]]:
        c.seeks.bump([RAW])  # a seek of RAW since the fetch was sent
        yield RAW, Record(40)
        yield RAW, Record(41)

    assert await drain(c, fetched_before_a_seek()) == []
    assert RAW not in thread.assignment()
    assert c.seeks.dropped == 2


class GatedThread(FakeThread):
    """Each ``seek_to_committed`` call waits for its own gate: seeks that overlap."""

    def __init__(self, committed: Mapping[TP, int | None]) -> None:
        super().__init__(committed)
        self.gates: list[asyncio.Event] = []
        self.entered = asyncio.Semaphore(0)

    async def seek_to_committed(self) -> dict[TP, int | None]:
        gate = asyncio.Event()
        self.gates.append(gate)
        for tp, offset in self.committed.items():
            if offset:
                self.position[tp] = offset
        self.entered.release()
        await gate.wait()
        return dict(self.committed)


async def test_overlapping_seeks_of_a_partition_read_it_again_only_after_the_last() -> None:
    # Faust's fetch loop can start a seek while a rebalance's is still running in the
    # consumer thread. The first to finish must neither read the partition again (the other
    # is still moving it: a seek-back now could land after it, past where Faust reads) nor
    # let it be fetched (resuming it ends the pause that keeps Faust's queue-clearing resume
    # from dropping records fetched at the sought position).
    thread = GatedThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44
    first = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.entered.acquire(), PATIENCE)
    second = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.entered.acquire(), PATIENCE)
    assert RAW in c._paused_partitions

    async def fetched_before_the_seeks() -> AsyncIterator[tuple[Any, Any]]:
        thread.position[RAW] = 50  # answered after the thread's seeks: read past 36-49
        yield RAW, Record(44)

    assert await drain(c, fetched_before_the_seeks()) == []
    thread.gates[0].set()
    await asyncio.wait_for(first, PATIENCE)
    assert c._seeking[RAW] == 1
    assert RAW in c._paused_partitions  # the second seek is still running
    assert RAW not in c._get_active_partitions()
    assert thread.position[RAW] == 50  # not read again yet: deferred to the last seek
    thread.committed[RAW] = 45  # the group committed meanwhile: the second seek reads it
    thread.gates[1].set()
    await asyncio.wait_for(second, PATIENCE)
    assert not c._seeking
    assert RAW not in c._paused_partitions
    assert RAW in c._get_active_partitions()
    # Read again from the dropped record (below the committed 45: the guard skips it).
    assert thread.position[RAW] == c._read_offset[RAW] == 44


class BrokenSeekThread(FakeThread):
    """A seek the consumer thread fails with something other than a revocation."""

    def seek(self, tp: TP, offset: int) -> None:
        if tp in self.position and offset < self.position[tp]:
            raise RuntimeError("consumer closed")
        super().seek(tp, offset)


async def test_a_failed_reread_after_a_seek_still_lets_its_partitions_be_fetched() -> None:
    # The paused partitions are counted (overlapping seeks): a count left behind by a re-read
    # that raised would keep them paused through every later seek, the partition never
    # fetched again by this worker.
    thread = BrokenSeekThread({RAW: 36})
    thread.release.clear()
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44

    async def fetched_before_the_seek() -> AsyncIterator[tuple[Any, Any]]:
        await asyncio.wait_for(thread.sought.wait(), PATIENCE)
        yield RAW, Record(30)  # read again from 30, below the committed 36: the seek fails

    seeking = asyncio.create_task(c.perform_seek())
    assert await drain(c, fetched_before_the_seek()) == []
    thread.release.set()
    with pytest.raises(RuntimeError):
        await asyncio.wait_for(seeking, PATIENCE)
    assert not c._holding
    assert RAW not in c._paused_partitions
    assert RAW in c._get_active_partitions()


def revoked(c: SeekTrackingConsumer) -> None:
    """What a rebalance's revocation does first: Faust counts it (in the consumer thread),
    then its handler stops the flow and pauses every partition."""
    c.app.rebalancing_count += 1
    c.pause_partitions(c.assignment())


async def test_a_recovery_finishing_inside_a_revocation_resumes_nothing() -> None:
    # The old assignment's table recovery finished 55 ms into a revocation (seen 2026-12-05):
    # Faust's generation check passed (the generation changes at the assignment), and it
    # resumed the flow and the partitions, then sought them. The agents then worked through
    # the rebalance from positions the new assignment's seek moved back under them.
    thread = FakeThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    thread.position[RAW] = 44
    revoked(c)
    c.resume_partitions({RAW})
    c.resume_flow()
    with pytest.raises(RebalanceAgain):
        await c.perform_seek()
    assert RAW in c._paused_partitions and RAW not in c._get_active_partitions()
    assert not c.flow_active
    assert thread.position[RAW] == 44  # not sought for the old assignment
    # The new assignment's recovery resumes them, as Faust does when no rebalance is pending.
    c._assigned_at = c.app.rebalancing_count
    c.resume_partitions({RAW})
    c.resume_flow()
    await c.perform_seek()
    assert RAW in c._get_active_partitions() and c.flow_active
    assert thread.position[RAW] == 36


async def test_a_seek_overtaken_by_a_rebalance_leaves_the_new_assignment_paused() -> None:
    # The seek started before the revocation and ended after the new assignment had paused
    # the partitions for its own recovery: resuming what the seek held would let the agents
    # work during that recovery.
    thread = FakeThread({RAW: 36})
    thread.release.clear()
    c = consumer(thread, {RAW: 39})
    seeking = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.sought.wait(), PATIENCE)
    revoked(c)
    c._assigned_at = c.app.rebalancing_count  # the new assignment arrived, its recovery runs
    thread.release.set()
    with pytest.raises(RebalanceAgain):
        await asyncio.wait_for(seeking, PATIENCE)
    assert not c._holding
    assert RAW in c._paused_partitions and RAW not in c._get_active_partitions()


async def test_a_seek_outlasting_the_next_assignments_seek_leaves_nothing_paused() -> None:
    # A fetch-loop seek whose committed-offset read took longer than a whole rebalance: the
    # new assignment's seek finished while the old one still held the partition, so neither
    # resumed it, and it stayed paused until the next rebalance (no progress on it at all).
    # The old seek's late positions must not reach the guard either: exactly once, the new
    # assignment's work since its seek is in its open transaction, not done again.
    thread = GatedThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    c.transport.replays = ReplayGuard(exact=True)
    stale = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.entered.acquire(), PATIENCE)
    revoked(c)
    c._assigned_at = c.app.rebalancing_count  # the new assignment's recovery runs
    c.resume_partitions({RAW})  # Faust's recovery, before its own seek
    current = asyncio.create_task(c.perform_seek())
    await asyncio.wait_for(thread.entered.acquire(), PATIENCE)
    thread.gates[1].set()
    await asyncio.wait_for(current, PATIENCE)
    assert RAW in c._paused_partitions  # still held by the stale seek
    assert [c.replays.fresh(RAW, o) for o in (36, 37, 38)] == [True, True, True]
    thread.gates[0].set()
    with pytest.raises(RebalanceAgain):
        await asyncio.wait_for(stale, PATIENCE)
    assert not c._holding and not c._owed
    assert RAW in c._get_active_partitions() and RAW not in c._paused_partitions
    assert not c.replays.fresh(RAW, 37)  # done in this assignment: not reprocessed


async def test_a_seek_with_no_rebalance_resumes_the_partitions_it_held() -> None:
    # The guard above must not keep partitions paused when nothing moved: Faust's recovery
    # seeks with the partitions resumed and expects them fetched afterwards.
    thread = FakeThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    await c.perform_seek()
    assert RAW in c._get_active_partitions() and RAW not in c._paused_partitions


async def test_a_rebalance_stays_pending_until_its_recovery_is_signalled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Faust makes the whole new assignment active when it arrives and pauses it only a few
    # awaits later, and the old recovery runs on until the new one is signalled: a resume or
    # a seek in between would work on the new partitions unpaused. At start-up too: the
    # first join counts a rebalance (nothing revoked), and the worker must then run.
    thread = FakeThread({RAW: 36})
    c = consumer(thread, {RAW: 39})
    during: list[bool] = []

    async def faust_assignment(self: SeekTrackingConsumer, *args: Any) -> None:
        during.append(self.rebalance_pending())  # assignment arrived, partitions not paused
        self.recovery_signalled()  # Faust's tables.on_rebalance -> recovery.on_rebalance
        during.append(self.rebalance_pending())

    monkeypatch.setattr(SeekTrackingConsumer.__mro__[1], "on_partitions_assigned", faust_assignment)
    c.app.rebalancing_count += 1  # the consumer thread heard of the (first) join
    assert c.rebalance_pending()
    await c.on_partitions_assigned({RAW}, 1)
    assert during == [True, False]
    assert not c.rebalance_pending()
    c.resume_flow()
    assert c.flow_active
