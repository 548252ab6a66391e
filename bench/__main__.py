"""``python -m bench`` (``make bench``): every benchmark in one run, with same-run baselines.

Generates the traffic once, runs the pure pipeline in-process (speed, profile, dedup memory),
then end to end through one broker for the Wirestream worker and the two forward-only
baselines, prints a table and writes ``bench/results/bench.json``. ``--quick`` takes about a
minute, the default a few, ``--full`` longer. The broker is ``KAFKA_BOOTSTRAP`` if set, else
a local one on a free port under a temp dir, stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from bench import REPO, RESULTS, machine_info, write_json
from bench.e2e import ALL_SYSTEMS, SYSTEMS, Traffic, broker, messages_holding, run_all
from bench.pipeline_bench import new_pipeline, profile_pure, run_pure
from bench.traffic import RawRecord, TrafficConfig, TrafficGenerator, take_items

#: Per-stage benchmarks (``bench/*_bench.py`` but this run's own): with --stages or --full.
OWN_BENCHES = frozenset({"pipeline_bench.py"})


@dataclass(frozen=True)
class Sizes:
    saturation_items: int
    rate_seconds: float  # with --rate: the fixed-rate phase lasts about this long
    rate_stories: int  # at a share of saturation (the default): this many stories
    profile_items: int
    dedup_stories: int


SIZES = {
    "quick": Sizes(4000, 5, 1000, 1000, 5000),
    # 6,000 stories at the fixed rate since session 31 (2,000 before): the p99 of 2,000 is
    # the 20th slowest item, and those lay in 1-6 stage-2 batches in the traced runs, so one
    # stall decided it. Each 2,000-story window's p99 is printed beside it (the old estimate).
    "default": Sizes(10000, 10, 6000, 3000, 20000),
    "full": Sizes(100000, 60, 10000, 10000, 200000),
}
#: The fixed-rate stories the pure figure is timed on, by mode: each phase's length before
#: session 31, so a phase that grew (the default's, 2,000 -> 6,000) leaves the pure figure,
#: and so the shell overhead ratio's denominator, on the records it had; a phase that did not
#: grow (quick's 1,000, full's 10,000) is timed whole, as before.
PURE_RATE_STORIES = {"quick": 1000, "default": 2000, "full": 10000}


def pure_timed(mode: str, saturation: int, rate: Sequence[RawRecord]) -> int | None:
    """How many raw messages (``saturation`` of them, then ``rate``) the pure figure is timed
    on in ``mode`` (``None``: all)."""
    held = messages_holding(rate, PURE_RATE_STORIES[mode])
    return None if held == len(rate) else saturation + held


#: Issue #17's targets (pure speed, shell overhead ratio, p99 at 50% of saturation, dedup
#: bytes per story in the default store at 1M stories) and issue #8's Faust ratio.
TARGETS = {
    "pure_items_per_cpu_s": 2500.0,
    "shell_overhead_ratio": 1.6,
    "e2e_vs_faust": 0.5,
    "p99_ms_at_rate": 100.0,
    "p99_ms_at_rate_split": 100.0,
    "dedup_rocksdb_bytes_per_story": 1024.0,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="about a minute")
    size.add_argument("--full", action="store_true", help="bigger runs")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--rate",
        type=float,
        help="items/s of the fixed-rate phase (default: --rate-share of each system's own "
        "measured saturation rate)",
    )
    p.add_argument("--rate-share", type=float, default=0.5, help="without --rate: 0.5")
    p.add_argument(
        "--dedup-memory",
        type=int,
        metavar="N",
        help="stories for the dedup memory runs (default 20,000, about a minute per store; "
        "1000000 measures the target itself, tens of minutes; 0 skips them)",
    )
    p.add_argument("--items", type=int, help="stories in the saturation batch")
    p.add_argument("--no-e2e", action="store_true", help="pure pipeline only, no broker")
    p.add_argument("--stages", action="store_true", help="also run bench/*_bench.py if present")
    p.add_argument(
        "--systems",
        default=",".join(ALL_SYSTEMS),
        help=f"e2e systems, comma separated, of {','.join(ALL_SYSTEMS)}",
    )
    p.add_argument(
        "--profile-worker",
        action="store_true",
        help="run the Wirestream worker under cProfile (slower; its figures are then not "
        "comparable) and report its hot spots",
    )
    p.add_argument(
        "--trace-worker",
        action="store_true",
        help="time each stage of the Wirestream worker (bench/latency_trace.py) and report "
        "where the fixed-rate phase's latency goes",
    )
    return p.parse_args(argv)


BENCH_CMD = (sys.executable, "-m", "bench.pipeline_bench")


def dedup_memory(stories: int, stores: tuple[str, ...] = ("memory", "rocksdb")) -> list[Any]:
    """One fresh interpreter per store, so earlier allocations do not hide the growth; the
    stores run side by side (each measures its own RSS), which halves the wait."""
    procs = [
        subprocess.Popen(
            [*BENCH_CMD, "--dedup-memory", str(stories), "--store", store],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for store in stores
    ]
    out: list[Any] = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            out.append({"error": stderr[-2000:]})
        else:
            out.append(orjson.loads(stdout.strip().splitlines()[-1]))
    return out


def stage_benches() -> list[dict[str, Any]]:
    out = []
    for path in sorted((REPO / "bench").glob("*_bench.py")):
        name = path.name
        if name in OWN_BENCHES:
            continue
        print(f"  stage bench: {name} ...", flush=True)
        try:
            proc = subprocess.run(
                [sys.executable, str(path)],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-15:]
            out.append({"bench": name, "rc": proc.returncode, "tail": tail})
        except subprocess.TimeoutExpired:
            out.append({"bench": name, "rc": None, "tail": ["timed out after 300 s"]})
    return out


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    mode = "quick" if args.quick else "full" if args.full else "default"
    sizes = SIZES[mode]
    sat_items = args.items or sizes.saturation_items
    report: dict[str, Any] = {"mode": mode, "machine": machine_info(), "targets": TARGETS}
    print(f"bench ({mode}) on {report['machine']['cpu_model']}, {report['machine']['nproc']} cpus")

    began = time.perf_counter()
    # Live traffic: stories stamped over the last hour, as a wire feed delivers them.
    start_ms = (int(time.time()) - 3600) * 1000
    gen = TrafficGenerator(TrafficConfig(seed=args.seed, start_ms=start_ms, step_ms=250))
    saturation = take_items(gen, sat_items)
    if args.rate:
        rate = take_items(gen, int(args.rate * sizes.rate_seconds))
    else:
        rate = take_items(gen, sizes.rate_stories)
    gen_s = time.perf_counter() - began
    all_records = saturation + rate
    stories = sum(r.items for r in all_records)
    report["traffic"] = {
        "seed": args.seed,
        "start_ms": start_ms,
        "messages": len(all_records),
        "stories": stories,
        "generate_s": round(gen_s, 2),
        "saturation": {"messages": len(saturation), "stories": sum(r.items for r in saturation)},
        "rate": {"messages": len(rate), "stories": sum(r.items for r in rate)},
    }
    print(f"  traffic: {len(all_records)} messages, {stories} stories in {gen_s:.1f}s")

    print("  pure pipeline ...", flush=True)
    # The pure figure is timed on the traffic it had before the default's fixed-rate phase
    # grew to 6,000 stories (session 31): the saturation batch and the first 2,000 rate
    # stories, the same records; the rest run only for the outputs the end-to-end runs expect.
    # Full's phase did not grow (10,000 stories), so it is still timed whole.
    timed = None if args.rate else pure_timed(mode, len(saturation), rate)
    pure = run_pure(all_records, new_pipeline(), timed=timed)
    report["pure"] = pure.summary()
    print("  profile ...", flush=True)
    report["profile"] = profile_pure(take_items(TrafficGenerator(), sizes.profile_items))
    stories_mem = sizes.dedup_stories if args.dedup_memory is None else args.dedup_memory
    if stories_mem > 0:
        print("  dedup memory ...", flush=True)
        report["dedup_memory"], report["dedup_memory_rocksdb"] = dedup_memory(stories_mem)

    if not args.no_e2e:
        split = len(saturation)
        traffic = Traffic(
            saturation,
            rate,
            (sum(pure.units[:split]), sum(pure.units[split:])),
            (sum(pure.outputs[:split]), sum(pure.outputs[split:])),
            args.rate or 1000.0,
            None if args.rate else args.rate_share,
        )
        with (
            tempfile.TemporaryDirectory(prefix="wire-bench-") as tmp,
            broker(Path(tmp)) as (
                bootstrap,
                took,
            ),
        ):
            report["broker"] = {"bootstrap": bootstrap, "start_s": took}
            systems = [s for s in args.systems.split(",") if s]
            unknown = set(systems) - set(ALL_SYSTEMS)
            if unknown:
                raise SystemExit(f"unknown --systems {sorted(unknown)}; known: {ALL_SYSTEMS}")
            profile = RESULTS / "worker.prof" if args.profile_worker else None
            if profile is not None:
                RESULTS.mkdir(parents=True, exist_ok=True)
            trace = Path(tmp) / "trace.json" if args.trace_worker else None
            report["e2e"] = asyncio.run(
                run_all(bootstrap, traffic, Path(tmp), systems, profile, trace)
            )
    if args.stages or mode == "full":
        report["stage_benches"] = stage_benches()
    report["machine"]["loadavg_end"] = list(__import__("os").getloadavg())
    report["verdicts"] = verdicts(report)
    print()
    print(render(report))
    print("written", write_json("bench.json", report))


def _e2e(report: dict[str, Any], system: str) -> dict[str, Any]:
    for r in report.get("e2e", ()):
        if r["system"] == system:
            result: dict[str, Any] = r
            return result
    return {}


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pure = report["pure"]["items_per_cpu_s"]
    out["pure_items_per_cpu_s"] = {"value": pure, "pass": pure >= TARGETS["pure_items_per_cpu_s"]}
    ws, fa, ak = (_e2e(report, s) for s in SYSTEMS[::-1])
    ws_rate = ws.get("saturation", {}).get("msgs_per_s")
    fa_rate = fa.get("saturation", {}).get("msgs_per_s")
    ak_rate = ak.get("saturation", {}).get("msgs_per_s")
    if ws_rate and fa_rate:
        ratio = ws_rate / fa_rate
        out["e2e_vs_faust"] = {"value": round(ratio, 3), "pass": ratio >= TARGETS["e2e_vs_faust"]}
    if fa_rate and ak_rate:
        out["faust_vs_aiokafka"] = {"value": round(fa_rate / ak_rate, 3)}
    p99 = ws.get("rate", {}).get("latency_p99_ms")
    if p99 is not None:
        out["p99_ms_at_rate"] = {"value": p99, "pass": p99 < TARGETS["p99_ms_at_rate"]}
    # The same target for the two stages as two processes (``WIRE_ROLES``), each offered half
    # of its own saturation: the deployment that removes the cross-stage queueing.
    p99_split = _e2e(report, "wirestream-split").get("rate", {}).get("latency_p99_ms")
    if p99_split is not None:
        target = TARGETS["p99_ms_at_rate_split"]
        out["p99_ms_at_rate_split"] = {"value": p99_split, "pass": p99_split < target}
    steady = ws.get("saturation", {}).get("steady_cpu_ms_per_item")
    if steady and pure:
        # End-to-end CPU per story (steady state) over the pure pipeline's, same traffic.
        ratio = steady / (1000 / pure)
        target = TARGETS["shell_overhead_ratio"]
        out["shell_overhead_ratio"] = {"value": round(ratio, 2), "pass": ratio <= target}
    rocks = report.get("dedup_memory_rocksdb", {})
    if "bytes_per_story" in rocks:
        value = rocks["bytes_per_story"]
        target = TARGETS["dedup_rocksdb_bytes_per_story"]
        # Below 1M stories the figure is an upper bound (buffers and cache fill first).
        out["dedup_rocksdb_bytes_per_story"] = {
            "value": value,
            "stories": rocks["stories"],
            "pass": True if value <= target else False if rocks["stories"] >= 1_000_000 else None,
        }
    return out


def _fmt(value: Any, spec: str = ",.0f") -> str:
    if value is None:
        return "-"
    if isinstance(value, int | float):
        return format(value, spec)
    return str(value)


def render(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"machine: {m['nproc']} cpus ({m['cpu_model']}), python {m['python']}, "
        f"kafka {m['kafka_version']}, load {m['loadavg'][0]:.1f} -> "
        f"{m['loadavg_end'][0]:.1f}, {m['date']}",
        "",
    ]
    pure = report["pure"]
    lines.append(
        f"pure pipeline (in-process, 1 core): {_fmt(pure['items_per_cpu_s'])} items/CPU-s "
        f"({_fmt(pure['items_per_s'])} items/s wall), {pure['items']} items, "
        f"mean article {_fmt(pure['mean_article_bytes'])} B, {pure['statuses']}"
    )
    for key, label in (("dedup_memory", "memory"), ("dedup_memory_rocksdb", "RocksDB")):
        mem = report.get(key, {})
        if "bytes_per_story" not in mem:
            continue
        at_1m = mem["stories"] >= 1_000_000
        lines.append(
            f"dedup state ({label}): {_fmt(mem['bytes_per_story'])} B/story RSS over "
            f"{mem['stories']:,} stories"
            + (
                " (measured at 1M)"
                if at_1m
                else f" -> ~{_fmt(mem['estimate_1m_mb'])} MB for 1M stories (linear estimate"
                + (
                    "; an upper bound: RocksDB's buffers and cache fill first)"
                    if label == "RocksDB"
                    else "; low: dicts grow in steps)"
                )
            )
            + (f", {_fmt(mem['disk_mb'], ',.1f')} MB on disk" if "disk_mb" in mem else "")
        )
    if report.get("e2e"):
        head = (
            f"{'system':<17}{'sat msg/s':>10}{'sat item/s':>11}{'CPU ms/item':>12}"
            f"{'rate item/s':>12}{'p50 ms':>8}{'p99 ms':>8}{'RSS MB':>8}{'max MB':>8}  ok"
        )
        lines += ["", head, "-" * len(head)]
        for r in report["e2e"]:
            sat, rate = r.get("saturation", {}), r.get("rate", {})
            cpu_per_item = None
            if sat.get("cpu_s") and sat.get("items"):
                cpu_per_item = 1000 * sat["cpu_s"] / sat["items"]
            ok = "error" not in r and sat.get("complete") and rate.get("complete")
            lines.append(
                f"{r['system']:<17}{_fmt(sat.get('msgs_per_s')):>10}"
                f"{_fmt(sat.get('items_per_s')):>11}{_fmt(cpu_per_item, '.2f'):>12}"
                f"{_fmt(rate.get('items_per_s')):>12}{_fmt(rate.get('latency_p50_ms')):>8}"
                f"{_fmt(rate.get('latency_p99_ms')):>8}{_fmt(r.get('rss_steady_mb')):>8}"
                f"{_fmt(r.get('rss_max_mb')):>8}  {'yes' if ok else 'NO'}"
            )
        lines.append(
            "(CPU ms/item: whole saturation phase with start-up; the overhead ratio uses the "
            "steady part; rate: fixed-rate phase, by default 50% of each system's saturation)"
        )
        windows = [
            f"{r['system']} {r['rate']['latency_p99_ms_by_window']}"
            for r in report["e2e"]
            if r.get("rate", {}).get("latency_p99_ms_by_window")
        ]
        if windows:
            lines.append(
                "p99 ms of each 2,000 stories of the fixed-rate phase (the first: what a "
                "2,000-story phase, the default before session 31, reported): " + "; ".join(windows)
            )
    for r in report.get("e2e", ()):
        trace = r.get("latency_breakdown")
        if not trace or not trace.get("items"):
            continue
        lines += [
            "",
            f"{r['system']} latency by stage, fixed-rate phase ({trace['items']} items; ms): "
            "p50 / p99 / mean / mean of the slowest 1%",
        ]
        for name, v in trace.items():
            if isinstance(v, dict) and "p50" in v:
                lines.append(
                    f"  {name:<16}{_fmt(v['p50'], '.1f'):>8}{_fmt(v['p99'], '.1f'):>8}"
                    f"{_fmt(v['mean'], '.1f'):>8}{_fmt(v['slowest_1pct_mean'], '.1f'):>8}"
                )
        g = trace["gc"]
        lines.append(
            f"  gc over {g['window_s']} s: "
            + ", ".join(
                f"gen{n} {g[f'gen{n}']['count']}x max {_fmt(g[f'gen{n}']['max_ms'], '.1f')} ms"
                for n in (0, 1, 2)
            )
            + f"; slowest 1% overlapping a gen-2 pause: "
            f"{trace['slowest_1pct_overlapping_gen2']}/{trace['slowest_1pct']}"
        )
        if trace.get("runq_share") is not None:
            lines.append(
                "  the agents' thread waited for a CPU (other processes running) "
                f"{100 * trace['runq_share']:.0f}% of the phase (runq_wait: per item)"
                + (
                    " (mean of the two processes: "
                    + ", ".join(f"{k} {100 * v:.0f}%" for k, v in by_stage.items())
                    + ")"
                    if (by_stage := trace.get("runq_share_by_stage"))
                    else ""
                )
            )
        whole = trace["gc_whole_run"]
        lines.append(
            "  gc over the whole run"
            + (" after the start-up heap was frozen: " if whole["since_freeze"] else ": ")
            + ", ".join(
                f"gen{n} {whole[f'gen{n}']['count']}x max "
                f"{_fmt(whole[f'gen{n}']['max_ms'], '.1f')} ms"
                for n in (0, 1, 2)
            )
        )
        if trace.get("tracked_at_end") is not None:
            lines.append(
                f"  objects the collector walks at the end: {trace['tracked_at_end']:,}"
                " (" + ", ".join(f"{k} {v:,}" for k, v in trace["tracked_by_type"][:12]) + ")"
            )
            lines.append(
                "  full collections after the freeze (ms, collected; objects walked): "
                + ", ".join(f"{d['ms']}/{d['collected']}" for d in trace["gen2_detail"])
                + f"; {trace['gen2_sizes']}"
            )
    lines += ["", "targets:"]
    for name, v in report["verdicts"].items():
        verdict = (
            ""
            if "pass" not in v
            else "n/a (below 1M stories, upper bound)"
            if v["pass"] is None
            else ("PASS" if v["pass"] else "FAIL")
        )
        target = TARGETS.get(name)
        lines.append(f"  {name:<22} {_fmt(v['value'], ',.3g'):>10}  target {target}  {verdict}")
    prof = report.get("profile", {}).get("functions", [])[:8]
    if prof:
        lines += ["", "pure pipeline hot spots (own time, cProfile):"]
        lines += [f"  {p['own_pct']:5.1f}%  {p['function']}" for p in prof]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
