"""`wire dlq list` streams: each dead letter is printed before the next is read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import click
import pytest
from click.testing import CliRunner

from streams import jsonio
from streams.cli import cli
from streams.core.model import H_FILENAME, H_REASON
from streams.shell import dlq
from streams.shell.kafka_io import Received


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


async def test_listing_keeps_no_bytes_and_replay_keeps_only_the_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def fake_read(*args: Any, **kwargs: Any) -> AsyncIterator[Received]:
        for i in range(6):
            yield letter(i, "too-large" if i % 3 == 0 else "binary-payload")

    monkeypatch.setattr(dlq, "read_topics", fake_read)
    settings: Any = None
    listed = [d async for d in dlq.iter_dead(settings, "t")]
    assert len(listed) == 6 and all(d.record is None for d in listed)
    chosen = await dlq.chosen_dead(settings, "t", ["0:4"], "too-large")
    assert [d.ref for d in chosen] == ["0:0", "0:3", "0:4"]
    assert all(d.record is not None and d.record.value for d in chosen)
