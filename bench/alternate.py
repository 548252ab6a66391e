"""Alternated A/B runs of one end-to-end system under different worker settings.

On a shared machine a figure from another run (minutes earlier, another load) says little;
alternating the variants, on one traffic, one pure run and one broker, does. Each run is
``python -m bench``'s end-to-end run of the system (saturation, then the fixed rate at a
share of that run's own saturation), traced with ``--trace``::

    python -m bench.alternate --trace A:WIRE_FETCH_WAIT_MS=20 B: B: A:WIRE_FETCH_WAIT_MS=20

``--rate`` offers every run the same items/s instead of a share of its own saturation.

``NAME:VAR=VALUE,VAR=VALUE`` gives one run (an empty list: the defaults); only the worker
settings ``python -m bench`` passes through (``bench.e2e.TUNING``) may be set. Each run's
result goes to ``bench/results/alternate-<tag>-<n>-<NAME>.json`` with the load average before
and after; a line per run is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import RESULTS
from bench.e2e import ALL_SYSTEMS, TUNING, Traffic, broker, messages_holding, run_system
from bench.pipeline_bench import new_pipeline, run_pure
from bench.traffic import TrafficConfig, TrafficGenerator, take_items


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """``NAME:K=V,K=V`` -> (NAME, {K: V}); only the settings a bench run passes on."""
    name, _, pairs = spec.partition(":")
    env = {}
    for pair in filter(None, pairs.split(",")):
        key, sep, value = pair.partition("=")
        if not sep or key not in TUNING:
            raise SystemExit(f"{spec!r}: give NAME:VAR=VALUE,... with VAR one of {TUNING}")
        env[key] = value
    if not name:
        raise SystemExit(f"{spec!r}: the run needs a name")
    return name, env


def line(
    name: str,
    env: dict[str, str],
    result: dict[str, Any],
    load: list[float],
    pure_ms: float | None = None,
) -> str:
    """One run's figures; with ``pure_ms`` (the pure pipeline's CPU ms per story, this
    invocation's one pure run) also the shell overhead ratio as ``make bench`` computes it."""
    sat, rate = result.get("saturation", {}), result.get("rate", {})
    steady = sat.get("steady_cpu_ms_per_item")
    ratio = round(steady / pure_ms, 2) if steady and pure_ms else None
    trace = result.get("latency_breakdown") or {}
    runq = trace.get("runq_share_by_stage", trace.get("runq_share"))
    per_story = round(1000 * rate["cpu_s"] / rate["items"], 2) if rate.get("items") else None
    idle = result.get("saturation_idle")
    return (
        f"{name} {env or '{}'}: sat {sat.get('items_per_s')} items/s, steady "
        f"{steady} ms/item (ratio {ratio}); rate {rate.get('target_items_per_s')} "
        f"items/s p50/p99 {rate.get('latency_p50_ms')}/{rate.get('latency_p99_ms')} ms "
        f"(p99 per 2,000 stories {rate.get('latency_p99_ms_by_window')}), "
        f"CPU {per_story} ms/story; runq {runq}; "
        f"load {load[0]:.2f} -> {load[1]:.2f}"
        + (f"; saturation idle {idle}" if idle else "")
        + (f"; ERROR {result['error']}" if "error" in result else "")
    )


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m bench.alternate", description=__doc__.splitlines()[0]
    )
    p.add_argument("runs", nargs="+", help="NAME:VAR=VALUE,... per run, in order")
    p.add_argument("--system", default="wirestream-split", choices=ALL_SYSTEMS)
    p.add_argument("--trace", action="store_true", help="trace the worker (bench/latency_trace.py)")
    p.add_argument("--items", type=int, default=10_000, help="stories in the saturation batch")
    p.add_argument(
        "--rate-stories", type=int, default=6_000, help="stories at the fixed rate (as make bench)"
    )
    p.add_argument("--rate-share", type=float, default=0.5)
    p.add_argument(
        "--rate",
        type=float,
        help="items/s of every run's fixed-rate phase (default: --rate-share of each run's own "
        "saturation): one offered rate, so a wait cut is not hidden by the saturation a run "
        "happens to measure",
    )
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    specs = [parse_spec(s) for s in args.runs]
    gen = TrafficGenerator(
        TrafficConfig(seed=args.seed, start_ms=(int(time.time()) - 3600) * 1000, step_ms=250)
    )
    saturation, rate = take_items(gen, args.items), take_items(gen, args.rate_stories)
    # Timed on the saturation batch and the first 2,000 rate stories, as make bench does.
    timed = len(saturation) + messages_holding(rate)
    pure = run_pure(saturation + rate, new_pipeline(), timed=timed)
    n = len(saturation)
    # The shell overhead ratio's denominator, as make bench computes it (bench/__main__.py).
    pure_ms = round(1000 * pure.cpu_s / pure.items, 3) if pure.items else None
    traffic = Traffic(
        saturation,
        rate,
        (sum(pure.units[:n]), sum(pure.units[n:])),
        (sum(pure.outputs[:n]), sum(pure.outputs[n:])),
        args.rate or 1000.0,
        None if args.rate else args.rate_share,
    )
    tag = time.strftime("%H%M%S", time.gmtime())
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="wire-alternate-") as tmp,
        broker(Path(tmp)) as (
            bootstrap,
            _,
        ),
    ):
        for i, (name, env) in enumerate(specs, 1):
            for key in TUNING:  # the worker reads these from this process's environment
                os.environ.pop(key, None)
            os.environ.update(env)
            home = Path(tmp) / f"run{i}"
            load = [os.getloadavg()[0]]
            began = time.monotonic()
            trace = home / "trace.json" if args.trace else None
            result = asyncio.run(run_system(args.system, bootstrap, traffic, home, trace=trace))
            result["took_s"] = round(time.monotonic() - began, 1)
            load.append(os.getloadavg()[0])
            out = RESULTS / f"alternate-{tag}-{i}-{name}.json"
            out.write_text(
                json.dumps(
                    {"env": env, "load": load, "pure_cpu_ms_per_item": pure_ms, "e2e": [result]},
                    indent=1,
                )
            )
            if trace is not None:  # kept for a closer look (bench/latency_trace.py)
                for part in trace.parent.glob("trace*.json"):
                    shutil.copy(part, RESULTS / f"alternate-{tag}-{i}-{name}-{part.name}")
            print(line(name, env, result, load, pure_ms), flush=True)


if __name__ == "__main__":
    main()
