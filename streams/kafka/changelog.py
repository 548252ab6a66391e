"""Where a key lives in a keyed topic, and a plain consumer tailing changelog partitions.

Both serve dedup beyond one ``wire.items`` partition (``docs/architecture.md``, "Dedup
partitioning"): a story record lives in its uri's partition, so an eviction's tombstone must
go there; and every worker reads the story records of the partitions it does not own.
"""

from __future__ import annotations

from aiokafka.partitioner import murmur2


def key_partition(key: bytes, partitions: int) -> int:
    """The partition the producers' default partitioner (Kafka's murmur2) sends ``key`` to.

    ``wire.items`` is written only by the worker, keyed by uri with that partitioner, so this
    is the partition of a story and of its dedup record.
    """
    if partitions <= 1:
        return 0
    return int(murmur2(key) & 0x7FFFFFFF) % partitions
