"""CPU an idle worker burns (polling, heartbeats), per process, under different settings.

Each round starts the system's worker processes on fresh topics of one local broker, lets
them start and join (``--settle`` seconds), then reads their CPU over ``--seconds``::

    .venv/bin/python -m bench.idle_cpu --rounds 2 WIRE_FETCH_WAIT_MS=20 WIRE_FETCH_WAIT_MS=100

Each argument is one variant (``VAR=VALUE,VAR=VALUE``; empty for the defaults), run in turn
within each round.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

from bench.e2e import ALL_SYSTEMS, TUNING, _cpu_s, broker, free_port, worker_for
from streams.core.topics import build_topics
from streams.kafka.admin import ensure_topics
from streams.settings import Settings


async def idle_cpu(
    system: str, bootstrap: str, home: Path, env: dict[str, str], settle: float, seconds: float
) -> list[float]:
    """CPU ms per second of each of the system's processes, idle."""
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"idle-{tag}",
        topic_prefix=f"i{tag}",
        home=home / tag,
        raw_partitions=1,
        items_partitions=1,
        output_partitions=1,
    )
    (home / tag).mkdir(parents=True)
    await ensure_topics(settings, build_topics(settings).specs(settings))
    workers = worker_for(system, settings, home / tag, free_port())
    for proc in workers.procs:
        proc.env.update(env)
    workers.start()
    try:
        await asyncio.sleep(settle)
        before, began = [_cpu_s(pid) for pid in workers.pids], time.monotonic()
        await asyncio.sleep(seconds)
        after, took = [_cpu_s(pid) for pid in workers.pids], time.monotonic() - began
        return [round(1000 * (b - a) / took, 1) for a, b in zip(before, after, strict=True)]
    finally:
        workers.stop()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m bench.idle_cpu", description=__doc__.splitlines()[0]
    )
    p.add_argument("variants", nargs="*", default=[""], help="VAR=VALUE,... per variant")
    p.add_argument("--system", default="wirestream-split", choices=ALL_SYSTEMS[2:])
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--settle", type=float, default=40.0, help="seconds before measuring")
    p.add_argument("--seconds", type=float, default=20.0, help="seconds measured")
    args = p.parse_args(argv)
    variants = []
    for text in args.variants:
        env = dict(pair.split("=", 1) for pair in filter(None, text.split(",")))
        if set(env) - set(TUNING):
            raise SystemExit(f"{text!r}: only {TUNING} may be set")
        variants.append(env)
    with (
        tempfile.TemporaryDirectory(prefix="wire-idle-") as tmp,
        broker(Path(tmp)) as (
            bootstrap,
            _,
        ),
    ):
        for round_ in range(args.rounds):
            for env in variants:
                ms = asyncio.run(
                    idle_cpu(args.system, bootstrap, Path(tmp), env, args.settle, args.seconds)
                )
                print(
                    f"round {round_ + 1} {env or 'defaults'}: CPU ms/s per process {ms}, "
                    f"load {os.getloadavg()[0]:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
