"""Geo's set-level decisions (which regions, in which order, or none) calibrated across every
English dev row at once, by leave-files-out cross-validation (issue #16, session 34).

    WIRE_COMPILED=0 PYTHONPATH=. .venv/bin/python bench/tools/geo_calibrate.py
        [--grid small|wide] [--as text|json] [--unseen] [--cache /tmp/NAME/cal.pickle]
        [--breakdown [--errors OUT]] [--ablate]

Rows: every ``bench/data/geo_real_en_a*.jsonl`` (all of them dev data; a probe's one untuned
score is recorded in bench/README.md) and the corpus's ``geo_en`` dev part. Held-out rows are
never read. Each row runs once through the real pipeline (interpreted core: the scoring
constants are module attributes there, inlined in the compiled one); the tagger's last
decision step of the row's first item (``GeoTagger._decide``) is recorded with a copy of the
weighed mentions it read, so every grid point re-runs that same step on the copies under other
values of ``scoring``'s decision constants, with no new pipeline run:

- ``SECONDARY_REGION_SHARE`` (a country's weight in its second region),
- ``MIN_REGION_SCORE`` (the unlocated floor, and a second region's floor),
- ``LONE_ACTOR_MIN`` (the floor for a lone leader or institution),
- ``MIN_REGION_SHARE`` (a second region's share of the top region's text score),
- ``TOPIC_MENTIONS`` / ``MIN_TOPIC_SHARE`` (a second region named again and again),
- ``SECONDARY_PLACE_MENTIONS`` (the passing-mention cut),
- ``desk`` (a factor on the weight of desk mentions: ``FIELD_WEIGHT["desk"]``, ``DESK_FACTOR``),
- ``dateline`` (a factor on a dateline that is no desk: ``FIELD_WEIGHT["located"]``).

A re-decided set that equals the recorded step's keeps the row's final regions (what the
court-first order or a fall-back such as the outlet's home made of it); one that differs
replaces them; an emptied one is scored ``unlocated`` (the fall-backs are not re-run: such rows
are counted as ``emptied``). At the current values every row must come back as the pipeline
gave it (``replay mismatches`` is printed; it must be 0).

Folds: the odd-numbered files, the even-numbered files, and the corpus dev part. For each fold
the grid point best on the other two (pooled micro-F1, then exact sets) is scored on it; the
pooled held-out-fold figures against the current values' say whether any change generalises.
``--breakdown`` lists the set errors at the current values by kind (missed second region,
extra region, wrong primary, unlocated errors), per group and pooled.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import pickle
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # before ``streams`` is imported: it picks the core once
    os.environ.setdefault("WIRE_COMPILED", "0")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import corpus
from bench.corpus import file_rows
from bench.corpus_geo import FEED, UNLOCATED, judge, run_item
from bench.geo_cv import _banned_per_row, _Unseen
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.geo import scoring
from streams.core.geo.tagger import GeoResult, GeoTagger
from streams.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data"
#: The decision step itself, before :class:`_Recorder` wraps it.
_DECIDE = GeoTagger._decide
_SECONDARY = GeoTagger._secondary


def _no_order(self: Any, mentions: list[Any], regions: list[str], *rest: Any) -> None:
    """An order rule switched off."""


def _no_lead_region(self: Any, regions: list[str], country_score: dict[str, float]) -> None:
    """``_lead_country_region`` switched off."""


def _no_headline_second(score: float, top: float, places: int, headlined: bool) -> bool:
    """A second region by its text score and place mentions alone, never by a headline."""
    return bool(_SECONDARY(score, top, places, False))


#: Rules of the set and order decision switched off one at a time (``--ablate``): what each
#: does across every dev row.
ABLATIONS: dict[str, dict[str, Any]] = {
    "no _dateline_first": {"_dateline_first": _no_order},
    "no _where_first": {"_where_first": _no_order},
    "no _lead_country_region": {"_lead_country_region": _no_lead_region},
    "no headline second region": {"_secondary": staticmethod(_no_headline_second)},
}

#: The decision constants a grid point sets (``desk`` and ``dateline`` are weight factors).
CURRENT: dict[str, float] = {
    "SECONDARY_REGION_SHARE": scoring.SECONDARY_REGION_SHARE,
    "MIN_REGION_SCORE": scoring.MIN_REGION_SCORE,
    "LONE_ACTOR_MIN": scoring.LONE_ACTOR_MIN,
    "MIN_REGION_SHARE": scoring.MIN_REGION_SHARE,
    "TOPIC_MENTIONS": scoring.TOPIC_MENTIONS,
    "MIN_TOPIC_SHARE": scoring.MIN_TOPIC_SHARE,
    "SECONDARY_PLACE_MENTIONS": scoring.SECONDARY_PLACE_MENTIONS,
    "desk": 1.0,
    "dateline": 1.0,
}

#: Values per constant; a grid varies one or two constants at a time around the current point
#: (a full product of nine axes would be fitted to noise on 3,000 rows).
AXES: dict[str, tuple[float, ...]] = {
    "SECONDARY_REGION_SHARE": (0.5, 0.7, 0.8, 0.9, 1.0),
    "MIN_REGION_SCORE": (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2),
    "LONE_ACTOR_MIN": (0.4, 0.5, 0.6, 0.7),
    "MIN_REGION_SHARE": (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "TOPIC_MENTIONS": (2, 3, 4, 5, 6, 100),
    "MIN_TOPIC_SHARE": (0.05, 0.08, 0.12, 0.16, 0.2),
    "SECONDARY_PLACE_MENTIONS": (1, 2, 3, 4),
    "desk": (0.0, 0.5, 1.0, 2.0, 4.0),
    "dateline": (0.5, 0.75, 1.0, 1.5, 2.0),
}
#: Pairs varied together in ``--grid wide`` (the second-region rule's own knobs).
PAIRS: tuple[tuple[str, str], ...] = (
    ("MIN_REGION_SHARE", "SECONDARY_PLACE_MENTIONS"),
    ("MIN_REGION_SHARE", "MIN_TOPIC_SHARE"),
    ("TOPIC_MENTIONS", "MIN_TOPIC_SHARE"),
    ("MIN_REGION_SCORE", "LONE_ACTOR_MIN"),
    ("MIN_REGION_SHARE", "SECONDARY_REGION_SHARE"),
)


@dataclass(slots=True)
class Row:
    """One dev row: its group, labels, the pipeline's final regions, and the decision step's
    input (mention copies) and output."""

    group: str
    fold: str
    row_id: str
    gold: dict[str, Any]
    final: list[str]
    decided: list[str] | None
    mentions: list[Any]
    own_headline: bool


class _Recorder:
    """Wraps ``GeoTagger.tag`` and ``GeoTagger._decide`` (interpreted classes): the last decision
    step of the first ``tag`` call since :meth:`reset`, with copies of its mentions."""

    def __init__(self) -> None:
        self.calls = 0
        self.decide: tuple[list[Any], bool, list[str]] | None = None
        self.final: list[str] = []
        tag, decide = GeoTagger.tag, GeoTagger._decide
        rec = self

        def tag_wrap(tagger: GeoTagger, item: Any) -> GeoResult:
            rec.calls += 1
            result = tag(tagger, item)
            if rec.calls == 1:
                rec.final = list(result.regions)
            return result

        def decide_wrap(tagger: GeoTagger, mentions: list[Any], own: bool) -> GeoResult:
            kept = [copy.copy(m) for m in mentions]
            result = decide(tagger, mentions, own)
            if rec.calls == 1:
                rec.decide = (kept, own, list(result.regions))
            return result

        GeoTagger.tag = tag_wrap  # type: ignore[method-assign, assignment]
        GeoTagger._decide = decide_wrap  # type: ignore[method-assign, assignment]
        self._decide = decide

    def reset(self) -> None:
        self.calls, self.decide, self.final = 0, None, []


def _file_number(path: Path) -> int:
    match = re.search(r"_a(\d+)\.jsonl$", path.name)
    assert match, path
    return int(match.group(1))


def collect(feed: str, unseen: bool) -> tuple[list[Row], Any]:
    FEED["as"] = feed
    rec = _Recorder()
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    sources: list[tuple[str, str, dict[str, Any]]] = []
    for path in sorted(DATA.glob("geo_real_en_a*.jsonl"), key=_file_number):
        n = _file_number(path)
        sources += [(path.stem, "odd" if n % 2 else "even", row) for row in file_rows(path)]
    sources += [("geo_en/dev", "corpus", row) for row in corpus.rows("geo_en", "dev")]
    banned: list[frozenset[str]] = []
    wrap = _Unseen(pipeline) if unseen else None
    if wrap is not None:
        # One set of every dev row: a list name no other dev row fires is dropped from its row.
        banned = _banned_per_row(pipeline, wrap, [row for _, _, row in sources])
    out: list[Row] = []
    for n, (group, fold, row) in enumerate(sources):
        if wrap is not None:
            wrap.banned = banned[n]
        rec.reset()
        item, _ = run_item(pipeline, row, n)
        assert list(item.ext.regions) == rec.final, row["id"]
        kept, own, decided = rec.decide if rec.decide else ([], False, None)
        gold = {k: row.get(k) for k in ("regions", "acceptable")}
        out.append(Row(group, fold, str(row["id"]), gold, rec.final, decided, kept, own))
    return out, pipeline.tagger


@contextmanager
def values(point: dict[str, float]) -> Iterator[None]:
    old = {k: getattr(scoring, k) for k in point if k.isupper()}
    for k, v in point.items():
        if k.isupper():
            setattr(scoring, k, int(v) if isinstance(CURRENT[k], int) else v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(scoring, k, v)


def _scaled(mentions: list[Any], desk: float, dateline: float) -> list[Any]:
    if desk == 1.0 and dateline == 1.0:
        return mentions
    out = []
    for m in mentions:
        factor = 1.0
        if m.fld == "desk" or m.rule in ("desk", "agency-desk"):
            factor = desk
        elif m.fld == "located" and m.rule != "dateline-extra":
            factor = dateline
        if factor != 1.0:
            m = copy.copy(m)
            m.weight *= factor
        out.append(m)
    return out


def redecide(
    tagger: Any, rows: list[Row], point: dict[str, float], ablate: str = ""
) -> list[list[str]]:
    """Every row's regions under ``point`` (see the module docstring), with the rules of
    ``ABLATIONS[ablate]`` switched off."""
    preds: list[list[str]] = []
    swapped = ABLATIONS.get(ablate, {})
    saved = {k: GeoTagger.__dict__[k] for k in swapped}
    for k, v in swapped.items():
        setattr(GeoTagger, k, v)
    try:
        with values(point):
            for r in rows:
                if r.decided is None:
                    preds.append(r.final)
                    continue
                mentions = _scaled(r.mentions, point["desk"], point["dateline"])
                got = list(_DECIDE(tagger, mentions, r.own_headline).regions)
                preds.append(r.final if got == r.decided else got)
    finally:
        for k, v in saved.items():
            setattr(GeoTagger, k, v)
    return preds


@dataclass(slots=True)
class Tally:
    rows: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    primary: int = 0
    exact: int = 0

    def add(self, row: Row, pred: list[str]) -> None:
        tp, fp, fn, prim = judge(row.gold, pred)
        self.rows += 1
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        self.primary += prim
        self.exact += not fp and not fn

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    def line(self) -> str:
        return (
            f"{self.rows:>5} {self.f1:>8.4f} {self.primary:>5}/{self.rows:<5}"
            f" {self.exact:>5}/{self.rows:<5}"
        )


def _exact(row: Row, pred: list[str]) -> bool:
    _, fp, fn, prim = judge(row.gold, pred)
    return not fp and not fn and prim


def tally(rows: list[Row], preds: list[list[str]], keep: set[str]) -> Tally:
    t = Tally()
    for r, p in zip(rows, preds, strict=True):
        if r.fold in keep:
            t.add(r, p)
    return t


def grid(kind: str) -> list[dict[str, float]]:
    points = [dict(CURRENT)]
    for axis, vals in AXES.items():
        points += [dict(CURRENT, **{axis: v}) for v in vals if v != CURRENT[axis]]
    if kind == "wide":
        for a, b in PAIRS:
            for va, vb in itertools.product(AXES[a], AXES[b]):
                if va != CURRENT[a] and vb != CURRENT[b]:
                    points.append(dict(CURRENT, **{a: va, b: vb}))
    return points


def _label(point: dict[str, float]) -> str:
    moved = [f"{k}={point[k]:g}" for k in point if point[k] != CURRENT[k]]
    return ",".join(moved) or "current"


class _Noting:
    """A counter that also notes the row under each kind it counts (``rows`` aside)."""

    def __init__(self, counts: Counter[str], ids: dict[str, list[str]], row: str) -> None:
        self.counts, self.ids, self.row = counts, ids, row

    def __getitem__(self, kind: str) -> int:
        return self.counts[kind]

    def __setitem__(self, kind: str, value: int) -> None:
        self.counts[kind] = value
        if kind != "rows":
            self.ids.setdefault(kind, []).append(self.row)


#: The breakdown's kinds, in print order ("  " marks a part of the line above).
KINDS = (
    "rows",
    "rows with an error",
    "unlocated: located, gold none",
    "unlocated: none, gold has",
    "  of which with counted evidence (below the floor)",
    "wrong place: no predicted region right",
    "wrong primary: a right region, not first",
    "  of which order only (the set right)",
    "  (either) the dateline's country leads",
    "extra region beside a right one",
    "  of which with the primary right",
    "missed region beside a right one",
    "  of which with the primary right (a second region left out)",
)


def breakdown(
    tagger: Any, rows: list[Row], preds: list[list[str]], ids: dict[str, list[str]]
) -> dict[str, Counter[str]]:
    """Set errors by kind, per fold. A located row and a located prediction with no region in
    common is a wrong place (nothing else is counted for it); otherwise a row may count under
    several kinds. ``ids`` gets each kind's row ids (with the gold and predicted regions)."""
    out: dict[str, Counter[str]] = {}
    for r, p in zip(rows, preds, strict=True):
        c = _Noting(out.setdefault(r.fold, Counter()), ids, f"{r.row_id} gold={r.gold} got={p}")
        gold = [str(g) for g in r.gold["regions"] or ()] or [UNLOCATED]
        got = p or [UNLOCATED]
        tp, fp, fn, prim = judge(r.gold, p)
        c["rows"] += 1
        if not fp and not fn and prim:
            continue
        c["rows with an error"] += 1
        if gold == [UNLOCATED] and got != [UNLOCATED]:
            c["unlocated: located, gold none"] += 1
            continue
        if got == [UNLOCATED] and gold != [UNLOCATED]:
            c["unlocated: none, gold has"] += 1
            if any(m.counts and m.fld != "desk" for m in r.mentions):
                c["  of which with counted evidence (below the floor)"] += 1
            continue
        if not prim and any(
            m.fld == "located"
            and m.counts
            and m.rule not in ("desk", "dateline-extra")
            and tagger.table.countries.get(m.country, ())[:1] == (got[0],)
            for m in r.mentions
        ):
            c["  (either) the dateline's country leads"] += 1
        if not tp:
            c["wrong place: no predicted region right"] += 1
            continue
        if not prim:
            c["wrong primary: a right region, not first"] += 1
            if not fp and not fn:
                c["  of which order only (the set right)"] += 1
        if fp:
            c["extra region beside a right one"] += 1
            if prim:
                c["  of which with the primary right"] += 1
        if fn:
            c["missed region beside a right one"] += 1
            if prim:
                c["  of which with the primary right (a second region left out)"] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", choices=("small", "wide"), default="small")
    ap.add_argument("--as", dest="feed", choices=("text", "json"), default="text")
    ap.add_argument(
        "--cache", type=Path, default=None, help="pickle of the recorded rows (this script's own)"
    )
    ap.add_argument("--breakdown", action="store_true")
    ap.add_argument("--ablate", action="store_true", help="the order and set rules, each off")
    ap.add_argument("--errors", type=Path, default=None, help="with --breakdown: ids by kind")
    ap.add_argument(
        "--unseen", action="store_true", help="drop list names no other dev row fires (geo_cv)"
    )
    args = ap.parse_args()
    if os.environ.get("WIRE_COMPILED") != "0":
        print("run with WIRE_COMPILED=0 (the constants are inlined in the compiled core)")
        return 2
    if not corpus.available():
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    if args.cache and args.cache.is_file():
        rows = pickle.loads(args.cache.read_bytes())
        tagger = build_pipeline(Settings.from_env(), MemoryStore()).tagger
    else:
        rows, tagger = collect(args.feed, args.unseen)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    folds = ("odd", "even", "corpus")
    base = redecide(tagger, rows, CURRENT)
    bad = sum(p != r.final for p, r in zip(base, rows, strict=True))
    print(f"rows {len(rows)}; replay mismatches at the current values: {bad}")
    print(f"{'fold':<8} {'rows':>5} {'microF1':>8} {'primary':>11} {'exact set':>11}")
    for f in folds:
        print(f"{f:<8} {tally(rows, base, {f}).line()}")
    print(f"{'all':<8} {tally(rows, base, set(folds)).line()}")
    if args.breakdown:
        ids: dict[str, list[str]] = {}
        per = breakdown(tagger, rows, base, ids)
        if args.errors:
            args.errors.write_text(
                "".join(f"{k}\n" + "".join(f"  {i}\n" for i in ids.get(k, ())) for k in KINDS)
            )
        pooled: Counter[str] = Counter()
        for c in per.values():
            pooled.update(c)
        print("\nset errors at the current values (a row may count under several kinds)")
        print("  " + " | ".join(f"{name:>6}" for name in (*per, "all")) + " | kind")
        for kind in KINDS:
            counts = [per[f][kind] for f in per] + [pooled[kind]]
            print("  " + " | ".join(f"{n:>6}" for n in counts) + f" | {kind}")
    if args.ablate:
        print("\nrules switched off one at a time: fold micro-F1 (odd even corpus), all;")
        print("rows moved, of which right (exact set and primary) before / after")
        for name in ABLATIONS:
            pr = redecide(tagger, rows, CURRENT, name)
            figs = " ".join(f"{tally(rows, pr, {f}).f1:.4f}" for f in folds)
            changed = [(r, a, b) for r, a, b in zip(rows, base, pr, strict=True) if a != b]
            was = sum(_exact(r, a) for r, a, _ in changed)
            now = sum(_exact(r, b) for r, _, b in changed)
            print(
                f"  {name:<28} {figs}  all {tally(rows, pr, set(folds)).f1:.4f}"
                f"  moved {len(changed)}: {was} / {now}"
            )
    points = grid(args.grid)
    preds = [base] + [redecide(tagger, rows, p) for p in points[1:]]
    emptied = [sum(bool(r.decided) and not q for r, q in zip(rows, p, strict=True)) for p in preds]
    print(f"\n{len(points)} grid points; per point: fold micro-F1 (odd even corpus), all;")
    print("rows moved, of which made right / made wrong (exact set and primary)")
    scored = []
    for p, pr, e in zip(points, preds, emptied, strict=True):
        per_fold = [tally(rows, pr, {f}) for f in folds]
        scored.append((p, per_fold))
        ok = " ".join(f"{t.f1:.4f}" for t in per_fold)
        moved = [(r, a, b) for r, a, b in zip(rows, base, pr, strict=True) if a != b]
        won = sum(_exact(r, b) and not _exact(r, a) for r, a, b in moved)
        lost = sum(_exact(r, a) and not _exact(r, b) for r, a, b in moved)
        print(
            f"  {_label(p):<52} {ok}  all {tally(rows, pr, set(folds)).f1:.4f}"
            f"  rows moved {len(moved)} (right +{won}/-{lost})  emptied {e}"
        )
    print("\nleave-one-fold-out: the point best on the other folds, scored on the fold")
    pooled_cv, pooled_cur = Tally(), Tally()
    for i, f in enumerate(folds):

        def fit(item: tuple[dict[str, float], list[Tally]], i: int = i) -> tuple[float, int]:
            ts = [t for j, t in enumerate(item[1]) if j != i]
            tp, fp, fn = sum(t.tp for t in ts), sum(t.fp for t in ts), sum(t.fn for t in ts)
            return (2 * tp / max(1, 2 * tp + fp + fn), sum(t.exact for t in ts))

        best = max(scored, key=fit)  # the first (current) wins ties
        held, cur = best[1][i], scored[0][1][i]
        for acc, t in ((pooled_cv, held), (pooled_cur, cur)):
            acc.rows, acc.tp, acc.fp, acc.fn = (
                acc.rows + t.rows,
                acc.tp + t.tp,
                acc.fp + t.fp,
                acc.fn + t.fn,
            )
            acc.primary, acc.exact = acc.primary + t.primary, acc.exact + t.exact
        print(f"  {f:<7} fitted {_label(best[0])}: {held.line()}  current {cur.line()}")
    print(f"  pooled  fitted  {pooled_cv.line()}")
    print(f"  pooled  current {pooled_cur.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
