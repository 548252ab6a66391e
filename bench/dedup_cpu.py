"""Dedup's CPU per item, and every decision it makes, over fixed bench traffic.

Stage 1 (parse, geo, features) runs once, untimed; then the bench times, in CPU seconds
(``time.process_time``, steadier than wall time on a shared machine), ``sketch_text`` over each
item's dedup text and stage 2 as the route agent runs it (``routable``, ``prefetch``,
``decide_routable``, ``remember_routable``, a fresh :class:`MemoryStore` each repeat), and
reports the median of ``--reps`` repeats. Event time is the traffic's own clock, so runs are
deterministic; ``--step-ms`` spaces raw messages further apart and ``--evict-every`` sweeps the
window as the worker does, so a run can also cover eviction. ``--prefill N`` first remembers N
stories with random sketches (untimed), so the candidate index has the size of a long-running
worker's (8 postings a story); a random 32-bit hash meets the traffic's only by chance (with
100,000 stories, 2 of 5,002 decisions differ from an unfilled run), the same in every tree.

It also prints how many remembered stories no posting list holds at the end (all the lists
they were to join were full when they were remembered: a later republication finds them only
through the flood's second chance).

``--decisions FILE`` writes one JSON line per item: its hand-off header's hash (the sketch,
facts, fingerprint and agreement keys stage 1 sends) and stage 2's decision. Two code trees
decide identically on this traffic when the files are equal::

    PYTHONPATH=/path/to/main python bench/dedup_cpu.py --decisions /tmp/main.jsonl
    PYTHONPATH=. python bench/dedup_cpu.py --decisions /tmp/mine.jsonl
    cmp /tmp/main.jsonl /tmp/mine.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import orjson

import streams
from bench.traffic import generate
from streams.core.assemble import build_pipeline
from streams.core.dedup import Decision, MemoryStore
from streams.core.dedup.deduper import Features
from streams.core.dedup.handoff import HEADER
from streams.core.dedup.sketch import K, Sketch, sketch_text
from streams.core.model import RawMessage
from streams.core.pipeline import Outbound, Pipeline
from streams.errors import WireError
from streams.settings import Settings

START_MS = 1_764_000_000_000


def new_pipeline() -> Pipeline:
    return build_pipeline(Settings.from_env({}), MemoryStore())


def stage1(
    items: int, seed: int, step_ms: int
) -> tuple[list[tuple[int, list[Outbound]]], list[str]]:
    """Each raw message's ``wire.items`` records with its time, and every item's dedup text."""
    pipeline = new_pipeline()
    staged: list[tuple[int, list[Outbound]]] = []
    texts: list[str] = []
    for offset, record in enumerate(generate(items, seed=seed)):
        now = START_MS + offset * step_ms
        raw = RawMessage(record.value, record.headers(), "wire.raw", 0, offset, now)
        try:
            parsed = pipeline.prepare(raw)
        except WireError:
            continue
        staged.append((now, pipeline.item_records(parsed)))
        texts.extend(it.body if it.bodies else it.headline for it in parsed)
    return staged, texts


def prefill(pipeline: Pipeline, stories: int) -> None:
    """Remember ``stories`` stories with random sketches, an hour before the traffic starts."""
    rng = np.random.default_rng(17)
    for i in range(stories):
        mins = np.unique(rng.integers(0, 1 << 32, K, dtype=np.uint32))
        facts = np.unique(rng.integers(0, 1 << 32, 8, dtype=np.uint32))
        f = Features(
            uri=f"urn:bench:fill:{i}",
            version=1,
            pubstatus="usable",
            revises=False,
            regions=("europe",),
            fingerprint=f"{i:016x}",
            sketch=Sketch(mins, 400, facts, ""),
            agreement=(),
        )
        pipeline.deduper.remember(f, Decision("routed"), START_MS - 3_600_000)


def never_posted(pipeline: Pipeline) -> tuple[int, int]:
    """Stories remembered (store records) and how many of them no posting list holds: those
    a later republication can find only through the flood's second chance."""
    deduper = pipeline.deduper
    _, ids, _, recent = deduper.index.postings()
    posted = set(ids.tolist())
    for members in recent.values():
        posted.update(members)
    stories = [int(key[2:], 16) for key, _ in deduper.store.scan() if key.startswith("s:")]
    return len(stories), sum(1 for sid in stories if sid not in posted)


def stage2(
    staged: list[tuple[int, list[Outbound]]], evict_every: int, stories: int = 0
) -> tuple[float, list[dict[str, Any]], tuple[int, int]]:
    """Stage 2 over every record, as the route agent runs it: CPU seconds, decisions, and
    (stories remembered, stories never posted) at the end (:func:`never_posted`)."""
    pipeline = new_pipeline()
    prefill(pipeline, stories)
    rows: list[dict[str, Any]] = []
    cpu = time.process_time()
    for n, (now, records) in enumerate(staged):
        batch = [pipeline.routable(out.value, dict(out.headers)) for out in records]
        pipeline.prefetch(batch)
        for r in batch:
            decision, _ = pipeline.decide_routable(r, now)
            pipeline.remember_routable(r, decision, now)
            rows.append(
                {
                    "uri": r.features.uri,
                    "status": decision.status,
                    "duplicate_of": decision.duplicate_of,
                    "update_of": decision.update_of,
                    "related_to": decision.related_to,
                    "similarity": decision.similarity,
                    "regions": decision.regions,
                }
            )
        if evict_every and n % evict_every == evict_every - 1:
            rows.append({"evicted": pipeline.evict(now)})
    spent = time.process_time() - cpu
    return spent, rows, never_posted(pipeline)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--step-ms", type=int, default=1000)
    ap.add_argument("--evict-every", type=int, default=0, metavar="N", help="raw messages")
    ap.add_argument("--prefill", type=int, default=0, metavar="N", help="stories")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--decisions", type=Path)
    args = ap.parse_args(argv)
    print("streams from", Path(streams.__file__).parent)
    staged, texts = stage1(args.items, args.seed, args.step_ms)
    n = sum(len(records) for _, records in staged)

    sketch_s: list[float] = []
    stage2_s: list[float] = []
    rows: list[dict[str, Any]] = []
    unposted = (0, 0)
    for _ in range(args.reps):
        cpu = time.process_time()
        for text in texts:
            sketch_text(text)
        sketch_s.append(time.process_time() - cpu)
        spent, rows, unposted = stage2(staged, args.evict_every, args.prefill)
        stage2_s.append(spent)
    sketch_us = 1e6 * statistics.median(sketch_s) / len(texts)
    stage2_ms = 1e3 * statistics.median(stage2_s) / n
    statuses: dict[str, int] = {}
    for row in rows:
        if "status" in row:
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    print(
        f"{n} items: sketch_text {sketch_us:.1f} CPU us/item, stage 2 {stage2_ms:.3f} CPU ms/item"
        f" (medians of {args.reps}), statuses {statuses}"
    )
    print(
        f"stories remembered {unposted[0]}, never posted (no posting list holds them) {unposted[1]}"
    )
    if args.decisions is not None:
        headers = [
            hashlib.blake2b(dict(out.headers)[HEADER], digest_size=8).hexdigest()
            for _, records in staged
            for out in records
        ]
        decided = iter(row for row in rows if "status" in row)
        with args.decisions.open("wb") as fh:
            for header in headers:
                fh.write(orjson.dumps({"header": header, **next(decided)}) + b"\n")
            for row in rows:
                if "evicted" in row:
                    fh.write(orjson.dumps(row) + b"\n")
        print("decisions written to", args.decisions)


if __name__ == "__main__":
    main()
