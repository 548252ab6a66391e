"""``wire status``'s Sources block, from the status document the ingest process serves."""

from __future__ import annotations

from streams.ingest.dashboard import render_sources
from streams.ingest.policy import SourceStatus


def test_sources_block_shows_state_counts_and_the_last_error() -> None:
    feed = SourceStatus("agency-rss", "feed", expect_every=60, started=0.0)
    feed.delivered(12, 10.0)
    feed.success(10.0)
    feed.error("http://x/feed.xml: HTTP 503", 200.0)
    drop = SourceStatus("agency-ftp", "folder", expect_every=3600, started=0.0)
    drop.delivered(3, 250.0)
    drop.backlog = 2
    doc = {"ok": True, "now": 300.0, "sources": [feed.view(300.0), drop.view(300.0)]}
    lines = render_sources(doc).splitlines()
    rss = next(x for x in lines if "agency-rss" in x).split()
    assert rss[1:3] == ["stale", "12"]  # silent 290 s, longer than the expected 60 s
    assert "error 100 s ago: http://x/feed.xml: HTTP 503" in " ".join(rss)
    ftp = next(x for x in lines if "agency-ftp" in x).split()
    assert ftp[1:4] == ["ok", "3", "2"] and "error" not in ftp


def test_sources_block_says_when_no_ingest_process_answers() -> None:
    doc = {"ok": False, "error": "no ingest process answers at http://127.0.0.1:6068"}
    assert render_sources(doc) == "sources  no ingest process answers at http://127.0.0.1:6068"
