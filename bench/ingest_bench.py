"""Throughput of ``wire ingest`` (a real subprocess) into a real broker, per source kind.

* folder: ``--files`` files (~3 KB) renamed into a drop folder at once, ``settle = 0``:
  files per second from the first rename until every file is in ``done/``;
* push: ``--pushes`` POSTs, one at a time and ``--concurrency`` at a time (each answered
  after Kafka's acknowledgement): pushes per second;
* feed: one RSS document of ``--entries`` entries: entries per second from the ingest
  first full answer until all are on ``wire.raw``; then two unchanged (304) polls must send
  nothing.

    python bench/ingest_bench.py [--files 2000] [--pushes 2000] [--entries 1000]

A broker is started unless ``KAFKA_BOOTSTRAP`` is set. Figures depend on the machine;
each run prints its CPU count and load average with them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.e2e import broker
from streams.core.topics import build_topics
from streams.dev.broker import free_port
from streams.dev.process import ChildProcess, wire_command
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import read_topics
from streams.settings import Settings

TOKEN = "bench-token-0123456789abcdef"


def story(i: int) -> bytes:
    line = f"Port authority reports cargo volume for week {i}; officials cite steady demand. "
    return (f"Cargo report {i}\nLISBON (WNA) - " + line * 36 + "(WNA)\n").encode()


def rss(n: int) -> bytes:
    items = "".join(
        f"<item><guid>b-{i}</guid><title>Cargo report {i}</title>"
        f"<description>{story(i).decode()}</description></item>"
        for i in range(n)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        f"{items}</channel></rss>"
    ).encode()


async def raw_count(settings: Settings, topic: str) -> int:
    return sum(
        [1 async for _ in read_topics(settings, [topic], from_beginning=True, until_end=True)]
    )


def start_ingest(env: dict[str, str], sources: Path, log: Path) -> ChildProcess:
    ingest = ChildProcess(wire_command("ingest", "--sources", str(sources)), env, log)
    ingest.start()
    return ingest


async def run(args: argparse.Namespace, bootstrap: str, home: Path) -> dict[str, float]:
    prefix = f"bingest-{uuid.uuid4().hex[:8]}"
    settings = Settings.from_env({}, bootstrap=bootstrap, topic_prefix=prefix, home=home)
    topics = build_topics(settings)
    await ensure_topics(settings, topics.specs(settings))
    inbox = home / "inbox"
    inbox.mkdir()
    feed_doc = rss(args.entries)
    polls: list[float] = []
    served: list[float] = []

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            polls.append(time.monotonic())
            return web.Response(status=304)
        served.append(time.monotonic())
        return web.Response(body=feed_doc, headers={"ETag": '"v1"'})

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    feed_port = free_port()
    await web.TCPSite(runner, "127.0.0.1", feed_port).start()
    port = free_port()
    sources = home / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "drop"\nkind = "folder"\npath = "{inbox}"\nsettle = 0\n\n'
        f'[[source]]\nname = "push"\nkind = "http"\ntoken = "{TOKEN}"\nmax_inflight = 1000\n\n'
        f'[[source]]\nname = "feed"\nkind = "feed"\nurl = "http://127.0.0.1:{feed_port}/feed.xml"\n'
        "interval = 1\njitter = 0\nallow_private = true\nmax_bytes = 67108864\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRE_")}
    env.update(
        WIRE_BOOTSTRAP=bootstrap,
        WIRE_TOPIC_PREFIX=prefix,
        WIRE_HOME=str(home),
        WIRE_INGEST_PORT=str(port),
    )
    out: dict[str, float] = {}
    began = time.monotonic()
    proc = start_ingest(env, sources, home / "ingest.log")
    try:
        health = f"http://127.0.0.1:{port}/ingest/health"
        await asyncio.to_thread(proc.wait_http, health, 60)
        while await raw_count(settings, topics.raw) < args.entries:
            await asyncio.sleep(0.1)
        out["feed_entries_per_s"] = args.entries / (time.monotonic() - served[0])
        out["ingest_start_s"] = served[0] - began
        n = len(polls)
        while len(polls) < n + 2:
            await asyncio.sleep(0.05)
        out["unchanged_poll_sends"] = await raw_count(settings, topics.raw) - args.entries

        staged = home / "staged"
        staged.mkdir()
        for i in range(args.files):
            (staged / f"s{i:06d}.txt").write_bytes(story(i))
        t0 = time.monotonic()
        for f in sorted(staged.iterdir()):
            os.replace(f, inbox / f.name)
        done = inbox / "done"
        while sum(1 for _ in done.iterdir()) < args.files:
            await asyncio.sleep(0.05)
        out["folder_files_per_s"] = args.files / (time.monotonic() - t0)

        url = f"http://127.0.0.1:{port}/ingest/push"
        headers = {"Authorization": f"Bearer {TOKEN}"}
        async with aiohttp.ClientSession() as http:

            async def push(i: int) -> None:
                async with http.post(url, data=story(i), headers=headers) as resp:
                    assert resp.status == 200, resp.status

            for label, conc in (("push_sequential_per_s", 1), ("push_concurrent_per_s", 0)):
                conc = conc or args.concurrency
                t0 = time.monotonic()
                for start in range(0, args.pushes, conc):
                    await asyncio.gather(
                        *(push(i) for i in range(start, min(args.pushes, start + conc)))
                    )
                out[label] = args.pushes / (time.monotonic() - t0)
        total = args.entries + args.files + 2 * args.pushes
        assert await raw_count(settings, topics.raw) == total
    finally:
        proc.stop(30)
        await runner.cleanup()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--pushes", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--entries", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, broker(Path(tmp)) as (bootstrap, _):
        figures = asyncio.run(run(args, bootstrap, Path(tmp)))
    load = os.getloadavg()
    print(f"nproc {os.cpu_count()}, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for name, value in figures.items():
        print(f"{name:24} {value:10,.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
