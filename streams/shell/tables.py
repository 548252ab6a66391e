"""Faust tables behind the core's :class:`~streams.core.dedup.DedupStore` protocol."""

from __future__ import annotations

from typing import Any


class TableStore:
    """Adapts a Faust table (changelog-backed, RocksDB in the worker) to ``DedupStore``.

    Writes happen inside the current event's context, so Faust sends the changelog
    record to the event's partition and a moved worker recovers exactly that state.
    """

    def __init__(self, table: Any) -> None:
        self.table = table

    def get(self, key: str) -> Any | None:
        return self.table.get(key)

    def set(self, key: str, value: Any) -> None:
        self.table[key] = value

    def delete(self, key: str) -> None:
        self.table.pop(key, None)
