"""Does a geo change generalise? Dev split in two halves by a hash of each row's id.

    python bench/geo_cv.py [--sets geo_en,geo_multilingual]

The held-out part (``bench/corpus.py``) may be looked at only a few times, so a change is
first judged here: tune while looking at the misses of one half (``corpus_geo.py --misses``
lists them all; the half of each id is :func:`half`), and keep it only if the other half
moves too. Held-out rows are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from bench.corpus_geo import SETS, Score, _miss, judge, run_item
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.settings import Settings


def half(row_id: str) -> str:
    """Half "a" or "b" of a dev row: a fixed hash, independent of the dev/held-out one."""
    return "ab"[hashlib.sha256(b"cv:" + row_id.encode()).digest()[0] % 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--misses", choices=("a", "b"), help="list this half's misses")
    args = ap.parse_args()
    if not corpus.available():
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    misses: list[str] = []
    print(f"{'set':<18}{'half':<6}{'rows':>5}{'micro-F1':>10}{'primary':>9}")
    for name in args.sets.split(","):
        halves = {"a": Score(), "b": Score()}
        for n, row in enumerate(corpus.rows(name, "dev")):
            item, _ = run_item(pipeline, row, n)
            tp, fp, fn, prim = judge(row, list(item.ext.regions))
            s = halves[half(str(row["id"]))]
            s.rows += 1
            s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn
            s.primary_ok += prim
            if args.misses == half(str(row["id"])) and (fp or fn or not prim):
                misses.append(_miss(pipeline, row, item, list(item.ext.regions)))
        for h, s in halves.items():
            print(f"{name:<18}{h:<6}{s.rows:>5}{s.f1:>10.3f}{s.primary:>9.3f}")
    if misses:
        print(f"\nhalf {args.misses} misses ({len(misses)}):")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
