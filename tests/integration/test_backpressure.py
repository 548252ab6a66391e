"""A burst far larger than the worker can take at once does not grow its memory without bound.

Faust pauses fetching when an agent's buffer is full, so the backlog stays in Kafka.
CI publishes 20,000 raw messages of ~3 KB (~60 MB) and samples the worker's RSS for
30 s while it works through them; `make soak` uses 100,000 (WIRE_SOAK_BURST).
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from streams.kafka.clients import Publisher, RawPayload

from .conftest import Service
from .corpus import story

BURST = int(os.environ.get("WIRE_SOAK_BURST", "20000"))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_burst_does_not_grow_worker_memory_without_bound(
    service: Service, guarantee: str
) -> None:
    service.settings = service.settings.with_(guarantee=guarantee)
    worker = service.worker()
    assert worker.proc is not None
    await asyncio.sleep(3)
    baseline = rss_mb(worker.proc.pid)
    padding = " ".join(["Officials gave no further details of the figures on Tuesday."] * 40)
    async with Publisher(service.settings, service.topics.raw) as pub:
        for start in range(0, BURST, 1000):
            batch = [
                RawPayload(story(i).replace(b"(WNA)\n", f"{padding} (WNA)\n".encode()), "wna")
                for i in range(start, min(start + 1000, BURST))
            ]
            await pub.send_all(batch)
    backlog_mb = BURST * len(batch[0].value) / 1e6
    samples = []
    end = time.monotonic() + 30
    while time.monotonic() < end:
        samples.append(rss_mb(worker.proc.pid))
        await asyncio.sleep(0.5)
    peak = max(samples)
    early, late = max(samples[:20]), max(samples[-20:])
    print(
        f"\nbacklog {backlog_mb:.0f} MB; worker RSS baseline {baseline:.0f} MB, "
        f"first 10 s {early:.0f} MB, last 10 s {late:.0f} MB, peak {peak:.0f} MB"
    )
    assert worker.alive()
    # Bounded by buffers, not by the backlog: well below the backlog's size, and flat.
    assert peak - baseline < min(100.0, backlog_mb), (baseline, peak, backlog_mb)
    assert late < early + 25, (early, late)
