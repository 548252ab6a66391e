"""Records Kafka will not take, against the real broker: a dead letter each, never a worker exit.

Before issue #15 both cases below stopped the worker (exit 70) without acknowledging, and it
stopped again on the same offset after every restart.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.record.default_records import DefaultRecordBatchBuilder

from streams.core.model import H_REASON
from streams.core.topics import DEAD_LETTER_HEADROOM, build_topics
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import RawPayload
from streams.settings import Settings

from .conftest import Service
from .corpus import story


async def _service(bootstrap: str, home: Path, **changes: object) -> Service:
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"wtest-{tag}",
        topic_prefix=f"t{tag}",
        home=home,
        raw_partitions=1,
        items_partitions=1,
        output_partitions=1,
        **changes,
    )
    return Service(settings, build_topics(settings), home)


async def test_a_raw_record_at_exactly_the_size_limit_fits_as_a_dead_letter(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    limit = 256 * 1024
    svc = await _service(
        kafka_bootstrap,
        tmp_path,
        max_message_bytes=limit,
        max_raw_bytes=100_000,
        producer_batch_bytes=64 * 1024,
    )
    await ensure_topics(svc.settings, svc.topics.specs(svc.settings))
    worker = svc.worker()
    try:
        payload = RawPayload(b"", "big", "at-limit.txt")
        headers = payload.headers()  # what the publisher sends (the timestamp is 13 digits)
        value = b"word " * (limit // 5)
        while (
            size := DefaultRecordBatchBuilder.estimate_size_in_bytes(None, value, headers)
        ) > limit:
            value = value[: len(value) - (size - limit)]
        # Exactly the raw topic's max.message.bytes (aiokafka's estimate is an upper bound).
        assert size == limit
        await svc.publish(replace(payload, value=value))
        await svc.publish(RawPayload(story(1), "wna", "after.txt"))
        [dead] = await svc.wait_for([svc.topics.dead_letter], 1)
        assert dead.value == value and dead.headers[H_REASON] == b"too-large"
        routed = await svc.wait_for(list(svc.topics.region_topics), 1)
        assert routed and worker.alive()
    finally:
        worker.stop()


async def test_a_record_the_broker_refuses_makes_a_dead_letter_and_the_stream_moves_on(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    svc = await _service(kafka_bootstrap, tmp_path)
    await ensure_topics(svc.settings, svc.topics.specs(svc.settings))
    worker = svc.worker()  # it raises limits below the settings at start: lowered after
    try:
        # A regional topic that takes less than the settings say (changed under a running
        # worker): the pure bounds pass the item, the broker refuses it.
        small = 20_000
        europe = svc.topics.region("europe")
        await _alter(svc, europe, {"max.message.bytes": str(small)})
        for _ in range(50):
            if (await _configs(svc, europe))["max.message.bytes"] == str(small):
                break
            await asyncio.sleep(0.2)
        body = " ".join(
            f"Officials in Paris met on day {n} to talk about roads." for n in range(600)
        )
        big = f"Talks in Paris\n\nPARIS (Wire) - {body}\n".encode()
        assert len(big) > small
        await svc.publish(RawPayload(big, "wna", "too-big-for-europe.txt"))
        await svc.publish(RawPayload(story(2), "wna", "after.txt"))
        [dead] = await svc.wait_for([svc.topics.dead_letter], 1)
        assert dead.headers[H_REASON] == b"too-large-output"
        assert dead.headers["wire-raw-topic"] == svc.topics.items.encode()
        routed = await svc.wait_for(list(svc.topics.region_topics), 1)
        assert all(r.value != dead.value for r in routed)
        assert worker.alive()
    finally:
        worker.stop()


async def test_an_older_dead_letter_topic_gets_its_headroom_and_keeps_its_overrides(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    svc = await _service(kafka_bootstrap, tmp_path)
    dead = svc.topics.dead_letter
    limit = svc.settings.max_message_bytes
    old = [
        replace(s, config=(("max.message.bytes", str(limit)), ("retention.ms", "123456789")))
        if s.name == dead
        else s
        for s in svc.topics.specs(svc.settings)
    ]
    await ensure_topics(svc.settings, old)  # as an earlier version made it
    assert (await _configs(svc, dead))["max.message.bytes"] == str(limit)
    await ensure_topics(svc.settings, svc.topics.specs(svc.settings))  # this version
    want = str(limit + DEAD_LETTER_HEADROOM)
    for _ in range(50):  # the broker applies a config change shortly after answering
        configs = await _configs(svc, dead)
        if configs["max.message.bytes"] == want:
            break
        await asyncio.sleep(0.2)
    assert configs["max.message.bytes"] == want
    assert configs["retention.ms"] == "123456789"
    # Never lowered: the raw topic keeps what it had.
    assert (await _configs(svc, svc.topics.raw))["max.message.bytes"] == str(limit)


async def _configs(svc: Service, topic: str) -> dict[str, str]:
    admin = AIOKafkaAdminClient(**svc.settings.kafka_client_kwargs())
    await admin.start()
    try:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
        [(_, _, _, _, entries)] = response.resources
        return {e[0]: e[1] for e in entries}
    finally:
        await admin.close()


async def _alter(svc: Service, topic: str, configs: dict[str, str]) -> None:
    admin = AIOKafkaAdminClient(**svc.settings.kafka_client_kwargs())
    await admin.start()
    try:
        await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs)])
    finally:
        await admin.close()
