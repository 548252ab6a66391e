"""``wire audit`` hands the committed dedup changelog to the core, decoded as the table writes it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest

from streams.commands import audit as audit_cmd
from streams.core.audit import StateRecord
from streams.kafka.clients import Received
from streams.settings import Settings


async def test_the_changelog_is_read_as_story_records_and_tombstones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings().with_(app_id="wtest", guarantee="exactly_once")
    asked: list[Sequence[str]] = []
    records = [
        # Keys and values are JSON (Faust's table serializers; streams/worker/tables.py).
        (b'"s:0a1b2c3d4e5f"', b'{"u":"urn:wna:one","t":1}'),
        (b'"s:0a1b2c3d4e5f"', b'{"u":"urn:wna:one","t":2,"v":3}'),  # its third version
        (b'"s:0a1b2c3d4e5f"', b""),  # its eviction: a tombstone
        (b'"s:ffffffffffff"', b'{"t":1}'),  # no uri: not a story record
        (b"\xff", b"{}"),  # not the table's: skipped
        (None, b"{}"),
    ]

    async def fake_read(
        settings: Settings, topics: Sequence[str], **_: Any
    ) -> AsyncIterator[Received]:
        asked.append(topics)
        for offset, (key, value) in enumerate(records):
            yield Received(topics[0], 0, offset, key, value, {})

    monkeypatch.setattr(audit_cmd, "read_topics", fake_read)
    state = await audit_cmd.dedup_state(settings)
    assert asked == [["wtest-dedup-changelog"]]
    assert state == [
        StateRecord("s:0a1b2c3d4e5f", "urn:wna:one"),
        StateRecord("s:0a1b2c3d4e5f", "urn:wna:one", 3),
        StateRecord("s:0a1b2c3d4e5f", None),
        StateRecord("s:ffffffffffff", None),
    ]
