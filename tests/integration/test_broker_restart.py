"""The broker restarts mid-stream: the worker and the publisher recover on their own."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.commands.audit import audit_until_complete
from streams.dev.broker import LocalBroker, free_port
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import Publisher

from .conftest import Service
from .corpus import payloads


@pytest.fixture
def own_broker(tmp_path: Path) -> Iterator[LocalBroker]:
    """A broker of this test's own: restarting the session broker would disturb other tests."""
    broker = LocalBroker(tmp_path / "broker", port=free_port(), controller_port=free_port())
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_broker_restart_mid_stream(
    own_broker: LocalBroker, service: Service, guarantee: str
) -> None:
    # The broker before the service: fixtures are torn down in reverse, so the workers stop
    # while their broker still runs. The other way round an exactly-once worker's clean stop
    # waited for the stopped broker until the TERM's 30 s ran out and it was killed.
    service.settings = service.settings.with_(bootstrap=own_broker.bootstrap, guarantee=guarantee)
    await ensure_topics(service.settings, service.topics.specs(service.settings))
    worker = service.worker()
    batch = payloads(600, repeat_every=0)

    async def publish() -> None:
        # One long-lived publisher, as a producer service would have, across the outage.
        async with Publisher(service.settings, service.topics.raw) as pub:
            for start in range(0, len(batch), 20):
                await pub.send_all(batch[start : start + 20])
                await asyncio.sleep(0.3)

    publishing = asyncio.create_task(publish())
    await service.wait_for(list(service.topics.region_topics), 100)
    assert not publishing.done(), "the outage must happen while publishing"
    began = time.monotonic()
    await asyncio.to_thread(own_broker.stop)
    await asyncio.sleep(3)
    await asyncio.to_thread(own_broker.start)
    print(f"\nbroker down for {time.monotonic() - began:.1f}s")
    await publishing
    report = await audit_until_complete(service.settings, 180)
    print(f"{guarantee}: {report.summary()} duplicates={report.duplicate_records}")
    assert report.raw_messages >= len(batch)
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    assert worker.alive(), worker.tail()
    if guarantee == "exactly_once":
        # The publisher may send a raw message twice across the outage (a second offset:
        # a repeat, not a double); the worker's outputs are each committed once.
        assert report.doubled == {}, await service.why_doubled(report)
        assert report.routed_without_state == [], report.summary()
        assert report.redone == {}, report.summary()
