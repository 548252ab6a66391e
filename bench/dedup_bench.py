"""Cost per item and state per story of the deduper.

Items are ~3 KB stories made by drawing paragraphs at random from the dev set
(``bench/data/dedup_dev.jsonl``), so they read like wire text, share its common phrases, and are
distinct from each other. The store is first filled with ``--stories`` remembered stories, then
``--items`` new items (one in ten a refile of a remembered story) are timed through
fingerprint, decide and remember.

    python bench/dedup_bench.py [--stories 200000] [--items 20000]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from streams import jsonio
from streams.core.dedup import Deduper, MemoryStore
from streams.core.dedup.sketch import sketch_text
from streams.core.model import AltId, Body, Headline, WireItem

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "dedup_dev.jsonl"
RESULTS = HERE / "results"
T0 = 1_795_000_000_000
GIB = 1 << 30


def paragraph_pool() -> list[str]:
    seen: dict[str, None] = {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        for raw in jsonio.loads(line)["items"]:
            for para in raw["body"].split("\n\n"):
                if len(para) > 60:
                    seen[para] = None
    return list(seen)


def make_item(rng: random.Random, pool: list[str], n: int) -> WireItem:
    """Paragraphs from the pool with one word in five swapped for another pool word.

    The swaps keep the language (and its common phrases) but make each story's text its own,
    as distinct stories are; unaltered paragraphs would make every phrase a common one.
    """
    vocab = _vocab(pool)
    paras: list[str] = []
    while sum(map(len, paras)) < 3000:
        words = rng.choice(pool).split()
        paras.append(" ".join(rng.choice(vocab) if rng.random() < 0.2 else w for w in words))
    return WireItem(
        uri=f"urn:bench:{n}",
        headlines=[Headline(f"Story number {n} " + paras[0][:60])],
        bodies=[Body("\n\n".join(paras))],
        altids=[AltId("slug", f"BENCH-{n}")],
    )


_VOCAB: list[str] = []


def _vocab(pool: list[str]) -> list[str]:
    if not _VOCAB:
        _VOCAB.extend(sorted({w for para in pool for w in para.split()}))
    return _VOCAB


def refile_of(item: WireItem, n: int) -> WireItem:
    body = item.body.replace(" the ", " teh ", 1)
    return WireItem(uri=f"urn:bench:refile:{n}", headlines=item.headlines, bodies=[Body(body)])


def state_bytes(store: MemoryStore) -> int:
    return sum(len(k) + len(jsonio.dumps(v)) for k, v in store.data.items())


def fill(deduper: Deduper, items: list[WireItem], step_ms: int) -> None:
    for i, item in enumerate(items):
        now = T0 + i * step_ms
        deduper.remember(item, deduper.decide(item, now), now)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=200_000)
    ap.add_argument("--items", type=int, default=20_000)
    args = ap.parse_args()
    rng = random.Random(11)
    pool = paragraph_pool()
    window_ms = 72 * 3_600_000
    step_ms = window_ms // (args.stories + args.items)  # all stories stay inside the window

    # 1. pure fingerprint cost (sketching only)
    sample = [make_item(rng, pool, -i) for i in range(2000)]
    size = statistics.mean(len(it.body.encode()) for it in sample)
    sketch_t = []
    for it in sample:
        t = time.perf_counter()
        sketch_text(it.body)
        sketch_t.append(time.perf_counter() - t)
    sketch_us = statistics.mean(sketch_t) * 1e6
    sketch_p50 = statistics.median(sketch_t) * 1e6

    # 2. fill the store, measuring state bytes and Python memory
    store = MemoryStore()
    deduper = Deduper(store, window_ms=window_ms)
    stories = [make_item(rng, pool, i) for i in range(args.stories)]
    gc.collect()
    tracemalloc.start()
    fill(deduper, stories, step_ms)
    py_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    kept = sum(1 for k in store.data if k.startswith("s:"))
    serial = state_bytes(store)
    per_story = serial / kept
    record = statistics.mean(
        len(k) + len(jsonio.dumps(v)) for k, v in store.data.items() if k.startswith("s:")
    )

    # 3. timed stream: new items and refiles of remembered ones
    stream: list[WireItem] = []
    for i in range(args.items):
        if i % 10 == 9:
            stream.append(refile_of(rng.choice(stories), i))
        else:
            stream.append(make_item(rng, pool, args.stories + i))
    start = T0 + args.stories * step_ms
    statuses: dict[str, int] = {}
    decide_t: list[float] = []
    remember_t: list[float] = []
    for i, item in enumerate(stream):
        now = start + i * step_ms
        t = time.perf_counter()
        decision = deduper.decide(item, now)
        t2 = time.perf_counter()
        deduper.remember(item, decision, now)
        remember_t.append(time.perf_counter() - t2)
        decide_t.append(t2 - t)
        statuses[decision.status] = statuses.get(decision.status, 0) + 1
    decide_us = statistics.mean(decide_t) * 1e6
    remember_us = statistics.mean(remember_t) * 1e6
    decide_p50 = statistics.median(decide_t) * 1e6
    remember_p50 = statistics.median(remember_t) * 1e6

    # 4. eviction: everything ages out once event time passes the window
    last = start + len(stream) * step_ms
    t = time.perf_counter()
    evicted = deduper.evict(last + window_ms + 2 * 3_600_000)
    evict_s = time.perf_counter() - t

    result = {
        "item_bytes": round(size),
        "stories": kept,
        "sketch_us_mean": round(sketch_us, 1),
        "sketch_us_p50": round(sketch_p50, 1),
        "decide_us_mean_incl_sketch": round(decide_us, 1),
        "decide_us_p50_incl_sketch": round(decide_p50, 1),
        "remember_us_mean": round(remember_us, 1),
        "remember_us_p50": round(remember_p50, 1),
        "total_us_mean": round(decide_us + remember_us, 1),
        "total_us_p50": round(decide_p50 + remember_p50, 1),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "statuses": statuses,
        "state_bytes_per_story": round(per_story),
        "story_record_bytes": round(record),
        "python_bytes_per_story": round(py_bytes / args.stories),
        "est_1m_serialised_gib": round(per_story * 1e6 / GIB, 2),
        "est_1m_python_gib": round(py_bytes / args.stories * 1e6 / GIB, 2),
        "evicted": evicted,
        "evict_us_per_story": round(evict_s / max(evicted, 1) * 1e6, 1),
        "keys_left_after_evict": len(store),
    }
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "dedup.json").write_bytes(jsonio.dumps_pretty(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
