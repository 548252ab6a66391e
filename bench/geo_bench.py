"""Geo-tagging speed: gazetteer + automaton build time, and µs per ~3 KB article.

    python bench/geo_bench.py [--items 2000]

Articles are made from the dev set's items padded with their own paragraphs to about 3 KB,
so the hit density is realistic. Writes bench/results/geo.json.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams import jsonio
from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import build
from streams.core.geo.matcher import Matcher
from streams.core.geo.regions import RegionTable
from streams.core.model import Body, Headline, WireItem

HERE = Path(__file__).resolve().parent
FILLER = (
    "The statement gave no further details, and officials declined to comment when "
    "contacted by reporters on Monday. Analysts said the decision had been widely expected "
    "and would have little immediate effect on markets or on the wider economy this year."
)


def articles(n: int) -> list[WireItem]:
    rows = [
        jsonio.loads(line)
        for line in (HERE / "data" / "geo_dev.jsonl").read_bytes().splitlines()
        if line.strip()
    ]
    out = []
    for i in range(n):
        row = rows[i % len(rows)]
        paras = [p for p in str(row["body"]).split("\n\n") if p]
        while sum(len(p) for p in paras) < 3000:
            paras.append(FILLER if len(paras) % 2 else paras[0])
        out.append(
            WireItem(
                uri=f"b{i}",
                headlines=[Headline(str(row["headline"]))],
                bodies=[Body(p) for p in paras],
                located=row.get("located"),
            )
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    gaz = build()
    t1 = time.perf_counter()
    Matcher(gaz)
    t2 = time.perf_counter()
    tagger = GeoTagger(RegionTable.load(), gaz)
    t3 = time.perf_counter()
    GeoTagger.load()
    t4 = time.perf_counter()

    items = articles(args.items)
    size = statistics.mean(len(it.headline) + len(it.body) for it in items)
    for it in items[:200]:
        tagger.tag(it)
    # CPU time of this process: steadier than wall clock on a shared machine.
    per_item = []
    for _ in range(args.rounds):
        start = time.process_time()
        for it in items:
            tagger.tag(it)
        per_item.append((time.process_time() - start) / len(items) * 1e6)
    us = min(per_item)
    rows = [
        ("gazetteer build (s)", f"{t1 - t0:.3f}"),
        ("automaton build (s)", f"{t2 - t1:.3f}"),
        ("tagger ready (s)", f"{t3 - t1:.3f}"),
        ("GeoTagger.load() total (s)", f"{t4 - t3:.3f}"),
        ("terms in automaton", f"{len(gaz.terms)}"),
        ("article size (chars, mean)", f"{size:.0f}"),
        ("tag() per article (CPU µs, best of rounds)", f"{us:.1f}"),
        ("tag() per article (CPU µs, median of rounds)", f"{statistics.median(per_item):.1f}"),
        ("articles/s on one core", f"{1e6 / us:.0f}"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v:>10}")
    result = {
        "bench": "geo",
        "python": platform.python_version(),
        "items": len(items),
        "article_chars_mean": round(size),
        "gazetteer_build_s": round(t1 - t0, 4),
        "automaton_build_s": round(t2 - t1, 4),
        "load_total_s": round(t4 - t3, 4),
        "terms": len(gaz.terms),
        "tag_us_best": round(us, 2),
        "tag_us_median": round(statistics.median(per_item), 2),
        "items_per_s": round(1e6 / us),
    }
    out = HERE / "results" / "geo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(jsonio.dumps_pretty(result))
    print(f"wrote {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
