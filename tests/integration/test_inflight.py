"""A backlog of large raw messages: the fetch loop's byte bound holds (``WIRE_INFLIGHT_BYTES``).

Faust's buffers count events, so a worker behind on 1,024 raw messages of 4 MiB could hold
4 GiB of them. Here 24 messages of 3 MiB wait in Kafka before the worker starts, with the
bound at 8 MiB: the worker's fetch loop must wait for acknowledgements (its ``waits``), never
hold more than the bound plus one record unacknowledged (its ``peak``), and still settle every
message, routed or dead-lettered, with ``wire audit`` clean.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from streams import jsonio
from streams.commands.audit import audit
from streams.core.model import H_FILENAME
from streams.kafka.clients import Publisher, RawPayload, read_topics

from .conftest import Service, worker_stats

MIB = 1024 * 1024
BOUND = 8 * MIB
COUNT = 24
SIZE = 3 * MIB

_SENTENCE = (
    "Port workers in Rotterdam and Antwerp extended their strike on Thursday, "
    "union officials said, as talks with terminal operators stalled again. "
)


def _big_story(i: int) -> bytes:
    body = (_SENTENCE * (SIZE // len(_SENTENCE)))[: SIZE - 400]
    return jsonio.dumps(
        {
            "uri": f"urn:newsml:agency.example:20261207:big-{i}",
            "type": "text",
            "headline": f"Port strike extended, report {i}",
            "body_text": f"ROTTERDAM (WNA) - Report {i}. {body}",
        }
    )


@pytest.mark.timeout(900)
async def test_a_backlog_of_large_messages_stays_under_the_byte_bound(service: Service) -> None:
    service.settings = service.settings.with_(inflight_bytes=BOUND)
    settings = service.settings
    names = [f"big-{i}.json" for i in range(COUNT)]
    async with Publisher(settings, service.topics.raw) as pub:
        await pub.send_all([RawPayload(_big_story(i), "agency", names[i]) for i in range(COUNT)])

    settled: set[str] = set()

    async def collect() -> None:
        topics = service.topics
        outs = [*topics.region_topics, topics.duplicates, topics.dead_letter]
        async for rec in read_topics(settings, outs, from_beginning=True):
            if rec.topic == topics.dead_letter:
                settled.add(rec.headers.get(H_FILENAME, b"?").decode("utf-8", "replace"))
                continue
            lineage = jsonio.loads(rec.value).get("wirestream", {}).get("lineage") or {}
            settled.add(str(lineage.get("filename")))

    collector = asyncio.create_task(collect())
    worker = service.worker()
    try:
        deadline = time.monotonic() + 600
        while not settled.issuperset(names):
            assert time.monotonic() < deadline, (sorted(set(names) - settled), worker.tail())
            assert worker.alive(), worker.tail()
            await asyncio.sleep(1)
        stats = await worker_stats(worker)
    finally:
        collector.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await collector

    assert stats is not None
    consumer = stats["consumer"]
    assert isinstance(consumer, dict)
    inflight = consumer["inflight"]
    print(
        f"\ninflight after {COUNT} x {SIZE // MIB} MiB with a {BOUND // MIB} MiB bound: {inflight}"
    )
    assert inflight["limit"] == BOUND
    assert inflight["waits"] >= 1, inflight  # the backlog met the bound
    # At most the bound plus the one record handed over below it (and its JSON headroom).
    assert inflight["peak"] < BOUND + SIZE + 64 * 1024, inflight
    assert worker.alive() and worker.starts == 1, worker.tail()
    report = await audit(settings)
    assert report.ok, report.summary()
    assert report.raw_messages == COUNT
