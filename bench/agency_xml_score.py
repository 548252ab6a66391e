"""Field exactness of the parser on the agency-layout fixtures of issue #14.

Reads ``tests/unit/core/parse/fixtures/expected.json`` and scores, per field, how many of
the expected items the parser gets exactly (a payload that fails, or yields fewer items,
scores 0 on its missing items). Run on another checkout's code to compare::

    PYTHONPATH=. python bench/agency_xml_score.py [--json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from streams.core.model import RawMessage, WireItem
from streams.core.parse import parse

FIXTURES = Path(__file__).parents[1] / "tests" / "unit" / "core" / "parse" / "fixtures"


def actual(item: WireItem) -> dict[str, Any]:
    """The scored fields of one item, in the shape ``expected.json`` uses."""
    slug = next((a.value for a in item.altids if a.role == "slug"), None)
    body = item.body
    return {
        "headline": item.headline,
        "slug": slug,
        "byline": getattr(item, "byline", None),
        "located": item.located,
        "desk": getattr(item.ext, "desk", None),
        "version": item.version,
        "pubstatus": item.pubstatus,
        "embargoed": getattr(item, "embargoed", None),
        "ednote": item.ednote,
        "description": getattr(item, "description", None),
        "body_first": body,
        "body_last": body,
        "signals": sorted(s for s in item.ext.signals if s != "derived-headline"),
    }


def matches(name: str, want: Any, got: Any) -> bool:
    if name == "body_first":
        return isinstance(got, str) and got.startswith(want)
    if name == "body_last":
        return isinstance(got, str) and got.endswith(want)
    if name == "signals":
        return sorted(want) == got
    return bool(want == got)


def score(fixtures: Path = FIXTURES) -> dict[str, list[int]]:
    """``{field: [exact, total]}`` over every expected item."""
    expected: dict[str, Any] = json.loads((fixtures / "expected.json").read_text("utf-8"))
    out: dict[str, list[int]] = {}
    for name, items in expected.items():
        if name.startswith("_"):
            continue
        raw = RawMessage((fixtures / name).read_bytes(), {"wire-source": b"bench"})
        try:
            got = [actual(i) for i in parse(raw).items]
        except Exception:
            got = []
        for n, want in enumerate(items):
            have = got[n] if n < len(got) else None
            for field, value in want.items():
                tally = out.setdefault(field, [0, 0])
                tally[1] += 1
                if have is not None and matches(field, value, have[field]):
                    tally[0] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = score()
    if args.json:
        print(json.dumps(result))
        return
    total = [sum(v[0] for v in result.values()), sum(v[1] for v in result.values())]
    for field, (ok, n) in result.items():
        print(f"{field:12} {ok:3}/{n}")
    print(f"{'all':12} {total[0]:3}/{total[1]}")


if __name__ == "__main__":
    main()
