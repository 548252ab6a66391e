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


def authorized(settings: Settings, request: Any) -> bool:
    if not settings.web_is_public:
        return True
    token = request.query.get("token", "")
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        token = auth[len("Bearer ") :]
    return bool(settings.web_token) and hmac.compare_digest(token, settings.web_token)


def register_views(app: Any, settings: Settings, stats: Stats, topics: Topics) -> None:
    """Attach the views to a Faust app (called by the composition root)."""
    from faust import web

    page = status_page()

    @app.page("/wire/")
    class StatusPage(web.View):  # type: ignore[misc]
        async def get(self, request: web.Request) -> web.Response:
            if not authorized(settings, request):
                return self.text("token required", status=401)
            return self.html(page)

    @app.page("/wire/stats")
    class StatsView(web.View):  # type: ignore[misc]
        async def get(self, request: web.Request) -> web.Response:
            if not authorized(settings, request):
                return self.json({"error": "token required"}, status=401)
            snap = stats.snapshot()
            snap["topics"] = {"raw": topics.raw, "regions": list(topics.region_topics)}
            return self.json(snap)
