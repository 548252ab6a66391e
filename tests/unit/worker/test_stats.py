"""The dashboard's in-process counters: windows, percentiles, caps, and the Prometheus sink."""

from __future__ import annotations

from streams.core.model import Body, Ext, Headline, Lineage, RawMessage, WireItem
from streams.errors import ParseError
from streams.worker.metrics import Metrics
from streams.worker.stats import (
    DEAD_RAW_CAP,
    ITEM_BODY_CAP,
    LATEST_DEAD,
    LATEST_PER_REGION,
    Buckets,
    Stats,
    percentiles,
)


class Clock:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def item(
    uri: str,
    regions: list[str],
    status: str = "routed",
    received: str | None = "2027-01-15T08:00:00.000Z",
    body: str = "Body text.",
) -> WireItem:
    lineage = Lineage("t.raw", 0, 1, 0, "ab" * 32, received=received, source="wna")
    return WireItem(
        uri=uri,
        headlines=[Headline(f"Headline {uri}")],
        bodies=[Body(body)],
        ext=Ext(status=status, regions=regions, lineage=lineage),  # type: ignore[arg-type]
    )


def test_totals_by_status_and_region_count_duplicates_apart() -> None:
    stats = Stats(regions=("europe", "africa", "unlocated"))
    stats.on_raw()
    stats.on_item(item("u1", ["europe", "africa"]))
    stats.on_item(item("u2", []))
    stats.on_item(item("u1", ["europe", "africa"], status="duplicate"))
    snap = stats.snapshot()
    assert snap["raw_in"] == 1
    assert snap["items_out"] == 2
    assert snap["by_status"] == {"routed": 2, "update": 0, "duplicate": 1, "dead-letter": 0}
    assert snap["by_region"] == {"europe": 1, "africa": 1, "unlocated": 1}
    assert [e["uri"] for e in snap["latest"]["duplicates"]] == ["u1"]
    assert [e["uri"] for e in snap["latest"]["unlocated"]] == ["u2"]


def test_unknown_region_is_listed_after_the_configured_ones() -> None:
    stats = Stats(regions=("europe",))
    stats.on_item(item("u1", ["antarctica"]))
    assert list(stats.snapshot()["by_region"]) == ["europe", "antarctica"]


def test_rates_and_recent_window_follow_the_clock() -> None:
    clock = Clock()
    stats = Stats(clock=clock, regions=("europe",))
    for _ in range(20):
        stats.on_raw()
        stats.on_item(item("u", ["europe"]))
    clock.t += 1
    snap = stats.snapshot()
    assert snap["rates"]["in_per_s"] == 2.0  # 20 in a 10 s window
    assert snap["rates"]["out_per_s_by_region"] == {"europe": 2.0}
    assert snap["recent"]["by_status"]["routed"] == 20
    clock.t += 400  # beyond both windows
    snap = stats.snapshot()
    assert snap["rates"]["in_per_s"] == 0
    assert snap["recent"]["raw_in"] == 0
    assert snap["raw_in"] == 20  # totals since start stay


def test_series_puts_counts_in_the_right_slot() -> None:
    clock = Clock(1000.0)
    buckets = Buckets(clock)
    buckets.add(["in", "in"])
    clock.t = 1006.0
    buckets.add(["in"])
    clock.t = 1010.0
    series = buckets.series(("in", "out"), points=4, step=5)
    assert series["in"] == [0, 0, 0.4, 0.2]
    assert series["out"] == [0, 0, 0, 0]


def test_history_is_bounded() -> None:
    clock = Clock()
    buckets = Buckets(clock)
    for _ in range(2000):
        buckets.add(["in"])
        clock.t += 1
    assert len(buckets._ring) == 600


def test_percentiles_nearest_rank() -> None:
    assert percentiles([]) == {"p50": None, "p95": None, "p99": None}
    values = [float(v) for v in range(1, 101)]
    assert percentiles(values) == {"p50": 51.0, "p95": 95.0, "p99": 99.0}


def test_latency_is_from_the_raw_timestamp_to_routing() -> None:
    clock = Clock(1_800_000_000.0)
    stats = Stats(clock=clock)
    stats.on_item(item("u", ["europe"], received="2027-01-15T08:00:00.000Z"))
    received = 1_800_000_000.0 - 0.250
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(received, UTC).isoformat(timespec="milliseconds")
    stats = Stats(clock=clock)
    stats.on_item(item("u", ["europe"], received=stamp.replace("+00:00", "Z")))
    stats.on_item(item("v", ["europe"], received=None))  # no timestamp: not sampled
    lat = stats.snapshot()["latency_ms"]
    assert lat["count"] == 1
    assert abs(lat["p50"] - 250.0) < 1.0


