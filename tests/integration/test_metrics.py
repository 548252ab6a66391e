"""Issue #7: /metrics from a real worker bound beyond loopback, behind the token.

Our counters must move by exactly what we published, Faust's sensor metrics
must be there too, every data page must refuse requests without the token, and
no page may show a secret from the environment.
"""

from __future__ import annotations

import asyncio
import os
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

from streams.kafka.clients import RawPayload

from .conftest import Service

FIXTURES = Path(__file__).parent.parent / "fixtures" / "integration"
TOKEN = "tok-" + os.urandom(6).hex()
SECRET = "sasl-secret-" + os.urandom(6).hex()
DATA_PATHS = [
    "/metrics",
    "/wire/",
    "/wire/stats",
    "/wire/consumer",
    "/wire/items",
    "/wire/items/1",
    "/wire/dead",
    "/wire/dead/1/raw",
]


def fetch(port: int, path: str, token: str | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value from the exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        m = re.match(r"^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$", line)
        if m and m.group(1) == name and (m.group(2) or "") == want:
            return float(m.group(3))
    return 0.0


async def start_public_worker(service: Service) -> int:
    worker = service.worker(start=False)
    worker.env.update(WIRE_WEB_HOST="0.0.0.0", WIRE_WEB_TOKEN=TOKEN, WIRE_SASL_PASSWORD=SECRET)
    worker.start()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert worker.alive(), worker.tail()
        try:
            if fetch(worker.web_port, "/wire/health")[0] == 200:
                return worker.web_port
        except OSError:
            pass
        await asyncio.sleep(0.3)
    raise AssertionError(f"worker web server not up:\n{worker.tail()}")


async def scrape_until(port: int, done: str, value: float, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        status, body = fetch(port, "/metrics", TOKEN)
        assert status == 200, body
        text = body.decode()
        if sample(text, done, status="routed") >= value:
            return text
        await asyncio.sleep(0.5)
    raise AssertionError(f"{done} did not reach {value}:\n{text}")


async def test_metrics_move_and_every_data_page_needs_the_token(service: Service) -> None:
    port = await start_public_worker(service)
    status, body = fetch(port, "/metrics", TOKEN)
    assert status == 200
    before = body.decode()
    assert sample(before, "wire_raw_messages_total") == 0
    assert "faust_messages_received_total" in before  # Faust's own sensor metrics

    dump = (FIXTURES / "agency-dump.txt").read_bytes()
    garbage = b"\x00\x01\xff" * 300
    await service.publish(
        RawPayload(dump, "wna", "agency-dump.txt", "text/plain"),
        RawPayload(garbage, "noise", "noise.bin"),
    )
    await service.wait_for(list(service.topics.region_topics), 4)
    await service.wait_for([service.topics.dead_letter], 1)
    items = len(await service.read(service.topics.items))
    text = await scrape_until(port, "wire_items_total", items)

    # Our counters moved by exactly what is on the topics.
    assert sample(text, "wire_raw_messages_total") == 2
    statuses = [
        sample(text, "wire_items_total", status=s) for s in ("routed", "update", "duplicate")
    ]
    assert sum(statuses) == items >= 4
    for region in (*service.topics.regions, "unlocated"):
        on_topic = len(await service.read(service.topics.region(region)))
        assert sample(text, "wire_region_items_total", region=region) == on_topic, region
    reasons = re.findall(r'^wire_dead_letters_total\{reason="([^"]+)"\} 1\.0$', text, re.M)
    assert len(reasons) == 1, text
    assert sample(text, "wire_stage_seconds_count", stage="parse") == 1  # the dump; not garbage
    assert sample(text, "wire_stage_seconds_count", stage="geo") == items
    assert sample(text, "wire_stage_seconds_count", stage="dedup") == items
    assert sample(text, "wire_end_to_end_latency_seconds_count") == items
    assert sample(text, "faust_messages_received_total") >= 2 + items

    # Beyond loopback: no token, no data; the probe stays open; secrets never shown.
    for path in DATA_PATHS:
        code, _ = fetch(port, path)
        assert code == 401, path
        # Not even the right token is taken from the URL.
        code, _ = fetch(port, path + ("&" if "?" in path else "?") + "token=" + TOKEN)
        assert code == 401, path
    assert fetch(port, "/wire/health")[0] == 200
    for path in DATA_PATHS:
        code, body = fetch(port, path, TOKEN)
        assert code in (200, 404), (path, code)
        assert SECRET.encode() not in body, path
    # Faust's table views would list the dedup state to anyone; they are not served at all.
    for path in ("/table/dedup/", "/table/dedup/some-key/"):
        assert fetch(port, path, TOKEN)[0] == 404, path

    # A token in the URL opens nothing (it would end up in logs and history): the dashboard
    # answers with its login form (tests/integration/test_dashboard.py logs in through it).
    code, body = fetch(port, f"/wire/?token={TOKEN}")
    assert code == 401 and b'action="login"' in body and TOKEN.encode() not in body
