"""The ingest process's HTTP server: ``POST /ingest/<source>`` (push), status and metrics.

A push is answered 200 only after Kafka acknowledged the raw message; 401 without a
token and 403 with a wrong one (compared in constant time), 413 over the raw size
limit (before the body is read when Content-Length says so), 429 with ``Retry-After``
when the source already has ``max_inflight`` pushes waiting for Kafka, 503 when
Kafka refuses. ``/ingest/status`` and ``/metrics`` follow the dashboard's rules: a Host
that is not a loopback name or in ``WIRE_WEB_ALLOWED_HOSTS`` gets 421; open on loopback,
``WIRE_WEB_TOKEN`` as a Bearer header elsewhere (never in the URL).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from streams.hosts import MISDIRECTED, HostRules
from streams.ingest.config import HttpSource
from streams.ingest.entries import message_key
from streams.ingest.ledger import IngestPublisher
from streams.ingest.policy import SourceStatus
from streams.kafka.clients import RawPayload

log = logging.getLogger(__name__)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
RETRY_AFTER_S = 1


def _bearer(request: web.Request) -> str | None:
    auth = request.headers.get("Authorization", "")
    return auth[len("Bearer ") :] if auth.startswith("Bearer ") else None


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


class StatusCollector(Collector):
    """Prometheus families computed from the live source statuses at each scrape."""

    def __init__(self, statuses: dict[str, SourceStatus]) -> None:
        self.statuses = statuses

    def collect(self) -> Any:
        now = time.time()
        items = CounterMetricFamily(
            "wire_ingest_items", "Raw messages delivered per source", labels=["source", "kind"]
        )
        errors = CounterMetricFamily(
            "wire_ingest_errors", "Failed polls, scans or pushes per source", labels=["source"]
        )
        backlog = GaugeMetricFamily(
            "wire_ingest_backlog", "Files waiting, entries or pushes in flight", labels=["source"]
        )
        stale = GaugeMetricFamily(
            "wire_ingest_stale", "1 when silent longer than expected", labels=["source"]
        )
        last = GaugeMetricFamily(
            "wire_ingest_last_success_timestamp_seconds",
            "Unix time of the last successful poll, scan or push",
            labels=["source"],
        )
        silent = GaugeMetricFamily(
            "wire_ingest_silent_seconds", "Seconds since the last new item", labels=["source"]
        )
        for s in self.statuses.values():
            items.add_metric([s.name, s.kind], s.items_total)
            errors.add_metric([s.name], s.errors_total)
            backlog.add_metric([s.name], s.backlog)
            stale.add_metric([s.name], 1.0 if s.stale(now) else 0.0)
            last.add_metric([s.name], s.last_success or 0.0)
            silent.add_metric([s.name], s.silent_for(now))
        yield from (items, errors, backlog, stale, last, silent)


class IngestServer:
    """The aiohttp application; ``snapshot`` gives the status document."""

    def __init__(
        self,
        *,
        http_sources: list[HttpSource],
        statuses: dict[str, SourceStatus],
        publisher: IngestPublisher | None,
        max_raw_bytes: int,
        bind: str,
        web_token: str,
        snapshot: Callable[[], dict[str, Any]],
        allowed_hosts: str = "",
    ) -> None:
        self.sources = {s.name: s for s in http_sources}
        self.statuses = statuses
        self.publisher = publisher
        self.max_raw_bytes = max_raw_bytes
        self.bind = bind
        self.web_token = web_token
        self.snapshot = snapshot
        # The worker's Host rule (WIRE_WEB_ALLOWED_HOSTS) on the pages that read: a
        # DNS-rebinding page cannot read the status. Pushes are guarded by their tokens.
        self.hosts = HostRules.parse(allowed_hosts)
        self.inflight: dict[str, int] = {name: 0 for name in self.sources}
        self.registry = CollectorRegistry()
        self.registry.register(StatusCollector(statuses))

    def app(self) -> web.Application:
        # The body is read by hand with its own cap; aiohttp's 1 MiB default would answer
        # 413 itself for bodies we accept.
        app = web.Application(client_max_size=self.max_raw_bytes + 1)
        app.router.add_post("/ingest/{source}", self.push)
        app.router.add_get("/ingest/status", self.status)
        app.router.add_get("/ingest/health", self.health)
        app.router.add_get("/metrics", self.metrics)
        return app

    def _reader_allowed(self, request: web.Request) -> bool:
        if self.bind in LOOPBACK:
            return True
        given = _bearer(request)
        return bool(self.web_token) and given is not None and _same(given, self.web_token)

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def status(self, request: web.Request) -> web.Response:
        if not self.hosts.allows(request.headers.get("Host")):
            return web.json_response({"error": "unknown Host"}, status=MISDIRECTED)
        if not self._reader_allowed(request):
            return web.json_response({"error": "token required"}, status=401)
        return web.json_response(self.snapshot(), headers={"Cache-Control": "no-store"})

    async def metrics(self, request: web.Request) -> web.Response:
        if not self.hosts.allows(request.headers.get("Host")):
            return web.Response(text="unknown Host", status=MISDIRECTED)
        if not self._reader_allowed(request):
            return web.Response(text="token required", status=401)
        return web.Response(
            body=generate_latest(self.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def push(self, request: web.Request) -> web.Response:
        name = request.match_info["source"]
        src = self.sources.get(name)
        if src is None:
            return web.json_response({"error": f"no http source named {name!r}"}, status=404)
        if src.token:
            given = _bearer(request)
            if given is None:
                return web.json_response(
                    {"error": "token required (Authorization: Bearer ...)"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            if not _same(given, src.token):
                return web.json_response({"error": "wrong token"}, status=403)
        status = self.statuses[name]
        if request.content_length is not None and request.content_length > self.max_raw_bytes:
            return self._too_large()
        if self.inflight[name] >= src.max_inflight or self.publisher is None:
            return web.json_response(
                {"error": "busy: too many pushes waiting for Kafka; retry later"},
                status=429,
                headers={"Retry-After": str(RETRY_AFTER_S)},
            )
        self.inflight[name] += 1
        status.backlog = self.inflight[name]
        try:
            body = bytearray()
            async for chunk in request.content.iter_chunked(64 * 1024):
                body += chunk
                if len(body) > self.max_raw_bytes:
                    return self._too_large()
            data = bytes(body)
            if not data:
                return web.json_response({"error": "empty body"}, status=400)
            filename = request.headers.get("X-Wire-Filename") or None
            ctype = request.headers.get("Content-Type") or None
            key = message_key(name, filename or "", hashlib.sha256(data).hexdigest())
            payload = RawPayload(data, name, filename, ctype, src.format)
            try:
                [(partition, offset)] = await self.publisher.deliver([(key, payload)], 20.0)
            except Exception as exc:
                status.error(f"Kafka did not take a push: {type(exc).__name__}: {exc}", time.time())
                return web.json_response(
                    {"error": "Kafka unavailable; retry later"},
                    status=503,
                    headers={"Retry-After": str(RETRY_AFTER_S * 5)},
                )
            now = time.time()
            status.success(now)
            status.delivered(1, now)
            return web.json_response(
                {"ok": True, "key": key.decode(), "partition": partition, "offset": offset}
            )
        finally:
            self.inflight[name] -= 1
            status.backlog = self.inflight[name]

    def _too_large(self) -> web.Response:
        return web.json_response(
            {"error": f"body over the raw size limit of {self.max_raw_bytes} bytes"}, status=413
        )
