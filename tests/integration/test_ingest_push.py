"""Issue #18: HTTP push into the real broker: tokens, size limit, backpressure, metrics.

A 200 means Kafka has the message: every 200 is on ``wire.raw`` exactly once with the
key it returned, and no refused push (401, 403, 413, 429) is.
"""

from __future__ import annotations

import asyncio
import secrets

import aiohttp

from .conftest import Service
from .ingest_support import ingest_process

MAX_RAW = 64 * 1024


async def test_push_tokens_size_limit_and_backpressure(service: Service) -> None:
    token = secrets.token_urlsafe(24)
    sources = f"""
[[source]]
name = "partner"
kind = "http"
token_env = "TEST_PARTNER_TOKEN"

[[source]]
name = "narrow"
kind = "http"
token = "{token}"
max_inflight = 1
"""
    ingest = ingest_process(
        service, sources, TEST_PARTNER_TOKEN=token, WIRE_MAX_RAW_BYTES=str(MAX_RAW)
    )
    raw = service.topics.raw
    ingest.start()
    auth = {"Authorization": f"Bearer {token}"}
    try:
        async with aiohttp.ClientSession() as http:
            url = f"{ingest.base}/ingest/partner"
            story = (
                b"MADRID - Spain's rail operator added night trains to Lisbon, it said on Monday."
            )
            headers = {**auth, "X-Wire-Filename": "night-trains.txt", "Content-Type": "text/plain"}
            async with http.post(url, data=story, headers=headers) as resp:
                assert resp.status == 200, await resp.text()
                ok = await resp.json()
            async with http.post(url, data=b"x") as resp:
                assert resp.status == 401 and resp.headers["WWW-Authenticate"] == "Bearer"
            async with http.post(url, data=b"x", headers={"Authorization": "Bearer nope"}) as r:
                assert r.status == 403
            async with http.post(url, data=b"x" * (MAX_RAW + 1), headers=auth) as resp:
                assert resp.status == 413
            async with http.post(f"{ingest.base}/ingest/nobody", data=b"x", headers=auth) as r:
                assert r.status == 404

            [rec] = await service.read(raw)
            assert rec.value == story and rec.key == ok["key"].encode()
            assert (rec.partition, rec.offset) == (ok["partition"], ok["offset"])
            assert rec.headers["wire-source"] == b"partner"
            assert rec.headers["wire-filename"] == b"night-trains.txt"
            assert rec.headers["content-type"] == b"text/plain"

            # Backpressure: one push in flight at a time on "narrow"; a burst gets 429s.
            async def push(i: int) -> tuple[int, str | None]:
                body = f"ROME - Item {i} of a burst pushed by a partner desk in Italy.".encode()
                async with http.post(
                    f"{ingest.base}/ingest/narrow", data=body, headers=auth
                ) as resp:
                    return resp.status, resp.headers.get("Retry-After")

            results = await asyncio.gather(*(push(i) for i in range(40)))
            statuses = [s for s, _ in results]
            assert set(statuses) <= {200, 429}, statuses
            assert 429 in statuses and 200 in statuses, statuses
            assert all(ra is not None and int(ra) >= 1 for s, ra in results if s == 429)
            accepted = statuses.count(200)
            assert len(await service.read(raw)) == 1 + accepted

            # Clients that honour Retry-After get every item in, each once.
            for i, (status, _) in enumerate(results):
                while status == 429:
                    await asyncio.sleep(0.05)
                    status, _ = await push(i)
                assert status == 200
            got = await service.read(raw)
            narrow = [r for r in got if r.headers["wire-source"] == b"narrow"]
            assert len(narrow) == 40 and len({r.value for r in narrow}) == 40

            rebound = {"Host": "rebound.example:80"}  # a DNS-rebinding page's requests
            async with http.get(f"{ingest.base}/ingest/status", headers=rebound) as resp:
                assert resp.status == 421
            async with http.get(f"{ingest.base}/metrics", headers=rebound) as resp:
                assert resp.status == 421
            async with http.get(f"{ingest.base}/metrics") as resp:
                metrics = await resp.text()
            assert 'wire_ingest_items_total{kind="http",source="narrow"} 40.0' in metrics
            assert 'wire_ingest_items_total{kind="http",source="partner"} 1.0' in metrics
        status = ingest.source("narrow")
        assert status["items_today"] == 40 and status["backlog"] == 0
    finally:
        ingest.stop()
