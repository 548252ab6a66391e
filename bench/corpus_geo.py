"""Region accuracy of the real pipeline on the shared real-news corpus, dev and held-out apart.

    python bench/corpus_geo.py [--sets geo_en,geo_multilingual] [--parts dev,heldout]
                               [--file bench/data/x.jsonl ...] [--misses] [--json OUT]
                               [--as text|json|payload] [--lang en|xx]

``--file`` scores a labelled file of the project's own (same keys as the corpus, e.g. the
real-news extension ``bench/data/geo_real_en.jsonl``) as one more dev set; ``--parts dev``
keeps the held-out figures out of sight while tuning.

``--as payload`` feeds a row's own ``payload`` string (a whole agency file: NewsML-G2, NITF,
ninjs, ANPA-1312, IPTC 7901, e.g. ``bench/data/geo_agency_r51.jsonl``) as the raw message, named
by its ``format`` (``.xml``, ``.json``, ``.txt``), so the agency's metadata is read as the worker
reads it; ``--lang en`` (or ``xx``: every other language) keeps those rows only, and rows with a
``format`` are also counted per format.

Each corpus row becomes what ``wire inspect`` sees for a plain-text file: ``headline``, a blank
line, then ``body``, as one raw payload through :meth:`Pipeline.prepare` (so parsing, the dateline
reader and language detection are included). If the parser splits the payload, the first item
(the one with the headline) is scored and the split is counted.

Measures, per set and part:

- **region micro-F1**: over all rows, a predicted region is a true positive when it is in the
  row's ``regions`` or ``acceptable``; a false positive otherwise; a gold ``regions`` entry that
  was not predicted is a false negative (``acceptable`` regions are never required). ``unlocated``
  is a region like any other (an empty prediction is ``["unlocated"]``).
- **primary accuracy**: the first predicted region equals the first gold region, or is in
  ``acceptable`` (the README's conventions, e.g. Turkey -> middle-east with europe acceptable).
- **primary by language**: the same, per ``lang``.
- **exact set**: rows with no false positive and no false negative (the predicted set is the gold
  ``regions`` plus any of ``acceptable``).

``--misses`` lists the dev rows whose primary is wrong or whose set has a false positive or
negative, with the evidence that decided them; held-out rows are only ever counted, never shown,
so tuning cannot look at them.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from bench.corpus import file_rows
from streams import jsonio
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import H_FILENAME, H_SOURCE, RawMessage, WireItem
from streams.core.pipeline import Pipeline
from streams.settings import Settings

SETS = ("geo_en", "geo_multilingual")
UNLOCATED = "unlocated"


@dataclass(slots=True)
class Score:
    """Counts for one set and part; figures are derived from them."""

    rows: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    primary_ok: int = 0
    exact_ok: int = 0
    split: int = 0
    by_lang: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    #: Per ``format`` (rows that name one): [primary right, exact set, rows].
    by_format: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    @property
    def f1(self) -> float:
        prec = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        rec = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * prec * rec / (prec + rec) if prec + rec else 0.0

    @property
    def primary(self) -> float:
        return self.primary_ok / max(1, self.rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "micro_f1": round(self.f1, 3),
            "primary": round(self.primary, 3),
            "primary_ok": self.primary_ok,
            "exact_ok": self.exact_ok,
            "split_payloads": self.split,
            "primary_by_lang": {
                k: {"ok": v[0], "of": v[1]} for k, v in sorted(self.by_lang.items())
            },
            "by_format": {
                k: {"primary_ok": v[0], "exact_ok": v[1], "of": v[2]}
                for k, v in sorted(self.by_format.items())
            },
        }


#: How rows are fed: "text" (headline, blank line, body: the text alone, the figures of every
#: session before 17) or "json" (the row itself, as ``wire inspect`` reads a ``.jsonl`` file:
#: its ``source_url`` is the item's web address, so the outlet's home counts; the labels are
#: keys no reader uses) or "payload" (the row's ``payload`` string, a whole agency file). Set by
#: ``--as``.
FEED = {"as": "text"}

#: The file name's extension for a payload row, by its ``format`` (what a file drop would carry).
PAYLOAD_EXT = {
    "newsml-g2": "xml",
    "nitf": "xml",
    "ninjs": "json",
    "anpa1312": "txt",
    "iptc7901": "txt",
}


def payload(row: dict[str, Any]) -> bytes:
    """The row as a plain-text file: headline, blank line, body (what a user would feed inspect);
    with ``--as json`` the row's own JSON line; with ``--as payload`` its ``payload``."""
    if FEED["as"] == "payload":
        return str(row["payload"]).encode()
    if FEED["as"] == "json":
        return jsonio.dumps(row)
    head = str(row.get("headline") or "").strip()
    body = str(row.get("body") or "").strip()
    return (f"{head}\n\n{body}\n" if head else f"{body}\n").encode()


def run_item(pipeline: Pipeline, row: dict[str, Any], offset: int = 0) -> tuple[WireItem, int]:
    """The first item the pipeline makes of the row, and how many items it made."""
    ext = {"text": "txt", "json": "json"}.get(FEED["as"]) or PAYLOAD_EXT.get(
        str(row.get("format")), "txt"
    )
    raw = RawMessage(
        payload(row),
        {H_SOURCE: b"corpus", H_FILENAME: f"{row['id']}.{ext}".encode()},
        topic="file",
        partition=0,
        offset=offset,
        timestamp_ms=1_700_000_000_000 + offset,
    )
    items = pipeline.prepare(raw)
    return items[0], len(items)


