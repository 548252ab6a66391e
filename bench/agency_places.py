"""What the agency's own geography (``places``) changes in the regions, item by item.

    PYTHONPATH=. python bench/agency_places.py [FILE_OR_DIR ...] [--quiet]

Parses every structured file given (default: the agency-layout fixtures under
``tests/unit/core/parse/fixtures``, ``places/`` included), tags each item twice, with its
``places`` and with them removed, and counts the items that carry places, those whose regions
change, and those the places alone locate. Per item: the places read and both region lists.
No labels are needed: it says what the labels do, not whether they are right (the team scores
that on its own agency files).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streams.core.geo import GeoTagger
from streams.core.model import RawMessage
from streams.core.parse import parse
from streams.errors import ParseError

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "unit" / "core" / "parse" / "fixtures"


def files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        out += [p for p in found if p.suffix in (".xml", ".json") and p.name != "expected.json"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[FIXTURES])
    ap.add_argument("--quiet", action="store_true", help="figures only")
    args = ap.parse_args()
    tagger = GeoTagger.load()
    items = with_places = changed = alone = 0
    lines: list[str] = []
    for path in files(args.paths):
        try:
            parsed = parse(RawMessage(path.read_bytes(), {"wire-source": b"bench"})).items
        except ParseError:
            continue
        for item in parsed:
            items += 1
            if not item.places:
                continue
            with_places += 1
            got = tagger.tag(item).regions
            places, item.places = item.places, []
            without = tagger.tag(item).regions
            item.places = places
            changed += got != without
            alone += bool(got) and not without
            named = ", ".join(f"{p.name or '-'}/{p.code or '-'}" for p in places)
            lines.append(
                f"  {path.name:<28} {','.join(without) or '-':<22} -> {','.join(got) or '-':<22}"
                f" [{named[:80]}]"
            )
    print(
        f"{items} items, {with_places} with places; regions changed by them: {changed},"
        f" located by them alone: {alone}"
    )
    if not args.quiet:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
