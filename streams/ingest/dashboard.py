"""The Sources panel: the worker's ``/wire/sources`` relays the ingest process's status.

The ingest process is separate (``docs/ingest.md``), so the worker's dashboard asks
it (``WIRE_INGEST_URL``, else ``WIRE_INGEST_HOST:WIRE_INGEST_PORT``) on each refresh,
with ``WIRE_WEB_TOKEN`` as a Bearer header. An ingest process that does not answer is
itself shown, as the panel's error: a dead ingest process is an outage of every source.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from typing import Any

from streams import jsonio
from streams.settings import Settings


async def sources_doc(settings: Settings, timeout: float = 2.0) -> dict[str, Any]:
    """The ingest status document, or ``{"ok": false, "error": ...}`` saying why not."""
    import aiohttp

    url = settings.ingest_status_url
    headers = {"Authorization": f"Bearer {settings.web_token}"} if settings.web_token else {}
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session,
            session.get(url, headers=headers) as resp,
        ):
            if resp.status != 200:
                return {
                    "ok": False,
                    "url": url,
                    "error": f"the ingest process answered {resp.status}",
                }
            doc = await resp.json()
    except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
        return {
            "ok": False,
            "url": url,
            "error": f"no ingest process answers at {url} ({type(exc).__name__})",
        }
    if not isinstance(doc, dict):
        return {"ok": False, "url": url, "error": "the ingest process sent no status document"}
    return {"ok": True, "url": url, **doc}


def register_sources_view(app: Any, settings: Settings, denied: Any) -> None:
    """``GET /wire/sources`` on the worker's web server, under the data pages' token rule."""
    from faust import web

    @app.page("/wire/sources")
    class SourcesView(web.View):
        async def get(self, request: web.Request) -> web.Response:
            if denied(request):
                return self.json({"error": "token required"}, status=401)
            return self.json(await sources_doc(settings))


def fetch_sources(stats_url: str, token: str = "", timeout: float = 5.0) -> dict[str, Any]:
    """``wire status``: the worker's ``/wire/sources`` (next to the ``/wire/stats`` it reads)."""
    url = stats_url.removesuffix("/stats") + "/sources"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            doc = jsonio.loads(resp.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return {"ok": False, "error": f"{url}: {exc}"}
    return doc if isinstance(doc, dict) else {"ok": False, "error": f"{url}: not a document"}


def _ago(then: Any, now: float) -> str:
    if not isinstance(then, (int, float)):
        return "never"
    s = int(now - then)
    return f"{s} s ago" if s < 120 else f"{s // 60} min ago" if s < 7200 else f"{s // 3600} h ago"


def render_sources(doc: dict[str, Any]) -> str:
    """The Sources block of ``wire status``: one line per source, stale ones marked."""
    if not doc.get("ok"):
        return f"sources  {doc.get('error', 'unavailable')}"
    now = float(doc.get("now") or time.time())
    lines = [f"sources  {'':18}{'state':>7}{'today':>8}{'backlog':>9}  last success / last error"]
    for s in doc.get("sources", []):
        err = f"  error {_ago(s.get('last_error_at'), now)}: {s['last_error']}"
        lines.append(
            f"  {s['name'][:24]:<24} {s['state']:>7}{s['items_today']:>8,}{s['backlog']:>9,}  "
            f"{_ago(s.get('last_success'), now)}" + (err if s.get("last_error") else "")
        )
    return "\n".join(lines)
