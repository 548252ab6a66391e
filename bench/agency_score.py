"""Headline, slug and located exactness on agency-layout fixtures (issue 14).

    python bench/agency_score.py [--code DIR] [--samples DIR] [--quiet]

Parses every fixture named in ``bench/data/agency_expected.json`` (ANPA-1312 and IPTC 7901
in the agencies' real layouts, written for the tests) and counts exact matches per field
over the items that have a value for it, plus items missing or extra. ``--code DIR`` imports
the parser from another checkout (``--code /work/main`` gives the "before" figure with the
same fixtures). Unlabelled real samples (``../shared/samples`` by default, read at run time,
never copied) are parsed too and reported as items, derived headlines and dropped pieces.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "bench" / "data" / "agency_expected.json"
FIELDS = ("headline", "slug", "located")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=ROOT, help="checkout whose parser is scored")
    ap.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    ap.add_argument("--quiet", action="store_true", help="figures only, no misses")
    args = ap.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from streams.core.model import RawMessage
    from streams.core.parse import parse
    from streams.errors import ParseError

    expected: dict[str, list[dict[str, str | None]]] = {
        k: v for k, v in json.loads(EXPECTED.read_text("utf-8")).items() if not k.startswith("_")
    }
    hits = dict.fromkeys(FIELDS, 0)
    totals = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for name, want in expected.items():
        raw = RawMessage(value=(ROOT / name).read_bytes(), headers={"wire-source": b"bench"})
        try:
            items = parse(raw).items
        except ParseError as exc:
            items = []
            misses.append(f"{name}: dead letter ({exc.reason})")
        if len(items) != len(want):
            misses.append(f"{name}: {len(items)} items, expected {len(want)}")
        for n, exp in enumerate(want):
            item = items[n] if n < len(items) else None
            got = {
                "headline": item.headline if item else None,
                "slug": next((a.value for a in item.altids if a.role == "slug"), None)
                if item
                else None,
                "located": item.located if item else None,
            }
            for field in FIELDS:
                if exp[field] is None and got[field] is None:
                    continue
                totals[field] += 1
                if got[field] == exp[field]:
                    hits[field] += 1
                else:
                    misses.append(f"{name}#{n} {field}: {got[field]!r} != {exp[field]!r}")
    print(f"parser: {args.code}")
    for field in FIELDS:
        print(f"{field:9s} exact {hits[field]:3d} of {totals[field]:3d}")
    samples = (
        sorted(p for p in args.samples.glob("*") if p.is_file()) if args.samples.is_dir() else []
    )
    if samples:
        n_items = derived = dropped = dead = 0
        for path in samples:
            raw = RawMessage(value=path.read_bytes(), headers={"wire-source": b"sample"})
            try:
                got_items = parse(raw).items
            except ParseError:
                dead += 1
                continue
            n_items += len(got_items)
            derived += sum("derived-headline" in i.ext.signals for i in got_items)
            dropped += sum(len(getattr(i.ext, "dropped", ())) for i in got_items)
        print(
            f"samples   {len(samples)} files (unlabelled): {n_items} items, {derived} derived"
            f" headlines, {dropped} dropped pieces, {dead} dead letters"
        )
    if not args.quiet:
        for line in misses:
            print("  miss:", line)


if __name__ == "__main__":
    main()
