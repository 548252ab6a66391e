"""Issue #7: the dashboard in a real headless Chromium while items flow through a real worker.

The numbers on screen must move while we publish and, once the worker is idle,
match what is on the topics. A screenshot is saved in the CI artifacts folder.
Issue #15: a foreign Host header is refused, and a worker bound beyond loopback is
opened through the login form's HttpOnly cookie, never a token in a URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from streams import jsonio
from streams.kafka.clients import RawPayload

from .conftest import ARTIFACTS, Service

CHROMIUM = os.environ.get("WIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's chromium is not installed (.ci/run installs it)",
)

#: (dateline, country phrase) per region, for realistic wire copy.
DATELINES = {
    "europe": [("LISBON", "Portugal"), ("WARSAW", "Poland"), ("ATHENS", "Greece")],
    "africa": [("NAIROBI", "Kenya"), ("ACCRA", "Ghana"), ("DAKAR", "Senegal")],
    "asia-pacific": [("MANILA", "the Philippines"), ("JAKARTA", "Indonesia")],
    "americas": [("LIMA", "Peru"), ("BOGOTA", "Colombia"), ("MONTREAL", "Canada")],
    "middle-east": [("AMMAN", "Jordan"), ("MUSCAT", "Oman")],
}
SUBJECTS = [
    ("Port workers", "end a four-day strike after a pay offer", "container traffic resumed"),
    ("Central bank", "holds its benchmark rate steady", "inflation eased for a third month"),
    ("Grain harvest", "falls short of forecasts after a dry spring", "farm groups asked for aid"),
    ("Transport ministry", "orders checks on regional rail bridges", "inspectors found corrosion"),
    ("Power utility", "restores supply after overnight outage", "a substation fire cut lines"),
    ("Election commission", "sets date for municipal vote", "parties have six weeks to register"),
    ("Health officials", "report fewer measles cases", "a vaccination drive reached schools"),
    ("Airport operator", "opens a new cargo terminal", "freight volumes rose 12 percent"),
]


def story(i: int, region: str, rng: random.Random) -> RawPayload:
    city, country = rng.choice(DATELINES[region])
    who, did, why = SUBJECTS[i % len(SUBJECTS)]
    n = rng.randint(3, 97)
    text = (
        f"{who} in {country} {did}, edition {i}\n"
        f"{city}, March {1 + i % 28} (WNA) - {who} in {country} {did} on Tuesday, officials "
        f"in {city} said, adding that {why}. About {n} people attended briefing number {i}, "
        f"and a follow-up report is due within {n % 9 + 2} weeks. (WNA)\n"
    )
    return RawPayload(text.encode(), "wna", f"story-{i:04d}.txt", "text/plain")


def burst(start: int, size: int, rng: random.Random) -> list[RawPayload]:
    regions = list(DATELINES)
    out = [story(i, regions[i % len(regions)], rng) for i in range(start, start + size)]
    out.append(out[0])  # a verbatim repeat: a duplicate on the page
    out.append(RawPayload(b"\x00\xff\xfe" + os.urandom(512), "noise", f"noise-{start}.bin"))
    return out


@asynccontextmanager
async def browser_page() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport={"width": 1440, "height": 1000})
            yield page
        finally:
            await browser.close()


async def number(page: Any, selector: str) -> int:
    text = (await page.text_content(selector)) or ""
    digits = text.split(" ")[0].replace(",", "")
    return int(digits) if digits.isdigit() else -1


async def region_totals(page: Any) -> dict[str, int]:
    cells: list[list[str]] = await page.eval_on_selector_all(
        "#regions tr[data-region]",
        "rows => rows.map(r => [r.dataset.region, r.querySelector('.total').textContent])",
    )
    return {r: int(v.replace(",", "")) for r, v in cells}


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        body: bytes = resp.read()
        return body


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10):
            return 200
    except urllib.error.HTTPError as exc:
        return exc.code


@needs_chromium
async def test_dashboard_numbers_move_and_match_the_topics(service: Service) -> None:
    worker = service.worker()
    base = f"http://127.0.0.1:{worker.web_port}/wire/"
    rng = random.Random(7)
    published = 0
    garbage: list[bytes] = []
    async with browser_page() as page:
        await page.goto(base)
        await page.wait_for_selector("#state.ok", timeout=15000)
        assert await number(page, "#in-total") == 0
        assert await number(page, "#total-routed") == 0

        seen_in: list[int] = []
        for b in range(5):
            payloads = burst(b * 12, 12, rng)
            garbage.append(payloads[-1].value)
            await service.publish(*payloads)
            published += len(payloads)
            await asyncio.sleep(2.5)
            seen_in.append(await number(page, "#in-total"))
        # The page moved while items flowed (it polls every 2 s).
        assert seen_in == sorted(seen_in) and seen_in[-1] > seen_in[0] > 0, seen_in

        # Wait until the worker is idle: everything in, the page's numbers stable.
        dead_topic = service.topics.dead_letter
        await service.wait_for([dead_topic], len(garbage))
        await page.wait_for_function(
            f"document.getElementById('in-total').textContent.startsWith('{published}')",
            timeout=60000,
        )
        last: tuple[Any, ...] = ()
        for _ in range(60):
            now = (
                await region_totals(page),
                await number(page, "#total-duplicate"),
                await number(page, "#total-dead-letter"),
                await number(page, "#total-routed"),
                await number(page, "#total-update"),
            )
            if now == last:
                break
            last = now
            await asyncio.sleep(2.5)
        by_region, dups, dead, routed, updates = last

        # The page agrees with the topics.
        for region in (*service.topics.regions, "unlocated"):
            on_topic = len(await service.read(service.topics.region(region)))
            assert by_region.get(region, 0) == on_topic, (region, by_region)
        assert dups == len(await service.read(service.topics.duplicates)) >= 5
        assert dead == len(garbage)
        assert routed + updates + dups == len(await service.read(service.topics.items))
        assert sum(by_region.values()) > 0
        assert await number(page, "#lag-total") == 0
        assert await page.locator("#lag tr").count() >= 2  # raw partitions and items

        # Latest items link to their JSON with geo evidence; dead letters to their bytes.
        href = await page.get_attribute("#latest a", "href")
        assert href is not None
        doc = jsonio.loads(get(base + href))
        assert doc["wirestream"]["evidence"], doc
        raw_href = await page.get_attribute("#dead a[download]", "href")
        assert raw_href is not None
        assert get(base + raw_href) == garbage[-1]
        links: list[str] = await page.eval_on_selector_all("a", "as => as.map(a => a.href)")
        assert links and not any("token" in link for link in links), links

        # DNS rebinding: the same worker, reached under a foreign name, answers nothing.
        for path in ("stats", href, raw_href, "../metrics", ""):
            assert status_of(base + path, {"Host": "rebind.example:80"}) == 421, path

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # `wire status` reads the same numbers.
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "streams", "status", "--url", f"http://127.0.0.1:{worker.web_port}"],
        capture_output=True,
        text=True,
        timeout=60,
        env=worker.env,
        check=True,
    )
    out = done.stdout
    assert f"raw in   {published:,}" in out, out
    assert any(line.split()[:2] == ["dead-letter", str(dead)] for line in out.splitlines()), out
    assert "lag      0 messages behind" in out, out


@needs_chromium
async def test_a_public_worker_opens_by_login_cookie_never_by_url_token(service: Service) -> None:
    token = secrets.token_urlsafe(24)
    worker = service.worker(start=False)
    worker.env.update(WIRE_WEB_HOST="0.0.0.0", WIRE_WEB_TOKEN=token)
    worker.start()
    base = f"http://127.0.0.1:{worker.web_port}/wire/"
    for _ in range(300):
        with contextlib.suppress(OSError):
            if status_of(base + "health") == 200:
                break
        assert worker.alive(), worker.tail()
        await asyncio.sleep(0.3)
    await service.publish(*burst(0, 6, random.Random(3)))
    await service.wait_for([service.topics.dead_letter], 1)

    assert status_of(base + "stats") == 401
    assert status_of(base + "stats?token=" + token) == 401  # a URL token is not accepted
    assert status_of(base + "stats", {"Authorization": f"Bearer {token}"}) == 200

    async with browser_page() as page:
        answer = await page.goto(base)
        assert answer is not None and answer.status == 401
        await page.fill("input[name=token]", "wrong-" + token)
        await page.click("input[type=submit]")
        assert "wrong token" in (await page.text_content("body") or "")
        await page.fill("input[name=token]", token)
        await page.click("input[type=submit]")
        await page.wait_for_selector("#state.ok", timeout=15000)
        assert token not in page.url
        assert await page.evaluate("document.cookie") == ""  # HttpOnly: scripts cannot read it
        (cookie,) = await page.context.cookies()
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert token not in cookie["value"]
        await page.wait_for_function(
            "document.getElementById('in-total').textContent.startsWith('8')", timeout=60000
        )
        raw_href = await page.get_attribute("#dead a[download]", "href")
        assert raw_href is not None and "token" not in raw_href
        # The link works in the browser because the cookie goes with it.
        status = await page.evaluate(f"fetch({raw_href!r}).then(r => r.status)")
        assert status == 200
        await page.click("header button[type=submit]")  # log out
        await page.wait_for_selector("input[name=token]", timeout=15000)
        assert await page.context.cookies() == []

    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "streams", "status", "--url", f"http://127.0.0.1:{worker.web_port}"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**worker.env, "WIRE_WEB_HOST": "127.0.0.1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "raw in   8" in done.stdout, done.stdout
