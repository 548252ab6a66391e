"""The e2e harness's arithmetic: throughput from output times, percentiles, verdicts."""

from __future__ import annotations

import pytest

from bench.__main__ import SIZES, pure_timed, verdicts
from bench.e2e import Event, messages_holding, percentile, throughput, window_p99s
from bench.pipeline_bench import run_pure
from bench.traffic import generate


def test_throughput_counts_each_raw_message_once_at_its_last_output() -> None:
    # 100 messages, one every 10 ms, each with two outputs 5 ms apart
    events = [Event(1000 + 10 * i + d, i, (i, d), 5) for i in range(100) for d in (0, 5)]
    assert throughput(events, skip=0.0) == pytest.approx(100.0, rel=0.02)


def test_throughput_skips_the_start_up_share() -> None:
    slow_start = [Event(1000 + 500 * i, i, i, None) for i in range(10)]
    steady = [Event(6000 + 10 * i, 10 + i, 10 + i, None) for i in range(90)]
    assert throughput(slow_start + steady, skip=0.1) == pytest.approx(100.0, rel=0.05)


def test_throughput_needs_enough_messages() -> None:
    assert throughput([Event(1, 0, 0, None)]) is None


def test_percentile() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.99) == 100
    assert percentile([], 0.5) is None


def test_window_p99s_splits_the_phase_by_stories_in_raw_order() -> None:
    records = generate(60, seed=3)
    first = 1000
    # Every output 10 ms late, except one slow item in the message that starts the second
    # window: only that window's p99 sees it.
    before = [sum(r.items for r in records[:n]) for n in range(len(records))]
    second = next(n for n, total in enumerate(before) if total >= 20)
    events = [
        Event(0, first + n, (first + n, i), 900 if n == second and i == 0 else 10)
        for n, record in enumerate(records)
        for i in range(record.items)
    ]
    events.append(Event(0, 7, (7, 0), 5000))  # not of this phase: ignored
    p99s = window_p99s(events, records, first, stories=20)
    assert p99s[:2] == [10, 900]
    assert len(p99s) == 3
    assert all(p == 10 for p in p99s[2:])


def test_messages_holding_is_the_shortest_prefix_with_that_many_stories() -> None:
    records = generate(50, seed=4)
    n = messages_holding(records, 20)
    assert sum(r.items for r in records[:n]) >= 20 > sum(r.items for r in records[: n - 1])
    assert messages_holding(records, 10_000) == len(records)


def test_run_pure_times_only_the_first_records_and_yields_for_all() -> None:
    records = generate(12, seed=5)
    timed = messages_holding(records, 6)
    whole, part = run_pure(records), run_pure(records, timed=timed)
    assert part.units == whole.units and part.outputs == whole.outputs
    assert part.messages == timed and part.untimed_messages == len(records) - timed
    assert part.items == sum(whole.units[:timed]) - part.dead_letters
    assert part.cpu_s > 0 and part.items < whole.items
    sizes = [b for r in records[:timed] for b in r.article_bytes]
    assert part.mean_article_bytes == round(sum(sizes) / len(sizes), 1)  # of the timed part


def test_the_pure_figure_keeps_each_modes_records_from_before_session_31() -> None:
    # Only the default's fixed-rate phase grew (2,000 -> 6,000 stories): its pure figure is
    # timed on the saturation batch and the first 2,000 rate stories; quick's (1,000) and
    # full's (10,000) phases did not, so theirs is timed on all of them, as before (a
    # first-2,000 cut there would move full's pure figure onto 8,000 fewer stories).
    rate = generate(SIZES["default"].rate_stories, seed=6)
    timed = pure_timed("default", 7, rate)
    assert timed == 7 + messages_holding(rate, 2000) and timed < 7 + len(rate)
    full = generate(SIZES["full"].rate_stories, seed=6)
    assert pure_timed("full", 7, full) is None
    quick = generate(SIZES["quick"].rate_stories, seed=6)
    assert pure_timed("quick", 7, quick) is None


def test_verdicts_compare_within_the_same_run() -> None:
    report = {
        "pure": {"items_per_cpu_s": 6000.0},
        "e2e": [
            {"system": "aiokafka-loop", "saturation": {"msgs_per_s": 4000.0}},
            {"system": "faust-forward", "saturation": {"msgs_per_s": 2000.0}},
            {
                "system": "wirestream",
                "saturation": {"msgs_per_s": 900.0},
                "rate": {"latency_p99_ms": 120.0},
            },
        ],
    }
    out = verdicts(report)
    assert out["pure_items_per_cpu_s"]["pass"] is True
    assert out["e2e_vs_faust"] == {"value": 0.45, "pass": False}
    assert out["faust_vs_aiokafka"] == {"value": 0.5}
    assert out["p99_ms_at_rate"]["pass"] is False
    assert "p99_ms_at_rate_split" not in out


def test_the_split_worker_gets_its_own_p99_verdict() -> None:
    report = {
        "pure": {"items_per_cpu_s": 1000.0},
        "e2e": [
            {"system": "wirestream", "rate": {"latency_p99_ms": 150.0}},
            {"system": "wirestream-split", "rate": {"latency_p99_ms": 90.0}},
        ],
    }
    out = verdicts(report)
    assert out["p99_ms_at_rate"] == {"value": 150.0, "pass": False}
    assert out["p99_ms_at_rate_split"] == {"value": 90.0, "pass": True}


def test_shell_overhead_ratio_is_steady_e2e_cpu_over_pure_cpu_per_item() -> None:
    # pure: 2,000 items per CPU-second = 0.5 ms an item; the worker spends 1.5 ms an item
    report = {
        "pure": {"items_per_cpu_s": 2000.0},
        "e2e": [{"system": "wirestream", "saturation": {"steady_cpu_ms_per_item": 1.5}}],
    }
    assert verdicts(report)["shell_overhead_ratio"] == {"value": 3.0, "pass": False}
    report["e2e"][0]["saturation"]["steady_cpu_ms_per_item"] = 0.75  # type: ignore[index]
    assert verdicts(report)["shell_overhead_ratio"] == {"value": 1.5, "pass": True}


@pytest.mark.parametrize(
    ("stories", "per_story", "verdict"),
    [
        (20_000, 800.0, True),  # an upper bound already under the target
        (20_000, 1500.0, None),  # an upper bound over it: says nothing about 1M
        (1_000_000, 1500.0, False),  # measured at 1M
    ],
)
def test_rocksdb_memory_fails_only_when_measured_at_a_million(
    stories: int, per_story: float, verdict: bool | None
) -> None:
    report = {
        "pure": {"items_per_cpu_s": 1.0},
        "dedup_memory_rocksdb": {"stories": stories, "bytes_per_story": per_story},
    }
    assert verdicts(report)["dedup_rocksdb_bytes_per_story"]["pass"] is verdict
