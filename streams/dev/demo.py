"""``make run``: a local broker, one worker, ``wire ingest`` fed with demo items, a live view.

The bundled demo items are dropped into a folder one at a time (written, then renamed, as
a careful FTP client does) and a local demo feed gains one entry every few seconds, so a
newcomer sees items arrive by themselves, through the same ingest process a newsroom
would run. Ctrl-C stops what this started (and only that: a broker that was already
running stays up).
"""

from __future__ import annotations

import asyncio
import os
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

from aiohttp import web

from streams import jsonio
from streams.commands.render import dead_letter_line, item_line
from streams.core.deadletter import DeadLetter
from streams.core.model import WireItem
from streams.core.topics import build_topics
from streams.dev.broker import LocalBroker, free_port, port_open
from streams.dev.process import ChildProcess, WorkerProcess, wire_command
from streams.kafka.admin import ensure_topics
from streams.kafka.clients import expand_paths, read_topics
from streams.settings import Settings

#: Seconds between two demo arrivals (a file or a feed entry, in turn).
STEP_S = 4.0


def demo_entries() -> list[dict[str, str]]:
    data: list[dict[str, str]] = jsonio.loads(
        (files("streams") / "data" / "ingest" / "demo-feed.json").read_bytes()
    )
    return data


def rss(entries: list[dict[str, str]]) -> bytes:
    items = "".join(
        f"<item><guid>{escape(e['guid'])}</guid><title>{escape(e['title'])}</title>"
        f"<description>{escape(e['description'])}</description></item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>WNA demo feed</title><language>en</language>{items}</channel></rss>"
    ).encode()


class DemoIngest:
    """Writes the demo sources file, runs ``wire ingest`` and feeds its two sources."""

    def __init__(self, settings: Settings, demo_files: list[Path]) -> None:
        self.settings = settings
        self.demo_files = demo_files
        self.root = settings.home / "ingest-demo"
        self.inbox = self.root / "inbox"
        self.feed_port = free_port()
        self.process: ChildProcess | None = None
        self.entries = demo_entries()
        self.shown = 1

    @property
    def feed_url(self) -> str:
        return f"http://127.0.0.1:{self.feed_port}/feed.xml"

    def start(self) -> Path:
        """Write the sources file and start the ingest process; returns its log path."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        sources = self.root / "sources.toml"
        sources.write_text(
            "# Written by `wire demo` (make run); docs/ingest.md describes the format.\n"
            f'[[source]]\nname = "demo-drop"\nkind = "folder"\npath = "{self.inbox}"\n'
            "settle = 1\n\n"
            f'[[source]]\nname = "demo-feed"\nkind = "feed"\nurl = "{self.feed_url}"\n'
            "interval = 3\nallow_private = true\nexpect_every = 120\n"
        )
        log_path = self.root / "ingest.log"
        env = {**os.environ, "WIRE_BOOTSTRAP": self.settings.bootstrap}
        env["WIRE_HOME"] = str(self.settings.home)
        cmd = wire_command("ingest", "--sources", str(sources))
        self.process = ChildProcess(cmd, env, log_path, name="wire ingest")
        self.process.start()
        return log_path

    async def _feed(self, request: web.Request) -> web.Response:
        return web.Response(
            body=rss(self.entries[: self.shown]), content_type="application/rss+xml"
        )

    async def run(self) -> None:
        """Serve the feed and make arrivals until cancelled."""
        app = web.Application()
        app.router.add_get("/feed.xml", self._feed)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.feed_port).start()
        try:
            pending = list(self.demo_files)
            while pending or self.shown < len(self.entries):
                await asyncio.sleep(STEP_S)
                if pending:
                    path = pending.pop(0)
                    tmp = self.inbox / f".{path.name}.part"
                    tmp.write_bytes(path.read_bytes())
                    os.replace(tmp, self.inbox / path.name)
                if self.shown < len(self.entries):
                    self.shown += 1
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop(30)


def demo_dir() -> Path:
    return Path(str(files("streams") / "data" / "demo"))


def say(text: str) -> None:
    print(text, flush=True)


def start_worker(settings: Settings, log_path: Path) -> WorkerProcess:
    env = {**os.environ, "WIRE_BOOTSTRAP": settings.bootstrap, "WIRE_HOME": str(settings.home)}
    worker = WorkerProcess.wire(env, log_path, settings.web_port)
    worker.host = settings.web_host
    worker.start()
    return worker


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
    worker: WorkerProcess | None = None
    ingest: DemoIngest | None = None
    try:
        topics = build_topics(settings)
        asyncio.run(ensure_topics(settings, topics.specs(settings)))
        log_path = settings.home / "worker.log"
        say(f"starting the worker (logs: {log_path}) ...")
        worker = start_worker(settings, log_path)
        web = worker.web
        worker.wait_web()
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
                name = topics.label(rec.topic)
                if rec.topic == topics.dead_letter:
                    reason = DeadLetter.decode(rec.value, rec.headers).reason
                    say("  " + dead_letter_line(name, reason))
                    continue
                say("  " + item_line(name, WireItem.from_json(jsonio.loads(rec.value))))
            arrivals.cancel()

        asyncio.run(publish_and_watch())
    except KeyboardInterrupt:
        say("\nstopping ...")
    finally:
        if ingest is not None:
            ingest.stop()
        if worker is not None:
            worker.stop(30)
        if broker is not None:
            broker.stop()
        say("stopped")
