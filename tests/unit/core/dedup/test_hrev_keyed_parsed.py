"""Review hrev (session 20): with ``WIRE_HANDOFF_KEY`` set, a ``wire.items`` record whose splice
header does not verify (not a worker's, or altered since) takes the parsed path, which checks
only the routing fields: a record that is valid JSON but not a wire item reached a regional
topic as it was. Keyed, the parsed path should check the whole document (it is rare there)."""

from __future__ import annotations

import orjson
import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, handoff
from streams.errors import SchemaViolation
from streams.settings import Settings
from tests.unit.core.dedup.test_handoff import STREAM, T


def test_keyed_a_record_that_is_not_a_workers_never_reaches_a_topic_malformed() -> None:
    p = build_pipeline(Settings(handoff_key="s3cret"), MemoryStore())
    [record] = p.stage1_records(STREAM[0])
    headers = dict(record.headers)
    doc = orjson.loads(record.value)
    del doc["version"]  # one key renamed or dropped in transit, or a writer that is not stage 1
    doc["extra"] = 1
    r = p.routable(orjson.dumps(doc), headers)
    assert r.head is None  # the digest caught it: not spliced
    with pytest.raises(SchemaViolation):
        p.decide_routable(r, T)


def test_keyed_a_workers_record_without_its_splice_header_still_routes() -> None:
    p = build_pipeline(Settings(handoff_key="s3cret"), MemoryStore())
    [record] = p.stage1_records(STREAM[0])
    r = p.routable(record.value, {handoff.HEADER: dict(record.headers)[handoff.HEADER]})
    assert r.head is None and r.doc is not None
    decision, out = p.decide_routable(r, T)
    assert decision.status == "routed" and out


@pytest.mark.xfail(strict=True, reason="hrev finding (low): the digest does not cover wire-dedup")
def test_keyed_a_workers_record_with_another_records_dedup_header_is_not_trusted() -> None:
    """The splice digest binds ``wire-splice`` to the value, not ``wire-dedup``: a genuine
    record (value and splice header copied) with another story's dedup header is spliced and
    decided from that story's features, here as its duplicate (off the regional topics)."""
    p = build_pipeline(Settings(handoff_key="s3cret"), MemoryStore())
    [a] = p.stage1_records(STREAM[0])
    other = next(raw for raw in STREAM if orjson.loads(raw.value)["uri"] != "a")
    [b] = p.stage1_records(other)
    rb = p.routable(b.value, dict(b.headers))
    decision, _ = p.decide_routable(rb, T)
    p.remember_routable(rb, decision, T)
    forged = {**dict(a.headers), handoff.HEADER: dict(b.headers)[handoff.HEADER]}
    r = p.routable(a.value, forged)
    decision, out = p.decide_routable(r, T + 1)
    assert r.head is None or decision.status != "duplicate", (decision, out[0].topic)
