"""``wire status``: the running worker's ``/wire/stats``, readable in a terminal."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import click

from streams import jsonio
from streams.errors import WireError
from streams.ingest.dashboard import fetch_sources, render_sources
from streams.settings import Settings


class StatusUnavailable(WireError):
    reason = "status-unavailable"


def stats_url(settings: Settings, url: str | None = None) -> str:
    if url:
        url = url.rstrip("/")
        return url if url.endswith("/wire/stats") else url + "/wire/stats"
    host = settings.web_host
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.web_port}/wire/stats"


#: A stats document is a few tens of KB; anything far larger is not one.
MAX_STATS_BYTES = 8 * 1024 * 1024


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Follow nothing: a redirect would carry the Bearer token to whatever host it names."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch_stats(url: str, token: str = "", timeout: float = 5.0) -> dict[str, Any]:
    """GET the stats document; a clear :class:`StatusUnavailable` instead of a traceback.

    The token goes only to ``url`` itself: redirects are reported, not followed.
    """
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with _OPENER.open(request, timeout=timeout) as resp:
            body = resp.read(MAX_STATS_BYTES + 1)
        if len(body) > MAX_STATS_BYTES:
            raise StatusUnavailable(f"{url} sent more than {MAX_STATS_BYTES:,} bytes")
        data = jsonio.loads(body)
    except urllib.error.HTTPError as exc:
        hint = " (set WIRE_WEB_TOKEN)" if exc.code == 401 else ""
        if 300 <= exc.code < 400:
            hint = (
                f" redirecting to {exc.headers.get('Location', '?')}; not followed, so the "
                "token is not sent there: give that address with --url"
            )
        raise StatusUnavailable(f"{url} answered HTTP {exc.code}{hint}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise StatusUnavailable(
            f"no worker answers at {url} ({exc}); is `wire worker` running? "
            "(--url or WIRE_WEB_PORT to point elsewhere)"
        ) from exc
    if not isinstance(data, dict):
        raise StatusUnavailable(f"{url} did not return a stats document")
    return data


def _n(value: Any) -> str:
    return "-" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def _ms(value: Any) -> str:
    return "-" if value is None else f"{value:.1f}"


def render(snap: dict[str, Any]) -> str:
    """A compact report: worker, throughput, totals, regions, latency, lag, dead letters."""
    w = snap.get("worker", {})
    rates, recent = snap.get("rates", {}), snap.get("recent", {})
    status, recent_status = snap.get("by_status", {}), recent.get("by_status", {})
    lat = snap.get("latency_ms", {})
    consumer = snap.get("consumer", {})
    lines = [
        f"worker   {snap.get('app_id', '?')} on {w.get('host', '?')} (pid {w.get('pid', '?')}), "
        f"up {int(w.get('uptime_s', 0)) // 60} min {int(w.get('uptime_s', 0)) % 60} s, "
        f"roles {','.join(snap.get('roles', ['parse', 'route']))}",
        f"rate     in {rates.get('in_per_s', 0)}/s   out {rates.get('out_per_s', 0)}/s"
        f"   (last {rates.get('window_s', 10)} s)",
        f"raw in   {_n(snap.get('raw_in'))}   items out {_n(snap.get('items_out'))}",
        "",
        f"{'':14}{'since start':>12}{'last 5 min':>12}",
    ]
    for key in ("routed", "update", "duplicate", "dead-letter"):
        lines.append(f"{key:14}{_n(status.get(key, 0)):>12}{_n(recent_status.get(key, 0)):>12}")
    lines += ["", f"{'region':14}{'since start':>12}{'last 5 min':>12}{'out/s':>8}"]
    by_region_rate = rates.get("out_per_s_by_region", {})
    for region, total in snap.get("by_region", {}).items():
        lines.append(
            f"{region:14}{_n(total):>12}{_n(recent.get('by_region', {}).get(region, 0)):>12}"
            f"{by_region_rate.get(region, 0):>8}"
        )
    lines += [
        "",
        f"latency  p50 {_ms(lat.get('p50'))} ms   p95 {_ms(lat.get('p95'))} ms   "
        f"p99 {_ms(lat.get('p99'))} ms   ({_n(lat.get('count', 0))} items, last 5 min)",
        f"lag      {_n(consumer.get('lag_total', 0))} messages behind",
    ]
    for part in consumer.get("lag", []):
        lines.append(
            f"  {part['topic']}[{part['partition']}]  end {_n(part['end'])}  lag {_n(part['lag'])}"
        )
    reasons = snap.get("dead_by_reason", {})
    if reasons:
        lines.append(
            "dead     " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())) + "  "
            "(wire subscribe dead-letter)"
        )
    return "\n".join(lines)


def run(url: str | None, as_json: bool, watch: float | None) -> None:
    settings = Settings.from_env()
    target = stats_url(settings, url)
    while True:
        snap = fetch_stats(target, settings.web_token)
        if as_json:
            click.echo(jsonio.dumps(snap).decode())
        else:
            if watch:
                click.clear()
            click.echo(render(snap))
            click.echo(render_sources(fetch_sources(target, settings.web_token)))
        if not watch:
            return
        time.sleep(watch)
