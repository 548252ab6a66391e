"""``wire publish URL`` against hostile servers on loopback: seconds and peak memory.

A server that drip-feeds its headers or body, and one that sends 300 MB with no
Content-Length, each fetched the old way (``urllib``, whole body, a per-read timeout) and
through ``streams.ingest.http_fetch`` (total deadline, size cap). Figures, not assertions::

    .venv/bin/python bench/fetch_bench.py [--deadline 3] [--old-cap 10]
"""

from __future__ import annotations

import argparse
import resource
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from streams.ingest.http_fetch import FetchError, FetchLimits, fetch

MB = 1 << 20


def server(send: Callable[[BaseHTTPRequestHandler], None]) -> ThreadingHTTPServer:
    class H(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                send(self)
            except OSError:
                return

        def log_message(self, *args: object) -> None:
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def drip_body(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "1000000")
    h.end_headers()
    for _ in range(1_000_000):
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(0.05)


def drip_headers(h: BaseHTTPRequestHandler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for i in range(1_000_000):
        h.wfile.write(f"X-Drip-{i}: 1\r\n".encode())
        h.wfile.flush()
        time.sleep(0.05)


def huge(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Connection", "close")
    h.end_headers()
    chunk = b"x" * MB
    for _ in range(300):
        h.wfile.write(chunk)


def old_way(url: str, cap: float) -> str:
    """The former fetch_url, stopped by a watchdog after ``cap`` seconds."""
    done: list[str] = []

    def run() -> None:
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:
                done.append(f"read {len(resp.read()) / MB:.0f} MiB")
        except Exception as exc:  # a figure, not a test
            done.append(type(exc).__name__)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(cap)
    return done[0] if done else f"still reading after {cap:.0f} s"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--deadline", type=float, default=3.0, help="total deadline (s), new way")
    ap.add_argument("--old-cap", type=float, default=10.0, help="stop the old way after (s)")
    args = ap.parse_args()
    limits = FetchLimits(4 * MB, deadline_s=args.deadline, allow_private=True)
    print(f"{'server':<34}{'way':<6}{'seconds':>9}{'peak RSS MB':>13}  outcome")
    # The new way first: peak RSS only grows, so its figure is not hidden by the old one's.
    for way in ("new", "old"):
        for name, send in (
            ("drip-fed body (1 B / 50 ms)", drip_body),
            ("drip-fed headers (1 / 50 ms)", drip_headers),
            ("300 MiB, no Content-Length", huge),
        ):
            httpd = server(send)
            url = f"http://127.0.0.1:{httpd.server_address[1]}/"
            t = time.monotonic()
            if way == "new":
                try:
                    outcome = f"fetched {len(fetch(url, limits).body)} B"
                except FetchError as exc:
                    outcome = exc.message.split(": ", 1)[-1]
            else:
                outcome = old_way(url, args.old_cap)
            took = time.monotonic() - t
            print(f"{name:<34}{way:<6}{took:>9.2f}{rss_mb():>13.0f}  {outcome}")
            httpd.shutdown()
            httpd.server_close()


if __name__ == "__main__":
    main()
