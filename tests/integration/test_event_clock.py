"""Issue 15, point 4 on the real broker: one item dated 9999-12-31 does not wipe the window."""

from __future__ import annotations

from streams import jsonio
from streams.kafka.clients import RawPayload

from .conftest import Service
from .corpus import story

FUTURE = jsonio.dumps(
    {
        "uri": "urn:x:from-the-future",
        "versioncreated": "9999-12-31T23:59:59Z",
        "headline": "Quake shakes southern Ecuador",
        "body_text": "QUITO - A strong earthquake shook southern Ecuador on Friday, cracking "
        "walls in two towns and cutting power to thousands of homes, officials said.",
    }
)


async def test_a_future_dated_item_does_not_wipe_the_dedup_window(service: Service) -> None:
    service.worker()
    regions = list(service.topics.region_topics)
    await service.publish(RawPayload(story(30_001), "wna", "first.txt"))
    await service.wait_for(regions, 1)
    await service.publish(RawPayload(FUTURE, "hostile", "future.json"))
    routed = await service.wait_for(regions, 2)
    future = next(r.json() for r in routed if r.json()["uri"].endswith("from-the-future"))
    assert future["versioncreated"] == "9999-12-31T23:59:59Z"  # kept as sent, only not believed
    await service.publish(RawPayload(story(30_001), "wna", "first-again.txt"))
    [dup] = await service.wait_for([service.topics.duplicates], 1)
    assert dup.json()["wirestream"]["lineage"]["filename"] == "first-again.txt"  # type: ignore[index]
