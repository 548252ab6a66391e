"""The state the deduper needs, as a plain key-value protocol.

Keys are short strings, values are small JSON-able objects (dicts, lists, ints, strings). The
worker backs it with a Faust table (RocksDB, changelog-backed); tests and ``wire inspect`` use
:class:`MemoryStore`. Nothing in the hot path iterates over keys, so any point-lookup store fits.

Key layout (all written by :class:`~streams.core.dedup.Deduper`):

- ``s:<id>`` — one record per remembered story; ``id`` is a 48-bit hash of the uri.
- ``h:<hash>`` — posting list: ids of stories whose sketch starts with this shingle hash.
- ``b:<bucket>:<shard>`` — ids remembered in that bucket (an hour) of event time, for eviction.
- ``m:buckets`` — the buckets that hold stories, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol


class ReadStore(Protocol):
    """What an :class:`OverlayStore` reads through to; its writes are applied elsewhere."""

    def get(self, key: str) -> Any | None: ...


class DedupStore(Protocol):
    """A key-value map of JSON-able values; ``get`` returns ``None`` for a missing key."""

    def get(self, key: str) -> Any | None: ...

    def set(self, key: str, value: Any) -> None: ...

    def delete(self, key: str) -> None: ...


class MemoryStore:
    """A plain dict behind :class:`DedupStore`."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self.data.get(key)

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

    Reads of the base store are remembered until the next :meth:`drain`: ``decide`` and
    ``remember`` look up the same posting lists and story record, and each base read in the
    worker is a RocksDB lookup behind Faust's key serialisation. The overlay is the base's
    only writer while a batch runs (one worker owns a partition's state), so a remembered
    read cannot go stale before the drain.
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
