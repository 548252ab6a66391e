"""Stage 2 from stage 1's features: the same records as the full path, valid, and old
records (without the features header) still read."""

from __future__ import annotations

from typing import Any

import orjson

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, handoff
from streams.core.model import RawMessage, WireItem
from streams.core.pipeline import Outbound, Pipeline
from streams.core.schema import validate_item
from streams.settings import Settings
from tests.unit.core.dedup.conftest import FLOOD, FLOOD_MORE, FLOOD_OTHER_OUTLET, MARKETS

T = 1_795_000_000_000


def ninjs(uri: str, paras: list[str], **extra: Any) -> RawMessage:
    doc = {"uri": uri, "headline": "Flash floods kill four in Valletta", **extra}
    doc["body_text"] = "\n\n".join(paras)
    return RawMessage(orjson.dumps(doc), {"wire-source": b"test", "wire-format": b"ninjs"})


#: A story, its repeat, its update, another outlet's copy, a near copy, a kill, a new story.
STREAM = [
    ninjs("a", FLOOD, version=1, versioncreated="2026-11-27T10:00:00Z"),
    ninjs("a", FLOOD, version=1, versioncreated="2026-11-27T10:00:00Z"),
    ninjs("a", FLOOD + FLOOD_MORE, version=2, versioncreated="2026-11-27T12:00:00Z"),
    ninjs("b", FLOOD_OTHER_OUTLET),
    ninjs("c", FLOOD[:5]),
    ninjs("a", [], version=3, pubstatus="canceled"),
    ninjs("m", MARKETS, headline="Riga shares rise"),
]


def stage1(pipeline: Pipeline) -> list[Outbound]:
    return [r for raw in STREAM for r in pipeline.stage1_records(raw)]


def full_path(pipeline: Pipeline, record: Outbound, now: int) -> list[Outbound]:
    item = WireItem.from_json(orjson.loads(record.value))
    decision, out = pipeline.decide(item, now)
    pipeline.remember(item, decision, now)
    return out


def routed(pipeline: Pipeline, record: Outbound, now: int, headers: bool = True) -> list[Outbound]:
    r = pipeline.routable(record.value, dict(record.headers) if headers else {})
    decision, out = pipeline.decide_routable(r, now)
    pipeline.remember_routable(r, decision, now)
    return out


def shape(records: list[Outbound]) -> list[tuple[str, bytes | None, Any]]:
    return [(r.topic, r.key, orjson.loads(r.value)) for r in records]


def test_stage_one_records_carry_the_features() -> None:
    records = stage1(build_pipeline(Settings(), MemoryStore()))
    assert all(dict(r.headers).get(handoff.HEADER) for r in records)


def test_the_cheap_path_gives_the_full_paths_records_and_they_validate() -> None:
    full, cheap = (build_pipeline(Settings(), MemoryStore()) for _ in range(2))
    records = stage1(full)
    statuses = []
    for i, record in enumerate(records):
        want = full_path(full, record, T + i)
        r = cheap.routable(record.value, dict(record.headers))
        assert r.item is None  # no WireItem rebuilt
        decision, got = cheap.decide_routable(r, T + i)
        cheap.remember_routable(r, decision, T + i)
        statuses.append(decision.status)
        assert shape(got) == shape(want)
        for out in got:
            validate_item(orjson.loads(out.value))
    # every kind of decision was compared, a kill's extra regions included
    assert {"routed", "duplicate", "update"} <= set(statuses)


def test_a_record_without_the_header_takes_the_full_path() -> None:
    old, new = (build_pipeline(Settings(), MemoryStore()) for _ in range(2))
    for i, record in enumerate(stage1(old)):
        assert new.routable(record.value, {}).item is not None
        want = full_path(old, record, T + i)
        assert shape(routed(new, record, T + i, headers=False)) == shape(want)


def test_features_of_another_sketch_shape_are_not_trusted() -> None:
    pipeline = build_pipeline(Settings(), MemoryStore())
    [record] = pipeline.stage1_records(STREAM[0])
    data = dict(record.headers)[handoff.HEADER]
    doc = orjson.loads(record.value)
    args: dict[str, Any] = {
        "uri": doc["uri"],
        "version": 1,
        "pubstatus": "usable",
        "revises": False,
        "regions": [],
    }
    assert handoff.decode(data, **args, shingle=4, size=128) is not None
    assert handoff.decode(data, **args, shingle=5, size=128) is None
    assert handoff.decode(data[:-3], **args, shingle=4, size=128) is None
    assert handoff.decode(b"junk", **args, shingle=4, size=128) is None
