"""Issue #18: a feed outage shown as stale in the dashboard's Sources panel (real Chromium).

The worker relays the ingest process's status (``/wire/sources``); a feed that stops
answering goes from ok to stale once silent longer than its expected interval, with
the error that explains it, and back to ok when entries flow again. ``wire status``
shows the same, and a stopped ingest process is itself reported.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

from streams.dev.broker import free_port

from .conftest import ARTIFACTS, Service
from .ingest_support import FeedServer, ingest_process
from .test_dashboard import browser_page, needs_chromium

ROW = '#sources tr[data-source="desk-feed"]'


@needs_chromium
async def test_a_feed_outage_shows_as_stale(service: Service) -> None:
    server = FeedServer(
        entries=[
            ("o-1", "Cyprus port reopens", "LIMASSOL - Cyprus reopened its port on Monday."),
            ("o-2", "Chile wine exports rise", "SANTIAGO - Chile said wine exports rose."),
        ]
    )
    url = await server.start()
    port = free_port()
    service.settings = service.settings.with_(ingest_port=port)
    worker = service.worker()
    sources = f"""
[[source]]
name = "desk-feed"
kind = "feed"
url = "{url}"
interval = 1
jitter = 0
max_backoff = 2
expect_every = 4
allow_private = true
"""
    ingest = ingest_process(service, sources, port=port)
    ingest.start()
    live = asyncio.create_task(_a_live_line(server))
    try:
        async with browser_page() as page:
            await page.goto(f"http://127.0.0.1:{worker.web_port}/wire/")
            await page.wait_for_selector(f'{ROW}[data-state="ok"]', timeout=20000)
            await page.wait_for_function(
                f"Number(document.querySelector('{ROW} td:nth-child(6)')?.textContent) >= 4",
                timeout=20000,
            )
            assert await page.get_attribute(ROW, "data-state") == "ok"

            server.up = False  # the agency's server fails: errors, then silence
            await page.wait_for_selector(f'{ROW}[data-state="stale"]', timeout=30000)
            error = await page.text_content(f"{ROW} td:nth-child(8)")
            assert error is not None and "HTTP 503" in error
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "sources-stale.png"), full_page=True)

            done = await asyncio.to_thread(
                subprocess.run,
                [
                    sys.executable,
                    "-m",
                    "streams",
                    "status",
                    "--url",
                    f"http://127.0.0.1:{worker.web_port}",
                ],
                capture_output=True,
                text=True,
                timeout=60,
                env=worker.env,
                check=True,
            )
            line = next(x for x in done.stdout.splitlines() if "desk-feed" in x)
            assert line.split()[1] == "stale" and "HTTP 503" in line, done.stdout

            server.up = True  # back, and the live line brings new entries: ok again
            await page.wait_for_selector(f'{ROW}[data-state="ok"]', timeout=30000)

            ingest.stop()  # no ingest process at all: the panel says so
            await page.wait_for_selector("#sources-error", timeout=20000)
            text = await page.text_content("#sources-error")
            assert text is not None and "no ingest process answers" in text
    finally:
        live.cancel()
        ingest.stop()
        await server.stop()


async def _a_live_line(server: FeedServer) -> None:
    """An active agency line: a new entry every second while the server is up."""
    n = 100
    while True:
        await asyncio.sleep(1.0)
        if server.up:
            n += 1
            server.entries.append(
                (f"o-{n}", f"Harbour notice {n}", f"PIRAEUS - Greece issued harbour notice {n}.")
            )