def test_latest_items_are_capped_per_region_and_big_bodies_not_kept() -> None:
    stats = Stats()
    for i in range(LATEST_PER_REGION + 5):
        stats.on_item(item(f"u{i}", ["europe"]))
    big = item("big", ["africa"], body="x" * (ITEM_BODY_CAP + 1))
    stats.on_item(big)
    latest = stats.snapshot()["latest"]
    assert len(latest["europe"]) == LATEST_PER_REGION
    assert latest["europe"][0]["uri"] == f"u{LATEST_PER_REGION + 4}"  # newest first
    entry = stats.item(latest["africa"][0]["id"])
    assert entry is not None and entry.item is None
    assert latest["africa"][0]["json_kept"] is False
    newest = stats.item(latest["europe"][0]["id"])
    assert newest is not None and newest.item is not None
    assert stats.item(10_000) is None


def test_dead_letters_keep_capped_raw_bytes_and_count_reasons() -> None:
    stats = Stats()
    payload = b"\x00" * (DEAD_RAW_CAP + 10)
    for i in range(LATEST_DEAD + 3):
        raw = RawMessage(payload, {"wire-source": b"noise"}, "t.raw", 1, i)
        stats.on_dead(ParseError("no parser for this payload"), raw)
    snap = stats.snapshot()
    assert snap["by_status"]["dead-letter"] == LATEST_DEAD + 3
    assert snap["dead_by_reason"] == {"parse-error": LATEST_DEAD + 3}
    assert len(snap["latest_dead"]) == LATEST_DEAD
    newest = snap["latest_dead"][0]
    assert newest["offset"] == LATEST_DEAD + 2
    assert newest["size"] == DEAD_RAW_CAP + 10
    assert newest["kept_bytes"] == DEAD_RAW_CAP
    assert newest["truncated"] is True
    assert newest["source"] == "noise"
    entry = stats.dead(newest["id"])
    assert entry is not None and entry.raw == payload[:DEAD_RAW_CAP]


def test_stage_timings_split_geo_out_of_parse() -> None:
    stats = Stats()
    started = stats.on_raw()
    stats.on_stage_time("geo", 0.001)
    stats.on_prepared(started)
    stats.on_decided(stats.clock_s())
    counts = {k: v["count"] for k, v in stats.snapshot()["stages_ms"].items()}
    assert counts == {"parse": 1, "geo": 1, "dedup": 1}


def test_events_reach_the_prometheus_sink() -> None:
    metrics = Metrics()
    stats = Stats(sink=metrics)
    stats.on_raw()
    stats.on_item(item("u1", ["europe", "africa"], received="2020-01-01T00:00:00.000Z"))
    stats.on_item(item("u1", ["europe"], status="duplicate"))
    stats.on_dead(ParseError("bad"), RawMessage(b"x"))
    stats.on_decided(stats.clock_s())
    text = metrics.exposition().decode()
    assert "wire_raw_messages_total 1.0" in text
    assert 'wire_items_total{status="routed"} 1.0' in text
    assert 'wire_items_total{status="duplicate"} 1.0' in text
    assert 'wire_region_items_total{region="africa"} 1.0' in text
    assert 'wire_region_items_total{region="europe"} 1.0' in text
    assert 'wire_dead_letters_total{reason="parse-error"} 1.0' in text
    assert 'wire_stage_seconds_count{stage="dedup"} 1.0' in text
    assert "wire_end_to_end_latency_seconds_count 2.0" in text  # duplicates are timed too


def test_snapshot_is_json_ready() -> None:
    from streams import jsonio

    stats = Stats(regions=("europe",))
    stats.on_item(item("u1", ["europe"]))
    stats.on_dead(ParseError("bad"), RawMessage(b"x"))
    assert jsonio.loads(jsonio.dumps(stats.snapshot()))["items_out"] == 1


def test_the_dashboard_list_says_when_an_item_reports_dropped_text() -> None:
    stats = Stats()
    whole, cut = item("whole", ["europe"]), item("cut", ["europe"])
    cut.ext.dropped = ["Sign-off line the parser placed nowhere", "a stray trailer"]
    stats.on_item(whole)
    stats.on_item(cut)
    listed = {e["uri"]: e["dropped"] for e in stats.snapshot()["latest"]["europe"]}
    assert listed == {"whole": 0, "cut": 2}
