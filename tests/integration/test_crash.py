"""kill -9 the worker mid-stream, restart it, and audit: nothing lost; nothing doubled with EOS.

Sized for CI; `make soak` runs the full size (WIRE_SOAK_ITEMS, WIRE_SOAK_KILLS).
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from streams.commands.audit import audit_until_complete

from .conftest import Service
from .corpus import payloads

ITEMS = int(os.environ.get("WIRE_SOAK_ITEMS", "1500"))
KILLS = int(os.environ.get("WIRE_SOAK_KILLS", "3"))


async def _outputs(service: Service) -> int:
    topics = [*service.topics.region_topics, service.topics.duplicates, service.topics.dead_letter]
    return len(await service.read(*topics))


async def _publish_in_chunks(service: Service, n: int) -> None:
    # Paced over 60 s (25 a second at CI size), so that every kill lands while the worker has
    # work: published at once, a fast worker routed 1,432 of 1,625 outputs before the first
    # kill, and at 200 a second the stream ended inside the first restart (an exactly-once
    # restore takes about 19 s), so the later kills hit a worker still restoring.
    batch = payloads(n)
    pause = 60.0 / max(1, n // 100)
    for start in range(0, n, 100):
        await service.publish(*batch[start : start + 100])
        await asyncio.sleep(pause)


@pytest.mark.parametrize("guarantee", ["exactly_once", "at_least_once"])
async def test_kill_9_mid_stream(service: Service, guarantee: str) -> None:
    # A killed worker sends no LeaveGroup: its restart's join waits for the dead member's
    # session to expire, so the session is the broker's minimum (6 s; 10 s by default).
    service.settings = service.settings.with_(
        guarantee=guarantee, commit_interval=0.5, session_timeout=6.0
    )
    worker = service.worker()
    publishing = asyncio.create_task(_publish_in_chunks(service, ITEMS))
    step = max(1, ITEMS // (KILLS + 2))
    # Seconds each phase took, printed with the result: where a slow run spent its time.
    phases: list[str] = []
    for kill in range(1, KILLS + 1):
        # Kill points are absolute (300, 600, 900 outputs at CI size): relative to the last
        # kill's count, a worker that ran ahead left a target above the stream's total, and
        # the test waited out 120 s twice (the 250 s CI runs of 2026-12-05, blamed at first
        # on the inline hand-over, which only made the worker faster).
        began = time.monotonic()
        while (now := await _outputs(service)) < kill * step:
            assert time.monotonic() - began < 120, (
                f"no progress to {kill * step} outputs in 120 s (at {now}): {phases}\n"
                + worker.tail()
            )
            await asyncio.sleep(0.2)
        phases.append(f"{time.monotonic() - began:.0f}s to {now} outputs")
        worker.kill()
        worker.start()
        worker.wait_web()
    await publishing
    # The worker catches up after the last kill; at soak size that takes minutes.
    began = time.monotonic()
    report = await audit_until_complete(service.settings, max(180, ITEMS // 40))
    phases.append(f"{time.monotonic() - began:.0f}s to a complete audit")
    print(f"\n{guarantee}: {ITEMS} raw, {KILLS} kills ({', '.join(phases)}): {report.summary()}")
    assert report.raw_messages == ITEMS
    assert report.missing == [], report.summary()
    assert report.unrouted_originals == [], report.summary()
    # At-least-once repeats carry the uri of the first copy, so a consumer can drop them.
    assert report.renamed == {}, report.summary()
    if guarantee == "exactly_once":
        assert report.doubled == {}, await service.why_doubled(report)
        assert report.routed_without_state == [], report.summary()
        assert report.redone == {}, report.summary()
