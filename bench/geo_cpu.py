"""Geo-tagging's CPU per item over fixed bench traffic, for comparing two code trees.

Stage 1's parse (and the language guess for items without one) runs once, untimed; then
``GeoTagger.tag`` runs over every item ``--passes`` times per repeat, timed in CPU seconds
(``time.process_time``: steadier than wall time on a shared machine), and the median of
``--reps`` repeats is printed in µs per item. Timings on a shared machine swing 2-3x; for a
deterministic figure, count instructions with callgrind for 1 and 3 passes and halve the
difference (start-up, parse and the first pass's warm-up cancel out)::

    for p in 1 3; do OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0 PYTHONPATH=/path/to/tree \\
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python bench/geo_cpu.py --items 100 --passes $p --reps 1; done

``PYTHONPATH`` picks the tree (``streams`` is imported from it); the traffic always comes
from this file's ``bench/traffic.py``, so both trees tag the same items.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # after PYTHONPATH: the tree under test wins

from bench.traffic import generate  # noqa: E402  (this checkout's traffic, whatever the tree)

if TYPE_CHECKING:
    from streams.core.geo import GeoTagger
    from streams.core.model import WireItem


def items(count: int, seed: int) -> list[WireItem]:
    """The parsed items of ``count`` bench-traffic stories, language set as stage 1 sets it."""
    from streams.core import lang
    from streams.core.model import RawMessage
    from streams.core.parse import parse_payload
    from streams.errors import WireError

    out: list[WireItem] = []
    for n, record in enumerate(generate(count, seed=seed)):
        raw = RawMessage(record.value, record.headers(), "wire.raw", 0, n, 1_764_000_000_000)
        try:
            parsed = parse_payload(raw)
        except WireError:
            continue
        for item in parsed:
            if not item.language:
                item.language = lang.detect(f"{item.headline}\n{item.body[: lang.SAMPLE_CHARS]}")
            out.append(item)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=400, help="stories of bench traffic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--passes", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument(
        "--find",
        action="store_true",
        help="time Matcher.find (native when built) and find_python on the bodies instead",
    )
    args = ap.parse_args()

    import streams
    from streams.core.geo import GeoTagger

    tagger = GeoTagger.load()
    batch = items(args.items, args.seed)
    if args.find:
        return _time_find(tagger, batch, args.reps)
    gc.collect()
    gc.freeze()  # as the worker does after start-up
    per_item: list[float] = []
    for _ in range(args.reps):
        started = time.process_time()
        for _ in range(args.passes):
            for item in batch:
                tagger.tag(item)
        spent = time.process_time() - started
        per_item.append(spent / (args.passes * len(batch)) * 1e6)
    print(
        f"streams from {Path(streams.__file__).parent}: {len(batch)} items, geo"
        f" {statistics.median(per_item):.1f} µs/item median of {args.reps}"
        f" ({', '.join(f'{x:.0f}' for x in per_item)})"
    )
    return 0


def _time_find(tagger: GeoTagger, batch: list[WireItem], reps: int) -> int:
    """Best of ``reps`` CPU µs per body for both paths of the matcher, and the hits per body."""
    matcher = tagger._matcher
    bodies = [(item.body, item.language or "") for item in batch]
    paths = {"native": matcher.find, "python": matcher.find_python}
    for name, find in paths.items():
        best = float("inf")
        for _ in range(reps):
            started = time.process_time()
            hits = sum(len(find(body, lang=lang)) for body, lang in bodies)
            best = min(best, time.process_time() - started)
        print(
            f"Matcher.find {name}: {best / len(bodies) * 1e6:.1f} µs per body"
            f" (best of {reps}, {len(bodies)} bodies, {hits / len(bodies):.1f} hits each,"
            f" native built: {matcher.native})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
