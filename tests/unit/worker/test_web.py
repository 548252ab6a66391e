"""The web layer without a server: token rule, the page's self-containment, lag arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pytest

from streams.core.topics import Topics
from streams.errors import ConfigError
from streams.settings import Settings
from streams.worker.web import (
    COOKIE,
    HostRules,
    authorized,
    check_web_settings,
    consumer_view,
    parse_seq,
    session_value,
    status_page,
)

TOKEN = "Zq8-long-random-web-token-0123"


@dataclass
class Request:
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


def test_loopback_binds_are_open() -> None:
    for bind in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert authorized("", bind, Request())


def test_other_binds_need_the_token_by_header_or_session_cookie_never_by_query() -> None:
    assert not authorized(TOKEN, "0.0.0.0", Request())
    assert not authorized(TOKEN, "0.0.0.0", Request(query={"token": TOKEN}))
    assert authorized(TOKEN, "0.0.0.0", Request(headers={"Authorization": f"Bearer {TOKEN}"}))
    assert not authorized(TOKEN, "0.0.0.0", Request(headers={"Authorization": f"Basic {TOKEN}"}))
    assert authorized(TOKEN, "0.0.0.0", Request(cookies={COOKIE: session_value(TOKEN)}))
    # The cookie holds a value derived from the token, not the token.
    assert not authorized(TOKEN, "0.0.0.0", Request(cookies={COOKIE: TOKEN}))
    assert TOKEN not in session_value(TOKEN)


def test_other_binds_without_a_configured_token_stay_closed() -> None:
    assert not authorized("", "0.0.0.0", Request())
    assert not authorized("", "0.0.0.0", Request(headers={"Authorization": "Bearer "}))
    assert not authorized("", "0.0.0.0", Request(cookies={COOKIE: session_value("")}))


@pytest.mark.parametrize(
    "token", ["change-me", "CHANGE_ME", "changeme", "secret", "token", "password", "replace-me"]
)
@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_known_default_tokens_are_refused_at_start(token: str, host: str) -> None:
    settings = Settings.from_env({}, web_host=host, web_token=token)
    with pytest.raises(ConfigError, match="WIRE_WEB_TOKEN"):
        check_web_settings(settings)


@pytest.mark.parametrize("token", ["", "short-but-ok-9", "x" * 40])
def test_beyond_loopback_an_empty_short_or_trivial_token_is_refused(token: str) -> None:
    settings = Settings.from_env({}, web_host="0.0.0.0", web_token=token)
    with pytest.raises(ConfigError, match="WIRE_WEB_TOKEN"):
        check_web_settings(settings)


def test_good_tokens_start_and_loopback_needs_none() -> None:
    check_web_settings(Settings.from_env({}, web_host="0.0.0.0", web_token=TOKEN))
    check_web_settings(Settings.from_env({}, web_host="127.0.0.1", web_token=""))
    check_web_settings(Settings.from_env({}, web_host="127.0.0.1", web_token="short-but-ok-9"))


def test_host_rules_accept_loopback_names_and_the_configured_list_only() -> None:
    none = HostRules.parse("")
    for host in ("127.0.0.1:6066", "localhost:6066", "LOCALHOST.:6066", "[::1]:6066", "localhost"):
        assert none.allows(host), host
    for host in (
        "evil.example:6066",
        "127.0.0.1.evil.example",
        "localhost@evil.example",
        "127.0.0.1:6066:1",
        "10.0.0.5:6066",
        "",
        None,
        "[::2]:6066",
        "a b",
    ):
        assert not none.allows(host), host
    rules = HostRules.parse("news.example.org, worker-1:8080, .corp.example, 10.0.0.0/8")
    assert rules.allows("news.example.org")
    assert rules.allows("News.Example.org:443")
    assert rules.allows("worker-1:8080") and not rules.allows("worker-1:8081")
    assert rules.allows("a.corp.example:6066") and rules.allows("corp.example")
    assert not rules.allows("evilcorp.example")
    assert rules.allows("10.1.2.3:6066") and not rules.allows("11.1.2.3:6066")
    assert HostRules.parse("*").allows("anything.example")


@pytest.mark.parametrize("spec", ["http://x", "10.0.0.0/33", "a b", "host:99999"])
def test_a_bad_allowed_hosts_entry_is_a_config_error(spec: str) -> None:
    with pytest.raises(ConfigError, match="WIRE_WEB_ALLOWED_HOSTS"):
        HostRules.parse(spec)


def test_item_ids_are_ascii_digits_only() -> None:
    assert parse_seq("17") == 17
    for bad in ("²", "١٢", "１２", "-1", "+1", " 1", "1.0", "9" * 19, "9" * 5000, ""):
        assert parse_seq(bad) is None, bad


def test_page_loads_nothing_from_elsewhere() -> None:
    page = status_page()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "<script src" not in page


def test_page_never_puts_the_token_in_a_url() -> None:
    page = status_page()
    assert "token" not in page.lower().replace("the token never goes in a url", "")
    assert 'fetch("stats"' in page
    assert 'href="items/${i.id}"' in page
    assert 'href="dead/${d.id}/raw"' in page
    assert 'fetch("sources"' in page  # the Sources panel (wire ingest)
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
    from streams.commands.status import stats_url

    settings = Settings.from_env({}, web_host="0.0.0.0", web_port=7070)
    assert stats_url(settings) == "http://127.0.0.1:7070/wire/stats"
    assert stats_url(settings, "http://w1:6066/") == "http://w1:6066/wire/stats"
    assert stats_url(settings, "http://w1:6066/wire/stats") == "http://w1:6066/wire/stats"


def test_status_render_shows_totals_regions_latency_and_lag() -> None:
    from streams.commands.status import render
    from streams.core.model import RawMessage
    from streams.errors import ParseError
    from streams.worker.stats import Stats

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
    from streams.commands.status import StatusUnavailable, fetch_stats
    from streams.dev.broker import free_port

    with pytest.raises(StatusUnavailable, match="is `wire worker` running"):
        fetch_stats(f"http://127.0.0.1:{free_port()}/wire/stats", timeout=2)


@pytest.mark.parametrize("key", ["replace-me", "changeme", "aaaa"])
def test_a_default_or_trivial_handoff_key_refuses_to_start(key: str) -> None:
    # The Kubernetes example's secret ships WIRE_HANDOFF_KEY as "replace-me": a key everyone
    # knows keys nothing, so the worker says so instead of running as if it were keyed.
    with pytest.raises(ConfigError, match="WIRE_HANDOFF_KEY"):
        check_web_settings(Settings.from_env({}, handoff_key=key))


def test_a_random_or_empty_handoff_key_starts() -> None:
    check_web_settings(Settings.from_env({}, handoff_key="q8-Zr2vK1m0TyXw3"))
    check_web_settings(Settings.from_env({}, handoff_key=""))
