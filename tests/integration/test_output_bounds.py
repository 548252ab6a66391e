"""Records Kafka will not take, against the real broker: a dead letter each, never a worker exit.

Before issue #15 both cases below stopped the worker (exit 70) without acknowledging, and it
stopped again on the same offset after every restart.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from aiokafka.record.default_records import DefaultRecordBatchBuilder

from streams.app import build_topics
from streams.core.model import H_REASON
from streams.settings import Settings
from streams.shell.admin import ensure_topics
from streams.shell.kafka_io import RawPayload

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
    # A regional topic that takes less than the settings say (a misconfigured cluster): the
    # pure bounds pass the item, the broker refuses it.
    small = 20_000
    specs = [
        replace(s, config=(("max.message.bytes", str(small)),))
        if s.name == svc.topics.region("europe")
        else s
        for s in svc.topics.specs(svc.settings)
    ]
    await ensure_topics(svc.settings, specs)
    worker = svc.worker()
    try:
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
