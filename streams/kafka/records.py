"""Fetched records whose header keys are not UTF-8: read, not fatal.

Kafka header keys are declared strings, but a broker stores whatever bytes a producer sent.
aiokafka (0.14) decodes each key with strict UTF-8 while it unpacks a fetched batch
(``DefaultRecordBatch._read_msg``, in C), inside ``PartitionRecords`` of its fetcher. The
``UnicodeDecodeError`` leaves ``getmany`` (Faust's ``_fetch_records`` in its consumer thread),
the worker exits, and a restarted worker fetches the same record again: one record stops the
partition for good. ``wire audit``, ``wire subscribe`` and ``wire dlq`` died the same way.

:func:`install` swaps two names in ``aiokafka.consumer.fetcher`` for every consumer in the
process: the fetched bytes are kept, and when the fast C reader fails on a key, that fetch is
read again by aiokafka's pure-Python reader with undecodable key bytes escaped
(``b"k\\xff"`` becomes ``"k\\\\xff"``), from the first record not yet returned. The record is
then processed like any other (its payload decides whether it is routed or dead-lettered),
and its headers can be written to any topic again. The fast path is unchanged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from aiokafka.consumer import fetcher
from aiokafka.record.default_records import _DefaultRecordBatchPy
from aiokafka.record.legacy_records import LegacyRecordBatch
from aiokafka.record.memory_records import MemoryRecords, _MemoryRecordsPy

log = logging.getLogger(__name__)

_ORIGINAL_RECORDS = fetcher.PartitionRecords


class _EscapingBuffer(bytearray):
    """A record buffer whose slices decode with undecodable bytes escaped."""

    def __getitem__(self, index: Any) -> Any:
        part = super().__getitem__(index)
        return _EscapingBuffer(part) if isinstance(index, slice) else part

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        return super().decode(encoding, "backslashreplace")


class _EscapingBatch(_DefaultRecordBatchPy):  # type: ignore[misc]
    """aiokafka's pure-Python record batch, reading header keys through an escaping buffer."""

    _buffer: bytearray

    def _maybe_uncompress(self) -> None:
        super()._maybe_uncompress()
        if not isinstance(self._buffer, _EscapingBuffer):
            self._buffer = _EscapingBuffer(self._buffer)


class _EscapingRecords(_MemoryRecordsPy):  # type: ignore[misc]
    """The batches of one fetch read again, from the first one not yet wholly returned."""

    def __init__(self, data: bytes, resume_offset: int) -> None:
        super().__init__(data)
        self._resume = resume_offset
        self._pending: Any = None

    def has_next(self) -> bool:
        while self._pending is None and self._next_slice is not None:
            chunk = self._next_slice
            self._cache_next()
            magic = chunk[self.MAGIC_OFFSET]
            batch = _EscapingBatch(chunk) if magic >= 2 else LegacyRecordBatch(chunk, magic)
            if batch.next_offset > self._resume:
                self._pending = batch
        return self._pending is not None

    def next_batch(self, *args: Any) -> Any:
        if not self.has_next():
            return None
        batch, self._pending = self._pending, None
        return batch


class KeptRecords:
    """aiokafka's ``MemoryRecords`` that keeps the fetched bytes for a second reading."""

    __slots__ = ("_records", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._records = MemoryRecords(data)

    def size_in_bytes(self) -> int:
        size: int = self._records.size_in_bytes()
        return size

    def has_next(self) -> bool:
        more: bool = self._records.has_next()
        return more

    def next_batch(self) -> Any:
        return self._records.next_batch()


class SafePartitionRecords(_ORIGINAL_RECORDS):  # type: ignore[misc,valid-type]
    """aiokafka's ``PartitionRecords``, re-reading its fetch when a header key is not UTF-8."""

    _tp: Any
    _records: Any
    next_fetch_offset: int

    def _unpack_records(self) -> Iterator[Any]:
        try:
            yield from super()._unpack_records()
        except UnicodeDecodeError:
            kept = self._records
            if not isinstance(kept, KeptRecords):
                raise
            log.warning(
                "%s: the record at offset %d has a header key that is not UTF-8; "
                "reading it with the bad bytes escaped",
                self._tp,
                self.next_fetch_offset,
            )
            self._records = _EscapingRecords(kept.data, self.next_fetch_offset)
            yield from super()._unpack_records()


def install() -> None:
    """Make every aiokafka consumer of this process read such records (idempotent)."""
    fetcher.MemoryRecords = KeptRecords
    fetcher.PartitionRecords = SafePartitionRecords
