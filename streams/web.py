"""Web views on the Faust web server: a status page and its JSON.

The server binds 127.0.0.1 unless configured otherwise; bound anywhere else,
data views need ``WIRE_WEB_TOKEN`` (header ``Authorization: Bearer <token>`` or
``?token=``). Faust's own ``/table/`` views are switched off in the app.
"""

from __future__ import annotations

import hmac
from importlib.resources import files
from typing import Any

from streams.settings import Settings
from streams.stats import Stats
from streams.topics import Topics


def status_page() -> str:
    return (files("streams") / "data" / "web" / "status.html").read_text(encoding="utf-8")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def authorized(token: str, bind: str, request: Any) -> bool:
    """Loopback binds are open; any other bind needs the configured token (none: closed)."""
    if bind in LOOPBACK:
        return True
    given = request.query.get("token", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        given = auth[len("Bearer ") :]
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def register_views(app: Any, settings: Settings, stats: Stats, topics: Topics) -> None:
    """Attach the views to a Faust app (called by the composition root)."""
    from faust import web

    page = status_page()

    @app.page("/wire/")
    class StatusPage(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if not authorized(settings.web_token, app.conf.web_bind, request):
                return self.text("token required", status=401)
            return self.html(page)

    @app.page("/wire/health")
    class Health(web.View):
        """For probes: says only that the web server runs, so it needs no token."""

        async def get(self, request: web.Request) -> web.Response:
            return self.json({"ok": True})

    @app.page("/wire/stats")
    class StatsView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if not authorized(settings.web_token, app.conf.web_bind, request):
                return self.json({"error": "token required"}, status=401)
            snap = stats.snapshot()
            snap["topics"] = {"raw": topics.raw, "regions": list(topics.region_topics)}
            return self.json(snap)
