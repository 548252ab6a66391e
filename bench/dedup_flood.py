"""The flood's second chance: its CPU on bench traffic, in one process on one state.

Remembers ``--known`` bench-traffic items, then decides the next ``--probe`` ones (not
remembered; the candidate memo cleared each time) with ``flood_shared`` 0 (no second
chance), 4, 5 (the default since session 26) and 6, alternated ``--runs`` times; prints each
setting's median ``Deduper._near`` CPU us per item and its statuses.

    PYTHONPATH=. python bench/dedup_flood.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.traffic import generate
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.dedup.deduper import DedupConfig, Features
from streams.core.model import RawMessage
from streams.settings import Settings

START_MS = 1_764_000_000_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--known", type=int, default=4000)
    ap.add_argument("--probe", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    pipeline = build_pipeline(Settings(), MemoryStore())
    d = pipeline.deduper
    known = 0
    probe: list[Features] = []
    for offset, record in enumerate(generate(args.known + args.probe, seed=0)):
        now = START_MS + offset * 1000
        raw = RawMessage(record.value, record.headers(), "wire.raw", 0, offset, now)
        for item in pipeline.prepare(raw):
            if known < args.known:
                decision, _ = pipeline.decide(item, now)
                pipeline.remember(item, decision, now)
                known += 1
            else:
                probe.append(d.features(item))
    now = START_MS + (args.known + args.probe) * 1000
    settings = {"off": DedupConfig(flood_shared=0)}
    settings.update({str(n): DedupConfig(flood_shared=n) for n in (4, 5, 6)})
    times: dict[str, list[float]] = {name: [] for name in settings}
    statuses: dict[str, Counter[str]] = {}
    for _ in range(args.runs):
        for name, config in settings.items():
            d.config = config
            started = time.process_time()
            got: Counter[str] = Counter()
            for f in probe:
                d._memo.clear()
                got[d._near(f, now).status] += 1
            times[name].append((time.process_time() - started) / len(probe) * 1e6)
            statuses[name] = got
    for name, values in times.items():
        median = statistics.median(values)
        print(f"flood_shared {name:>3}: {median:6.1f} CPU us/item  {dict(statuses[name])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
