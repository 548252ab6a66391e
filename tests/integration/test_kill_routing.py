"""Issue 14 on the real broker: a Reuters original, its correction and its kill reach each desk.

The kill (``stat:canceled`` at a higher 10-digit version) names no place of its own; it must
still reach every desk the original went to, as ``pubstatus: canceled`` and an update of the
original, never as a duplicate.
"""

from __future__ import annotations

from pathlib import Path

from streams.kafka.clients import RawPayload

from .conftest import Service

FIXTURES = Path(__file__).parents[1] / "unit" / "core" / "parse" / "fixtures"


def payload(name: str) -> RawPayload:
    return RawPayload((FIXTURES / name).read_bytes(), "reuters", name)


async def test_original_correction_and_kill_reach_each_desk(service: Service) -> None:
    service.worker()
    regions = list(service.topics.region_topics)
    await service.publish(payload("reuters_g2_v1.xml"))
    first = await service.wait_for(regions, 1)
    await service.publish(payload("reuters_g2_corrected.xml"))
    before = await service.wait_for(regions, len(first) + 1)
    desks = {r.topic for r in before}  # every desk the story reached so far
    await service.publish(payload("reuters_g2_cancel.xml"))
    got = await service.wait_for(regions, len(before) + len(desks))

    uri = first[0].json()["uri"]
    assert desks and service.topics.region("unlocated") not in desks
    by_topic: dict[str, list[dict[str, object]]] = {}
    for record in got:
        by_topic.setdefault(record.topic, []).append(record.json())
    assert set(by_topic) == desks  # the kill went nowhere else (not to unlocated)
    assert len(got) == len(before) + len(desks)
    for topic in desks:
        items = by_topic[topic]
        statuses = [(i["pubstatus"], i["wirestream"]["status"]) for i in items]  # type: ignore[index]
        assert statuses[-1] == ("canceled", "update"), topic
        kill = items[-1]
        assert kill["uri"] == uri
        assert kill["wirestream"]["update_of"] == uri  # type: ignore[index]
        assert kill["version"] == 1187036001
    corrected = [i for items in by_topic.values() for i in items if i["version"] == 1187035550]
    assert corrected and all(
        i["headlines"][0]["value"].startswith("CORRECTED-")  # type: ignore[index]
        for i in corrected
    )
    assert await service.read(service.topics.duplicates) == []
