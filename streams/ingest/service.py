"""``wire ingest``: the process. Topics, publisher, ledger, one task per source, the server.

SIGTERM and SIGINT stop it cleanly: sources finish their current batch (a batch is
only moved or recorded after Kafka acked it, so an abrupt kill is safe too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any

from aiohttp import web

from streams.core.topics import Topics
from streams.ingest.config import FeedSource, FolderSource, HttpSource, Source
from streams.ingest.feed import FeedIngest
from streams.ingest.folder import FolderIngest
from streams.ingest.ledger import IngestPublisher, load_ledger
from streams.ingest.policy import SourceStatus
from streams.ingest.push import LOOPBACK, IngestServer
from streams.kafka.admin import ensure_topics
from streams.settings import Settings

log = logging.getLogger(__name__)


def expect_every(src: Source) -> float:
    return src.stale_after if isinstance(src, FeedSource) else src.expect_every


class IngestService:
    def __init__(self, settings: Settings, topics: Topics, sources: list[Source]) -> None:
        self.settings = settings
        self.topics = topics
        self.sources = sources
        self.started = time.time()
        self.statuses = {
            s.name: SourceStatus(s.name, s.kind, expect_every(s), started=self.started)
            for s in sources
        }
        self.stop = asyncio.Event()
        self.feeds: list[FeedIngest] = []

    def snapshot(self) -> dict[str, Any]:
        now = time.time()
        return {
            "now": now,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": self.started,
            "raw_topic": self.topics.raw,
            "sources": [self.statuses[s.name].view(now) for s in self.sources],
        }

    async def run(self, ready: asyncio.Event | None = None) -> None:
        s = self.settings
        await ensure_topics(s, self.topics.specs(s))
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self.stop.set)
        async with IngestPublisher(s, self.topics.raw, self.topics.ingest_ledger) as pub:
            ledger: dict[bytes, str] = {}
            if any(isinstance(src, FeedSource) for src in self.sources):
                ledger = await load_ledger(s, self.topics.ingest_ledger)
                log.info("ledger: %d feed entries remembered", len(ledger))
            server = IngestServer(
                http_sources=[src for src in self.sources if isinstance(src, HttpSource)],
                statuses=self.statuses,
                publisher=pub,
                max_raw_bytes=s.max_raw_bytes,
                bind=s.ingest_host,
                web_token=s.web_token,
                snapshot=self.snapshot,
                allowed_hosts=s.web_allowed_hosts,
            )
            runner = web.AppRunner(server.app(), access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, s.ingest_host, s.ingest_port)
            await site.start()
            tasks = []
            for src in self.sources:
                status = self.statuses[src.name]
                if isinstance(src, FolderSource):
                    tasks.append(FolderIngest(src, pub, status, s.max_raw_bytes).run(self.stop))
                elif isinstance(src, FeedSource):
                    feed = FeedIngest(src, pub, status, ledger)
                    self.feeds.append(feed)
                    tasks.append(feed.run(self.stop))
            for status in self.statuses.values():
                status.started = time.time()  # silence counts from here, not from setup
            running = [asyncio.create_task(t) for t in tasks]
            log.info(
                "ingest: %d source(s), server on http://%s:%d (push, /ingest/status, /metrics)",
                len(self.sources),
                s.ingest_host,
                s.ingest_port,
            )
            print(
                f"ingesting {len(self.sources)} source(s) into {self.topics.raw}; "
                f"status at http://{s.ingest_host}:{s.ingest_port}/ingest/status",
                flush=True,
            )
            if ready is not None:
                ready.set()
            try:
                await self.stop.wait()
            finally:
                self.stop.set()
                await asyncio.gather(*running, return_exceptions=True)
                await runner.cleanup()


def main(settings: Settings, sources_path: Path | None, check: bool = False) -> None:
    """``wire ingest``: validate the sources file, then run until SIGTERM or Ctrl-C."""
    from streams.core.topics import build_topics
    from streams.ingest.config import load_sources

    path = sources_path or settings.ingest_sources
    sources = load_sources(path, public_bind=settings.ingest_host not in LOOPBACK)
    if check:
        for src in sources:
            print(f"{src.name}: {src.kind} ok")
        return
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(IngestService(settings, build_topics(settings), sources).run())
