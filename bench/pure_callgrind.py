"""The pure pipeline's run alone, for an instruction count under callgrind (issue #17).

    OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0 PYTHONPATH=. valgrind --tool=callgrind \
        --collect-atstart=no --toggle-collect=_operator_call \
        --callgrind-out-file=/tmp/cg.out python bench/pure_callgrind.py --items 1000
    callgrind_annotate --inclusive=yes /tmp/cg.out        # by function, this run only

Traffic generation, the pipeline's start-up and a warm-up of 100 other items run outside the
count; ``run_pure`` over ``--items`` items runs inside ``operator.call``, the one call of that
C function in the process, which ``--toggle-collect`` counts. So two trees compare by their
per-item work alone, without the 300/600-item difference of whole processes. A 1,000-item
count takes about 80 s. Two counts of one build still differ by about 1% in the native
scanner (its hash tables are seeded per process) and the allocator: compare per function.
SHA-256 is over-counted (valgrind hides the CPU's SHA extensions from OpenSSL).
"""

from __future__ import annotations

import argparse
import operator
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pipeline_bench import new_pipeline, run_pure
from bench.traffic import generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    records = generate(args.items, seed=args.seed)
    pipeline = new_pipeline()
    run_pure(generate(100, seed=args.seed + 6), new_pipeline())  # warm-up: lazy tables, caches
    result = operator.call(run_pure, records, pipeline)
    print(f"{result.items} items, {result.items_per_cpu_s:,.0f} items/CPU-s")


if __name__ == "__main__":
    main()
