"""A fetch holding a record whose header key is not UTF-8 is read whole, in order."""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka.consumer import fetcher
from aiokafka.record.default_records import _DefaultRecordBatchBuilderPy
from aiokafka.structs import TopicPartition

from streams.kafka import records


class RawKey(str):
    """A header key that encodes to the bytes it was given (the pure-Python builder asks)."""

    raw: bytes

    def __new__(cls, raw: bytes) -> RawKey:
        key = super().__new__(cls, raw.decode("latin-1"))
        key.raw = raw
        return key

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        return self.raw


def batch(base: int, keys: list[bytes], codec: int = 0) -> bytes:
    builder = _DefaultRecordBatchBuilderPy(
        magic=2,
        compression_type=codec,
        is_transactional=False,
        producer_id=-1,
        producer_epoch=-1,
        base_sequence=-1,
        batch_size=1 << 20,
    )
    for i, key in enumerate(keys):
        builder.append(i, 1_795_000_000_000, None, f"v{base + i}".encode(), [(RawKey(key), b"h")])
    data = bytearray(builder.build())
    data[0:8] = base.to_bytes(8, "big")  # the base offset, as the broker writes it
    return bytes(data)


def read(data: bytes, fetch_offset: int = 0, cls: Any = records.SafePartitionRecords) -> list[Any]:
    parts = cls(
        TopicPartition("t", 0),
        records.KeptRecords(data),
        None,
        fetch_offset,
        None,
        None,
        True,
        fetcher.READ_UNCOMMITTED,
    )
    return list(parts)


def test_the_stock_reader_fails_on_the_bad_key() -> None:
    with pytest.raises(UnicodeDecodeError):
        read(batch(0, [b"ok", b"bad-\xff"]), cls=records._ORIGINAL_RECORDS)


@pytest.mark.parametrize("codec", [0, 1])  # none, gzip
def test_every_record_is_read_once_in_order_with_the_bad_key_escaped(codec: int) -> None:
    data = batch(0, [b"a", b"b"], codec) + batch(2, [b"c", b"bad-\xff\xfe", b"d"], codec)
    data += batch(5, [b"e"], codec)
    got = read(data)
    assert [r.offset for r in got] == [0, 1, 2, 3, 4, 5]
    assert [r.value for r in got] == [b"v0", b"v1", b"v2", b"v3", b"v4", b"v5"]
    assert list(got[3].headers) == [("bad-\\xff\\xfe", b"h")]
    assert list(got[4].headers) == [("d", b"h")]


def test_a_fetch_starting_inside_a_batch_skips_what_it_already_returned() -> None:
    got = read(batch(0, [b"a", b"b", b"bad-\xff", b"c"]), fetch_offset=1)
    assert [r.offset for r in got] == [1, 2, 3]


def test_install_puts_the_safe_reader_in_the_fetcher() -> None:
    records.install()
    records.install()
    assert fetcher.PartitionRecords is records.SafePartitionRecords
    assert fetcher.MemoryRecords is records.KeptRecords
