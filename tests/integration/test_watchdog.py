"""The per-message CPU bound in a real worker: a message over it is a ``too-slow`` dead
letter with its raw bytes, and the partition goes on to the next message.

No input we know is slow enough (that is the point of the bound), so the bound is set far
below what a large message costs: 50 ms of CPU for an RSS feed of 1,000 items (about 0.23 s
of CPU with the compiled core, in-process). A single 2 MiB story was this test's first input:
the compiled core takes it in about 50 ms (orjson, native text passes, geo reads 100,000
characters), so it was routed before the bound could fire, and the test only passed while a
stale build ran interpreted.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from streams import jsonio
from streams.core.model import H_FILENAME, H_REASON
from streams.kafka.clients import Publisher, RawPayload, read_topics

from .conftest import Service
from .corpus import story

_SENTENCE = "Dock workers in Gdansk and Gdynia walked out on Friday over pay, the union said. "


@pytest.mark.timeout(600)
async def test_a_message_over_the_cpu_bound_is_dead_lettered_and_the_partition_goes_on(
    service: Service,
) -> None:
    service.settings = service.settings.with_(message_cpu_seconds=0.05)
    settings = service.settings
    items = "".join(
        f"<item><title>Dock strike {i}</title><guid>urn:wna:slow:{i}</guid>"
        f"<description>GDANSK (WNA) - {_SENTENCE * 12}</description></item>"
        for i in range(1000)
    )
    big = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>WNA</title>'
        f"{items}</channel></rss>"
    ).encode()
    async with Publisher(settings, service.topics.raw) as pub:
        await pub.send_all(
            [RawPayload(big, "agency", "slow.xml"), RawPayload(story(1), "wna", "after.txt")]
        )
    dead: dict[str, tuple[str, int]] = {}
    routed: set[str] = set()

    async def collect() -> None:
        topics = service.topics
        outs = [*topics.region_topics, topics.dead_letter]
        async for rec in read_topics(settings, outs, from_beginning=True):
            if rec.topic == topics.dead_letter:
                name = rec.headers.get(H_FILENAME, b"?").decode()
                dead[name] = (rec.headers.get(H_REASON, b"").decode(), len(rec.value))
                continue
            lineage = jsonio.loads(rec.value).get("wirestream", {}).get("lineage") or {}
            routed.add(str(lineage.get("filename")))

    collector = asyncio.create_task(collect())
    worker = service.worker()
    try:
        deadline = time.monotonic() + 300
        while not ("slow.xml" in dead and "after.txt" in routed):
            assert time.monotonic() < deadline, (dead, routed, worker.tail())
            await asyncio.sleep(1)
    finally:
        collector.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await collector
    assert dead["slow.xml"] == ("too-slow", len(big))
    assert "slow.xml" not in routed
    assert worker.alive() and worker.starts == 1, worker.tail()
