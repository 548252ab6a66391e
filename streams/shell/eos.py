"""Exactly-once on Faust: the three fixes its own ``exactly_once`` mode needs.

Faust 0.15.3 runs one transactional producer per assigned source partition and
commits offsets inside those transactions, but:

1. It picks the producer by the *destination* partition of the topic sent to, so a
   send to a topic the app does not consume (our regional topics) finds no
   producer (upstream #323, #440). :class:`SourcePartitionTransactions` picks it by
   the *source* partition of the event being processed, which is the correct
   transaction for that event.
2. Its periodic commit can run while an event is half processed, splitting the
   event's outputs across two transactions; a crash in between doubles them.
   :class:`CommitGate` lets a commit run only between events.
3. Table changelog writes go through a background buffer and can miss the
   transaction of their event (upstream #517). Our agents await their changelog
   records before finishing an event (:class:`~streams.shell.tables.TrackedTable`),
   so by the time the gate opens for a commit they are in the transaction.

Local RocksDB state is written immediately, ahead of the transaction, and Faust
trusts it on every (re)assignment; after a crash or a rebalance it may hold writes
of an aborted transaction (seen here as ConsistencyError on rebalance, and as lost
items after kill -9). So exactly-once workers keep tables in memory and rebuild
them from the read_committed changelog on assignment (:func:`store_for`): slower
recovery for large state, never state ahead of what was committed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

from aiokafka.errors import ProducerFenced
from faust.streams import current_event
from faust.transport.consumer import TransactionManager
from faust.transport.drivers.aiokafka import Transport as KafkaTransport


class CommitGate:
    """Many events in flight, or one commit: never both."""

    def __init__(self) -> None:
        self._active = 0
        self._committing = False
        self._cond: asyncio.Condition | None = None

    @property
    def cond(self) -> asyncio.Condition:
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    @contextlib.asynccontextmanager
    async def event(self) -> AsyncIterator[None]:
        async with self.cond:
            await self.cond.wait_for(lambda: not self._committing)
            self._active += 1
        try:
            yield
        finally:
            async with self.cond:
                self._active -= 1
                self.cond.notify_all()

    @contextlib.asynccontextmanager
    async def commit(self) -> AsyncIterator[None]:
        async with self.cond:
            await self.cond.wait_for(lambda: not self._committing)
            self._committing = True
            await self.cond.wait_for(lambda: self._active == 0)
        try:
            yield
        finally:
            async with self.cond:
                self._committing = False
                self.cond.notify_all()


class SourcePartitionTransactions(TransactionManager):
    """Faust's transaction manager with fixes 1 and 2 of the module docstring."""

    gate: CommitGate = CommitGate()

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
        *,
        transactional_id: str | None = None,
    ) -> Any:
        event = current_event()
        if event is None:
            # Outside an event (Faust's own buffered sends): the destination rule is right
            # for changelog topics, which are co-partitioned with their source.
            return await super().send(topic, key, value, partition, timestamp, headers)
        tp = event.message.tp
        group = self.app.assignor.group_for_topic(tp.topic)
        tid = f"{self.app.conf.id}-{group}-{tp.partition}"
        return await self.producer.send(
            topic, key, value, partition, timestamp, headers, transactional_id=tid
        )

    async def commit(self, offsets: Mapping[Any, int], start_new_transaction: bool = True) -> bool:
        async with self.gate.commit():
            try:
                result: bool = await self._commit_each(offsets, start_new_transaction)
            except ProducerFenced as exc:
                # Faust crashes the whole worker here; the partition merely moved, and its
                # new owner redoes the uncommitted work, so only this commit is given up.
                self.log.warning("commit fenced (partition moved): %r", exc)
                return False
            return result

    async def _commit_each(self, offsets: Mapping[Any, int], start_new_transaction: bool) -> bool:
        """Faust's commit, one transactional id at a time, so one fenced id spares the rest."""
        group_id = self.app.conf.id
        ok = True
        by_tid: dict[str, dict[Any, int]] = {}
        for tp, offset in offsets.items():
            group = self.app.assignor.group_for_topic(tp.topic)
            by_tid.setdefault(f"{group_id}-{group}-{tp.partition}", {})[tp] = offset
        for tid, tid_offsets in by_tid.items():
            try:
                await self.producer.commit_transactions(
                    {tid: tid_offsets}, group_id, start_new_transaction=start_new_transaction
                )
            except ProducerFenced as exc:
                self.log.warning("commit of %s fenced (partition moved): %r", tid, exc)
                ok = False
        return ok


class ExactlyOnceTransport(KafkaTransport):
    TransactionManager = SourcePartitionTransactions


def store_for(settings_store: str, exactly_once: bool) -> str:
    """The table store URL to use: memory in exactly-once mode (module docstring)."""
    return "memory://" if exactly_once else settings_store
