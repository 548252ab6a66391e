"""What the dashboard counters and Prometheus metrics cost per item on the agents' hot path.

Replays the calls the agents make for one raw message with one item (``on_raw``,
``on_stage_time``, ``on_prepared``, ``clock_s``/``on_decided``, ``on_item``) and a
``snapshot()`` as the page polls it, with and without the Prometheus sink.
Runs as ``python bench/stats_bench.py``; writes ``bench/results/stats.json``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import machine_info, write_json
from streams.core.model import Body, Ext, Headline, Lineage, WireItem
from streams.worker.metrics import Metrics
from streams.worker.stats import Stats

REGIONS = ("europe", "middle-east", "africa", "asia-pacific", "americas", "unlocated")
N = 50_000


def items() -> list[WireItem]:
    out = []
    for i in range(1000):
        lineage = Lineage("w.raw", 0, i, 0, "ab" * 32, received="2027-01-15T08:00:00.000Z")
        out.append(
            WireItem(
                uri=f"urn:bench:{i}",
                headlines=[Headline(f"Headline number {i}")],
                bodies=[Body("x" * 3000)],
                ext=Ext(regions=[REGIONS[i % 5], REGIONS[(i + 1) % 5]], lineage=lineage),
            )
        )
    return out


def per_item_us(stats: Stats, batch: list[WireItem]) -> float:
    t0 = time.perf_counter()
    for i in range(N):
        item = batch[i % len(batch)]
        started = stats.on_raw()
        stats.on_stage_time("geo", time.perf_counter() - started)
        stats.on_prepared(started)
        mark = stats.clock_s()
        stats.on_decided(mark)
        stats.on_item(item)
    return (time.perf_counter() - t0) / N * 1e6


def snapshot_ms(stats: Stats) -> float:
    t0 = time.perf_counter()
    for _ in range(50):
        stats.snapshot()
    return (time.perf_counter() - t0) / 50 * 1e3


def main() -> None:
    batch = items()
    rows = []
    for name, sink in (("stats only", None), ("stats + prometheus", Metrics())):
        stats = Stats(sink=sink, regions=REGIONS)
        us = per_item_us(stats, batch)
        rows.append({"case": name, "us_per_item": round(us, 2), "snapshot_ms": snapshot_ms(stats)})
    print(f"{'case':<22}{'µs/item':>10}{'share of 200 µs':>18}{'snapshot ms':>14}")
    for r in rows:
        share = r["us_per_item"] / 200 * 100
        print(f"{r['case']:<22}{r['us_per_item']:>10.2f}{share:>17.1f}%{r['snapshot_ms']:>14.2f}")
    path = write_json("stats.json", {"machine": machine_info(), "items": N, "rows": rows})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
