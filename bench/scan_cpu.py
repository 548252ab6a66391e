"""The native gazetteer scan timed alone: ``GeoScanner.find`` over the calls a pure run makes.

    PYTHONPATH=. python bench/scan_cpu.py [--items 400] [--reps 7]

One ``run_pure`` over the bench traffic records every ``Matcher.find`` call (text, case rule,
language); then the native scanner answers those calls again ``--reps`` times, each timed with
``process_time``. Printed: µs a call per rep (the minimum is the steadiest on a shared
machine), the hits (the same in every build: a layout change must not move them), the
process's peak RSS and the CPU seconds of building the pipeline (the automaton included).
Session 25 compared automaton layouts with it (bench/README.md, "Scan layout and stage 2
compiled"): run it with each build of ``native/`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pipeline_bench import new_pipeline, run_pure
from bench.traffic import generate
from streams.core.geo import matcher


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=400)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    calls: list[tuple[str, bool, str]] = []
    find = matcher.Matcher.find

    def recording(
        self: matcher.Matcher, text: str, *, any_case: bool = False, lang: str = ""
    ) -> Any:
        calls.append((text, any_case, lang))
        return find(self, text, any_case=any_case, lang=lang)

    started = time.process_time()
    pipeline = new_pipeline()
    built = time.process_time() - started
    matcher.Matcher.find = recording  # type: ignore[method-assign]
    try:
        run_pure(generate(args.items, seed=args.seed), pipeline)
    finally:
        matcher.Matcher.find = find  # type: ignore[method-assign]
    found = [o for o in gc.get_objects() if isinstance(o, matcher.Matcher) and o.native]
    if not found or not calls:
        sys.exit("scan_cpu: no native scanner (WIRE_NATIVE=0 or native/ not built)")
    m = found[0]
    scanner = m._scanner
    assert scanner is not None
    stems = {lang: m._native_stems.get(lang) for _, _, lang in calls}
    work = [(t, a, lang, stems[lang]) for t, a, lang in calls if t]
    chars = sum(len(t) for t, *_ in work)
    print(f"{len(work)} calls, {chars / len(work):,.0f} characters a call on average")
    for rep in range(args.reps):
        t0 = time.process_time()
        hits = sum(len(scanner.find(t, a, lang, s)) for t, a, lang, s in work)
        us = (time.process_time() - t0) * 1e6 / len(work)
        print(f"rep {rep}: {us:.2f} µs a call, {hits} hits")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB, pipeline built in {built:.2f} CPU s")


if __name__ == "__main__":
    main()
