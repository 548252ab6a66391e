"""Review hrev (session 20): with ``WIRE_HANDOFF_KEY`` set, a ``wire.items`` record whose splice
header does not verify (not a worker's, or altered since) takes the parsed path, which checks
only the routing fields: a record that is valid JSON but not a wire item reached a regional
topic as it was. Keyed, such a record now takes the full path: its features recomputed, the
item rebuilt and validated (a record that is no wire item is a dead letter)."""

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
    assert r.item is not None  # nor its dedup header trusted: the full path
    _, out = p.decide_routable(r, T)
    assert p.validator is not None
    for o in out:
        p.validator(orjson.loads(o.value))  # what reaches a topic is a valid wire item
        assert "extra" not in orjson.loads(o.value)
    doc["headlines"] = 7  # not a wire item at all: a dead letter
    with pytest.raises((SchemaViolation, TypeError, ValueError, KeyError)):
        p.decide_routable(p.routable(orjson.dumps(doc), headers), T)


def test_keyed_a_workers_record_without_its_splice_header_still_routes() -> None:
    p = build_pipeline(Settings(handoff_key="s3cret"), MemoryStore())
    [record] = p.stage1_records(STREAM[0])
    r = p.routable(record.value, {handoff.HEADER: dict(record.headers)[handoff.HEADER]})
    assert r.head is None and r.doc is not None
    decision, out = p.decide_routable(r, T)
    assert decision.status == "routed" and out


def test_keyed_a_workers_record_with_another_records_dedup_header_is_not_trusted() -> None:
    """The splice digest binds ``wire-splice`` to the value and to ``wire-dedup``: a genuine
    record (value and splice header copied) with another story's dedup header was spliced and
    decided from that story's features, as its duplicate (off the regional topics; found by
    review). Now it takes the parsed path, which, keyed, validates the whole document."""
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
