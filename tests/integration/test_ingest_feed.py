"""Issue #18: feed polling against a local changing feed and the real broker.

ETag is honoured (unchanged polls answer 304 and send nothing), new and changed
entries are sent once each, and a restarted ingest process, which has lost its
ETag but reads the ledger topic back, sends nothing again.
"""

from __future__ import annotations

from collections import Counter

from streams.core.model import H_FORMAT, H_SOURCE

from .conftest import Service
from .ingest_support import FeedServer, ingest_process, wait_until

V1 = [
    ("desk-1", "Tram line to open in Porto", "PORTO - Portugal opened a tram line on Monday."),
    ("desk-2", "Ghana cocoa harvest rises", "ACCRA - Ghana said the cocoa harvest rose."),
    ("desk-3", "Peru mine talks stall", "LIMA - Talks at a copper mine in Peru stalled."),
]


async def test_a_changing_feed_sends_each_new_or_changed_entry_once(service: Service) -> None:
    server = FeedServer(entries=list(V1))
    url = await server.start()
    sources = f"""
[[source]]
name = "test-desk"
kind = "feed"
url = "{url}"
interval = 1
jitter = 0.1
allow_private = true

[[source]]
name = "no-private"
kind = "feed"
url = "{url}"
interval = 1
"""
    ingest = ingest_process(service, sources)
    raw = service.topics.raw
    try:
        ingest.start()
        got = await service.wait_for([raw], 3, timeout=30)
        assert sorted(r.headers[H_SOURCE] for r in got) == [b"test-desk"] * 3
        assert {r.headers[H_FORMAT] for r in got} == {b"rss"}

        # Unchanged: the poller sends If-None-Match, gets 304, and sends nothing.
        seen = server.not_modified
        await wait_until(lambda: server.not_modified >= seen + 2, 30, "two 304 polls")
        assert len(await service.read(raw)) == 3

        # Two new entries and one edited: three messages, once each.
        server.entries[1] = (*V1[1][:2], "ACCRA - Ghana said the cocoa harvest rose 8 percent.")
        server.entries += [
            ("desk-4", "Norway ferry order", "OSLO - Norway ordered two electric ferries."),
            ("desk-5", "Vietnam rice exports up", "HANOI - Vietnam said rice exports grew."),
        ]
        got = await service.wait_for([raw], 6, timeout=30)
        seen = server.not_modified
        await wait_until(lambda: server.not_modified >= seen + 2, 30, "two 304 polls after")
        got = await service.read(raw)
        assert len(got) == 6
        assert len({r.key for r in got}) == 6
        bodies = Counter(
            next(g for g, _, _ in server.entries + V1 if f"<guid>{g}</guid>".encode() in r.value)
            for r in got
        )
        assert bodies == {"desk-1": 1, "desk-2": 2, "desk-3": 1, "desk-4": 1, "desk-5": 1}
        assert any(b"8 percent" in r.value for r in got)

        # The loopback address is refused where the source does not allow private addresses.
        refused = ingest.source("no-private")
        assert refused["items_total"] == 0 and "private or loopback" in refused["last_error"]

        # Restart: the ETag is gone (a full 200 answer), the ledger remembers every entry.
        ingest.stop()
        full = server.full
        ingest.start()
        await wait_until(lambda: server.full > full, 30, "a full fetch after the restart")
        seen = server.not_modified
        await wait_until(lambda: server.not_modified >= seen + 1, 30, "a 304 after the restart")
        assert len(await service.read(raw)) == 6
        status = ingest.source("test-desk")
        assert status["state"] == "ok" and status["items_today"] == 0
    finally:
        ingest.stop()
        await server.stop()
