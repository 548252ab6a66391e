"""Settling, backoff, jitter and staleness: the ingest process's decisions, clock-free."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from streams.ingest.policy import Settler, SourceStatus, backoff, is_temporary, next_delay


@pytest.mark.parametrize(
    ("name", "temp"),
    [
        ("story.xml", False),
        ("story.xml.tmp", True),
        ("story.XML.PART", True),
        (".story.xml.Xa8b2", True),
        ("story.xml~", True),
        ("report.partial", True),
        ("tmp-story.xml", False),
    ],
)
def test_temporary_names(name: str, temp: bool) -> None:
    assert is_temporary(name) is temp


def test_a_file_is_taken_only_after_it_stayed_the_same_for_the_settle_time() -> None:
    s = Settler(settle=2.0)
    assert not s.observe("a", 10, 1, now=0.0)
    assert not s.observe("a", 10, 1, now=1.9)
    assert s.observe("a", 10, 1, now=2.0)
    # A slow writer: every change restarts the wait.
    assert not s.observe("b", 10, 1, now=0.0)
    assert not s.observe("b", 20, 2, now=1.5)
    assert not s.observe("b", 30, 3, now=3.0)
    assert not s.observe("b", 30, 3, now=4.9)
    assert s.observe("b", 30, 3, now=5.0)
    s.keep_only({"b"})
    assert s.waiting() == 1
    s.forget("b")
    assert s.waiting() == 0
    assert Settler(settle=0).observe("c", 1, 1, now=0.0)


def test_backoff_doubles_up_to_the_cap() -> None:
    assert [backoff(n, 5, 60) for n in range(0, 7)] == [5, 5, 10, 20, 40, 60, 60]


def test_next_delay_is_jittered_around_the_interval_and_backs_off_on_errors() -> None:
    rng = random.Random(1)
    delays = [next_delay(10, 0.1, 0, 300, rng) for _ in range(500)]
    assert 9.0 <= min(delays) < 9.2 and 10.8 < max(delays) <= 11.0
    assert len({round(d, 3) for d in delays}) > 400  # pollers do not align
    assert next_delay(10, 0.0, 4, 300, rng) == 80
    assert next_delay(10, 0.0, 20, 300, rng) == 300


def test_a_source_is_stale_after_its_expected_interval_of_silence() -> None:
    st = SourceStatus("agency", "feed", expect_every=60, started=1000.0)
    assert st.state(1030.0) == "ok"
    assert st.state(1061.0) == "stale"
    st.success(1062.0)  # a poll that brought nothing keeps it stale: the line is quiet
    assert st.state(1062.0) == "stale"
    st.delivered(3, 1063.0)
    assert st.state(1063.0) == "ok" and st.items_today == 3 and st.items_total == 3
    st.error("HTTP 503", 1070.0)
    assert st.state(1070.0) == "error" and st.failures == 1
    view = st.view(1200.0)  # an outage longer than the expected interval: stale, and why
    assert view["stale"] is True and view["state"] == "stale" and view["failing"] is True
    assert view["last_error"] == "HTTP 503" and view["silent_s"] == 137.0
    st.success(1201.0)
    assert st.failures == 0 and st.state(1201.0) == "stale" and not st.failing()


def test_items_today_restart_at_midnight_utc() -> None:
    st = SourceStatus("a", "folder", expect_every=0, started=0.0)
    day = 86400.0 * 20000
    st.delivered(5, day - 10)
    assert st.view(day - 5)["items_today"] == 5
    assert st.view(day + 5)["items_today"] == 0
    st.delivered(2, day + 6)
    assert st.items_today == 2 and st.items_total == 7
    assert not st.stale(day * 2)  # expect_every 0: never stale


def test_the_pure_modules_import_neither_faust_nor_aiokafka() -> None:
    code = (
        "import sys, streams.ingest.config, streams.ingest.entries, streams.ingest.policy\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('faust', 'aiokafka', 'aiohttp')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
