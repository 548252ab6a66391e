"""`wire dlq list` streams: each dead letter is printed before the next is read."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import click
import pytest
from click.testing import CliRunner

from streams import jsonio
from streams.cli import cli
from streams.commands import dlq
from streams.core.model import H_FILENAME, H_REASON
from streams.kafka.clients import Received


def letter(i: int, reason: str = "binary-payload") -> Received:
    headers = {H_REASON: reason.encode(), H_FILENAME: f"f{i}.bin".encode()}
    return Received("wire.dead-letter", 0, i, None, b"\0" * (1000 + i), headers)


def test_dlq_list_prints_each_dead_letter_before_reading_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed: list[str] = []
    real_echo = click.echo

    async def fake_read(*args: Any, **kwargs: Any) -> AsyncIterator[Received]:
        for i in range(50):
            assert len(printed) == i  # everything read so far is out already
            yield letter(i)

    def echo(message: Any = None, **kwargs: Any) -> None:
        printed.append(str(message))
        real_echo(message, **kwargs)

    monkeypatch.setattr(dlq, "read_topics", fake_read)
    monkeypatch.setattr(click, "echo", echo)
    result = CliRunner().invoke(cli, ["dlq", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = [jsonio.loads(line) for line in printed]
    assert [r["ref"] for r in rows] == [f"0:{i}" for i in range(50)]
    assert rows[7]["bytes"] == 1007 and rows[7]["filename"] == "f7.bin"


class FakePublisher:
    """Records what is sent and how many sends await their acknowledgement at once."""

    def __init__(self, settings: Any, topic: str) -> None:
        self.sent: list[tuple[bytes, list[tuple[str, bytes]]]] = []
        self.unacked = 0
        self.most_unacked = 0
        PUBLISHERS.append(self)

    async def __aenter__(self) -> FakePublisher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def send_with_headers(self, value: bytes, headers: list[tuple[str, bytes]]) -> Any:
        self.sent.append((value, headers))
        self.unacked += 1
        self.most_unacked = max(self.most_unacked, self.unacked)

        async def ack() -> None:
            self.unacked -= 1

        return asyncio.ensure_future(ack())


PUBLISHERS: list[FakePublisher] = []


async def test_listing_keeps_no_bytes_and_replay_streams_only_the_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def fake_read(*args: Any, **kwargs: Any) -> AsyncIterator[Received]:
        for i in range(60):
            yield letter(i, "too-large" if i % 3 == 0 else "binary-payload")

    monkeypatch.setattr(dlq, "read_topics", fake_read)
    monkeypatch.setattr(dlq, "Publisher", FakePublisher)
    settings: Any = None
    listed = [d async for d in dlq.iter_dead(settings, "t")]
    assert len(listed) == 60 and all(d.record is None for d in listed)

    n = await dlq.replay(settings, "raw", "dead", ["0:4"], "too-large", flush_bytes=5000)
    [pub] = PUBLISHERS
    assert n == 21 == len(pub.sent)
    replayed = [dict(headers)["wire-replay-of"] for _, headers in pub.sent]
    assert replayed[:3] == [b"0:0", b"0:3", b"0:4"]
    assert all(H_REASON not in dict(headers) for _, headers in pub.sent)
    assert pub.sent[2][0] == b"\0" * 1004  # the raw bytes, untouched
    assert pub.most_unacked <= 5  # acknowledged every ~5 KB, not all at the end
