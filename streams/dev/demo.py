"""``make run``: a local broker, one worker, ``wire ingest`` fed with demo items, a live view.

Ctrl-C stops what this started (and only that: a broker that was already running
stays up).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from importlib.resources import files
from pathlib import Path

from streams.core.topics import build_topics
from streams.dev.broker import LocalBroker, port_open
from streams.dev.demo_ingest import DemoIngest
from streams.errors import BrokerUnavailable
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import expand_paths, read_topics
from streams.settings import Settings


def demo_dir() -> Path:
    return Path(str(files("streams") / "data" / "demo"))


def say(text: str) -> None:
    print(text, flush=True)


def start_worker(settings: Settings, log_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WIRE_BOOTSTRAP": settings.bootstrap, "WIRE_HOME": str(settings.home)}
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "streams", "worker", "-l", "info"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )


def wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BrokerUnavailable(f"the worker exited with code {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:
            if resp.status == 200:
                return
        time.sleep(0.5)
    raise BrokerUnavailable(f"the worker's web server did not answer at {url}")


def run_demo(settings: Settings) -> None:
    settings.home.mkdir(parents=True, exist_ok=True)
    host, _, port_s = settings.bootstrap.split(",")[0].rpartition(":")
    broker: LocalBroker | None = None
    if host in ("127.0.0.1", "localhost") and not port_open(int(port_s)):
        broker = LocalBroker(settings.home, port=int(port_s))
        say(f"starting Kafka at {broker.bootstrap} (logs: {broker.log_path}) ...")
        took = broker.start()
        say(f"Kafka ready in {took:.1f}s")
    else:
        say(f"using the Kafka already at {settings.bootstrap}")
    worker: subprocess.Popen[bytes] | None = None
    ingest: DemoIngest | None = None
    try:
        topics = build_topics(settings)
        asyncio.run(ensure_topics(settings, topics.specs(settings)))
        log_path = settings.home / "worker.log"
        say(f"starting the worker (logs: {log_path}) ...")
        worker = start_worker(settings, log_path)
        web = f"http://{settings.web_host}:{settings.web_port}/wire/"
        wait_http(web + "stats", worker)
        files_ = expand_paths([demo_dir()])
        ingest = DemoIngest(settings, files_)  # a drop folder and a feed (issue #18)
        say(f"starting the ingest process (logs: {ingest.start()}) ...")

        async def publish_and_watch() -> None:
            arrivals = asyncio.create_task(ingest.run())
            say(f"dropping {len(files_)} demo files into {ingest.inbox} and serving a demo feed")
            say(f"at {ingest.feed_url}: wire ingest sends them to {topics.raw} as they come\n")
            say(f"  dashboard:   {web}   (Sources panel: the folder and the feed)")
            say(f"  JSON stats:  {web}stats")
            say("  subscribe:   .venv/bin/wire subscribe europe --from-beginning")
            say("  publish:     .venv/bin/wire publish path/to/files/")
            also = " and Kafka" if broker else ""
            say(f"  Ctrl-C stops the worker, the ingest process{also}.\n")
            say("items as they are routed:")
            outs = [*topics.region_topics, topics.duplicates, topics.dead_letter]
            async for rec in read_topics(settings, outs, from_beginning=True):
                name = rec.topic.removeprefix(settings.topic_prefix + ".")
                if rec.topic == topics.dead_letter:
                    reason = rec.headers.get("wire-reason", b"?").decode()
                    say(f"  {name:<24} {reason}")
                    continue
                doc = rec.json()
                heads = doc.get("headlines") or [{"value": ""}]
                say(f"  {name:<24} {heads[0]['value'][:80]}")  # type: ignore[index]
            arrivals.cancel()

        asyncio.run(publish_and_watch())
    except KeyboardInterrupt:
        say("\nstopping ...")
    finally:
        if ingest is not None:
            ingest.stop()
        if worker is not None and worker.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        if broker is not None:
            broker.stop()
        say("stopped")
