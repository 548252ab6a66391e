"""The worker's partitioner places every key where aiokafka's default (Kafka's) does."""

from __future__ import annotations

import random

from aiokafka.partitioner import DefaultPartitioner
from aiokafka.partitioner import murmur2 as aiokafka_murmur2

from streams.kafka.changelog import key_partition as changelog_partition
from streams.kafka.partition import KeyPartitioner, key_partition, murmur2


def _keys() -> list[bytes]:
    rng = random.Random(17)
    keys = [b"", b"a", b"ab", b"abc", b"abcd", b"\xff\xfe\xfd", "ünïcode-urî".encode()]
    keys += [rng.randbytes(rng.randrange(0, 200)) for _ in range(2000)]
    keys += [f"urn:wirestream:src{i}:2026-12-04:{i * 7919:x}".encode() for i in range(500)]
    return keys


def test_murmur2_equals_aiokafkas_for_every_length_and_byte() -> None:
    for key in _keys():
        assert murmur2(key) == aiokafka_murmur2(key), key


def test_known_java_values() -> None:
    # Kafka's own test vectors (UtilsTest.testMurmur2), as unsigned 32-bit values.
    assert murmur2(b"21") & 0xFFFFFFFF == (-973932308) & 0xFFFFFFFF
    assert murmur2(b"foobar") & 0xFFFFFFFF == (-790332482) & 0xFFFFFFFF
    assert murmur2(b"a-little-bit-long-string") & 0xFFFFFFFF == (-985981536) & 0xFFFFFFFF


def test_partitioner_places_keys_as_the_default_does() -> None:
    ours, default = KeyPartitioner(), DefaultPartitioner()
    for n in (1, 2, 3, 6, 12):
        parts = list(range(n))
        for key in _keys():
            assert ours(key, parts, parts) == default(key, parts, parts)
            assert (
                key_partition(key, n) == changelog_partition(key, n) == default(key, parts, parts)
            )


def test_a_record_without_key_goes_to_an_available_partition() -> None:
    ours = KeyPartitioner()
    for _ in range(50):
        assert ours(None, [0, 1, 2], [2]) == 2
        assert ours(None, [0, 1, 2], []) in (0, 1, 2)
