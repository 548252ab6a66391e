"""Where a key lives in a keyed topic, and a plain consumer tailing changelog partitions.

Both serve dedup beyond one ``wire.items`` partition (``docs/architecture.md``, "Dedup
partitioning"): a story record lives in its uri's partition, so an eviction's tombstone must
go there; and every worker reads the story records of the partitions it does not own.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from streams.kafka.partition import key_partition as _key_partition


def key_partition(key: bytes, partitions: int) -> int:
    """The partition the producers' default partitioner (Kafka's murmur2) sends ``key`` to.

    ``wire.items`` is written only by the worker, keyed by uri with that partitioner, so this
    is the partition of a story and of its dedup record.
    """
    if partitions <= 1:
        return 0
    return _key_partition(key, partitions)


Deliver = Callable[[int, bytes | None, bytes | None, int], None]


class ChangelogTail:
    """A plain consumer (no group, nothing committed) reading chosen partitions of a topic.

    The worker points it at the dedup changelog partitions it does not own
    (:meth:`follow`); each record goes to ``deliver(partition, key, value, timestamp_ms)``
    in log order. A partition newly followed is read from ``since_ms()`` on (the start of
    the dedup window), one still followed continues where it was. In exactly-once mode it
    reads ``read_committed``: an aborted transaction's records are never indexed.
    One coroutine (:meth:`run`) owns the consumer, so a new assignment is applied between
    two fetches.
    """

    def __init__(
        self,
        topic: str,
        deliver: Deliver,
        client_kwargs: dict[str, Any],
        *,
        read_committed: bool,
        since_ms: Callable[[], int],
    ) -> None:
        self.topic = topic
        self._deliver = deliver
        self._kwargs = client_kwargs
        self._isolation = "read_committed" if read_committed else "read_uncommitted"
        self._since_ms = since_ms
        self._wanted: set[int] | None = None
        self._changed = asyncio.Event()
        self._following: set[int] = set()
        #: What may still be delivered: changed by :meth:`follow` at once, so records of a
        #: partition just dropped, fetched before the change, never reach the caller.
        self._accept: set[int] = set()
        self._next: dict[int, int] = {}
        #: Milliseconds from a record's write to its delivery here, the last few thousand.
        self.lags_ms: deque[float] = deque(maxlen=4096)
        self.records = 0

    @property
    def following(self) -> set[int]:
        return set(self._following)

    def follow(self, partitions: set[int]) -> None:
        """Read exactly these partitions from now on (applied by :meth:`run`)."""
        self._wanted = set(partitions)
        self._accept = set(partitions)
        self._changed.set()

    async def run(self) -> None:
        """Tail until cancelled; the consumer is closed on the way out."""
        consumer = AIOKafkaConsumer(
            group_id=None,
            enable_auto_commit=False,
            isolation_level=self._isolation,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=100,
            **self._kwargs,
        )
        await consumer.start()
        if self._wanted is None and (self._following or self._accept):
            # A restart: the partitions last asked for (``_accept`` follows every
            # :meth:`follow`, even one whose assignment failed), kept ones where they were.
            self._wanted = set(self._accept)
        try:
            while True:
                if self._wanted is not None:
                    wanted, self._wanted = self._wanted, None
                    self._changed.clear()
                    try:
                        await self._assign(consumer, wanted)
                    except BaseException:
                        if self._wanted is None:
                            self._wanted = wanted  # not applied: the restart applies it
                        raise
                if not self._following:
                    await self._changed.wait()
                    continue
                batches = await consumer.getmany(timeout_ms=200, max_records=1000)
                now = time.time() * 1000
                for tp, messages in batches.items():
                    if tp.partition not in self._accept:
                        continue  # fetched before it was dropped
                    for m in messages:
                        self._deliver(tp.partition, m.key, m.value, m.timestamp)
                        self.lags_ms.append(max(0.0, now - m.timestamp))
                        self._next[tp.partition] = m.offset + 1
                    self.records += len(messages)
        finally:
            await consumer.stop()

    async def _assign(self, consumer: AIOKafkaConsumer, wanted: set[int]) -> None:
        tps = {p: TopicPartition(self.topic, p) for p in sorted(wanted)}
        consumer.assign(list(tps.values()))
        new = [tp for p, tp in tps.items() if p not in self._following or p not in self._next]
        for p, tp in tps.items():
            if p in self._following and p in self._next:
                consumer.seek(tp, self._next[p])  # assign() forgets positions
        if new:
            since = self._since_ms()
            # The ends first: a partition with nothing since the window's start is read from
            # its end as of *before* the time lookup. Asked after it, a record written in
            # between (the lookup found nothing, the end then counted it) was skipped for good:
            # the other worker's first story never indexed here, its copy routed as new (seen
            # 2026-12-05 in CI, once the worker got fast enough to write it in that window).
            ends = await consumer.end_offsets(new)
            found = await consumer.offsets_for_times(dict.fromkeys(new, since))
            for tp in new:
                at = found.get(tp)
                consumer.seek(tp, at.offset if at is not None else ends[tp])
        for p in set(self._next) - wanted:
            del self._next[p]
        self._following = wanted
