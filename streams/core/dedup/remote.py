"""Story records of partitions another worker owns: the second level of dedup's scheme.

With several ``wire.items`` partitions, exact repeats and updates of a uri meet on its one
partition (level 1), but a near copy under another uri lands anywhere. So each worker also
reads the story records of the partitions it does not own (the shell tails their changelog)
and keeps them here, grouped by their source partition: the deduper indexes them with its own
and finds candidates in every partition (level 2). Only the owner writes or evicts a record;
here a record is replaced by the owner's next one, dropped at its tombstone, at expiry, or
with its whole partition when that partition becomes this worker's own.

Held as the decoded records (a dict each; bytes per story measured by
``bench/scale_bench.py``): the window's stories of the other partitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class RemoteStories:
    """``source → {story id → record}``; lookups try each source (a handful of partitions)."""

    def __init__(self) -> None:
        self._by_source: dict[int, dict[int, dict[str, Any]]] = {}

    def get(self, sid: int) -> dict[str, Any] | None:
        for records in self._by_source.values():
            record = records.get(sid)
            if record is not None:
                return record
        return None

    def put(self, source: int, sid: int, record: dict[str, Any]) -> None:
        self._by_source.setdefault(source, {})[sid] = record

    def pop(self, sid: int) -> dict[str, Any] | None:
        for records in self._by_source.values():
            record = records.pop(sid, None)
            if record is not None:
                return record
        return None

    def drop(self, source: int) -> int:
        """Forget a whole source (its partition is now this worker's); how many stories."""
        return len(self._by_source.pop(source, {}))

    def sources(self) -> set[int]:
        return set(self._by_source)

    def items(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for records in list(self._by_source.values()):
            yield from list(records.items())

    def __contains__(self, sid: object) -> bool:
        return any(sid in records for records in self._by_source.values())

    def __len__(self) -> int:
        return sum(len(records) for records in self._by_source.values())

    def __bool__(self) -> bool:
        return any(self._by_source.values())
