"""Where the pure pipeline's CPU *time* goes: a `perf` cpu-clock profile of the measured run alone.

    PYTHONPATH=. python bench/pure_perf.py [--items 3000] [--out /tmp/pure.perf] [--top 30]

``pure_callgrind.py`` counts instructions, which two builds compare exactly, but an instruction
is not a unit of time. On this machine (session 28) the two disagree where it matters: SHA-256
is 17% of the instructions and 2.5% of the time (valgrind hides the CPU's SHA extensions), while
the gazetteer automaton's overlapping search is 4% of the instructions and 7-10% of the time
(tens of MB of states: a cache miss a byte). Use this to choose what to work on, callgrind to
prove a change. The child process builds the pipeline and warms it up outside the profile, then
turns ``perf record`` on through its control fifo for ``run_pure`` only. Samples are timer
ticks (``cpu-clock``; the VM has no hardware counters), so shares move by about a percentage
point between runs: compare shares, not sample counts, and repeat.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_ROW = re.compile(r"^\s*(\d+\.\d+)%\s+(?:\[[.k]\]\s+)?(.+?)\s*$")


def parse_report(text: str) -> list[tuple[float, str]]:
    """``(percent, name)`` rows of a ``perf report --stdio -g none`` listing, in its order."""
    rows = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = _ROW.match(line)
        if m:
            rows.append((float(m.group(1)), m.group(2)))
    return rows


def _child(items: int, seed: int) -> None:
    from bench.pipeline_bench import new_pipeline, run_pure
    from bench.traffic import generate

    records = generate(items, seed=seed)
    pipeline = new_pipeline()
    run_pure(generate(100, seed=seed + 6), new_pipeline())  # warm-up, as pure_callgrind.py
    ctl = os.open(os.environ["WIRE_PERF_CTL"], os.O_WRONLY)
    ack = os.open(os.environ["WIRE_PERF_ACK"], os.O_RDONLY)
    os.write(ctl, b"enable\n")
    os.read(ack, 5)
    result = run_pure(records, pipeline)
    os.write(ctl, b"disable\n")
    os.read(ack, 5)
    print(f"{result.items} items, {result.items_per_cpu_s:,.0f} items/CPU-s")


def _report(data: Path, sort: str, top: int) -> list[tuple[float, str]]:
    cmd = ["perf", "report", "-i", str(data), "--no-children", "--sort", sort, "--stdio"]
    out = subprocess.run(
        [*cmd, "-g", "none"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_report(out)[:top]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep perf.data here (default: a temp file)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.items, args.seed)
        return
    if shutil.which("perf") is None:
        raise SystemExit("perf is not installed (Debian: apt-get install linux-perf)")
    with tempfile.TemporaryDirectory(prefix="wire-perf-") as tmp:
        ctl, ack = Path(tmp) / "ctl", Path(tmp) / "ack"
        os.mkfifo(ctl)
        os.mkfifo(ack)
        data = args.out or Path(tmp) / "perf.data"
        env = dict(os.environ, WIRE_PERF_CTL=str(ctl), WIRE_PERF_ACK=str(ack))
        cmd = ["perf", "record", "-q", "-e", "cpu-clock", "-F", "2999", "-D", "-1"]
        cmd += [f"--control=fifo:{ctl},{ack}", "-o", str(data), sys.executable, __file__]
        cmd += ["--child", "--items", str(args.items), "--seed", str(args.seed)]
        subprocess.run(cmd, env=env, check=True)
        for sort in ("dso", "sym"):
            print(f"\nshare of samples by {sort}:")
            for pct, name in _report(data, sort, args.top):
                print(f"  {pct:6.2f}%  {name}")


if __name__ == "__main__":
    main()
