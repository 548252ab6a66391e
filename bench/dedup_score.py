"""Precision and recall of the deduper on the labelled dev set.

Each case of ``bench/data/dedup_dev.jsonl`` is a short sequence: every item but the last is
decided and remembered in a fresh store, the last one (the probe) is decided and compared with
the label. Precision: of the probes decided "duplicate", the share that really were (target
1.0: no distinct story is ever dropped). Near-duplicate recall: of the refiles and republished
copies, the share decided "duplicate" of the right story (target >= 0.95).

    python bench/dedup_score.py                # score with the default config
    python bench/dedup_score.py --sweep        # shingle size x sketch size x threshold
    python bench/dedup_score.py --curve        # simulated candidate probability by Jaccard
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from streams import jsonio
from streams.core.dedup import Decision, DedupConfig, Deduper, MemoryStore
from streams.core.dedup.sketch import INDEX
from streams.core.model import AltId, Body, Headline, WireItem

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "dedup_dev.jsonl"
RESULTS = HERE / "results"
BASE_MS = 1_795_000_000_000


def build(raw: dict[str, Any]) -> WireItem:
    altids = [AltId("slug", raw["slug"])] if raw.get("slug") else []
    if raw.get("storynumber"):
        altids.append(AltId("storynumber", raw["storynumber"]))
    return WireItem(
        uri=raw["uri"],
        headlines=[Headline(raw["headline"])],
        bodies=[Body(raw["body"])],
        version=raw["version"],
        pubstatus=raw["pubstatus"],
        altids=altids,
    )


def run_case(case: dict[str, Any], config: DedupConfig) -> Decision:
    deduper = Deduper(MemoryStore(), config=config)
    decision = Decision("routed")
    for raw in case["items"]:
        item = build(raw)
        now = BASE_MS + raw["t_min"] * 60_000
        decision = deduper.decide(item, now)
        if raw is not case["items"][-1]:
            deduper.remember(item, decision, now)
    return decision


def target(decision: Decision) -> str | None:
    return decision.duplicate_of or decision.update_of or decision.related_to


def score(cases: list[dict[str, Any]], config: DedupConfig, verbose: bool) -> dict[str, Any]:
    dup_pred = dup_true_pred = nd_total = nd_hit = 0
    status_ok = 0
    misses: list[str] = []
    per_kind: Counter[str] = Counter()
    per_kind_ok: Counter[str] = Counter()
    teasers = teaser_linked = 0
    for case in cases:
        got = run_case(case, config)
        kind = case["kind"]
        per_kind[kind] += 1
        ok = got.status in case["accept"]
        if case["of"] and got.status == case["expect"] and target(got) != case["of"]:
            ok = False
        if kind == "teaser":
            teasers += 1
            teaser_linked += target(got) == case["of"]
        if ok:
            per_kind_ok[kind] += 1
            status_ok += 1
        elif verbose:
            misses.append(
                f"  {case['id']:<24} expected {case['expect']:<9} got {got.status:<9} "
                f"sim={got.similarity} of={target(got)}"
            )
        if got.status == "duplicate":
            dup_pred += 1
            dup_true_pred += case["expect"] == "duplicate"
        if case["near_duplicate"]:
            nd_total += 1
            nd_hit += got.status == "duplicate" and got.duplicate_of == case["of"]
    return {
        "cases": len(cases),
        "precision": dup_true_pred / dup_pred if dup_pred else 1.0,
        "near_duplicate_recall": nd_hit / nd_total if nd_total else 1.0,
        "label_accuracy": status_ok / len(cases),
        "teaser_linked": teaser_linked / teasers if teasers else 1.0,
        "per_kind": {k: f"{per_kind_ok[k]}/{n}" for k, n in sorted(per_kind.items())},
        "misses": misses,
    }


def curve(pairs: int = 20_000, size: int = 400) -> dict[float, float]:
    """P(candidate | J) for the posting index: shared value among both INDEX smallest hashes."""
    rng = np.random.default_rng(7)
    out: dict[float, float] = {}
    for j in (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        shared = round(2 * size * j / (1 + j))  # |A|=|B|=size, |A&B|/|A|B| = j
        hits = 0
        for _ in range(pairs // 8):
            u = rng.random(2 * size - shared)
            a = np.sort(u[:size])[:INDEX]
            b = np.sort(u[size - shared :])[:INDEX]
            hits += bool(np.intersect1d(a, b).size)
        out[j] = hits / (pairs // 8)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--curve", action="store_true")
    args = ap.parse_args()
    cases = [jsonio.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    if args.curve:
        random.seed(7)
        for j, p in curve().items():
            print(f"J={j:.2f}  P(candidate)={p:.3f}")
        return 0
    if args.sweep:
        print(
            f"{'shingle':>7} {'k':>4} {'dupJ':>5} {'precision':>9} {'nd_recall':>9} {'labels':>7}"
        )
        for shingle in (3, 4, 5):
            for k in (64, 128):
                for dup_j in (0.8, 0.85, 0.9):
                    cfg = DedupConfig(shingle=shingle, sketch_size=k, duplicate_jaccard=dup_j)
                    r = score(cases, cfg, verbose=False)
                    print(
                        f"{shingle:>7} {k:>4} {dup_j:>5} {r['precision']:>9.3f} "
                        f"{r['near_duplicate_recall']:>9.3f} {r['label_accuracy']:>7.3f}"
                    )
        return 0
    config = DedupConfig()
    result = score(cases, config, verbose=True)
    print(f"dev set: {result['cases']} cases  config: {dataclasses.asdict(config)}")
    print(f"precision (duplicates that were duplicates): {result['precision']:.3f}")
    print(f"near-duplicate recall:                       {result['near_duplicate_recall']:.3f}")
    print(f"label accuracy (all decisions):              {result['label_accuracy']:.3f}")
    print(f"teasers linked to their story:               {result['teaser_linked']:.3f}")
    for kind, frac in result["per_kind"].items():
        print(f"  {kind:<24} {frac}")
    print("misses:" if result["misses"] else "misses: none")
    for line in result["misses"]:
        print(line)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "dedup_score.json").write_bytes(jsonio.dumps_pretty(result))
    ok = result["precision"] == 1.0 and result["near_duplicate_recall"] >= 0.95
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
