"""Where a uri's dedup record lives, and which offsets the changelog tail starts from."""

from __future__ import annotations

import asyncio
import contextlib
from types import SimpleNamespace
from typing import Any

from aiokafka import TopicPartition
from aiokafka.partitioner import DefaultPartitioner

from streams.kafka import changelog
from streams.kafka.changelog import ChangelogTail, key_partition


def test_key_partition_is_the_producers_default_partitioner() -> None:
    partitioner = DefaultPartitioner()
    for n in (1, 2, 3, 4, 12):
        for i in range(50):
            key = f"urn:wirestream:src:id:{i}".encode()
            assert key_partition(key, n) == partitioner(key, list(range(n)), list(range(n)))


class Consumer:
    """What the tail asks of aiokafka's consumer when its partitions change."""

    def __init__(self, by_time: dict[int, int | None], ends: dict[int, int]) -> None:
        self.by_time, self.ends = by_time, ends
        self.assigned: list[TopicPartition] = []
        self.seeks: dict[int, int] = {}
        self.asked_since: set[int] = set()

    def assign(self, tps: list[TopicPartition]) -> None:
        self.assigned = tps

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.seeks[tp.partition] = offset

    async def offsets_for_times(self, wanted: dict[TopicPartition, int]) -> dict[Any, Any]:
        self.asked_since.update(ts for ts in wanted.values())
        found = {tp: self.by_time[tp.partition] for tp in wanted}
        return {tp: None if o is None else SimpleNamespace(offset=o) for tp, o in found.items()}

    async def end_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: self.ends[tp.partition] for tp in tps}


async def test_new_partitions_start_at_the_window_kept_ones_where_they_were() -> None:
    tail = ChangelogTail(
        "dedup-changelog", lambda *a: None, {}, read_committed=True, since_ms=lambda: 1000
    )
    consumer = Consumer({1: 40, 2: None, 3: 7}, {1: 90, 2: 55, 3: 60})
    await tail._assign(consumer, {1, 2})  # type: ignore[arg-type]
    assert consumer.seeks == {1: 40, 2: 55}  # 2 has nothing since: its end
    assert consumer.asked_since == {1000}
    tail._next[1] = 77  # read on to 76
    consumer.seeks.clear()
    await tail._assign(consumer, {1, 3})  # type: ignore[arg-type]
    assert consumer.seeks == {1: 77, 3: 7}
    assert tail.following == {1, 3}
    assert sorted(tp.partition for tp in consumer.assigned) == [1, 3]


class Racing(Consumer):
    """A record lands in an empty partition between the tail's two offset queries."""

    def __init__(self) -> None:
        super().__init__({2: None}, {2: 0})

    async def offsets_for_times(self, wanted: dict[TopicPartition, int]) -> dict[Any, Any]:
        found = await super().offsets_for_times(wanted)
        self.ends[2] = 1  # the other worker's first story record, written now at offset 0
        return found

    async def end_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        ends = await super().end_offsets(tps)
        self.by_time[2] = 0  # ... and after the end was read, it is there to be found
        return ends


async def test_a_record_written_while_the_tail_looks_up_offsets_is_read() -> None:
    # Asked for the end after the time lookup, the tail sought past a record that landed in
    # between (nothing found since the window's start, then an end that counted it): that
    # story was never indexed here, and its near-copy on this worker's partition was routed.
    tail = ChangelogTail(
        "dedup-changelog", lambda *a: None, {}, read_committed=True, since_ms=lambda: 1000
    )
    consumer = Racing()
    await tail._assign(consumer, {2})  # type: ignore[arg-type]
    assert consumer.seeks == {2: 0}


class Fetching:
    """A consumer whose one fetch, in flight while the partitions change, returns records of
    a partition the worker has just taken over."""

    def __init__(self, tail: ChangelogTail) -> None:
        self.tail = tail
        self.fetches = 0

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def assign(self, tps: list[TopicPartition]) -> None:
        return None

    def seek(self, tp: TopicPartition, offset: int) -> None:
        return None

    async def offsets_for_times(self, wanted: dict[TopicPartition, int]) -> dict[Any, Any]:
        return dict.fromkeys(wanted)

    async def end_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict.fromkeys(tps, 0)

    async def getmany(self, **_: Any) -> dict[TopicPartition, list[Any]]:
        self.fetches += 1
        if self.fetches > 1:
            raise asyncio.CancelledError
        self.tail.follow({1})  # partition 0 is this worker's now (its recovery finished)
        record = SimpleNamespace(key=b'"s:1"', value=b"{}", timestamp=0, offset=5)
        return {TopicPartition("c", 0): [record], TopicPartition("c", 1): [record]}


async def test_records_of_a_partition_just_dropped_are_not_delivered(monkeypatch: Any) -> None:
    got: list[int] = []
    tail = ChangelogTail(
        "c", lambda p, *a: got.append(p), {}, read_committed=False, since_ms=lambda: 0
    )
    monkeypatch.setattr(changelog, "AIOKafkaConsumer", lambda **kw: Fetching(tail))
    tail.follow({0, 1})
    with contextlib.suppress(asyncio.CancelledError):
        await tail.run()
    assert got == [1]


class FailingOnce:
    """A consumer whose first look-up by time fails (a broker timeout in a rebalance)."""

    fail = False

    def __init__(self, **_: Any) -> None:
        self.assigned: list[TopicPartition] = []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    def assign(self, tps: list[TopicPartition]) -> None:
        self.assigned = list(tps)

    def seek(self, tp: TopicPartition, offset: int) -> None:
        return None

    async def offsets_for_times(self, wanted: dict[TopicPartition, int]) -> dict[Any, Any]:
        if FailingOnce.fail:
            FailingOnce.fail = False
            raise RuntimeError("broker timeout")
        return dict.fromkeys(wanted)

    async def end_offsets(self, tps: list[TopicPartition]) -> dict[TopicPartition, int]:
        return dict.fromkeys(tps, 0)

    async def getmany(self, **_: Any) -> dict[TopicPartition, list[Any]]:
        await asyncio.sleep(0.01)
        record = SimpleNamespace(key=b'"s:1"', value=b"{}", timestamp=0, offset=5)
        return {tp: [record] for tp in self.assigned}


async def test_a_change_whose_assignment_failed_is_applied_by_the_restart(
    monkeypatch: Any,
) -> None:
    """Found in review: the restart went back to the old partitions, so a partition this
    worker had just taken over kept flowing in as remote stories, and the new one was never
    read until the next rebalance."""
    got: set[int] = set()
    tail = ChangelogTail("c", lambda p, *a: got.add(p), {}, read_committed=True, since_ms=lambda: 0)
    monkeypatch.setattr(changelog, "AIOKafkaConsumer", FailingOnce)

    async def supervise() -> None:  # as RemoteFeed.run: restart after a failure
        while True:
            with contextlib.suppress(RuntimeError):
                await tail.run()

    tail.follow({1})
    task = asyncio.create_task(supervise())
    await asyncio.sleep(0.1)
    FailingOnce.fail = True
    tail.follow({0})  # a rebalance: 1 is this worker's own now, 0 another's
    await asyncio.sleep(0.1)
    got.clear()
    await asyncio.sleep(0.1)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert tail.following == {0}
    assert got == {0}
