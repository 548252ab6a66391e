"""Web views on the Faust web server: the dashboard, its JSON, and ``/metrics``.

The server binds 127.0.0.1 unless configured otherwise; bound anywhere else,
data views and ``/metrics`` need ``WIRE_WEB_TOKEN`` (header ``Authorization:
Bearer <token>`` or ``?token=``); ``/wire/health`` stays open. Faust's own
``/table/`` views are switched off in the app. No view shows settings beyond
the app id and topic names, so secrets never reach a page. Endpoints are
documented in ``docs/web.md``.
"""

from __future__ import annotations

import hmac
from collections import defaultdict
from importlib.resources import files
from typing import Any

from streams.settings import Settings
from streams.stats import DEAD_RAW_CAP, Stats
from streams.topics import Topics

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def status_page() -> str:
    return (files("streams") / "data" / "web" / "status.html").read_text(encoding="utf-8")


def authorized(token: str, bind: str, request: Any) -> bool:
    """Loopback binds are open; any other bind needs the configured token (none: closed)."""
    if bind in LOOPBACK:
        return True
    given = request.query.get("token", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        given = auth[len("Bearer ") :]
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def consumer_view(app: Any, topics: Topics) -> dict[str, Any]:
    """Assignment and lag per partition of this worker, from Faust's consumer and monitor.

    Lag is the log end offset minus the next offset this worker will process (last
    read + 1, else the committed offset); ``null`` until the consumer has fetched.
    """
    out: dict[str, Any] = {"assignment": {}, "standbys": {}, "lag": [], "lag_total": 0}
    try:
        actives = set(app.assignor.assigned_actives())
        standbys = set(app.assignor.assigned_standbys())
        consumer = app.consumer
        monitor = app.monitor
    except Exception:  # not started yet
        return out
    out["assignment"] = _grouped(actives)
    out["standbys"] = _grouped(standbys)
    read = dict(getattr(monitor, "tp_read_offsets", {}) or {})
    committed = dict(getattr(monitor, "tp_committed_offsets", {}) or {})
    for tp in sorted(actives):
        if tp.topic not in (topics.raw, topics.items):
            continue
        try:
            end = consumer.highwater(tp)
        except Exception:
            end = None
        nxt = read[tp] + 1 if read.get(tp) is not None else committed.get(tp)
        lag = max(0, end - nxt) if end is not None and nxt is not None else None
        out["lag"].append(
            {"topic": tp.topic, "partition": tp.partition, "end": end, "next": nxt, "lag": lag}
        )
        out["lag_total"] += lag or 0
    return out


def _grouped(tps: set[Any]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for tp in sorted(tps):
        grouped[tp.topic].append(tp.partition)
    return dict(grouped)


def register_views(
    app: Any,
    settings: Settings,
    stats: Stats,
    topics: Topics,
    metrics: Any = None,
) -> None:
    """Attach the views to a Faust app (called by the composition root).

    ``metrics`` is a :class:`streams.shell.metrics.Metrics`; without it there is no ``/metrics``.
    """
    from faust import web

    page = status_page()
    token = settings.web_token

    def denied(request: web.Request) -> bool:
        return not authorized(token, app.conf.web_bind, request)

    def info() -> dict[str, Any]:
        return {
            "app_id": settings.app_id,
            "web_port": settings.web_port,
            "topics": {
                "raw": topics.raw,
                "items": topics.items,
                "regions": list(topics.region_topics),
                "duplicates": topics.duplicates,
                "dead_letter": topics.dead_letter,
            },
        }

    @app.page("/wire/")
    class Dashboard(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.text("token required: add ?token=... to the address", status=401)
            return self.html(page, headers={"Cache-Control": "no-store"})

    @app.page("/wire/health")
    class Health(web.View):
        """For probes: says only that the web server runs, so it needs no token."""

        async def get(self, request: web.Request) -> web.Response:
            return self.json({"ok": True})

    @app.page("/wire/stats")
    class StatsView(web.View):
        """Everything the dashboard shows, in one document."""

        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            snap = stats.snapshot()
            snap.update(info())
            snap["consumer"] = consumer_view(app, topics)
            return self.json(snap)

    @app.page("/wire/consumer")
    class ConsumerView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            return self.json(consumer_view(app, topics))

    @app.page("/wire/items")
    class LatestItems(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            return self.json(stats.latest_view())

    @app.page("/wire/items/{seq}")
    class ItemView(web.View):
        """One recent item as canonical JSON, geo evidence included."""

        async def get(self, request: web.Request, seq: str) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            entry = stats.item(int(seq)) if seq.isdigit() else None
            if entry is None:
                return self.json(
                    {"error": "no such recent item (only the latest kept)"}, status=404
                )
            if entry.item is None:
                return self.json({**entry.summary(), "note": "body too large to keep"})
            return self.json(entry.item.to_json())

    @app.page("/wire/dead")
    class LatestDead(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            return self.json([d.summary() for d in stats.latest_dead])

    @app.page("/wire/dead/{seq}/raw")
    class DeadRaw(web.View):
        """The kept raw bytes of a recent dead letter (cut at DEAD_RAW_CAP)."""

        async def get(self, request: web.Request, seq: str) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            entry = stats.dead(int(seq)) if seq.isdigit() else None
            if entry is None:
                return self.json({"error": "no such recent dead letter"}, status=404)
            headers = {
                "Content-Disposition": (
                    f'attachment; filename="dead-{entry.partition}-{entry.offset}.bin"'
                ),
                "X-Wire-Size": str(entry.size),
                "X-Wire-Truncated": "1" if entry.truncated else "0",
            }
            if entry.truncated:
                headers["X-Wire-Note"] = (
                    f"first {DEAD_RAW_CAP} of {entry.size} bytes; "
                    "the full record is on the dead-letter topic: wire subscribe dead-letter"
                )
            return self.bytes(entry.raw, content_type="application/octet-stream", headers=headers)

    from streams.ingest.dashboard import register_sources_view

    register_sources_view(app, settings, denied)  # the Sources panel (wire ingest, issue #18)

    if metrics is not None:

        @app.page("/metrics")
        class MetricsView(web.View):
            """Prometheus text format: ``wire_*`` (ours) and ``faust_*`` (Faust's monitor)."""

            async def get(self, request: web.Request) -> web.Response:
                if denied(request):
                    return self.text("token required", status=401)
                return self.bytes(
                    metrics.exposition(), headers={"Content-Type": metrics.content_type}
                )
