"""The dashboard's view of a routed record: a spliced one is not parsed, and reads the same."""

from __future__ import annotations

import struct

import orjson

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, handoff
from streams.core.pipeline import Pipeline, Routable
from streams.settings import Settings
from streams.worker.agents import RoutedView, SplicedView, routed_view
from streams.worker.stats import Stats
from tests.unit.core.dedup.test_handoff import STREAM, T


def decided(p: Pipeline, splice: bool = True) -> list[Routable]:
    out = []
    for i, record in enumerate(r for raw in STREAM for r in p.stage1_records(raw)):
        headers = dict(record.headers)
        if not splice:
            headers.pop(handoff.SPLICE_HEADER)
        r = p.routable(record.value, headers)
        decision, _ = p.decide_routable(r, T + i)
        p.remember_routable(r, decision, T + i)
        out.append(r)
    return out


def attrs(view: object) -> tuple[object, ...]:
    ext = getattr(view, "ext")  # noqa: B009 - the views are duck-typed WireItems
    lineage = ext.lineage
    return (
        getattr(view, "uri"),  # noqa: B009
        getattr(view, "headline"),  # noqa: B009
        getattr(view, "body_chars"),  # noqa: B009
        ext.status,
        list(ext.regions),
        ext.duplicate_of,
        len(ext.dropped),
        lineage.received,
        lineage.source,
    )


def test_a_spliced_record_reads_as_its_parsed_document() -> None:
    spliced = decided(build_pipeline(Settings(), MemoryStore()))
    for r in spliced:
        view = routed_view(r)
        assert isinstance(view, SplicedView) and r.doc is None  # not parsed
        assert attrs(view) == attrs(RoutedView(orjson.loads(r.routed or b"")))
        assert view.to_json() == orjson.loads(r.routed or b"")
    parsed = decided(build_pipeline(Settings(), MemoryStore()), splice=False)
    # two runs, two wall clocks: ``received`` (index 7) differs between them
    left = [attrs(routed_view(r))[:7] for r in parsed]
    assert left == [attrs(routed_view(r))[:7] for r in spliced]


def test_a_view_that_is_not_stage_ones_falls_back_to_the_document() -> None:
    [r, *_] = decided(build_pipeline(Settings(), MemoryStore()))
    view = r.view or b""
    h0, h1, *rest = struct.unpack("<8I", view)
    assert orjson.loads((r.routed or b"")[h0:h1]) == attrs(routed_view(r))[1]
    number = (r.routed or b"").index(b'"version":') + len(b'"version":')
    for bad in (
        b"",
        view[:-1],
        struct.pack("<8I", h0 + 1, h1, *rest),  # not a JSON string
        struct.pack("<8I", 0, 10**9, *rest),  # past the document
        struct.pack("<8I", number, number + 1, *rest),  # a number, not a string
        struct.pack("<8I", h0, h1, *rest[:-2], 10**6, 0),  # too many dropped notes
    ):
        r.view = bad
        assert isinstance(routed_view(r), RoutedView)
    stats = Stats()
    stats.on_item(routed_view(r))
    assert stats.items_out == 1
