"""Event time is bounded: an item's own clock moves only its own item, and only by the skew."""

from __future__ import annotations

from streams.core.dedup import Deduper, MemoryStore
from streams.core.geo import GeoResult
from streams.core.model import Body, Headline, RawMessage, WireItem
from streams.core.pipeline import (
    MAX_TIMESTAMP_MS,
    Pipeline,
    event_time_ms,
    record_time_ms,
    reference_ms,
)
from streams.core.topics import Topics

HOUR = 3_600_000
T = 1_795_000_000_000  # 2026-11-18
SKEW = 24 * HOUR


def item(stamp: str | None) -> WireItem:
    return WireItem("urn:wirestream:x:1", [Headline("Head")], [Body("Body")], versioncreated=stamp)


def test_a_far_future_item_clock_is_clamped_to_the_reference_plus_the_skew() -> None:
    assert event_time_ms(item("9999-12-31T23:59:59Z"), T, SKEW) == T + SKEW


def test_a_far_past_item_clock_is_clamped_to_the_reference_minus_the_skew() -> None:
    assert event_time_ms(item("0001-01-01T00:00:00Z"), T, SKEW) == T - SKEW


def test_an_item_clock_within_the_skew_is_kept() -> None:
    assert event_time_ms(item("2026-11-18T00:00:00Z"), T, SKEW) == 1_794_960_000_000


def test_a_record_timestamp_past_the_year_9999_or_before_1970_is_ignored() -> None:
    assert record_time_ms(MAX_TIMESTAMP_MS) == MAX_TIMESTAMP_MS
    assert record_time_ms(MAX_TIMESTAMP_MS + 1) is None
    assert record_time_ms(-1) is None
    assert record_time_ms(None) is None


def test_the_reference_is_the_record_time_unless_it_lies_beyond_the_wall_clock() -> None:
    assert reference_ms(T - 50 * HOUR, T, SKEW) == T - 50 * HOUR  # a replay keeps its clock
    assert reference_ms(T + SKEW, T, SKEW) == T + SKEW
    assert reference_ms(T + SKEW + 1, T, SKEW) == T
    assert reference_ms(300_000_000_000_000, T, SKEW) == T
    assert reference_ms(None, T, SKEW) == T


class NoGeo:
    """A tagger with a fixed answer: geo is not under test here.

    Not a ``GeoTagger`` subclass: the tagger may be compiled (streams/compiled.py), and an
    interpreted class cannot inherit from a compiled one; the pipeline only calls ``tag``."""

    def tag(self, item: WireItem) -> GeoResult:
        return GeoResult(regions=[])


def test_a_record_timestamp_past_the_year_9999_is_routed_with_arrival_as_received() -> None:
    p = Pipeline(Topics("wire", ("europe",)), NoGeo(), Deduper(MemoryStore()))
    raw = RawMessage(b"Storm hits the coast\n\nA storm hit the coast.", timestamp_ms=2**62)
    [it] = p.prepare(raw)
    assert it.ext.lineage is not None and it.ext.lineage.received is not None
    assert "2020" <= it.ext.lineage.received[:4] <= "9999"
    decision, records = p.decide(it, reference_ms(2**62, T))
    assert decision.status == "routed" and records


def test_eviction_never_runs_ahead_of_the_record_clock() -> None:
    p = Pipeline(Topics("wire", ("europe",)), NoGeo(), Deduper(MemoryStore()), max_skew_ms=SKEW)
    assert p.eviction_time(item("9999-12-31T23:59:59Z"), T) == T
    assert p.eviction_time(item("2026-11-17T00:00:00Z"), T) == T - SKEW


def test_the_received_time_is_written_as_datetime_writes_it() -> None:
    """``iso_ms`` writes the digits itself below 2**32 seconds (where ``ms / 1000`` reads back
    exactly): the same text as ``datetime`` for every day's first and last millisecond from
    1970 to 2106, random instants, and the slow path past it up to 9999."""
    import random
    from datetime import UTC, datetime

    from streams.core.pipeline import iso_ms

    def ref(ms: int) -> str:
        text = datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="milliseconds")
        return text.replace("+00:00", "Z")

    day = 86_400_000
    edge = 2**32 * 1000
    cases = [d * day for d in range(edge // day + 2)] + [
        d * day - 1 for d in range(1, edge // day + 2)
    ]
    rnd = random.Random(28)
    cases += [rnd.randrange(edge) for _ in range(20_000)]
    cases += [edge - 1, edge, edge + 1, MAX_TIMESTAMP_MS, 951_782_400_000, 4_107_542_400_000]
    cases += [rnd.randrange(edge, MAX_TIMESTAMP_MS) for _ in range(2_000)]
    assert [iso_ms(ms) for ms in cases] == [ref(ms) for ms in cases]
    assert iso_ms(0) == "1970-01-01T00:00:00.000Z"
