"""Issue #15's attack corpus through a real worker, interleaved with good items.

Over 100 hostile raw messages (1-4 MiB where size matters: `attacks.py`) go through one
worker. It passes when every good item is routed, every hostile one is routed or
dead-lettered with a reason, the worker never stops or restarts, its RSS stays under
600 MB, the dedup window survives future-dated items, no other source can update or
kill a story, and ``wire audit`` finds no gap and no double.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from streams import jsonio
from streams.commands.audit import audit
from streams.core.model import H_FILENAME, H_PUBLISHED, H_REASON, H_SOURCE
from streams.kafka.clients import Publisher, RawPayload, read_topics

from .attacks import Attack, attacks
from .conftest import Service, worker_stats
from .corpus import story

RSS_LIMIT_MB = 600.0
VICTIM_URI = "urn:newsml:agency.example:20261130:victim-1"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@dataclass
class Seen:
    """What reached the output topics, without the (large) values."""

    #: filename header -> dead-letter reason
    dead: dict[str, str] = field(default_factory=dict)
    #: lineage filename -> item summaries
    items: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def outcome(self, name: str) -> bool:
        return name in self.dead or name in self.items


async def collect(service: Service, seen: Seen) -> None:
    topics = service.topics
    names = [*topics.region_topics, topics.duplicates, topics.dead_letter]
    async for rec in read_topics(service.settings, names, from_beginning=True):
        if rec.topic == topics.dead_letter:
            name = rec.headers.get(H_FILENAME, b"?").decode("utf-8", "replace")
            seen.dead[name] = rec.headers.get(H_REASON, b"").decode()
            continue
        doc = jsonio.loads(rec.value)
        ext = doc.get("wirestream", {})
        lineage = ext.get("lineage") or {}
        seen.items.setdefault(str(lineage.get("filename")), []).append(
            {
                "topic": rec.topic,
                "uri": doc["uri"],
                "source": lineage.get("source"),
                "version": doc.get("version"),
                "pubstatus": doc.get("pubstatus"),
                "status": ext.get("status"),
                "update_of": ext.get("update_of"),
                "duplicate_of": ext.get("duplicate_of"),
                "bytes": len(rec.value),
            }
        )


def _headers(attack: Attack) -> list[tuple[str, bytes]]:
    base = {
        H_SOURCE: attack.source.encode(),
        H_FILENAME: attack.name.encode(),
        H_PUBLISHED: str(int(time.time() * 1000)).encode(),
    }
    base.update(attack.headers)
    if H_FILENAME in attack.headers:
        # The attack is the filename itself: name the record by an extra header instead.
        base["x-attack"] = attack.name.encode()
    return list(base.items())


def _victim(version: int, text: str) -> bytes:
    return json.dumps(
        {
            "uri": VICTIM_URI,
            "version": version,
            "type": "text",
            "headline": "Ferry strike halts traffic in Norway",
            "body_text": text,
        }
    ).encode()


async def _until(check: Callable[[], bool], timeout: float, what: str, service: Service) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            logs = "\n".join(w.tail() for w in service.workers)
            raise AssertionError(f"timed out waiting for {what}\n{logs}")
        await asyncio.sleep(1)


@pytest.mark.timeout(1500)
async def test_attack_corpus_never_stops_the_worker(service: Service) -> None:
    settings = service.settings
    worker = service.worker()
    assert worker.proc is not None
    pid = worker.proc.pid
    seen = Seen()
    collector = asyncio.create_task(collect(service, seen))
    samples: list[float] = []

    async def sample() -> None:
        while True:
            samples.append(rss_mb(pid))
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    try:
        first = "Ferry crews in Norway walked out on Monday, stopping crossings near Bergen."
        async with Publisher(settings, service.topics.raw) as pub:
            await pub.send_all([RawPayload(_victim(1, first), "agency", "victim-v1.json")])
        await _until(lambda: "victim-v1.json" in seen.items, 120, "the victim story", service)
        victim = seen.items["victim-v1.json"][0]

        hostile = attacks(VICTIM_URI, settings.max_raw_bytes)
        assert len(hostile) >= 100
        good = [f"good-{i}.txt" for i in range(len(hostile))]
        async with Publisher(settings, service.topics.raw) as pub:
            for i, attack in enumerate(hostile):
                await pub.send_all([RawPayload(story(20_000 + i), "wna", good[i])])
                fut = await pub.send_with_headers(attack.value, _headers(attack))
                await fut
        # An attack on the filename header itself is found by the audit below, not by name.
        named = [a.name for a in hostile if H_FILENAME not in a.headers]
        await _until(
            lambda: all(g in seen.items for g in good) and all(seen.outcome(n) for n in named),
            1200,
            "every good item routed and every hostile one settled",
            service,
        )

        # After the attacks: the real update of the victim, and an exact repeat of an
        # early good story (the window must still hold it).
        update = first + " Talks with the ferry operator resume on Wednesday in Oslo."
        async with Publisher(settings, service.topics.raw) as pub:
            await pub.send_all(
                [
                    RawPayload(_victim(2, update), "agency", "victim-v2.json"),
                    RawPayload(story(20_000), "wna", "repeat-of-good-0.txt"),
                ]
            )
        await _until(
            lambda: "victim-v2.json" in seen.items and "repeat-of-good-0.txt" in seen.items,
            180,
            "the victim's update and the repeat",
            service,
        )
        stats = await worker_stats(worker)
    finally:
        sampler.cancel()
        collector.cancel()
        for task in (sampler, collector):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    peak = max(samples)
    print(
        f"\n{len(hostile)} attacks, {sum(len(a.value) for a in hostile) / 1e6:.0f} MB; "
        f"worker RSS {samples[0]:.0f} MB at start, peak {peak:.0f} MB; "
        f"dead letters {len(seen.dead)}; "
        f"unacknowledged bytes {((stats or {}).get('consumer') or {}).get('inflight')}"
    )
    assert worker.alive() and worker.starts == 1, worker.tail()
    assert peak < RSS_LIMIT_MB, (peak, worker.tail())
    # What holds that bound when the worker falls behind: the fetch loop's byte bound
    # (WIRE_INFLIGHT_BYTES) on what it handed over unacknowledged, plus one record.
    inflight = ((stats or {}).get("consumer") or {}).get("inflight")
    assert isinstance(inflight, dict), stats
    assert inflight["peak"] <= settings.inflight_bytes + settings.max_message_bytes, inflight
    for name, reason in seen.dead.items():
        assert reason, name

    # No other source updated or killed the victim's story.
    for attack in hostile:
        if attack.kind != "identity":
            continue
        for item in seen.items.get(attack.name, []):
            assert item["update_of"] != victim["uri"], (attack.name, item)
            assert item["duplicate_of"] != victim["uri"], (attack.name, item)
            assert item["uri"] != victim["uri"], (attack.name, item)
    real_update = seen.items["victim-v2.json"]
    assert {i["status"] for i in real_update} == {"update"}, real_update
    assert {i["update_of"] for i in real_update} == {victim["uri"]}, real_update

    # The future-dated items did not wipe the window: the repeat is a duplicate.
    repeat = seen.items["repeat-of-good-0.txt"]
    original = seen.items["good-0.txt"][0]
    assert [(i["status"], i["duplicate_of"]) for i in repeat] == [("duplicate", original["uri"])]

    # Output records stay bounded (the largest raw payload is 4 MiB).
    largest = max(int(str(i["bytes"])) for items in seen.items.values() for i in items)
    assert largest < settings.max_message_bytes, largest

    report = await audit(settings)
    assert report.ok, report.summary()
    assert report.raw_messages == 2 * len(hostile) + 3
