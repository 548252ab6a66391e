"""Web views on the Faust web server: the dashboard, its JSON, and ``/metrics``.

Three guards, all documented in ``docs/web.md``:

- every request (Faust's routes and ours) passes :func:`web_guard` first: a Host header
  that is not a loopback name or in ``WIRE_WEB_ALLOWED_HOSTS`` gets 421, so a DNS-rebinding
  page cannot read a loopback-bound worker; paths outside ``/wire/`` and ``/metrics`` are 404;
- bound beyond loopback, data views and ``/metrics`` need ``WIRE_WEB_TOKEN`` as
  ``Authorization: Bearer`` or as the HttpOnly session cookie set by ``POST /wire/login``;
  never in a URL (proxy logs, browser history), so ``?token=`` is ignored;
- :func:`check_web_settings` refuses to start with a known default or (beyond loopback) a
  short token.

Faust's own views are pinned off by the composition root. No view shows settings beyond the
app id and topic names, so secrets never reach a page.
"""

from __future__ import annotations

import hmac
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable
from functools import cache
from hashlib import sha256
from html import escape
from importlib.resources import files
from typing import Any

from streams.core.topics import Topics
from streams.errors import ConfigError
from streams.hosts import MISDIRECTED, HostRules, is_loopback
from streams.settings import Settings
from streams.worker.stats import DEAD_RAW_CAP, Stats

#: Shortest token accepted when the server is bound beyond loopback.
MIN_PUBLIC_TOKEN = 16
#: The session cookie set by ``POST /wire/login``: an HMAC of the token, not the token.
COOKIE = "wire_session"
#: Largest request body (the login form is the only one we read).
MAX_BODY = 16 * 1024
_SEQ = re.compile(r"[0-9]{1,18}")
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


#: Faust's own views (statistics, tables, router, graph, performance): none has a token check.
FAUST_VIEW_FLAGS = (
    "web_stats_enabled",
    "web_tables_enabled",
    "web_router_enabled",
    "web_graph_enabled",
    "web_metrics_enabled",
)


def pin_faust_views_off(app: Any) -> None:
    """Switch Faust's views off after the app is made.

    Faust lets ``APP_DEBUG`` and ``APP_WEB_*_ENABLED`` environment variables override the
    values passed to ``faust.App``, so passing ``False`` there is not enough.
    """
    for flag in FAUST_VIEW_FLAGS:
        setattr(app.conf, flag, False)


def status_page() -> str:
    return (files("streams") / "data" / "web" / "status.html").read_text(encoding="utf-8")


