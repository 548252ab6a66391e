"""How much does the lead decide? The first paragraph's weight on the real-news dev rows.

    python bench/geo_lead.py [--file bench/data/geo_real_en_a1.jsonl ...] [--unseen]
                             [--lead 1.0,1.5,2.5] [--list]

Dev rows only: the dev part of the corpus sets (``geo_en``, ``geo_multilingual``, in the two
``geo_cv.py`` halves) and the project's own labelled files given with ``--file`` (never a
probe file). Each row runs through the real pipeline as in ``corpus_geo.py``; the tagger's
weighed mentions (what ``wire explain`` lists) are read with the slot each sits in (dateline,
headline, lead, body) and counted:

- rows whose counted evidence holds a lead mention;
- **passing lead wins**: the primary region's only mention outside the headline and dateline is
  one lead mention of a country named nowhere else in the text, while another region has two or
  more body mentions (a first paragraph's passing mention outweighing the body), right or wrong;
- **lead-decided primaries**: rows whose primary changes when the lead weighs like the body
  (``scoring.FIELD_WEIGHT["lead"]`` set to the body's), and whether it was right before and after.

``--lead`` runs everything again with other lead weights and prints micro-F1 / primary per set
(corpus halves, each file) next to the current weight's. ``--unseen`` scores the corpus rows as
``geo_cv.py --unseen`` does (list names no other dev row uses are dropped).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from bench.corpus_geo import SETS, Score, file_rows, judge, run_item
from bench.geo_cv import _banned_per_row, _Unseen, half
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.geo import scoring
from streams.core.pipeline import Pipeline
from streams.settings import Settings

#: One weighed mention as the tagger decided with it: (slot, country, region-bearing kind).
Mention = tuple[str, str, str]


@contextmanager
def lead_weight(weight: float) -> Iterator[None]:
    old = scoring.FIELD_WEIGHT["lead"]
    scoring.FIELD_WEIGHT["lead"] = weight
    try:
        yield
    finally:
        scoring.FIELD_WEIGHT["lead"] = old


class Capture:
    """Wraps the tagger's decision step: keeps the counted mentions of the last item."""

    def __init__(self, pipeline: Pipeline) -> None:
        tagger = pipeline.tagger
        self._decide = tagger._decide
        self.mentions: list[Mention] = []
        tagger._decide = self  # type: ignore[method-assign]

    def __call__(self, mentions: list[Any], own_headline: bool) -> Any:
        self.mentions = [
            (m.slot, m.country, m.term.kind)
            for m in mentions
            if m.weight > 0 and not m.pending and m.fld != "desk"
        ]
        return self._decide(mentions, own_headline)


