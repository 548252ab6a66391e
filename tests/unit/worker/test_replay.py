"""The replay guard: each offset is processed once, whichever copy of it arrives first."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from streams.worker.replay import ReplayGuard, SeekEpochs


def test_stale_buffer_then_refetch_processes_each_offset_once() -> None:
    guard = ReplayGuard()
    stale = [("raw", 2, o) for o in range(190, 200)]  # fetched before the rebalance
    refetched = [("raw", 2, o) for o in range(190, 205)]  # after the seek to the commit
    processed = [o for t, p, o in stale + refetched if guard.fresh((t, p), o)]
    assert processed == list(range(190, 205))
    assert guard.skipped == 10


def test_interleaved_copies_never_drop_an_offset() -> None:
    guard = ReplayGuard()
    order = [190, 191, 190, 191, 192, 192, 193]
    assert [o for o in order if guard.fresh("tp", o)] == [190, 191, 192, 193]


def test_partitions_are_independent_and_gaps_allowed() -> None:
    guard = ReplayGuard()
    assert guard.fresh("a", 5)
    assert guard.fresh("b", 0)
    assert guard.fresh("a", 9)  # transaction markers leave gaps in offsets
    assert not guard.fresh("a", 7)


def test_forget_lets_aborted_work_be_processed_again() -> None:
    guard = ReplayGuard()
    assert guard.fresh("a", 100)
    guard.forget()
    assert guard.fresh("a", 100)


def test_records_below_the_sought_committed_offset_are_done_work() -> None:
    guard = ReplayGuard()
    guard.seeked("a", 300)  # the previous owner committed up to 300
    stale = [280, 290, 299]  # fetched from a position read before that commit showed
    assert [o for o in [*stale, 300, 301] if guard.fresh("a", o)] == [300, 301]


def test_a_seek_never_moves_the_guard_back_over_processed_offsets() -> None:
    guard = ReplayGuard()
    assert guard.fresh("a", 50)
    guard.seeked("a", 40)  # a seek during the rebalance, before our own commit
    assert not guard.fresh("a", 45)
    assert guard.fresh("a", 51)


def test_an_abandoned_batch_is_processed_when_read_again() -> None:
    # Fenced after the revoke's commit: the batch's outputs were aborted, and the seek reads
    # it again from the committed offset. Skipped as a replay, it would be lost.
    guard = ReplayGuard()
    assert [o for o in range(228, 233) if guard.fresh("a", o)] == list(range(228, 233))
    guard.rewind([("a", 230), ("a", 231), ("a", 232)])
    guard.seeked("a", 228)
    assert [o for o in range(228, 234) if guard.fresh("a", o)] == [230, 231, 232, 233]
    guard.rewind([("a", 500)])  # never moves the guard forward
    assert guard.fresh("a", 234)


def test_exactly_once_redoes_work_past_the_committed_offset() -> None:
    # Exactly-once: raw offsets 0-2 processed in a generation whose transaction was aborted
    # (another worker took the partition, then was killed before committing). Back on this
    # worker with nothing committed, they have no outputs anywhere: skipped, they are lost.
    guard = ReplayGuard(exact=True)
    assert [o for o in range(3) if guard.fresh("a", o)] == [0, 1, 2]
    guard.seeked("a", 0)
    assert [o for o in range(4) if guard.fresh("a", o)] == [0, 1, 2, 3]
    guard.seeked("a", 2)  # committed up to 2: below is done, from 2 on is redone
    assert [o for o in [0, 1, 2, 3] if guard.fresh("a", o)] == [2, 3]


def test_at_least_once_keeps_the_highest_offset_seen_on_a_seek() -> None:
    guard = ReplayGuard()  # its outputs were sent: processing again would only repeat them
    assert [o for o in range(3) if guard.fresh("a", o)] == [0, 1, 2]
    guard.seeked("a", 0)
    assert [o for o in range(4) if guard.fresh("a", o)] == [3]


def test_exactly_once_never_seeks_below_its_own_commit() -> None:
    # A periodic commit took offsets up to 10 just before the rebalance; the seek reads the
    # committed offset before that transaction's markers show (5). Redoing 5-9 would double
    # their committed outputs.
    guard = ReplayGuard(exact=True)
    assert [o for o in range(10) if guard.fresh("a", o)] == list(range(10))
    guard.committed({"a": 10})
    guard.seeked("a", 5)
    assert [o for o in range(5, 12) if guard.fresh("a", o)] == [10, 11]
    guard.seeked("a", 20)  # another worker committed further since: that wins
    assert not guard.fresh("a", 15)


def test_at_least_once_processes_offsets_committed_before_it_saw_them() -> None:
    # Seen in test_scale_out under load: the guard had seen items up to 143 when the seek
    # read a committed offset of 165; the events 144-164 then reached the agent and were
    # skipped as done work, so 21 raw messages had no output at all.
    guard = ReplayGuard()
    assert [o for o in range(140, 144) if guard.fresh("a", o)] == [140, 141, 142, 143]
    guard.seeked("a", 165)
    assert [o for o in range(144, 167) if guard.fresh("a", o)] == list(range(144, 167))
    assert not guard.fresh("a", 150)  # each offset still once


async def test_a_fetch_sent_before_a_seek_is_not_delivered_after_it() -> None:
    # A batch fetched at the old position and delivered after the seek made Faust take the
    # jump (sought 36, records from 40) as offsets that do not exist: 36-39 were committed
    # and, when the fetch from 36 brought them, dropped as already read.
    epochs = SeekEpochs()
    reread: list[tuple[str, int]] = []

    async def seek_back(tp: str, offset: int) -> None:
        reread.append((tp, offset))

    async def fetched_before_the_seek() -> AsyncIterator[tuple[str, Record]]:
        yield "raw-0", Record(40)
        epochs.bump(["raw-0"])  # the rebalance's seek runs while the batch is delivered
        yield "raw-0", Record(41)
        yield "raw-0", Record(42)
        yield "raw-1", Record(7)  # a partition not sought keeps its records

    got = [(tp, r.offset) async for tp, r in epochs.current(fetched_before_the_seek(), seek_back)]
    assert got == [("raw-0", 40), ("raw-1", 7)]
    # A dropped record may have been read after the seek: the partition is read again.
    assert reread == [("raw-0", 41)]
    assert epochs.dropped == 2

    async def fetched_after_it() -> AsyncIterator[tuple[str, Record]]:
        yield "raw-0", Record(36)
        yield "raw-0", Record(37)

    got = [(tp, r.offset) async for tp, r in epochs.current(fetched_after_it(), seek_back)]
    assert got == [("raw-0", 36), ("raw-0", 37)]
    assert reread == [("raw-0", 41)]


@dataclass
class Record:
    offset: int
