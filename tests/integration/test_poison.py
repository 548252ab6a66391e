"""Hostile payloads interleaved with good ones: the worker keeps going, each one is a dead letter."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter

import pytest

from streams import jsonio
from streams.commands.audit import audit_until_complete
from streams.core.model import H_ERROR, H_FILENAME, H_REASON
from streams.kafka.clients import RawPayload

from .conftest import Service
from .corpus import story
from .hostile import hostile_payloads


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_hostile_payloads_are_dead_lettered_and_good_items_routed(
    service: Service, guarantee: str
) -> None:
    service.settings = service.settings.with_(guarantee=guarantee)
    worker = service.worker()
    hostile = hostile_payloads()
    assert len(hostile) >= 50
    mixed: list[RawPayload] = []
    for i, (name, data) in enumerate(hostile):
        mixed.append(RawPayload(story(10_000 + i), "wna", f"good-{i}.txt"))
        mixed.append(RawPayload(data, "hostile", name))
    await service.publish(*mixed)

    dead = await service.wait_for([service.topics.dead_letter], len(hostile), timeout=120)
    assert Counter(d.value for d in dead) == Counter(data for _, data in hostile)
    by_name = {d.headers[H_FILENAME].decode(): d for d in dead}
    for name, _ in hostile:
        assert by_name[name].headers[H_REASON], name
        assert by_name[name].headers[H_ERROR], name
    # Dead letters come out of stage 1; the good items still pass stage 2 (in exactly-once,
    # a second transaction), so they may land later than the last dead letter.
    report = await audit_until_complete(service.settings, 120)
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    assert report.raw_messages == len(mixed)
    assert report.doubled == {}, await service.why_doubled(report)
    assert worker.alive()

    # `wire dlq list` shows them, one line each.
    out = await _wire(service, "dlq", "list", "--json")
    listed = [jsonio.loads(line) for line in out.splitlines()]
    assert {d["filename"] for d in listed} == {name for name, _ in hostile}


async def test_replay_after_a_fix_routes_the_item(service: Service) -> None:
    """A limit too tight for a real dump dead-letters it; after raising the limit, replay routes it."""
    service.settings = service.settings.with_(max_items=1)
    worker = service.worker()
    await service.publish(RawPayload(story(1) + b"\n" + story(2), "wna", "two-items.txt"))
    dead = await service.wait_for([service.topics.dead_letter], 1)
    assert dead[0].headers[H_REASON] == b"too-many-items"
    worker.stop()

    service.settings = service.settings.with_(max_items=1000)
    service.worker()
    out = await _wire(service, "dlq", "replay", "--reason", "too-many-items")
    assert "replayed 1" in out
    routed = await service.wait_for(list(service.topics.region_topics), 2)
    assert len(routed) == 2


async def _wire(service: Service, *args: str) -> str:
    proc = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "streams", *args],
        env=service.env(0),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout
