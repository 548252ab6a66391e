"""Dedup on the shared real-news corpus (``dedup_pairs``): republications, updates, write-ups.

Each row becomes one plain-text payload (headline, blank line, body; the row's ``outlet`` as
the ``wire-source`` header) and goes through the real pure pipeline (``build_pipeline``:
parse, normalise, geo, dedup) with ONE in-memory dedup state per part, as ``wire inspect``
does over files. Order, per event in file order: each group's ``original`` first, then that
group's other rows in file order, then the next group of the event; a desk sees the agency's
first copy before the outlets re-run it. Event time advances one minute per payload.

Scores, per part (``dev``, ``heldout``):

- republications recorded ``duplicate`` or ``update`` (recall), on all pairs and on pairs whose
  containment in the group's original is >= 0.5 (the corpus's own 4-shingle measure);
- updates recognised as ``update``, and updates recorded duplicate or update;
- write-ups falsely recorded ``duplicate`` (must be 0), and write-ups linked ``related_to``;
- links (duplicate, update or related) to an item of another event: wrong links;
- the same-group link: whether a republication's ``duplicate_of``/``update_of`` is an item of
  its own group (a link to another group's story would be a wrong one).

    python bench/corpus_dedup.py                 # dev and heldout totals
    python bench/corpus_dedup.py --part dev -v   # dev, with every dev miss (never heldout)
    python bench/corpus_dedup.py --part dev --posting-cap 1   # every posting list full: a flood
    python bench/corpus_dedup.py --file bench/data/dedup_real_r51.jsonl -v   # a probe, one part

A probe file (``--file``) has the corpus's keys and is run and scored as one part of its own,
in the same order and with the same scores; ``-v`` then lists its misses.

Needs ``../shared/corpus/dedup_pairs.jsonl`` (``WIRE_CORPUS`` overrides the directory).

Figures (issue 16, 2026-12-01; "before" is 118dc04's deduper on the same split and order)::

                                                 dev (before)     heldout (before)
    republications duplicate or update, all      35/43 (7/43)     22/27 (0/27)
    republications dup. or update, c >= 0.5      27/28 (6/28)     15/15 (0/15)
    updates recognised as update                 11/20 (0/20)      7/13 (0/13)
    write-ups falsely recorded duplicate          0/63 (0/63)      0/37 (0/37)
    write-ups linked related_to                   6/63 (0/63)      2/37 (0/37)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from bench.corpus import file_rows
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.dedup.deduper import DedupConfig
from streams.core.model import H_FILENAME, H_SOURCE, RawMessage
from streams.settings import Settings

BASE_MS = 1_795_000_000_000
MINUTE_MS = 60_000


def ordered(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per event (first seen first), per group: the original, then the rest in file order."""
    events: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        events.setdefault(row["event"], {}).setdefault(row["group"], []).append(row)
    out: list[dict[str, Any]] = []
    for groups in events.values():
        for members in groups.values():
            out.extend(r for r in members if r["role"] == "original")
            out.extend(r for r in members if r["role"] != "original")
    return out


def payload(row: dict[str, Any]) -> bytes:
    head = (row.get("headline") or "").strip()
    text = f"{head}\n\n{row['body']}" if head else row["body"]
    return text.encode("utf-8")


@dataclass
class Outcome:
    """What the pipeline made of one row (its first item; a payload split in two is noted)."""

    row: dict[str, Any]
    status: str
    target: str | None  # the row id its duplicate_of / update_of points at
    related: str | None  # the row id its related_to points at
    items: int
    similarity: float | None = None  # the decision's similarity, when it reports one


@dataclass
class Score:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def run(rows: list[dict[str, Any]], config: DedupConfig | None = None) -> list[Outcome]:
    pipeline = build_pipeline(Settings(), MemoryStore())
    if config is not None:
        pipeline.deduper.config = config
    uri_row: dict[str, str] = {}
    out: list[Outcome] = []
    for index, row in enumerate(ordered(rows)):
        now = BASE_MS + index * MINUTE_MS
        raw = RawMessage(
            payload(row),
            {H_SOURCE: row["outlet"].encode(), H_FILENAME: f"{row['id']}.txt".encode()},
            topic="file",
            partition=0,
            offset=index,
            timestamp_ms=now,
        )
        items = pipeline.prepare(raw)
        first: Outcome | None = None
        for item in items:
            decision, _ = pipeline.decide(item, now)
            pipeline.remember(item, decision, now)
            uri_row.setdefault(item.uri, row["id"])
            link = decision.duplicate_of or decision.update_of
            result = Outcome(
                row,
                decision.status,
                uri_row.get(link) if link else None,
                uri_row.get(decision.related_to) if decision.related_to else None,
                len(items),
                decision.similarity,
            )
            first = first or result
        assert first is not None
        out.append(first)
    return out


def score(outcomes: list[Outcome]) -> dict[str, int]:
    group_of = {o.row["id"]: o.row["group"] for o in outcomes}
    event_of = {o.row["id"]: o.row["event"] for o in outcomes}
    s = Score()
    for o in outcomes:
        role, status = o.row["role"], o.status
        same_group = o.target is not None and group_of.get(o.target) == o.row["group"]
        if o.items > 1:
            s.add("split payloads")
        for link in (o.target, o.related):
            if link is not None and event_of.get(link) != o.row["event"]:
                s.add("links to another event")
        if role == "republication":
            high = (o.row.get("containment") or 0.0) >= 0.5
            caught = status in ("duplicate", "update")
            s.add("rep")
            s.add("rep caught", caught)
            s.add("rep duplicate", status == "duplicate")
            s.add("rep caught, own group", caught and same_group)
            s.add("rep linked (any)", caught or o.related is not None)
            if high:
                s.add("rep c>=0.5")
                s.add("rep c>=0.5 caught", caught)
        elif role == "update":
            s.add("upd")
            s.add("upd update", status == "update")
            s.add("upd caught", status in ("duplicate", "update"))
        elif role == "write-up":
            s.add("wu")
            s.add("wu false duplicate", status == "duplicate")
            s.add("wu update", status == "update")
            s.add("wu related", o.related is not None)
        elif role == "original":
            s.add("orig")
            s.add("orig not routed", status != "routed")
    return s.counts


def report(part: str, counts: dict[str, int]) -> str:
    c = counts.get

    def frac(a: str, b: str) -> str:
        n, d = c(a, 0), c(b, 0)
        return f"{n} of {d} ({n / d:.2f})" if d else "n/a"

    lines = [
        f"[{part}]",
        f"  republications duplicate or update, all     {frac('rep caught', 'rep')}",
        f"  republications duplicate or update, c>=0.5  {frac('rep c>=0.5 caught', 'rep c>=0.5')}",
        f"  republications recorded duplicate           {frac('rep duplicate', 'rep')}",
        f"  republications linked to their own group    {frac('rep caught, own group', 'rep')}",
        f"  republications linked in any way            {frac('rep linked (any)', 'rep')}",
        f"  updates recognised as update                {frac('upd update', 'upd')}",
        f"  updates duplicate or update                 {frac('upd caught', 'upd')}",
        f"  write-ups falsely recorded duplicate        {frac('wu false duplicate', 'wu')}",
        f"  write-ups recorded update                   {frac('wu update', 'wu')}",
        f"  write-ups linked related_to                 {frac('wu related', 'wu')}",
        f"  originals not routed as new                 {frac('orig not routed', 'orig')}",
        f"  links to another event's item (wrong)       {c('links to another event', 0)}",
        f"  payloads split into several items           {c('split payloads', 0)}",
    ]
    return "\n".join(lines)


def evaluate(
    part: corpus.Part, config: DedupConfig | None = None
) -> tuple[dict[str, int], list[Outcome]]:
    outcomes = run(list(corpus.rows("dedup_pairs", part)), config)
    return score(outcomes), outcomes


def evaluate_file(
    path: Path, config: DedupConfig | None = None
) -> tuple[dict[str, int], list[Outcome]]:
    """A probe file run and scored as one part, like a corpus part."""
    outcomes = run(file_rows(path), config)
    return score(outcomes), outcomes


def _misses(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        role = o.row["role"]
        wrong = (
            (role == "republication" and o.status not in ("duplicate", "update"))
            or (role == "update" and o.status != "update")
            or (role == "write-up" and o.status == "duplicate")
        )
        if wrong:
            sim = "" if o.similarity is None else f" sim={o.similarity:.2f}"
            related = f" related_to={o.related}" if o.related else ""
            print(
                f"    {role:13} {o.status:9} {o.row['id']:40} "
                f"c={o.row.get('containment')} j={o.row.get('jaccard')} -> {o.target}"
                f"{related}{sim}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=["dev", "heldout", "both"], default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="list dev (or --file) misses")
    ap.add_argument(
        "--file",
        type=Path,
        help="a probe file with the corpus's keys, run and scored as one part (no corpus part)",
    )
    ap.add_argument(
        "--posting-cap",
        type=int,
        help="DedupConfig.posting_cap (1: every list is full, as after a flood)",
    )
    ap.add_argument(
        "--flood-shared", type=int, help="DedupConfig.flood_shared (0: no second chance)"
    )
    args = ap.parse_args(argv)
    changes = {
        name: value
        for name, value in (("posting_cap", args.posting_cap), ("flood_shared", args.flood_shared))
        if value is not None
    }
    config = DedupConfig(**changes) if changes else None
    if args.file is not None:
        counts, outcomes = evaluate_file(args.file, config)
        print(report(args.file.stem, counts))
        if args.verbose:
            _misses(outcomes)
        return 0
    if not corpus.available("dedup_pairs"):
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    parts: list[corpus.Part] = ["dev", "heldout"] if args.part == "both" else [args.part]
    for part in parts:
        counts, outcomes = evaluate(part, config)
        print(report(part, counts))
        if args.verbose and part == "dev":
            _misses(outcomes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
