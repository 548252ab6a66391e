"""Faust tables behind the core's :class:`~streams.core.dedup.DedupStore` protocol."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Iterator
from typing import Any

import faust
from faust.streams import _current_event
from faust.tables.table import Table

from streams.core.dedup import DELETED, OverlayStore


class TrackedTable(Table):  # type: ignore[type-arg]
    """A table that remembers its changelog sends so the agent can await them.

    Faust hands changelog records to a background buffer; awaiting them before the
    agent takes its next event means a committed offset always has its state in
    the changelog (and, in exactly-once mode, in the same transaction).
    """

    def send_changelog(self, *args: Any, **kwargs: Any) -> Any:
        fut = super().send_changelog(*args, **kwargs)
        self.__dict__.setdefault("_wire_pending", []).append(fut)
        return fut

    def take_pending(self) -> list[Any]:
        pending: list[Any] = self.__dict__.get("_wire_pending", [])
        self.__dict__["_wire_pending"] = []
        return pending


def tracked_table(app: faust.App, name: str, **kwargs: Any) -> TrackedTable:
    table = TrackedTable(app, name=name, beacon=app.tables.beacon, **kwargs)
    app.tables.add(table)
    return table


class TableStore:
    """Adapts a Faust table (changelog-backed, RocksDB in the worker) to ``DedupStore``.

    Writes happen inside the current event's context, so Faust sends the changelog
    record to the event's partition and a moved worker recovers exactly that state.
    """

    def __init__(self, table: TrackedTable) -> None:
        self.table = table

    def get(self, key: str) -> Any | None:
        # ``table.get`` asks the store ``key in data`` and then ``data[key]``: two RocksDB
        # lookups and two key encodings per read. One lookup, the same sensors.
        table = self.table
        table.on_key_get(key)
        try:
            return table.data[key]
        except KeyError:
            return None

    def set(self, key: str, value: Any) -> None:
        self.table[key] = value

    def delete(self, key: str) -> None:
        self.table.pop(key, None)

    async def sync(self) -> list[BaseException]:
        """Wait for this event's changelog records; return the failures (empty: all written)."""
        pending = self.table.take_pending()
        if not pending:
            return []
        results = await asyncio.gather(*pending, return_exceptions=True)
        return [r for r in results if isinstance(r, BaseException)]


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

    def __init__(self, table: TrackedTable) -> None:
        self.table = TableStore(table)
        self.overlay = OverlayStore(self.table)
        self._unsynced: list[tuple[object, str, Any]] = []

    def begin(self, origin: object) -> None:
        """Tag the writes that follow with the event they belong to."""
        self.overlay.origin = origin

    def discard(self) -> None:
        self.overlay.drain()
        self._unsynced = []

    async def apply(self) -> list[BaseException]:
        """Write the batch's state to the table, each write in its event; await the changelog.

        After a failure the same writes are made again on the next call (they are idempotent).
        """
        writes = self._unsynced + self.overlay.drain()
        for origin, key, value in writes:
            with in_event(origin):
                if value is DELETED:
                    self.table.delete(key)
                else:
                    self.table.set(key, value)
        failures = await self.table.sync()
        self._unsynced = writes if failures else []
        return failures
