"""Cost of reading fetched records through ``streams.kafka.records`` (issue 15, header keys).

One fetch of 1,000 records (100 batches of 10, 3 KB values) read three ways, best of N:
aiokafka's stock reader, the safe reader on the same clean fetch (the normal path: only a
wrapper per batch), and the safe reader on a fetch whose 506th record has a header key that is
not UTF-8 (the fallback re-reads the rest of the fetch with aiokafka's pure-Python reader).

    .venv/bin/python bench/records_bench.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import logging
import time
from typing import Any

from aiokafka.consumer import fetcher
from aiokafka.record.default_records import _DefaultRecordBatchBuilderPy
from aiokafka.structs import TopicPartition

from streams.kafka import records


class _RawKey(str):
    raw: bytes

    def __new__(cls, raw: bytes) -> _RawKey:
        key = super().__new__(cls, raw.decode("latin-1"))
        key.raw = raw
        return key

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        return self.raw


def _batch(base: int, keys: list[bytes]) -> bytes:
    builder = _DefaultRecordBatchBuilderPy(2, 0, False, -1, -1, -1, 1 << 22)
    for i, key in enumerate(keys):
        value = (b"%d " % (base + i)) * 700
        builder.append(i, 1_795_000_000_000, None, value[:3000], [(_RawKey(key), b"h")])
    data = bytearray(builder.build())
    data[0:8] = base.to_bytes(8, "big")
    return bytes(data)


def _fetch(bad_at: int | None) -> bytes:
    out = []
    for b in range(100):
        keys = [b"wire-source"] * 10
        if bad_at is not None and b == bad_at // 10:
            keys[bad_at % 10] = b"wire-\xff"
        out.append(_batch(b * 10, keys))
    return b"".join(out)


def _read(data: bytes, cls: Any) -> int:
    parts = cls(
        TopicPartition("t", 0),
        records.KeptRecords(data),
        None,
        0,
        None,
        None,
        True,
        fetcher.READ_UNCOMMITTED,
    )
    return sum(1 for _ in parts)


def _timed(data: bytes, cls: Any) -> float:
    start = time.perf_counter()
    assert _read(data, cls) == 1000
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    logging.getLogger("streams.kafka.records").setLevel(logging.ERROR)
    clean, poisoned = _fetch(None), _fetch(505)
    cases = {
        "stock reader, clean fetch": (clean, records._ORIGINAL_RECORDS),
        "safe reader, clean fetch": (clean, records.SafePartitionRecords),
        "safe reader, one bad key": (poisoned, records.SafePartitionRecords),
    }
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(args.rounds):  # interleaved, so a busy moment hits every case alike
        for name, (data, cls) in cases.items():
            best[name] = min(best[name], _timed(data, cls))
    stock = best["stock reader, clean fetch"]
    print(f"fetch: 1000 records, {len(clean) / 1e6:.1f} MB; best of {args.rounds}")
    for name, took in best.items():
        print(f"{name:<27} {took * 1e3:7.2f} ms  ({took / stock:.2f}x stock)")


if __name__ == "__main__":
    main()
