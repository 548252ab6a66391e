"""Mutation fuzz of the pure pipeline: exceptions that are not ``WireError``, and slow inputs.

Issue #15's rule: one message must never stall a partition. ``hostile_bench.py`` measures
payload shapes someone thought of; this tool looks for the ones nobody did. It mutates the
project's own wire fixtures (``tests/fixtures/wire``, written by us) and the shared samples
(read from ``../shared/samples``, never copied) with byte flips, deletions, truncation,
splices of other fixtures, markup and control tokens, and long runs of one character or
unit (a run of spaces in a 7901 line found a quadratic regex in session 32), and runs each
through what ``wire inspect`` runs: ``prepare``, ``item_records``, ``decide`` +
``remember``.

Every input is written to ``OUT/current.bin`` before it runs; a watchdog
(``faulthandler``) prints the stack and exits if one input takes longer than ``--hang``
seconds of wall time, so the culprit is on disk. Inputs over ``--slow-ms-per-kb`` CPU
milliseconds per KB *and* ``--slow-ms-per-item`` per item (many small items cost the
normal per-item work, about 1 ms) are kept as ``slow_*.bin``, and any non-``WireError``
exception as ``bug_*.bin`` with its traceback. Run from the repository root::

    PYTHONPATH=. .venv/bin/python bench/fuzz_pipeline.py --seed 1 --cases 2000
    PYTHONPATH=. .venv/bin/python bench/fuzz_pipeline.py --mode runs     # every fixture x unit
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import random
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "wire"
SAMPLES = ROOT.parent / "shared" / "samples"
MAX_BYTES = 400_000
NOW_MS = 1_700_000_000_000

#: Tokens the mutator inserts: markup, entities, escapes, controls, agency markers.
TOKENS: tuple[bytes, ...] = (
    *(b"<", b">", b"</", b"<![CDATA[", b"]]>", b"&amp;", b"&#", b"&#x10FFFF;", b"\x00"),
    *(b"\xff\xfe", b"\r\n", b"\x1b", b"\x01", b"\x02", b"\x03", b"\x04", b"{", b"}", b"["),
    *(b"]", b'"', b"\\u0000", b"\\ud800", b"<p>", b"<body>", b"<item>", b"<entry>", b"--"),
    *(b"(AP) --", b"PARIS, ", b"\n\n", b"\t", b" " * 50, b"\xc3", b"\xe2\x80\x8b", b"="),
    *(b"\xef\xbb\xbf", b"<?xml version='1.0'?>", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>"),
    *(b"&a;", b"\xe2\x80\xa8", b"^", b" =", b"KILL", b"Writethru", b"UPDATE 2"),
)
#: Units repeated into long runs (``--mode runs``).
UNITS: tuple[str, ...] = (
    *(" ", "\t", "\u00a0", "\r", "\n", "\r\n", "=", "-", ".", ",", "'", '"', "<", ">", "&"),
    *("a", "A", "1", "(", ")", "[", "/", ":", "*", "#", "_", "|", " -", ". ", "A ", "Ab "),
    *("a.", "1 ", "- ", "\u2014", "\u00e9", "\u0627", "&amp;", "<p>", "</p>", "<b>", "<br/>"),
    *("http://", "www.", "@", "--", "...", " =", "^", "\x1f", "\u200b", "\ufeff", ";", "\\"),
)


def seeds() -> list[bytes]:
    """The inputs mutated: our fixtures, then the shared samples when they are there."""
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix != ".md"]
    if SAMPLES.is_dir():
        paths += sorted(p for p in SAMPLES.iterdir() if p.is_file())
    return [p.read_bytes() for p in paths if p.stat().st_size < MAX_BYTES]


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """One to six edits of ``data``, at most ``MAX_BYTES`` long."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        i = rng.randrange(len(b) + 1)
        if op == 0 or not b:
            b[i:i] = rng.choice(TOKENS)
        elif op == 1 and i < len(b):
            b[i] = rng.randrange(256)
        elif op == 2:
            del b[i : i + rng.randint(1, 200)]
        elif op == 3:  # repeat a slice of the input itself
            j = rng.randrange(len(b) + 1)
            seg = bytes(b[min(i, j) : max(i, j)][:2000]) or b"x"
            b[i:i] = seg * rng.randint(1, max(1, 100_000 // len(seg)))
        elif op == 4:
            b[i:i] = rng.choice(TOKENS) * rng.randint(10, 5000)
        elif op == 5:
            del b[i:]
        else:  # splice in part of another input
            other = rng.choice(pool)
            k = rng.randrange(len(other) + 1)
            b[i:i] = other[k : k + rng.randint(1, 3000)]
    return bytes(b[:MAX_BYTES])


def with_run(data: bytes, unit: str, at: int, size: int = 150_000) -> bytes:
    """``data`` with ``unit`` repeated to about ``size`` bytes inserted at offset ``at``."""
    run = (unit * max(1, size // len(unit.encode()))).encode()
    return data[:at] + run + data[at:]


def cases(mode: str, seed: int, count: int, pool: list[bytes]) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    if mode == "runs":
        for n, data in enumerate(pool):
            for u, unit in enumerate(UNITS):
                # By the unit's index: its first character is shared ("<", "<p>", "<b>"), and
                # a kept ``slow_``/``bug_`` file was overwritten by the next unit's input.
                yield f"run{n}_{u}", with_run(data, unit, rng.randrange(len(data) + 1))
        return
    for k in range(count):
        yield f"mut{seed}_{k}", mutate(rng.choice(pool), rng, pool)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=("mutate", "runs"), default="mutate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "fuzz")
    ap.add_argument("--hang", type=float, default=60.0, help="wall seconds before giving up")
    ap.add_argument("--slow-ms-per-kb", type=float, default=2.0)
    ap.add_argument("--slow-ms-per-item", type=float, default=20.0)
    args = ap.parse_args()

    from streams.core.assemble import build_pipeline
    from streams.core.dedup import MemoryStore
    from streams.core.model import RawMessage
    from streams.errors import WireError
    from streams.settings import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env()
    tagger = build_pipeline(settings, MemoryStore()).tagger
    pool = seeds()
    found: dict[str, list[dict[str, object]]] = {"bug": [], "slow": []}
    ran = 0
    for name, data in cases(args.mode, args.seed, args.cases, pool):
        (args.out / "current.bin").write_bytes(data)
        pipeline = build_pipeline(settings, MemoryStore(), tagger)
        raw = RawMessage(data, {"wire-source": b"fuzz"}, topic="fuzz", partition=0, offset=ran)
        faulthandler.dump_traceback_later(args.hang, exit=True)
        cpu0, items, kind, detail = time.process_time(), 0, "", ""
        try:
            parsed = pipeline.prepare(raw)
            items = len(parsed)
            pipeline.item_records(parsed)
            for item in parsed:
                decision, _ = pipeline.decide(item, NOW_MS)
                pipeline.remember(item, decision, NOW_MS)
        except WireError:
            pass  # a dead letter with a reason: what bad input should get
        except Exception:
            kind, detail = "bug", traceback.format_exc()[-1500:]
        cpu_ms = (time.process_time() - cpu0) * 1000
        faulthandler.cancel_dump_traceback_later()
        ran += 1
        per_kb = cpu_ms / max(1.0, len(data) / 1024)
        if (
            not kind
            and per_kb > args.slow_ms_per_kb
            and cpu_ms / max(1, items) > args.slow_ms_per_item
        ):
            kind, detail = "slow", f"{cpu_ms:.0f} ms CPU, {per_kb:.2f} ms/KB, {items} items"
        if kind:
            path = args.out / f"{kind}_{name}.bin"
            path.write_bytes(data)
            found[kind].append({"file": str(path), "bytes": len(data), "detail": detail})
            print(kind, path, detail.splitlines()[-1], flush=True)
    print(json.dumps({"mode": args.mode, "seed": args.seed, "ran": ran, **found}, indent=1))
    sys.exit(1 if found["bug"] or found["slow"] else 0)


if __name__ == "__main__":
    main()
