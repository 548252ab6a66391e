"""The web layer without a server: token rule, the page's self-containment, lag arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from streams.topics import Topics
from streams.web import authorized, consumer_view, status_page


@dataclass
class Request:
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def test_loopback_binds_are_open() -> None:
    for bind in ("127.0.0.1", "localhost", "::1"):
        assert authorized("", bind, Request())


def test_other_binds_need_the_token_by_header_or_query() -> None:
    assert not authorized("s3cret", "0.0.0.0", Request())
    assert not authorized("s3cret", "0.0.0.0", Request(query={"token": "wrong"}))
    assert authorized("s3cret", "0.0.0.0", Request(query={"token": "s3cret"}))
    assert authorized("s3cret", "0.0.0.0", Request(headers={"Authorization": "Bearer s3cret"}))
    assert not authorized("s3cret", "0.0.0.0", Request(headers={"Authorization": "Basic s3cret"}))


def test_other_binds_without_a_configured_token_stay_closed() -> None:
    assert not authorized("", "0.0.0.0", Request())
    assert not authorized("", "0.0.0.0", Request(query={"token": ""}))


def test_page_loads_nothing_from_elsewhere() -> None:
    page = status_page()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "<script src" not in page


def test_page_passes_the_token_to_every_fetch_and_link() -> None:
    page = status_page()
    assert 'fetch("stats" + Q' in page
    assert "items/${i.id}${Q}" in page
    assert "dead/${d.id}/raw${Q}" in page
    assert 'fetch("sources" + SQ' in page  # the Sources panel (wire ingest)
    assert page.count("fetch(") == 2


class TP(NamedTuple):
    topic: str
    partition: int


class Assignor:
    def __init__(self, actives: set[TP]) -> None:
        self.actives = actives

    def assigned_actives(self) -> set[TP]:
        return self.actives

    def assigned_standbys(self) -> set[TP]:
        return set()


class Consumer:
    def __init__(self, ends: dict[TP, int | None]) -> None:
        self.ends = ends

    def highwater(self, tp: TP) -> int | None:
        return self.ends[tp]


@dataclass
class Monitor:
    tp_read_offsets: dict[TP, int]
    tp_committed_offsets: dict[TP, int]


@dataclass
class App:
    assignor: Any
    consumer: Any
    monitor: Any


def test_lag_is_end_minus_next_offset_to_process() -> None:
    topics = Topics("w", ("europe",))
    raw0, raw1, items0 = TP("w.raw", 0), TP("w.raw", 1), TP("w.items", 0)
    changelog = TP("app-dedup-changelog", 0)
    app = App(
        Assignor({raw0, raw1, items0, changelog}),
        Consumer({raw0: 10, raw1: 7, items0: None, changelog: 99}),
        Monitor({raw0: 9}, {raw1: 5}),
    )
    view = consumer_view(app, topics)
    assert view["assignment"] == {
        "app-dedup-changelog": [0],
        "w.items": [0],
        "w.raw": [0, 1],
    }
    lag = {(p["topic"], p["partition"]): p["lag"] for p in view["lag"]}
    assert lag == {("w.items", 0): None, ("w.raw", 0): 0, ("w.raw", 1): 2}
    assert view["lag_total"] == 2


def test_consumer_view_before_start_is_empty() -> None:
    class NotStarted:
        @property
        def assignor(self) -> Any:
            raise RuntimeError("not started")

    view = consumer_view(NotStarted(), Topics("w", ()))
    assert view == {"assignment": {}, "standbys": {}, "lag": [], "lag_total": 0}


def test_status_url_defaults_to_the_configured_web_port() -> None:
    from streams.settings import Settings
    from streams.shell.status import stats_url

    settings = Settings.from_env({}, web_host="0.0.0.0", web_port=7070)
    assert stats_url(settings) == "http://127.0.0.1:7070/wire/stats"
    assert stats_url(settings, "http://w1:6066/") == "http://w1:6066/wire/stats"
    assert stats_url(settings, "http://w1:6066/wire/stats") == "http://w1:6066/wire/stats"


def test_status_render_shows_totals_regions_latency_and_lag() -> None:
    from streams.core.model import RawMessage
    from streams.errors import ParseError
    from streams.shell.status import render
    from streams.stats import Stats

    stats = Stats(regions=("europe", "unlocated"))
    stats.on_raw()
    stats.on_dead(ParseError("bad"), RawMessage(b"x"))
    snap = stats.snapshot()
    snap["app_id"] = "wirestream"
    snap["consumer"] = {
        "lag_total": 3,
        "lag": [{"topic": "w.raw", "partition": 0, "end": 10, "next": 7, "lag": 3}],
    }
    text = render(snap)
    assert "raw in   1   items out 0" in text
    assert [ln.split() for ln in text.splitlines() if ln.startswith("dead-letter")] == [
        ["dead-letter", "1", "1"]
    ]
    assert "europe" in text and "unlocated" in text
    assert "lag      3 messages behind" in text
    assert "w.raw[0]  end 10  lag 3" in text
    assert "parse-error 1" in text


def test_status_says_clearly_when_no_worker_answers() -> None:
    import pytest

    from streams.shell.broker import free_port
    from streams.shell.status import StatusUnavailable, fetch_stats

    with pytest.raises(StatusUnavailable, match="is `wire worker` running"):
        fetch_stats(f"http://127.0.0.1:{free_port()}/wire/stats", timeout=2)
