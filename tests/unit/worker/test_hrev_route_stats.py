"""Review hrev (session 20): a ``wire.items`` record that stage 2 routes must not crash the
route stage afterwards, in the dashboard's statistics (``routed_view``, ``Stats.on_item``),
which run after the batch's outputs and dedup state are in Kafka, outside the per-record
error handling. Raised there, the batch is redone (at-least-once: its records sent twice, the
second time as duplicates of themselves) or its transactions given up, and the record ends as
a crash letter after ``CRASH_ATTEMPTS``."""

from __future__ import annotations

import struct

import pytest

from streams import jsonio
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, handoff
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.stats import Stats
from tests.unit.core.dedup.test_handoff import STREAM
from tests.unit.worker.test_route_clock import Event, Message, Sent, T


def genuine_dedup_header() -> bytes:
    [record] = build_pipeline(Settings(), MemoryStore()).stage1_records(STREAM[0])
    return dict(record.headers)[handoff.HEADER]


def forged_splice(value: bytes, offset: int, dedup: bytes) -> bytes:
    """An unkeyed splice header for ``value`` (anyone who knows the layout can write one)."""
    nuri = value.index(b",", handoff.URI_AT) - handoff.URI_AT
    head = struct.pack("<3sIqBIB", handoff._SPLICE_MAGIC, offset, 1, 0, nuri, 0)
    head += bytes(handoff.VIEW_SIZE)
    return head + handoff._digest(head, dedup, value, b"")


def spliced_not_json() -> tuple[bytes, dict[str, bytes]]:
    tail = handoff.stage1_tail(["europe"])
    value = b'{"uri":"urn:x:forged",' + b"not json at all" + tail
    dedup = genuine_dedup_header()
    headers = {
        handoff.HEADER: dedup,
        handoff.SPLICE_HEADER: forged_splice(value, len(value) - len(tail), dedup),
    }
    return value, headers


def parsed(doc: dict[str, object]) -> tuple[bytes, dict[str, bytes]]:
    return jsonio.dumps(doc), {handoff.HEADER: genuine_dedup_header()}


CASES = {
    # new with a20760c: the splice path (unkeyed, the default) routes it, then the view's
    # fallback parses the routed bytes: JSONDecodeError out of route_batch
    "spliced-not-json": spliced_not_json,
    # the parsed path (any key): a JSON object the routing checks pass, that RoutedView or
    # Stats.on_item cannot read
    "headline-not-object": lambda: parsed(
        {"uri": "urn:x:h", "headlines": [1], "wirestream": {"regions": ["europe"]}}
    ),
    "received-not-string": lambda: parsed(
        {
            "uri": "urn:x:r",
            "wirestream": {"regions": ["europe"], "lineage": {"received": 5, "source": "s"}},
        }
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
async def test_a_routed_record_never_crashes_the_route_stage_in_its_statistics(case: str) -> None:
    value, headers = CASES[case]()
    sent = Sent()
    stats = Stats()
    stages = Stages(
        build_pipeline(Settings(), MemoryStore()), Deliverer(sent, on_fatal=print), stats
    )
    await stages.route_batch([Event(value, Message("wire.items", 0, 0, T / 1000), headers)])
    assert len(sent.records) == 1
