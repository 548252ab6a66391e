"""The ``wire ingest`` process and a changing local feed server, for the ingest tests."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from streams import jsonio
from streams.dev.broker import free_port
from streams.dev.process import ChildProcess, wire_command

from .conftest import Service


@dataclass
class IngestProcess(ChildProcess):
    """One ``wire ingest`` subprocess with its sources file, port and log."""

    sources: Path = Path()
    port: int = 0

    def start(self, wait: bool = True) -> None:
        super().start()
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout: float = 60.0) -> None:
        def up() -> bool:
            with contextlib.suppress(OSError):
                self.status()
                return True
            return False

        self.wait_until(up, timeout, "/ingest/status answering")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def status(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.base + "/ingest/status", timeout=5) as resp:
            doc: dict[str, Any] = jsonio.loads(resp.read())
        return doc

    def source(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = next(s for s in self.status()["sources"] if s["name"] == name)
        return found

    def tail(self, lines: int = 80) -> str:
        return super().tail(lines)


def ingest_process(
    service: Service, sources_toml: str, port: int | None = None, **env: str
) -> IngestProcess:
    """An ingest process for the service's topics, with ``sources_toml`` as its sources file."""
    port = port or free_port()
    home = service.home / f"ingest-{port}"
    home.mkdir(parents=True, exist_ok=True)
    sources = home / "sources.toml"
    sources.write_text(sources_toml)
    e = service.env(service.workers[0].web_port if service.workers else free_port(), home)
    e.update({"WIRE_INGEST_PORT": str(port), "WIRE_INGEST_HOST": "127.0.0.1", **env})
    cmd = wire_command("ingest", "--sources", str(sources))
    return IngestProcess(cmd, e, home / "ingest.log", sources=sources, port=port)


async def wait_until(check: Any, timeout: float = 60.0, what: str = "condition") -> Any:
    """Poll an async or plain callable until it returns something truthy."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


@dataclass
class FeedServer:
    """A local RSS feed on 127.0.0.1 whose entries the test changes; honours ETag."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)
    up: bool = True
    full: int = 0
    not_modified: int = 0
    conditional: int = 0
    port: int = 0
    _runner: web.AppRunner | None = None

    def document(self) -> bytes:
        items = "".join(
            f"<item><guid>{g}</guid><title>{t}</title><description>{d}</description></item>"
            for g, t, d in self.entries
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test Desk</title><language>en</language>{items}</channel></rss>"
        ).encode()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if not self.up:
            return web.Response(status=503, text="down for maintenance")
        body = self.document()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match"):
            self.conditional += 1
            if request.headers["If-None-Match"] == etag:
                self.not_modified += 1
                return web.Response(status=304, headers={"ETag": etag})
        self.full += 1
        return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/feed.xml", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        self.port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return f"http://127.0.0.1:{self.port}/feed.xml"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
