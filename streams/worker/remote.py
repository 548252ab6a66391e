"""The second level of dedup beyond one partition: other partitions' stories, from their changelog.

With ``WIRE_ITEMS_PARTITIONS`` > 1 each worker owns some dedup partitions (level 1: every copy
of a uri meets on its partition, in order). So that near copies under other uris are still
found whichever partition their original went to, each worker tails the dedup changelog
partitions it does not own (:class:`~streams.kafka.changelog.ChangelogTail`) and hands their
story records to the deduper (:meth:`~streams.core.dedup.Deduper.observe`), which indexes them
with its own. The set of partitions follows the assignment: after each table recovery (a
rebalance), the partitions now owned are dropped from the remote stories (the store has them)
and the others are followed from the start of the window. A worker owning every partition
(the default, one partition) tails nothing. ``docs/architecture.md``, "Dedup partitioning".
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import orjson

from streams.core.dedup import Deduper
from streams.kafka.changelog import ChangelogTail
from streams.settings import Settings

log = logging.getLogger(__name__)


class RemoteFeed:
    """Keeps the deduper's remote stories equal to the changelog of the partitions not owned."""

    def __init__(
        self,
        app: Any,
        table: Any,
        deduper: Deduper,
        settings: Settings,
        skew_ms: int,
        on_lag: Any = None,
    ) -> None:
        self.app = app
        self.deduper = deduper
        self.partitions = settings.items_partitions
        self.changelog = table.changelog_topic.get_topic_name()
        window_ms = settings.dedup_window_ms

        def since_ms() -> int:
            # The window runs on event time, and a story is written no earlier than its
            # event time less the skew (event times are clamped to the record's time plus
            # the skew). Draining a backlog, the event clock lags the wall clock: start from
            # the earlier of the two, or stories still in the window are never read.
            now = int(time.time() * 1000)
            latest = deduper.latest_ms
            return min(now, latest if latest is not None else now) - window_ms - skew_ms

        self.tail = ChangelogTail(
            self.changelog,
            self._deliver,
            settings.kafka_client_kwargs(),
            read_committed=settings.exactly_once,
            since_ms=since_ms,
        )
        self.unreadable = 0
        #: Partitions owned at the last recovery: never taken from the tail, whatever it
        #: delivers (their stories are in the store, and this worker writes them).
        self._owned: set[int] = set()
        self._on_lag = on_lag
        table.on_recover(self.recovered)

    def owned(self) -> set[int]:
        """The dedup partitions this worker owns now (its active changelog partitions)."""
        return {
            tp.partition
            for tp in self.app.assignor.assigned_actives()
            if tp.topic == self.changelog
        }

    async def recovered(self) -> None:
        """Faust finished recovering the table (a start, a rebalance): follow the others."""
        owned = self.owned()
        self._owned = owned
        for partition in owned:
            self.deduper.drop_source(partition)
        others = set(range(self.partitions)) - owned
        if others != self.tail.following:
            log.info("dedup: owning partitions %s, following %s", sorted(owned), sorted(others))
        self.tail.follow(others)

    def _deliver(self, partition: int, key: bytes | None, value: bytes | None, ts: int) -> None:
        if partition in self._owned:
            return
        try:
            name = orjson.loads(key) if key is not None else None
            record = orjson.loads(value) if value is not None else None
        except orjson.JSONDecodeError:
            self.unreadable += 1
            return
        if isinstance(name, str):
            self.deduper.observe(partition, name, record)
        if self._on_lag is not None:
            self._on_lag(max(0.0, time.time() - ts / 1000))

    async def run(self) -> None:
        """The tail, restarted after a failure: without it near copies across partitions go
        unseen, but the worker's own decisions go on (a Faust task that raises stops it)."""
        while True:
            try:
                await self.tail.run()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("dedup changelog tail failed; restarting it in 5 s")
                await asyncio.sleep(5)
