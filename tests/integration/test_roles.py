"""Worker roles (issue #17): parse and route in two processes, nothing lost between them.

A parse-only worker (raw -> ``wire.items``) and a route-only worker (``wire.items`` -> dedup
-> regional topics) run as separate ``wire worker --roles ...`` processes in one consumer
group. Each is given only its own topic's partitions, the parse worker has no dedup table,
and every raw message ends routed, duplicate or dead-lettered, in both guarantee modes.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from typing import Any

import pytest

from streams.commands.audit import audit_until_complete
from streams.core.model import H_REASON
from streams.core.topics import build_topics
from streams.dev.process import WorkerProcess
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import RawPayload

from .conftest import Service
from .corpus import payloads

POISON = b'{"uri": "x", "headlines": [' + b"[" * 5000


async def stats(worker: WorkerProcess) -> dict[str, Any]:
    url = f"http://127.0.0.1:{worker.web_port}/wire/stats"
    body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=5).read())
    doc: dict[str, Any] = json.loads(body)
    return doc


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_parse_and_route_workers_apart_lose_nothing(service: Service, guarantee: str) -> None:
    # As many items as raw partitions: Faust numbers both topics' groups alike, so the two
    # processes' transactional ids would be the same without the role in them.
    tag = uuid.uuid4().hex[:8]
    base = service.settings.with_(
        guarantee=guarantee, items_partitions=2, app_id=f"wroles-{tag}", topic_prefix=f"r{tag}"
    )
    service.topics = build_topics(base)
    await ensure_topics(base, service.topics.specs(base))
    service.settings = base.with_(roles="parse")
    parser = service.worker()
    service.settings = base.with_(roles="route")
    router = service.worker()
    service.settings = base

    batch = payloads(60)  # every tenth repeats an earlier story exactly
    poison = RawPayload(POISON, "hostile", "poison.json", format="json")
    await service.publish(*batch[:30], poison, *batch[30:])

    report = await audit_until_complete(service.settings, 120)
    assert report.raw_messages == len(batch) + 1
    assert report.missing == [], report.summary()
    assert report.doubled == {}, await service.why_doubled(report)
    assert report.unrouted_originals == [], report.summary()
    assert report.dead_letters == 1, report.summary()
    assert report.duplicate_records >= 5, report.summary()
    dead = await service.read(service.topics.dead_letter)
    assert [d.headers[H_REASON] for d in dead] != [b""]

    # Each worker holds its own stage's partitions only: the parse worker has neither the
    # items topic nor the dedup changelog, the route worker not the raw topic.
    p, r = await stats(parser), await stats(router)
    assert p["roles"] == ["parse"] and r["roles"] == ["route"]
    parsed_topics, routed_topics = (
        {t for t in s["consumer"]["assignment"] if "__assignor" not in t} for s in (p, r)
    )
    assert parsed_topics == {service.topics.raw}
    assert service.topics.items in routed_topics and service.topics.raw not in routed_topics
    assert any(t.endswith("dedup-changelog") for t in routed_topics), routed_topics
    assert p["raw_in"] == len(batch) + 1 and p["items_out"] == 0
    assert r["raw_in"] == 0
    assert r["items_out"] + r["by_status"].get("duplicate", 0) >= len(batch)
    assert parser.alive() and router.alive()