def judge(row: dict[str, Any], pred: list[str]) -> tuple[int, int, int, bool]:
    """(tp, fp, fn, primary right) of one row, as defined in the module docstring."""
    gold = [str(r) for r in row["regions"]] or [UNLOCATED]
    ok = set(gold) | {str(r) for r in row.get("acceptable") or ()}
    got = pred or [UNLOCATED]
    tp = sum(1 for r in got if r in ok)
    fp = len(got) - tp
    fn = sum(1 for r in gold if r not in got)
    return tp, fp, fn, got[0] == gold[0] or got[0] in ok - set(gold)


def score(
    pipeline: Pipeline,
    name: str,
    part: corpus.Part,
    misses: list[str] | None = None,
    rows: list[dict[str, Any]] | None = None,
) -> Score:
    s = Score()
    source = rows if rows is not None else corpus.rows(name, part)
    for n, row in enumerate(source):
        item, count = run_item(pipeline, row, n)
        pred = list(item.ext.regions)
        tp, fp, fn, prim = judge(row, pred)
        s.rows += 1
        s.tp, s.fp, s.fn = s.tp + tp, s.fp + fp, s.fn + fn
        s.primary_ok += prim
        s.exact_ok += not fp and not fn
        s.split += count > 1
        if row.get("format"):
            fmt = s.by_format[str(row["format"])]
            fmt[0], fmt[1], fmt[2] = fmt[0] + prim, fmt[1] + (not fp and not fn), fmt[2] + 1
        lang = s.by_lang[str(row.get("lang") or "?")]
        lang[0] += prim
        lang[1] += 1
        if misses is not None and part == "dev" and (fp or fn or not prim):
            misses.append(_miss(pipeline, row, item, pred))
    return s


def _miss(pipeline: Pipeline, row: dict[str, Any], item: WireItem, pred: list[str]) -> str:
    gold = ",".join(row["regions"]) or UNLOCATED
    acc = ",".join(row.get("acceptable") or ())
    lines = [
        f"- {row['id']} [{row.get('lang')}/{item.language}] gold={gold}"
        + (f" (ok {acc})" if acc else "")
        + f" got={','.join(pred) or UNLOCATED} countries={','.join(row.get('countries') or ())}",
        f"    {item.headline[:100]!r} located={item.located!r} desk={item.ext.desk!r}"
        + (f" [{row['agency']} {row['format']}]" if row.get("format") else ""),
    ]
    for e in item.ext.evidence:
        lines.append(
            f"    {e.field:<8} {e.text[:30]!r:<32} {e.country or '-':<3} "
            f"{e.rule:<24} {e.weight:.2f}"
        )
    return "\n".join(lines)


def _keep(rows: list[dict[str, Any]], lang: str | None) -> list[dict[str, Any]]:
    """The rows of one language (``xx``: every language but English), or all of them."""
    if lang is None:
        return rows
    return [r for r in rows if (r.get("lang") != "en" if lang == "xx" else r.get("lang") == lang)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--parts", default="dev,heldout", help="dev, heldout or both")
    ap.add_argument(
        "--file", type=Path, action="append", default=[], help="a project-owned labelled file"
    )
    ap.add_argument("--misses", action="store_true", help="list dev misses with their evidence")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    ap.add_argument(
        "--as",
        dest="feed",
        choices=["text", "json", "payload"],
        default="text",
        help="feed each row as plain text (default), as its JSON line, with its source_url, "
        "or as its own payload (an agency file)",
    )
    ap.add_argument("--lang", default=None, help="keep rows of this lang only (xx: all but en)")
    args = ap.parse_args()
    FEED["as"] = args.feed
    if not corpus.available():
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    figures: dict[str, Any] = {}
    misses: list[str] = []
    print(f"{'set':<18}{'part':<9}{'rows':>5}{'micro-F1':>10}{'primary':>9}  primary by language")
    parts: list[corpus.Part] = ["dev" if p == "dev" else "heldout" for p in args.parts.split(",")]
    jobs: list[tuple[str, corpus.Part, list[dict[str, Any]] | None]] = [
        (name, part, None) for name in args.sets.split(",") if name for part in parts
    ]
    jobs += [(path.stem, "dev", _keep(file_rows(path), args.lang)) for path in args.file]
    for name, part, rows in jobs:
        s = score(pipeline, name, part, misses if args.misses else None, rows)
        figures[f"{name}/{part}"] = s.as_json()
        langs = " ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(s.by_lang.items()))
        split = f"  ({s.split} split)" if s.split else ""
        print(f"{name:<18}{part:<9}{s.rows:>5}{s.f1:>10.3f}{s.primary:>9.3f}  {langs}{split}")
        print(f"{'':<18}{'':<9}exact set {s.exact_ok}/{s.rows}, primary {s.primary_ok}/{s.rows}")
        for fmt, (prim, exact, n) in sorted(s.by_format.items()):
            print(f"{'':<18}{'':<9}  {fmt:<10} primary {prim}/{n}  exact set {exact}/{n}")
    if args.json:
        args.json.write_bytes(jsonio.dumps(figures) + b"\n")
    if misses:
        print(f"\ndev misses ({len(misses)}):")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
