"""Publishing a feed URL from the CLI and reading items back with the Python client."""

from __future__ import annotations

import asyncio
import functools
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.client import subscribe

from .conftest import Service

FEEDS = Path(__file__).parent.parent / "fixtures" / "wire" / "rss"


@pytest.fixture
def feed_server() -> Iterator[str]:
    """A loopback HTTP server serving the RSS fixture, as a newsroom's feed would be."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FEEDS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


async def test_publish_a_feed_url_and_subscribe_with_the_client(
    service: Service, feed_server: str
) -> None:
    service.worker()
    proc = await asyncio.to_thread(
        subprocess.run,
        [
            sys.executable,
            "-m",
            "streams",
            "publish",
            feed_server,
            "--source",
            "feed",
            "--allow-private",
        ],
        env=service.env(0),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "published 1 message(s)" in proc.stdout
    routed = await service.wait_for(list(service.topics.region_topics), 2)
    regions = sorted({r.topic.rsplit(".", 1)[-1] for r in routed})
    items = [
        item
        async for item in subscribe(
            regions, settings=service.settings, from_beginning=True, follow=False
        )
    ]
    assert sorted(i.uri for i in items) == sorted(r.json()["uri"] for r in routed)
    assert all(i.ext.lineage and i.ext.lineage.filename == feed_server for i in items)


async def test_reading_to_the_end_stops_at_a_transaction_marker(service: Service) -> None:
    """The last offset of a transactionally written partition is a commit marker, never a
    record: a reader waiting for its position to pass each partition's end must still stop
    (the audit hung on this once exactly-once outputs ended a partition)."""
    from aiokafka import AIOKafkaProducer

    from streams.kafka.clients import read_topics

    topic = service.topics.region_topics[0]
    producer = AIOKafkaProducer(
        bootstrap_servers=service.settings.bootstrap, transactional_id=f"t-{topic}"
    )
    await producer.start()
    try:
        async with producer.transaction():
            # As many records as the reader takes per poll: the poll that returns the last
            # one stops just before the marker, and the next returns nothing for the partition.
            sent = [await producer.send(topic, b"{}", partition=0) for _ in range(500)]
            await asyncio.gather(*sent)
    finally:
        await producer.stop()

    async def read_all() -> list[object]:
        return [
            r
            async for r in read_topics(
                service.settings, [topic], from_beginning=True, until_end=True
            )
        ]

    got = await asyncio.wait_for(read_all(), 30)
    assert len(got) == 500


async def test_reading_a_topic_not_created_yet_to_the_end_reads_nothing(service: Service) -> None:
    """The audit reads the dedup changelog, which the route worker creates only once it has
    started: an audit run before that (CI, 2026-12-04: right after publishing to a split
    worker) crashed in aiokafka's ``seek_to_beginning`` with "No partitions are currently
    assigned"; nothing there yet is nothing to read."""
    from streams.commands.audit import audit
    from streams.kafka.clients import read_topics

    missing = f"{service.settings.app_id}-not-created"
    got = [
        r
        async for r in read_topics(service.settings, [missing], from_beginning=True, until_end=True)
    ]
    assert got == []
    exact = service.settings.with_(guarantee="exactly_once", app_id=missing)
    report = await audit(exact)  # its dedup changelog does not exist
    assert report.routed_without_state == []
