"""Output identity of the pure pipeline: every record it would send, for two versions of the code.

    python bench/pure_identity.py --out A.jsonl [--code DIR] [--items 3000] [--seed 1]
        [--parts dev|all]
    python bench/pure_identity.py --diff A.jsonl B.jsonl [--semantic] [--ignore-header NAME]

A speed-up of the pure core must not change what it sends. ``--out`` runs the whole pure
pipeline (stage 1 records with their hand-off header, stage 2's routed and duplicate records,
dead letters) over the bench traffic and over the shared corpus, and writes one line per
record. Corpus rows go in as plain text (as ``bench/corpus_geo.py`` feeds them), as ninjs with
``body_html`` and as an RSS item with HTML content, so the HTML paths are covered too; the
parse fixtures of the tests go in as they are. ``--code DIR`` imports ``streams`` from another
checkout (e.g. an export of the base commit), so both versions run the same inputs.
``--diff`` lists the records that differ and exits 1 if any does. ``--semantic`` compares
values as parsed JSON (a change of key order only is no difference) and leaves out the
headers named by ``--ignore-header`` (e.g. ``wire-splice``, which a newer stage 1 adds):
for a change that moves keys on purpose, such as the routing fields ending ``wirestream``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / "tests" / "unit" / "core" / "parse" / "fixtures", ROOT / "tests" / "fixtures")
BASE_MS = 1_764_000_000_000
CORPUS_SETS = ("geo_en", "geo_multilingual", "dedup_pairs")


def _corpus_payloads(row: dict[str, Any]) -> Iterator[tuple[str, bytes, str]]:
    """One corpus row as plain text, ninjs with HTML and RSS with HTML (case, bytes, type)."""
    import orjson

    head = str(row.get("headline") or "").strip()
    body = str(row.get("body") or "").strip()
    yield "plain", (f"{head}\n\n{body}\n" if head else f"{body}\n").encode(), "text/plain"
    paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    doc = {"uri": f"corpus:{row['id']}", "headline": head, "body_html": paras}
    yield "ninjs", orjson.dumps(doc), "application/json"
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>c</title>'
        f"<item><title>{html.escape(head)}</title><guid>corpus:{html.escape(str(row['id']))}</guid>"
        f"<description>{html.escape(paras)}</description></item></channel></rss>"
    )
    yield "rss", rss.encode(), "application/rss+xml"


def cases(
    items: int, seed: int, parts: str = "all"
) -> Iterator[tuple[str, str, bytes, dict[str, bytes]]]:
    """(group, case id, payload, headers): one pipeline (one dedup state) per group."""
    from bench import corpus
    from bench.traffic import generate

    for n, record in enumerate(generate(items, seed=seed)):
        yield "traffic", f"traffic/{n}", record.value, record.headers()
    for name in CORPUS_SETS:
        if not corpus.available(name):
            print(f"no corpus set {name} at {corpus.CORPUS_DIR}", file=sys.stderr)
            continue
        for row in corpus.rows(name, "dev" if parts == "dev" else "all"):
            for kind, value, ctype in _corpus_payloads(row):
                headers = {"wire-source": b"corpus", "content-type": ctype.encode()}
                yield f"{name}/{kind}", f"{name}/{kind}/{row['id']}", value, headers
    for base in FIXTURES:
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            if path.suffix in (".md", ".py") or path.name == "expected.json":
                continue
            rel = path.relative_to(ROOT).as_posix()
            headers = {"wire-source": b"fixture", "wire-filename": path.name.encode()}
            yield "fixtures", rel, path.read_bytes(), headers


def write(out: Path, items: int, seed: int, parts: str = "all") -> str:
    """Run every case through the pure pipeline; one JSON line per record sent."""
    import orjson

    from streams.core.assemble import build_pipeline
    from streams.core.dedup import MemoryStore
    from streams.core.model import RawMessage
    from streams.errors import WireError
    from streams.settings import Settings

    tagger = None
    pipelines: dict[str, Any] = {}
    digest = hashlib.sha256()
    with out.open("wb") as sink:
        for offset, (group, case, value, headers) in enumerate(cases(items, seed, parts)):
            if group not in pipelines:
                pipelines[group] = build_pipeline(Settings.from_env({}), MemoryStore(), tagger)
                tagger = pipelines[group].tagger
            pipeline = pipelines[group]
            now = BASE_MS + 1000 * offset
            raw = RawMessage(value, headers, "wire.raw", 0, offset, now)
            records: list[Any] = []
            try:
                staged = pipeline.stage1_records(raw)
            except WireError as exc:
                records.append(("dead", pipeline.dead_letter(raw, exc)))
                staged = []
            records += [("stage1", r) for r in staged]
            batch = [pipeline.routable(r.value, dict(r.headers)) for r in staged]
            pipeline.prefetch(batch)
            for routable in batch:
                decision, routed = pipeline.decide_routable(routable, now)
                pipeline.remember_routable(routable, decision, now)
                records += [("routed", r) for r in routed]
            for n, (kind, r) in enumerate(records):
                line = orjson.dumps(
                    {
                        "case": f"{case}#{n}",
                        "kind": kind,
                        "topic": r.topic,
                        "key": r.key.decode("utf-8", "replace") if r.key else None,
                        "headers": [[k, v.hex()] for k, v in r.headers],
                        "value": r.value.decode("utf-8", "replace"),
                    },
                    option=orjson.OPT_SORT_KEYS,
                )
                digest.update(line)
                sink.write(line + b"\n")
    return digest.hexdigest()


def _same(x: bytes, y: bytes, semantic: bool, ignore: frozenset[str]) -> bool:
    """Two ``--out`` lines equal: as bytes, or (``semantic``) with values parsed."""
    if x == y:
        return True
    if not semantic:
        return False
    import orjson

    dx, dy = orjson.loads(x), orjson.loads(y)
    for d in (dx, dy):
        d["headers"] = [h for h in d["headers"] if h[0] not in ignore]
        with contextlib.suppress(orjson.JSONDecodeError):  # a dead letter's raw bytes
            d["value"] = orjson.loads(d["value"])
    return bool(dx == dy)


def diff(
    a: Path, b: Path, show: int = 10, semantic: bool = False, ignore: frozenset[str] = frozenset()
) -> int:
    """Records that differ between two ``--out`` files, field by field for the first few."""
    import orjson

    left = {orjson.loads(x)["case"]: x for x in a.read_bytes().splitlines()}
    right = {orjson.loads(x)["case"]: x for x in b.read_bytes().splitlines()}
    only = sorted(left.keys() ^ right.keys())
    changed = sorted(
        k for k in left.keys() & right.keys() if not _same(left[k], right[k], semantic, ignore)
    )
    print(f"{len(left)} / {len(right)} records; {len(only)} in one only; {len(changed)} differ")
    for case in (only + changed)[:show]:
        if case not in left or case not in right:
            print(f"  {case}: only in {'A' if case in left else 'B'}")
            continue
        x, y = orjson.loads(left[case]), orjson.loads(right[case])
        print(f"  {case} ({x['topic']}):")
        for name in ("topic", "key", "headers"):
            if name == "headers":
                x[name] = [h for h in x[name] if h[0] not in ignore]
                y[name] = [h for h in y[name] if h[0] not in ignore]
            if x[name] != y[name]:
                print(f"    {name}: {x[name]!r} != {y[name]!r}")
        if x["value"] != y["value"]:
            _diff_docs(x["value"], y["value"])
    return 1 if only or changed else 0


def _diff_docs(a: str, b: str) -> None:
    import orjson

    try:
        da, db = orjson.loads(a), orjson.loads(b)
    except orjson.JSONDecodeError:
        print(f"    value: {a[:200]!r} != {b[:200]!r}")
        return
    for path, x, y in _walk(da, db, ""):
        print(f"    {path}: {str(x)[:160]} != {str(y)[:160]}")


def _walk(a: Any, b: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(a.keys() | b.keys()):
            yield from _walk(a.get(k), b.get(k), f"{path}/{k}")
    elif a != b:
        yield path or "/", a, b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--diff", type=Path, nargs=2, metavar=("A", "B"))
    ap.add_argument("--semantic", action="store_true", help="--diff: values as parsed JSON")
    ap.add_argument(
        "--ignore-header", action="append", default=[], help="--diff --semantic: skip this header"
    )
    ap.add_argument("--code", type=Path, help="import streams from this checkout")
    ap.add_argument("--items", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    # dev (the default since session 27): the corpus's dev rows only, so a speed-up check
    # never reads the held-out part unless asked; "all" adds it, for a release check.
    ap.add_argument("--parts", choices=("all", "dev"), default="dev")
    args = ap.parse_args()
    if args.diff:
        return diff(*args.diff, semantic=args.semantic, ignore=frozenset(args.ignore_header))
    if args.out is None:
        ap.error("--out or --diff")
    sys.path.insert(0, str(ROOT))
    import bench.traffic  # the inputs always from here (it imports no streams)

    if args.code:
        sys.path.insert(0, str(args.code.resolve()))
    import streams

    assert Path(bench.traffic.__file__).parent == ROOT / "bench"

    print(f"streams from {Path(streams.__file__).parent}", file=sys.stderr)
    print(write(args.out, args.items, args.seed, args.parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
