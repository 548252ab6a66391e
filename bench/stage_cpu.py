"""The pure pipeline's CPU per item by stage: ``time.process_time`` around each stage call.

    python bench/stage_cpu.py [--items 3000] [--seed 1]

One ``run_pure`` over the bench traffic (as ``bench/pipeline_bench.py``), with each stage's
entry point wrapped by a CPU-time counter: parse (``parse_payload``), the language guess, geo
(``GeoTagger.tag``), the hand-off features, the stage-1 encode, and stage 2's ``routable``,
``prefetch``, ``decide_routable`` and ``remember_routable``; "the rest" is what no counter
holds (lineage, the raw hash, record bounds, the bench loop). The counters add about 1 µs a
call. Shares are steadier than microseconds on a shared machine. For a before/after, run it in
an export of each tree (it imports ``streams`` from the checkout it sits in).

The counters wrap module functions and class methods, which a compiled caller does not look
up: since ``pipeline.py`` is compiled (session 25) they would count nothing, so this runs only
with the interpreted core (``WIRE_COMPILED=0``) and says so otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streams.core.pipeline as pipeline_module
from bench.pipeline_bench import new_pipeline, run_pure
from bench.traffic import generate
from streams import compiled
from streams.core import lang
from streams.core.geo.tagger import GeoTagger

TOTALS: defaultdict[str, float] = defaultdict(float)


def _timed(owner: Any, name: str, label: str) -> None:
    inner: Callable[..., Any] = getattr(owner, name)
    clock = time.process_time

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = clock()
        try:
            return inner(*args, **kwargs)
        finally:
            TOTALS[label] += clock() - started

    setattr(owner, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if compiled.is_compiled(pipeline_module.__name__):
        sys.exit(
            "stage_cpu: the compiled pipeline calls past the counters; run it with WIRE_COMPILED=0"
        )
    P = pipeline_module.Pipeline
    for owner, name, label in (
        (pipeline_module, "parse_payload", "parse (parse_payload)"),
        (lang, "detect", "language guess"),
        (GeoTagger, "tag", "geo (GeoTagger.tag)"),
        (P, "handoff", "hand-off features"),
        (P, "encode", "stage-1 encode"),
        (P, "routable", "stage 2 routable"),
        (P, "prefetch", "stage 2 prefetch"),
        (P, "decide_routable", "stage 2 decide_routable"),
        (P, "remember_routable", "stage 2 remember"),
    ):
        _timed(owner, name, label)
    records = generate(args.items, seed=args.seed)
    run_pure(records[:30], new_pipeline())  # warm-up: lazy tables, caches
    TOTALS.clear()
    pipeline = new_pipeline()
    started = time.process_time()
    result = run_pure(records, pipeline)
    total = time.process_time() - started
    n = result.items
    print(f"{n} items, {n / total:,.0f} items/CPU-s, {1e6 * total / n:,.0f} us an item")
    for label, spent in sorted(TOTALS.items(), key=lambda kv: -kv[1]):
        print(f"  {label:26s} {100 * spent / total:5.1f}%  {1e6 * spent / n:6.0f} us")
    rest = total - sum(TOTALS.values())
    print(f"  {'the rest':26s} {100 * rest / total:5.1f}%  {1e6 * rest / n:6.0f} us")


if __name__ == "__main__":
    main()
