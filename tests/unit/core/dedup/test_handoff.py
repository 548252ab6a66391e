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


def _features(mins: Any, facts: Any, agreement: tuple[int, ...]) -> Any:
    from streams.core.dedup.deduper import Features
    from streams.core.dedup.sketch import Sketch

    return Features("u", 1, "usable", False, (), "fp é", Sketch(mins, 9, facts, ""), agreement, 5)


def test_the_features_header_is_the_little_endian_layout_whatever_the_arrays_dtype() -> None:
    """``encode`` skips the conversion of arrays already ``<u4`` and writes the agreement keys
    without numpy: the bytes are those of the layout, arrays of another dtype converted."""
    import struct

    import numpy as np

    values = [0, 1, 2**31, 2**32 - 1, 77]
    facts = [5, 2**32 - 2]
    agree = (3, 2**32 - 1, 0)
    want = b"".join(
        (
            struct.pack("<3sBHBqIBHHH", b"WD\x01", 4, 128, 1, 5, 9, 5, 5, 2, 3),
            "fp é".encode(),
            np.asarray(values, "<u4").tobytes(),
            np.asarray(facts, "<u4").tobytes(),
            np.asarray(agree, "<u4").tobytes(),
        )
    )
    for dtype in (np.uint32, "<u4", ">u4", np.int64, np.uint64):
        f = _features(np.asarray(values, dtype), np.asarray(facts, dtype), agree)
        assert handoff.encode(f, 4, 128) == want
    empty = handoff.encode(_features(np.zeros(0, np.uint32), np.zeros(0, np.uint32), ()), 4, 128)
    assert empty.endswith("fp é".encode())


def test_the_features_header_reads_back_as_separate_uint32_arrays() -> None:
    import numpy as np

    mins = np.asarray([9, 8, 2**32 - 1], np.uint32)
    facts = np.asarray([4, 6], np.uint32)
    data = handoff.encode(_features(mins, facts, (11, 12)), 4, 128)
    args: dict[str, Any] = {"uri": "u", "version": 1, "pubstatus": "usable", "revises": False}
    f = handoff.decode(data, **args, regions=["europe"], shingle=4, size=128)
    assert f is not None and f.fingerprint == "fp é" and f.clock_ms == 5
    assert f.sketch.mins.dtype == np.uint32 and f.sketch.facts.dtype == np.uint32
    assert f.sketch.mins.tolist() == mins.tolist() and f.sketch.facts.tolist() == facts.tolist()
    assert f.agreement == (11, 12) and f.regions == ("europe",) and f.sketch.count == 9
    assert f.sketch.mins.flags.c_contiguous and f.sketch.facts.flags.c_contiguous
    f.sketch.mins[0] = 1  # writable, and apart from the facts
    assert f.sketch.facts.tolist() == [4, 6]
    assert handoff.decode(data + b"\0", **args, regions=[], shingle=4, size=128) is None


def test_every_shape_of_features_header_reads_back_as_written() -> None:
    """Sketches, facts and agreement keys of any length (none included) and any uint32 value
    read back equal, as separate writable uint32 arrays and a tuple of ints: the decoder reads
    the two arrays from one copy of their bytes and the keys through ``array``."""
    import numpy as np

    rng = np.random.default_rng(30)
    args: dict[str, Any] = {"uri": "u", "version": 1, "pubstatus": "usable", "revises": False}
    for nmins, nfacts, nagree in [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)] + [
        (int(a), int(b), int(c))
        for a, b, c in zip(
            rng.integers(0, 200, 60), rng.integers(0, 70, 60), rng.integers(0, 6, 60), strict=True
        )
    ]:
        mins = rng.integers(0, 1 << 32, nmins, dtype=np.uint64).astype(np.uint32)
        facts = rng.integers(0, 1 << 32, nfacts, dtype=np.uint64).astype(np.uint32)
        agree = tuple(int(v) for v in rng.integers(0, 1 << 32, nagree, dtype=np.uint64))
        data = handoff.encode(_features(mins, facts, agree), 4, 128)
        f = handoff.decode(data, **args, regions=(), shingle=4, size=128)
        assert f is not None
        assert f.sketch.mins.dtype == np.uint32 and f.sketch.facts.dtype == np.uint32
        assert f.sketch.mins.tolist() == mins.tolist()
        assert f.sketch.facts.tolist() == facts.tolist()
        assert f.agreement == agree and all(type(k) is int for k in f.agreement)
        assert f.sketch.mins.flags.writeable and f.sketch.facts.flags.writeable
        if nmins and nfacts:
            f.sketch.mins[-1] ^= 1  # apart from the facts
            assert f.sketch.facts.tolist() == facts.tolist()
