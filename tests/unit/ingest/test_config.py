"""The sources file: valid files load; every mistake is reported, clearly, at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.ingest.config import (
    FeedSource,
    FolderSource,
    HttpSource,
    SourcesError,
    load_sources,
    parse_sources,
    weak_token,
)

GOOD = """
[[source]]
name = "agency-ftp"
kind = "folder"
path = "drop/agency"
settle = 3

[[source]]
name = "city-rss"
kind = "feed"
url = "https://news.example.org/rss.xml"
interval = 30
jitter = 0.2

[[source]]
name = "partner"
kind = "http"
token_env = "PARTNER_TOKEN"
max_inflight = 8
"""


def test_a_valid_file_gives_typed_sources_with_paths_relative_to_the_file() -> None:
    env = {"PARTNER_TOKEN": "s3cr3t-token-of-24-chars"}
    folder, feed, push = parse_sources(GOOD, base=Path("/etc/wire"), env=env)
    assert isinstance(folder, FolderSource) and folder.path == Path("/etc/wire/drop/agency")
    assert folder.settle == 3
    assert isinstance(feed, FeedSource) and feed.interval == 30 and feed.jitter == 0.2
    assert feed.allow_private is False
    assert feed.stale_after == 600  # silent for 5 intervals, at least 10 minutes
    assert isinstance(push, HttpSource) and push.token == env["PARTNER_TOKEN"]
    assert push.max_inflight == 8


def test_every_problem_is_listed_at_once() -> None:
    text = """
[[source]]
name = "Bad Name"
kind = "feed"
url = "ftp://example.org/x"
intervall = 5

[[source]]
name = "f"
kind = "folder"

[[source]]
name = "t"
kind = "telex"
"""
    with pytest.raises(SourcesError) as info:
        parse_sources(text, "sources.toml")
    msg = info.value.message
    assert msg.startswith("sources.toml: ")
    assert "name must be" in msg
    assert "unknown key 'intervall'" in msg and "interval" in msg
    assert "'path' is required for a folder source" in msg
    assert "kind must be one of folder, feed, http (got 'telex')" in msg


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('kind = "feed"\nurl = "file:///etc/passwd"', "http:// or https://"),
        ('kind = "feed"\nurl = "https://x.org/"\ninterval = 0.5', "at least 1 second"),
        ('kind = "feed"\nurl = "https://x.org/"\njitter = 1.5', "jitter"),
        (
            'kind = "feed"\nurl = "https://x.org/"\ninterval = "60"',
            "'interval' must be int or float",
        ),
        (
            'kind = "feed"\nurl = "https://x.org/"\nallow_private = 1',
            "'allow_private' must be bool",
        ),
        ('kind = "folder"\npath = "x"\nsettle = -1', "must not be negative"),
        ('kind = "http"\ntoken = "change-me"', "too weak"),
        ('kind = "http"\ntoken_env = "NOT_SET_ANYWHERE"', "not set"),
        ('kind = "http"\ntoken = "aaaaaaaaaaaaaaaaaaaaaa"', "too weak"),
    ],
)
def test_bad_values_are_refused_with_the_reason(table: str, expected: str) -> None:
    with pytest.raises(SourcesError, match=expected):
        parse_sources(f'[[source]]\nname = "s"\n{table}\n', env={})


def test_duplicate_names_no_sources_and_bad_toml_are_refused() -> None:
    twice = '[[source]]\nname = "a"\nkind = "folder"\npath = "x"\n' * 2
    with pytest.raises(SourcesError, match="used twice"):
        parse_sources(twice)
    with pytest.raises(SourcesError, match="no \\[\\[source\\]\\]"):
        parse_sources("")
    with pytest.raises(SourcesError, match="not valid TOML"):
        parse_sources("[[source]\n")


def test_an_http_source_needs_a_token_even_on_loopback() -> None:
    # A web page in the user's browser can POST to 127.0.0.1; only the token stops it.
    for public in (False, True):
        with pytest.raises(SourcesError, match="needs a token"):
            parse_sources('[[source]]\nname = "p"\nkind = "http"\n', public_bind=public)


def test_a_missing_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="WIRE_INGEST_SOURCES"):
        load_sources(tmp_path / "nope.toml")


def test_weak_tokens() -> None:
    assert weak_token("change-me")
    assert weak_token("x" * 40)
    assert not weak_token("Zq3v9-Lm2pX8rT0wB7nK")
