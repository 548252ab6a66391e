import hashlib

import pytest

from streams import jsonio
from streams.core.dedup import Deduper, MemoryStore
from streams.core.geo import GeoResult
from streams.core.model import H_RAW_OFFSET, H_REASON, Body, Headline, RawMessage, WireItem
from streams.core.pipeline import Pipeline, event_time_ms
from streams.core.topics import Topics
from streams.errors import ParseError, SchemaViolation


class FixedTagger:
    """A tagger that answers the regions it was given: routing is under test, not geo.

    Not a ``GeoTagger`` subclass: the tagger may be compiled (streams/compiled.py), and an
    interpreted class cannot inherit from a compiled one; the pipeline only calls ``tag``."""

    def __init__(self, regions: list[str]) -> None:
        self.answer = regions

    def tag(self, item: WireItem) -> GeoResult:
        return GeoResult(regions=list(self.answer))


def make(regions: list[str]) -> Pipeline:
    return Pipeline(
        Topics("wire", ("europe", "africa", "americas")),
        FixedTagger(regions),
        Deduper(MemoryStore()),
    )


def item(uri: str = "urn:x:1", text: str = "Body text") -> WireItem:
    return WireItem(uri=uri, headlines=[Headline("Head")], bodies=[Body(text)])


def test_multi_region_item_goes_to_each_region_once() -> None:
    p = make(["europe", "africa", "europe"])
    it = item()
    it.ext.regions = ["europe", "africa", "europe"]
    decision, records = p.decide(it, 0)
    assert decision.status == "routed"
    assert [r.topic for r in records] == ["wire.region.europe", "wire.region.africa"]
    assert all(r.key == b"urn:x:1" for r in records)


def test_no_region_goes_to_unlocated() -> None:
    p = make([])
    _, records = p.decide(item(), 0)
    assert [r.topic for r in records] == ["wire.region.unlocated"]


def test_repeat_goes_to_duplicates_only_after_remember() -> None:
    p = make(["americas"])
    first = item()
    d1, _ = p.decide(first, 0)
    # Not remembered yet (the send was not confirmed): the same item is still new.
    assert p.decide(item(), 0)[0].status == "routed"
    p.remember(first, d1, 0)
    d2, records = p.decide(item(), 1)
    assert d2.status == "duplicate"
    assert [r.topic for r in records] == ["wire.duplicates"]
    assert jsonio.loads(records[0].value)["wirestream"]["duplicate_of"] == "urn:x:1"


def test_prepare_sets_lineage_and_regions() -> None:
    p = make(["africa"])
    raw = RawMessage(b"Floods hit the coast\n", {"wire-source": b"wna"}, "wire.raw", 3, 42, 1000)
    items = p.prepare(raw)
    assert items
    lin = items[0].ext.lineage
    assert lin is not None
    assert (lin.topic, lin.partition, lin.offset, lin.index) == ("wire.raw", 3, 42, 0)
    assert lin.raw_sha256 == hashlib.sha256(raw.value).hexdigest()
    assert lin.received == "1970-01-01T00:00:01.000Z"
    assert items[0].ext.regions == ["africa"]


def test_dead_letter_keeps_bytes_and_says_why() -> None:
    p = make([])
    raw = RawMessage(b"\xff\x00junk", {"wire-source": b"x"}, "wire.raw", 1, 7)
    with pytest.raises(ParseError) as info:
        p.prepare(raw)
    rec = p.dead_letter(raw, info.value)
    assert rec.topic == "wire.dead-letter"
    assert rec.value == raw.value
    headers = dict(rec.headers)
    assert headers[H_REASON] == info.value.reason.encode()
    assert headers[H_RAW_OFFSET] == b"7"
    assert headers["wire-source"] == b"x"


def test_event_time_prefers_the_item_clock_within_the_skew() -> None:
    it = item()
    ref = 1767225600000 + 3_600_000  # an hour after the item's clock
    assert event_time_ms(it, ref) == ref
    it.versioncreated = "2026-01-01T00:00:00Z"
    assert event_time_ms(it, ref) == 1767225600000
    it.versioncreated = "not a date"
    assert event_time_ms(it, ref) == ref


def test_an_item_that_breaks_the_schema_is_refused_before_any_topic() -> None:
    def refuse(doc: dict[str, object]) -> None:
        raise SchemaViolation(f"bad item {doc['uri']}")

    p = Pipeline(
        Topics("wire", ("europe",)), FixedTagger([]), Deduper(MemoryStore()), validator=refuse
    )
    with pytest.raises(SchemaViolation):
        p.item_records([item()])
    with pytest.raises(SchemaViolation):
        p.decide(item(), 0)


def test_the_real_schema_accepts_what_the_pipeline_emits() -> None:
    from streams.core.assemble import build_pipeline
    from streams.settings import Settings

    p = build_pipeline(Settings.from_env({}), MemoryStore())
    raw = RawMessage(
        b"Floods in Kenya\nNAIROBI, May 2 (WNA) - Floods hit Kenya on Monday. (WNA)\n",
        {"wire-source": b"wna"},
        "wire.raw",
        0,
        1,
        1000,
    )
    items = p.prepare(raw)
    assert p.item_records(items)
    _, records = p.decide(items[0], 1000)
    assert records and records[0].topic == "wire.region.africa"


def test_the_stage_timer_hears_geo_once_per_item() -> None:
    heard: list[tuple[str, float]] = []
    p = make(["europe"])
    p.timer = lambda stage, seconds: heard.append((stage, seconds))
    items = p.prepare(RawMessage(b"PARIS, Jan 5 - One story.\n\nA body line.\n", {}))
    assert [stage for stage, _ in heard] == ["geo"] * len(items)
    assert items and all(seconds >= 0 for _, seconds in heard)
