"""Issue #2 end to end on the real broker: a raw dump in, each item on exactly its regions once."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from streams import compiled
from streams.core.model import H_RAW_OFFSET, H_REASON
from streams.core.schema import validate_item
from streams.kafka.clients import RawPayload

from .conftest import Service

FIXTURES = Path(__file__).parent.parent / "fixtures" / "integration"

#: headline start -> the one regional topic suffix it must land on
EXPECTED = {
    "German coalition agrees 2027 budget": "europe",
    "Heavy rain caused flooding across Nigeria": "africa",
    "Chile's copper output rose": "americas",
    "Vietnam's national assembly approved": "asia-pacific",
}


def _dump() -> RawPayload:
    path = FIXTURES / "agency-dump.txt"
    return RawPayload(path.read_bytes(), "wna", str(path), "text/plain")


def _by_headline(records: list, prefix_len: int = 0) -> Counter[tuple[str, str]]:
    seen: Counter[tuple[str, str]] = Counter()
    for rec in records:
        headline = rec.json()["headlines"][0]["value"]
        match = [h for h in EXPECTED if headline.startswith(h)]
        assert len(match) == 1, f"unexpected item {headline!r} on {rec.topic}"
        seen[(match[0], rec.topic.rsplit(".", 1)[-1])] += 1
    return seen


async def test_dump_routes_each_item_once_and_repeats_add_nothing(service: Service) -> None:
    worker = service.worker()
    # The worker runs the compiled core whenever a build matches these sources (its
    # environment has no WIRE_* variable, so WIRE_COMPILED=0 does not reach it).
    core = "compiled" if compiled.finder_for(compiled.ROOT)[0] is not None else "interpreted"
    assert f"wire worker: {core} (" in worker.log_path.read_text(errors="replace")
    regions = list(service.topics.region_topics)
    await service.publish(_dump())
    routed = await service.wait_for(regions, len(EXPECTED))
    # Give the worker a moment more to make any extra (wrong) record visible, then recount.
    routed = await service.wait_for(regions, len(EXPECTED), timeout=5)
    assert _by_headline(routed) == Counter({(h, r): 1 for h, r in EXPECTED.items()})
    for rec in routed:
        assert rec.key == rec.json()["uri"].encode()
        assert rec.json()["wirestream"]["lineage"]["raw_sha256"]
        validate_item(rec.json())  # every emitted item follows the published schema

    # The same dump again: only duplicate records, nothing new on any regional topic.
    await service.publish(_dump())
    dups = await service.wait_for([service.topics.duplicates], len(EXPECTED))
    assert {d.json()["wirestream"]["duplicate_of"] for d in dups} == {
        r.json()["uri"] for r in routed
    }
    assert len(await service.read(*regions)) == len(EXPECTED)
    for d in dups:
        validate_item(d.json())


async def test_garbage_is_dead_lettered_intact_and_the_worker_keeps_going(service: Service) -> None:
    worker = service.worker()
    garbage = os.urandom(2048) + b"\x00\x00\xff\xfe"
    await service.publish(RawPayload(garbage, "noise", "noise.bin"), RawPayload(b"", "noise"))
    dead = await service.wait_for([service.topics.dead_letter], 2)
    assert sorted(d.value for d in dead) == sorted([garbage, b""])
    for d in dead:
        assert d.headers[H_REASON]
        assert d.headers[H_RAW_OFFSET].isdigit()
    await service.publish(_dump())
    routed = await service.wait_for(list(service.topics.region_topics), len(EXPECTED))
    assert len(routed) == len(EXPECTED)
    assert worker.alive()
