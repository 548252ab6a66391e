"""Output and memory amplification of single hostile raw messages (issue #15, points 1 and 3).

Each class runs stage 1 (parse, geo, encode: what the parse agent sends) on one payload in
a fresh subprocess, so its peak RSS (the child's own ``ru_maxrss``) is the payload's
plus the pipeline's start-up (gazetteer), shown as a baseline. Prints, per class: input bytes,
wall and CPU seconds (CPU is the steadier figure on a shared machine), peak RSS (MB), output
bytes and the outcome (records, or the dead-letter reason).

Run: ``.venv/bin/python bench/amplification_bench.py [--scale 1.0] [--only NAME]``.
To measure older code, put it first on the path: ``PYTHONPATH=/path/to/old/checkout``
(the script imports ``streams`` from ``PYTHONPATH`` when set). Payloads are generated here
from our own word lists; nothing is read from outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SENTENCE = (
    "the council said on tuesday that a new plan for roads and water would be put to a vote "
    "after talks with unions and farmers over prices wages and the cost of power this winter"
)
WORDS = SENTENCE.split()
PLACES = ("Paris", "Lagos", "Lima", "Osaka", "Cairo", "Quito", "Oslo", "Perth", "Dhaka", "Kyiv")


def _text_of_places(size: int) -> bytes:
    """``Paris `` repeated: every word a place mention."""
    return b"Paris " * (size // 6)


def _ordinary_words(size: int) -> bytes:
    """Sentences of ordinary words with a place every few words, in paragraphs."""
    out: list[str] = []
    total, n = 0, 0
    while total < size:
        words = [WORDS[(n * 7 + k) % len(WORDS)] for k in range(12)]
        words[3] = PLACES[n % len(PLACES)]
        words[9] = PLACES[(n + 3) % len(PLACES)]
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + ". "
        if n % 8 == 7:
            sentence += "\n\n"
        out.append(sentence)
        total += len(sentence)
        n += 1
    return "".join(out).encode()


def _stories_and_notices(size: int, stories: int = 999) -> bytes:
    """Short headlined stories and two long "Copyright ..." paragraphs filling the rest."""
    parts = []
    for n in range(stories):
        parts.append(
            f"Council votes on new water plan {n}\n\n"
            f"LIMA (Wire) - The council in Lima voted on plan number {n} on Tuesday, "
            "officials said after a long meeting.\n"
        )
    story_bytes = sum(len(p) + 1 for p in parts)
    notice = max(0, (size - story_bytes) // 2 - 40)
    filler = ("Copyright notice text that goes on. " * (notice // 36 + 1))[:notice]
    parts.insert(0, "Copyright 2026 Example Wire. " + filler + "\n")
    parts.append("Copyright (c) Example Wire, all rights. " + filler + "\n")
    return "\n".join(parts).encode()


def _rss_with_copyright(size: int, items: int = 1000) -> bytes:
    entries = "".join(
        f"<item><title>Water plan {n}</title><guid>urn:ex:{n}</guid>"
        f"<description>The council in Lima voted on plan {n}.</description></item>"
        for n in range(items)
    )
    rights = "Copyright Example Wire " + "x" * max(0, size - len(entries) - 300)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>'
        f"<copyright>{rights}</copyright>{entries}</channel></rss>"
    ).encode()


def _stories(count: int) -> bytes:
    return "\n".join(
        f"Council votes on new water plan {n}\n\n"
        f"LIMA (Wire) - The council in Lima voted on plan number {n} on Tuesday.\n"
        for n in range(count)
    ).encode()


#: name -> (payload size in bytes at scale 1, generator)
CLASSES: dict[str, tuple[int, str]] = {
    "places-900k": (900_000, "places"),
    "words-4m": (4_000_000, "words"),
    "notices-3.9m": (3_900_000, "notices"),
    "rss-copyright-2.1m": (2_100_000, "rss"),
    "filename-header-2m": (2_000_000, "header"),
}


def payload(kind: str, size: int) -> tuple[bytes, dict[str, bytes]]:
    headers = {"wire-source": b"bench"}
    if kind == "places":
        return _text_of_places(size), headers
    if kind == "words":
        return _ordinary_words(size), headers
    if kind == "notices":
        return _stories_and_notices(size, stories=min(999, max(10, size // 3900))), headers
    if kind == "rss":
        return _rss_with_copyright(size, items=min(1000, max(10, size // 2100))), headers
    if kind == "header":
        headers["wire-filename"] = b"f" * size
        return _stories(min(999, max(10, size // 2000))), headers
    raise ValueError(kind)


def run_one(name: str, scale: float) -> dict[str, object]:
    """In this (fresh) process: stage 1 over one payload."""
    from streams.core.assemble import build_pipeline
    from streams.core.dedup import MemoryStore
    from streams.core.model import RawMessage
    from streams.settings import Settings

    size, kind = CLASSES[name]
    value, headers = payload(kind, int(size * scale))
    pipeline = build_pipeline(Settings(), MemoryStore())
    raw = RawMessage(value, headers, topic="wire.raw", partition=0, offset=0, timestamp_ms=0)
    del value
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    try:
        stage1 = getattr(pipeline, "stage1_records", None)
        if stage1 is not None:
            records = stage1(raw)
        else:  # code before the output bounds: what its parse agent did
            records = pipeline.item_records(pipeline.prepare(raw))
        outcome = f"{len(records)} records"
        out_bytes = sum(len(r.value) + len(r.key or b"") for r in records)
    except Exception as exc:
        outcome = f"dead letter ({getattr(exc, 'reason', type(exc).__name__)})"
        out_bytes = len(pipeline.dead_letter(raw, exc).value) if hasattr(exc, "reason") else 0  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = used.ru_utime - cpu.ru_utime + used.ru_stime - cpu.ru_stime
    return {
        "class": name,
        "in_bytes": len(raw.value) + sum(len(k) + len(v) for k, v in raw.headers.items()),
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu_s, 2),
        "out_bytes": out_bytes,
        "outcome": outcome,
        "start_rss_mb": round(base_rss / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="payload sizes x this")
    parser.add_argument("--only", action="append", help="class name (repeatable)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, args.scale)))
        return
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    print(
        f"{'class':<22}{'in MB':>8}{'wall s':>8}{'CPU s':>7}{'peak MB':>9}{'out MB':>9}"
        "  outcome (start MB)"
    )
    for name in args.only or list(CLASSES):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name, "--scale", str(args.scale)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{name:<22} failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"{name:<22}{row['in_bytes'] / 1e6:>8.2f}{row['seconds']:>8.2f}{row['cpu_s']:>7.2f}"
            f"{row['peak_rss_mb']:>9.0f}"
            f"{row['out_bytes'] / 1e6:>9.1f}  {row['outcome']} ({row['start_rss_mb']:.0f})"
        )


if __name__ == "__main__":
    main()
