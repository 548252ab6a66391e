"""A record whose Kafka header key is not UTF-8 is read like any other, by every consumer.

aiokafka decodes header keys strictly while it unpacks a fetched batch; one such record used
to make that raise inside the fetcher, for the worker and for ``wire audit`` alike
(``streams/kafka/records.py`` has the fix and the details).
"""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.producer import message_accumulator
from aiokafka.producer import producer as producer_module
from aiokafka.record.default_records import _DefaultRecordBatchBuilderPy

from streams.commands.audit import audit
from streams.core.model import H_FILENAME, H_SOURCE
from streams.kafka.clients import RawPayload

from .conftest import Service
from .corpus import story

BAD_KEY = b"wire-\xff\xfe-key"


class RawKey(str):
    """A header key that encodes to the bytes it was given, valid UTF-8 or not.

    Only the pure-Python batch builder asks a key to encode itself, so the test producer uses
    it: no Kafka client we have writes a non-UTF-8 key otherwise, but any producer can.
    """

    raw: bytes

    def __new__(cls, raw: bytes) -> RawKey:
        key = super().__new__(cls, raw.decode("latin-1"))
        key.raw = raw
        return key

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        return self.raw


async def _publish_poison(
    service: Service, values: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        for module in (message_accumulator, producer_module):
            patch.setattr(module, "DefaultRecordBatchBuilder", _DefaultRecordBatchBuilderPy)
        producer = AIOKafkaProducer(**service.settings.kafka_client_kwargs(), acks="all")
        await producer.start()
        try:
            for name, value in values.items():
                headers: list[tuple[str, bytes]] = [
                    (H_SOURCE, b"wna"),
                    (H_FILENAME, name.encode()),
                    (RawKey(BAD_KEY), b"x"),
                ]
                sent = await producer.send(service.topics.raw, value, headers=headers, partition=0)
                await sent
        finally:
            await producer.stop()


async def test_a_non_utf8_header_key_neither_stops_the_worker_nor_its_partition(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproduced first: the worker exited with the UnicodeDecodeError from aiokafka's reader."""
    worker = service.worker()
    before = [RawPayload(story(20_000 + i), "wna", f"before-{i}.txt") for i in range(3)]
    await service.publish(*before)
    poison = {"poison-key.txt": story(20_100), "poison-binary.bin": b"\x00\x01\x02" * 40}
    await _publish_poison(service, poison, monkeypatch)
    after = [RawPayload(story(20_200 + i), "wna", f"after-{i}.txt") for i in range(3)]
    await service.publish(*after)

    routed = await service.wait_for(list(service.topics.region_topics), 7, timeout=120)
    files = {r.json()["wirestream"]["lineage"]["filename"] for r in routed}  # type: ignore[index]
    assert files == {"poison-key.txt"} | {p.filename for p in before + after}
    [dead] = await service.wait_for([service.topics.dead_letter], 1)
    assert dead.headers[H_FILENAME] == b"poison-binary.bin"
    assert dead.headers["wire-\\xff\\xfe-key"] == b"x"  # escaped, and kept
    assert worker.alive()
    report = await audit(service.settings)  # its own consumer reads the same records
    assert report.missing == [], report.summary()
    assert report.raw_messages == 8
