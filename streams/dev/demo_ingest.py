"""``make run``'s ingest part: a demo drop folder, a local demo feed, and ``wire ingest``.

The bundled demo items are dropped into the folder one at a time (written, then
renamed, as a careful FTP client does) and the demo feed gains one entry every few
seconds, so a newcomer sees items arrive by themselves, through the same ingest
process a newsroom would run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

from streams import jsonio
from streams.dev.broker import free_port
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
        self.proc: subprocess.Popen[bytes] | None = None
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
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streams", "ingest", "--sources", str(sources)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
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
        proc: Any = self.proc
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