@cache
def weak_tokens() -> frozenset[str]:
    """Normalised tokens refused at start (``streams/data/web/weak_tokens.txt``)."""
    text = (files("streams") / "data" / "web" / "weak_tokens.txt").read_text(encoding="utf-8")
    return frozenset(
        _normal(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _normal(token: str) -> str:
    return "".join(c for c in token.lower() if c.isalnum())


def check_web_settings(settings: Settings) -> HostRules:
    """Refuse to start with a guessable token (the dashboard's, or the hand-off key, which
    the Kubernetes example ships as ``replace-me``); parse the Host allow-list."""
    key = settings.handoff_key
    if key and (_normal(key) in weak_tokens() or len(set(key)) < 4):
        raise ConfigError(
            "WIRE_HANDOFF_KEY is a known default or trivial value, which keys nothing; set a "
            "random one on every worker, e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(24))', or leave it empty"
        )
    token = settings.web_token
    public = not is_loopback(settings.web_host)
    if token and (_normal(token) in weak_tokens() or len(set(token)) < 4):
        raise ConfigError(
            "WIRE_WEB_TOKEN is a known default or trivial value; set a random one, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )
    if public and len(token) < MIN_PUBLIC_TOKEN:
        raise ConfigError(
            f"WIRE_WEB_TOKEN must be at least {MIN_PUBLIC_TOKEN} characters when the web "
            f"server is bound beyond loopback (WIRE_WEB_HOST={settings.web_host}); "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )
    return HostRules.parse(settings.web_allowed_hosts)


def session_value(token: str) -> str:
    """The cookie value: derived from the token, so the browser never holds the token itself."""
    return hmac.new(token.encode(), b"wirestream dashboard session v1", sha256).hexdigest()


def authorized(token: str, bind: str, request: Any) -> bool:
    """Loopback binds are open; others need the token as a Bearer header or the session cookie.

    A token in the query string is ignored: URLs end up in logs and browser history.
    """
    if is_loopback(bind):
        return True
    if not token:
        return False
    auth = request.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return hmac.compare_digest(auth[len("Bearer ") :].encode(), token.encode())
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode())


def parse_seq(seq: str) -> int | None:
    """A buffer id from a URL: ASCII digits only (``str.isdigit`` accepts ``²``), bounded."""
    return int(seq) if _SEQ.fullmatch(seq) else None


def web_guard(rules: HostRules) -> Any:
    """aiohttp middleware for every route: Host allow-list, our paths only, safe headers."""
    from aiohttp import web as aioweb

    @aioweb.middleware
    async def guard(request: Any, handler: Callable[[Any], Awaitable[Any]]) -> Any:
        hosts = request.headers.getall("Host", [])
        if len(hosts) != 1 or not rules.allows(hosts[0]):
            return aioweb.Response(
                status=MISDIRECTED,
                text="this server does not answer for that Host (WIRE_WEB_ALLOWED_HOSTS)\n",
                headers=_SECURITY_HEADERS,
            )
        path = request.path
        if not (path.startswith("/wire/") or path == "/metrics"):
            return aioweb.Response(status=404, text="not found\n", headers=_SECURITY_HEADERS)
        response = await handler(request)
        for key, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    return guard


def login_page(note: str = "") -> str:
    """A form that posts the token once; the answer sets the session cookie."""
    message = f'<p class="bad">{escape(note)}</p>' if note else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wirestream: log in'
        "</title><style>body{font:15px system-ui,sans-serif;margin:3em auto;max-width:26em}"
        "input{font:inherit;padding:.3em;width:100%;box-sizing:border-box;margin:.4em 0}"
        ".bad{color:#dc2626}</style></head><body><h1>Wirestream</h1>"
        f'{message}<form method="post" action="login"><label>Web token '
        '(WIRE_WEB_TOKEN)<input type="password" name="token" autocomplete="current-password" '
        'autofocus required></label><input type="submit" value="Log in"></form></body></html>'
    )


def consumer_view(app: Any, topics: Topics) -> dict[str, Any]:
    """Assignment and lag per partition of this worker, from Faust's consumer and monitor,
    and the bytes its fetch loop has handed to the agents unacknowledged (``inflight``).

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
    inflight = getattr(consumer, "inflight", None)
    if inflight is not None:  # bytes handed to the agents, unacknowledged (WIRE_INFLIGHT_BYTES)
        out["inflight"] = inflight.view()
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

    ``metrics`` is a :class:`streams.worker.metrics.Metrics`; without it there is no ``/metrics``.
    """
    from faust import web

    check_web_settings(settings)
    page = status_page()
    token = settings.web_token
    closed = {"error": "token required: Authorization: Bearer <token>, or log in at /wire/login"}

    def denied(request: web.Request) -> bool:
        return not authorized(token, app.conf.web_bind, request)

    def info() -> dict[str, Any]:
        return {
            "app_id": settings.app_id,
            # A split worker shows only its stage's counts (docs/architecture.md, roles).
            "roles": sorted(settings.role_set),
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
                return self.html(login_page(), status=401, headers={"Cache-Control": "no-store"})
            return self.html(page, headers={"Cache-Control": "no-store"})

    @app.page("/wire/login")
    class Login(web.View):
        """The form posts the token once; the answer sets an HttpOnly, SameSite=Strict cookie."""

        async def get(self, request: web.Request) -> web.Response:
            return self.html(login_page(), headers={"Cache-Control": "no-store"})

        async def post(self, request: web.Request) -> web.Response:
            ctype = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
                return self.text("send the login form url-encoded\n", status=415)
            try:
                form = await request.post()
            except ValueError:  # undecodable form data (UnicodeDecodeError too)
                return self.text("malformed form\n", status=400)
            given = form.get("token", "")
            if not isinstance(given, str) or not token:
                given = ""
            if not token or not hmac.compare_digest(given.encode(), token.encode()):
                note = "wrong token" if token else "no token configured: nothing to log in to"
                return self.html(
                    login_page(note), status=401, headers={"Cache-Control": "no-store"}
                )
            cookie = f"{COOKIE}={session_value(token)}; Path=/; HttpOnly; SameSite=Strict"
            if request.secure:  # type: ignore[attr-defined]
                cookie += "; Secure"
            return self.text(
                "logged in\n",
                status=303,
                headers={"Location": "./", "Set-Cookie": cookie, "Cache-Control": "no-store"},
            )

    @app.page("/wire/logout")
    class Logout(web.View):
        async def post(self, request: web.Request) -> web.Response:
            cookie = f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
            return self.text(
                "logged out\n", status=303, headers={"Location": "login", "Set-Cookie": cookie}
            )

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
                return self.json(closed, status=401)
            snap = stats.snapshot()
            snap.update(info())
            snap["consumer"] = consumer_view(app, topics)
            return self.json(snap)

    @app.page("/wire/consumer")
    class ConsumerView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json(closed, status=401)
            return self.json(consumer_view(app, topics))

    @app.page("/wire/items")
    class LatestItems(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json(closed, status=401)
            return self.json(stats.latest_view())

    @app.page("/wire/items/{seq}")
    class ItemView(web.View):
        """One recent item as canonical JSON, geo evidence included."""

        async def get(self, request: web.Request, seq: str) -> web.Response:
            if denied(request):
                return self.json(closed, status=401)
            n = parse_seq(seq)
            entry = stats.item(n) if n is not None else None
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
                return self.json(closed, status=401)
            return self.json([d.summary() for d in stats.latest_dead])

    @app.page("/wire/dead/{seq}/raw")
    class DeadRaw(web.View):
        """The kept raw bytes of a recent dead letter (cut at DEAD_RAW_CAP)."""

        async def get(self, request: web.Request, seq: str) -> web.Response:
            if denied(request):
                return self.json(closed, status=401)
            n = parse_seq(seq)
            entry = stats.dead(n) if n is not None else None
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
                    return self.text(closed["error"] + "\n", status=401)
                return self.bytes(
                    metrics.exposition(), headers={"Content-Type": metrics.content_type}
                )
