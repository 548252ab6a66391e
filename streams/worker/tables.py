"""Faust tables behind the core's :class:`~streams.core.dedup.DedupStore` protocol."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import faust
from faust.streams import _current_event
from faust.tables.table import Table

from streams.core.dedup import DELETED, OverlayStore

SendFn = Callable[..., Awaitable[Any]]


def dedup_table(app: faust.App, name: str, **kwargs: Any) -> Table:  # type: ignore[type-arg]
    """A Faust table written only through :class:`TableStore` (never ``table[key] = ...``)."""
    table: Table = Table(app, name=name, beacon=app.tables.beacon, **kwargs)  # type: ignore[type-arg]
    app.tables.add(table)
    return table


class TableStore:
    """Adapts a Faust table (changelog-backed, RocksDB in the worker) to ``DedupStore``.

    Writes go to the local store and straight to the producer, in the writing event's
    context: its partition is the changelog partition (a moved worker recovers exactly that
    state) and, in exactly-once mode, its transaction. Faust's own ``table[key] = value``
    queues each changelog record in a buffer drained one record per event-loop turn, and
    its consumer stops fetching for *every* agent while that buffer holds over 100 records;
    a batch of dedup writes stalled both stages on it.
    """

    def __init__(self, table: Table, send: SendFn) -> None:  # type: ignore[type-arg]
        self.table = table
        self._send = send

    def get(self, key: str) -> Any | None:
        # ``table.get`` asks the store ``key in data`` and then ``data[key]``: two RocksDB
        # lookups and two key encodings per read. One lookup, the same sensors.
        table = self.table
        table.on_key_get(key)
        try:
            return table.data[key]
        except KeyError:
            return None

    async def write(self, writes: Sequence[tuple[Any, str, Any]]) -> list[BaseException]:
        """Write ``(event, key, value)`` in order; wait for the changelog; return the failures.

        A value of :data:`DELETED` deletes the key (a tombstone in the changelog). Once
        acknowledged, the changelog offsets are recorded as Faust's own writes would be, so
        a restart replays only the changelog tail into RocksDB.
        """
        table = self.table
        topic = table.changelog_topic
        name = topic.get_topic_name()
        data = table.data
        failures: list[BaseException] = []
        queued: list[Any] = []
        for origin, key, value in writes:
            if origin is None:  # a bug: not retriable, so the worker stops unacknowledged
                failures.append(RuntimeError(f"dedup state {key!r} written outside an event"))
                continue
            try:
                with in_event(origin):
                    # The event's partition, after Faust's check that the changelog has as
                    # many partitions as the event's topic (PartitionsMismatch otherwise).
                    partition = table.partition_for_key(key)
                    if value is DELETED:
                        # Reading first files the key under this partition: RocksDB deletes
                        # where it last saw the key, or in every partition if it never did.
                        with contextlib.suppress(KeyError):
                            data[key]
                            del data[key]
                        table._sensor_on_del(table, key)
                        raw = None
                    else:
                        data[key] = value
                        table._sensor_on_set(table, key, value)
                        raw, _ = topic.prepare_value(value, table.value_serializer)
                    raw_key, _ = topic.prepare_key(key, table.key_serializer)
                    queued.append(
                        await self._send(name, raw_key, raw, partition=partition, headers=None)
                    )
            except Exception as exc:  # refused before queueing, or a store/config error
                failures.append(exc)
        last: dict[Any, Any] = {}
        for fut, result in zip(
            queued, await asyncio.gather(*queued, return_exceptions=True), strict=True
        ):
            if isinstance(result, BaseException):
                failures.append(result)
            elif (seen := last.get(result.topic_partition)) is None or (
                seen.result().offset < result.offset
            ):
                last[result.topic_partition] = fut
        for fut in last.values():
            table._on_changelog_sent(fut)
        return failures


@contextlib.contextmanager
def in_event(event: Any) -> Iterator[None]:
    """Make ``event`` Faust's current event while processing a batch of events.

    Faust derives a table write's changelog partition, and in exactly-once mode a send's
    transaction, from the current event; in a batch that is only the last one fetched,
    so each item's work is wrapped in its own event (Faust's context variable).
    """
    if event is None:
        yield
        return
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


class BatchState:
    """The worker's dedup state: an overlay over the table, applied after delivery."""

    def __init__(self, table: Table, send: SendFn) -> None:  # type: ignore[type-arg]
        self.table = TableStore(table, send)
        self.overlay = OverlayStore(self.table)
        self._unsynced: list[tuple[Any, str, Any]] = []

    def begin(self, origin: object) -> None:
        """Tag the writes that follow with the event they belong to."""
        self.overlay.origin = origin

    def discard(self) -> None:
        self.overlay.drain()
        self._unsynced = []

    async def apply(self) -> list[BaseException]:
        """Write the batch's state to the table, each write in its event; await the changelog.

        Only the last write of a key (per partition) is made: a batch rewrites the same
        posting and bucket lists many times. After a failure the same writes are made again
        on the next call (they are idempotent).
        """
        last: dict[tuple[int, str], tuple[Any, str, Any]] = {}
        for write in self._unsynced + self.overlay.drain():
            origin, key, _ = write
            last[(_partition(origin), key)] = write
        writes = list(last.values())
        failures = await self.table.write(writes) if writes else []
        self._unsynced = writes if failures else []
        return failures


def _partition(origin: Any) -> int:
    return -1 if origin is None else int(origin.message.partition)