def jobs(files: list[Path]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(name, rows) per set: the corpus sets whole (halves are split when reporting), then
    each file."""
    out: list[tuple[str, list[dict[str, Any]]]] = [
        (name, list(corpus.rows(name, "dev"))) for name in SETS
    ]
    return out + [(path.stem, file_rows(path)) for path in files]


def parts(name: str, rows: list[dict[str, Any]]) -> list[tuple[str, list[int]]]:
    """How a set is reported: a corpus set by ``geo_cv.py`` half, a file whole (row indexes)."""
    if name not in SETS:
        return [(name, list(range(len(rows))))]
    return [
        (f"{name}/{h}", [n for n, row in enumerate(rows) if half(str(row["id"])) == h])
        for h in "ab"
    ]


def run(
    pipeline: Pipeline, capture: Capture, unseen: _Unseen | None, name: str, rows: list[Any]
) -> list[tuple[list[str], list[Mention]]]:
    """(regions, counted mentions) of each row; with ``unseen``, a corpus set's rows lose the
    list names no other row of the whole set uses (as ``geo_cv.py --unseen``)."""
    banned = (
        _banned_per_row(pipeline, unseen, rows)
        if unseen is not None and name in SETS
        else [frozenset()] * len(rows)
    )
    out = []
    for n, row in enumerate(rows):
        if unseen is not None:
            unseen.banned = banned[n]
        item, _ = run_item(pipeline, row, n)
        out.append((list(item.ext.regions), capture.mentions))
    if unseen is not None:
        unseen.banned = frozenset()
    return out


def right(row: dict[str, Any], regions: list[str]) -> bool:
    return judge(row, regions)[3]


def passing_lead_wins(
    region_of: Mapping[str, tuple[str, ...]], regions: list[str], mentions: list[Mention]
) -> bool:
    """The primary region rests on one lead mention alone (nothing in the dateline, headline
    or body) while another region has two or more body mentions."""
    if not regions:
        return False
    first = {c: (region_of.get(c) or ("?",))[0] for _, c, _ in mentions}
    primary = regions[0]
    own = [slot for slot, c, _ in mentions if first[c] == primary]
    if own != ["lead"]:
        return False
    body = Counter(first[c] for slot, c, _ in mentions if slot == "body")
    return any(n >= 2 for r, n in body.items() if r != primary)


def score(
    rows: list[dict[str, Any]], results: list[tuple[list[str], list[Mention]]], keep: list[int]
) -> Score:
    s = Score()
    for n in keep:
        tp, fp, fn, prim = judge(rows[n], results[n][0])
        s.rows += 1
        s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn
        s.primary_ok += prim
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, action="append", default=[], help="an own labelled file")
    ap.add_argument("--unseen", action="store_true", help="corpus rows as geo_cv.py --unseen")
    ap.add_argument("--lead", default="", help="other lead weights to compare, comma-separated")
    ap.add_argument("--list", action="store_true", help="list the rows counted below")
    args = ap.parse_args()
    if not corpus.available():
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    capture = Capture(pipeline)
    unseen = _Unseen(pipeline) if args.unseen else None
    sets = jobs(args.file)
    base = {name: run(pipeline, capture, unseen, name, rows) for name, rows in sets}
    with lead_weight(scoring.FIELD_WEIGHT["body"]):
        flat = {name: run(pipeline, capture, unseen, name, rows) for name, rows in sets}
    region_of = pipeline.tagger.table.countries
    counts: Counter[str] = Counter()
    listed: list[str] = []
    for name, rows in sets:
        for row, (regions, mentions), (regions_flat, _) in zip(
            rows, base[name], flat[name], strict=True
        ):
            name_half = f"{name}/{half(str(row['id']))}" if name in SETS else name
            counts["rows"] += 1
            counts["rows with a counted lead mention"] += any(s == "lead" for s, _, _ in mentions)
            if passing_lead_wins(region_of, regions, mentions):
                key = f"passing lead wins, primary {'right' if right(row, regions) else 'wrong'}"
                counts[key] += 1
                listed.append(f"  {key}: {name_half} {row['id']} {','.join(regions)}")
            if (regions or ["-"])[0] != (regions_flat or ["-"])[0]:
                key = (
                    f"lead-decided primary: {'right' if right(row, regions) else 'wrong'} now, "
                    f"{'right' if right(row, regions_flat) else 'wrong'} with lead = body"
                )
                counts[key] += 1
                listed.append(
                    f"  {key}: {name_half} {row['id']} {','.join(regions) or '-'} -> "
                    f"{','.join(regions_flat) or '-'}"
                )
    for key, n in counts.items():
        print(f"{key:<62}{n:>5}")
    if args.list and listed:
        print("\n".join(sorted(listed)))
    weights = [float(w) for w in args.lead.split(",") if w]
    if weights:
        current = scoring.FIELD_WEIGHT["lead"]
        print(f"\n{'set':<22}" + "".join(f"{'lead ' + str(w):>16}" for w in [current, *weights]))
        other = {}
        for w in weights:
            with lead_weight(w):
                other[w] = {name: run(pipeline, capture, unseen, name, rows) for name, rows in sets}
        for name, rows in sets:
            for label, keep in parts(name, rows):
                cells = [score(rows, base[name], keep)]
                cells += [score(rows, other[w][name], keep) for w in weights]
                print(f"{label:<22}" + "".join(f"{s.f1:>10.3f} {s.primary:.3f}" for s in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
