"""The state the deduper needs, as a plain key-value protocol.

Keys are short strings, values are small JSON-able objects. The worker backs it with a Faust
table (RocksDB, changelog-backed); tests and ``wire inspect`` use :class:`MemoryStore`.

One key per remembered story, ``s:<id>`` (``id``: 48 bits of the uri's hash, 12 hex digits),
so a new story costs one store write and one changelog record. The candidate index and the
eviction buckets are derived from these records and kept in memory
(:mod:`streams.core.dedup.index`); :meth:`DedupStore.scan` is read only to rebuild them (a
restart, a partition assigned), never in the hot path. A batch's reads go through one
:meth:`DedupStore.get_many` (a RocksDB multi-get in the worker). Keys of the earlier layout
(``h:``, ``b:``, ``m:``) are ignored where they are still found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol


class ReadStore(Protocol):
    """What an :class:`OverlayStore` reads through to; its writes are applied elsewhere."""

    def get(self, key: str) -> Any | None: ...

    def get_many(self, keys: Sequence[str]) -> list[Any | None]: ...

    def scan(self) -> Iterator[tuple[str, Any]]: ...


class DedupStore(Protocol):
    """A key-value map of JSON-able values; ``get`` returns ``None`` for a missing key."""

    def get(self, key: str) -> Any | None: ...

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        """The values of ``keys`` in order (``None`` where missing), in one pass."""
        ...

    def scan(self) -> Iterator[tuple[str, Any]]:
        """Every ``(key, value)``: what the derived index is rebuilt from."""
        ...

    def set(self, key: str, value: Any) -> None: ...

    def delete(self, key: str) -> None: ...


class MemoryStore:
    """A plain dict behind :class:`DedupStore`."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self.data.get(key)

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        get = self.data.get
        return [get(k) for k in keys]

    def scan(self) -> Iterator[tuple[str, Any]]:
        return iter(list(self.data.items()))

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value

    def delete(self, key: str) -> None:
        self.data.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


_DELETED = object()


class OverlayStore:
    """Writes wait here, visible to reads, until :meth:`drain` hands them over in order.

    The worker decides a whole batch before any of its outputs is delivered; the overlay
    lets the second copy of a story in the same batch see the first, while nothing reaches
    the real store (and its changelog) before the outputs are in Kafka. Each write is
    tagged with ``origin`` (the event it belongs to), so the shell can write it in that
    event's context.

    Reads of the base store are remembered until the next :meth:`drain`: the deduper
    prefetches a batch's story records with one :meth:`get_many` (one RocksDB multi-get in
    the worker) and ``decide`` and ``remember`` then find them here. The overlay is the
    base's only writer while a batch runs (one worker owns a partition's state), so a
    remembered read cannot go stale before the drain.
    """

    def __init__(self, base: ReadStore) -> None:
        self.base = base
        self.origin: object = None
        self._pending: dict[str, Any] = {}
        self._read: dict[str, Any] = {}
        self._log: list[tuple[object, str, Any]] = []

    def get(self, key: str) -> Any | None:
        value = self._pending.get(key, self)
        if value is self:
            value = self._read.get(key, self)
            if value is self:
                value = self._read[key] = self.base.get(key)
            return value
        return None if value is _DELETED else value

    def get_many(self, keys: Sequence[str]) -> list[Any | None]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._pending and k not in self._read]
        if missing:
            self._read.update(zip(missing, self.base.get_many(missing), strict=True))
        return [self.get(k) for k in keys]

    def scan(self) -> Iterator[tuple[str, Any]]:
        """The base's items as this overlay sees them (pending writes applied)."""
        pending = self._pending
        for key, value in self.base.scan():
            if key not in pending:
                yield key, value
        for key, value in list(pending.items()):
            if value is not _DELETED:
                yield key, value

    def set(self, key: str, value: Any) -> None:
        self._pending[key] = value
        self._log.append((self.origin, key, value))

    def delete(self, key: str) -> None:
        self._pending[key] = _DELETED
        self._log.append((self.origin, key, _DELETED))

    def drain(self) -> list[tuple[object, str, Any]]:
        """The writes since the last drain, oldest first (a delete has :data:`DELETED`)."""
        log, self._log, self._pending, self._read = self._log, [], {}, {}
        return log


DELETED = _DELETED
