"""The dead-letter envelope: one writer, one reader, header names in one place."""

from __future__ import annotations

import re
from pathlib import Path

from streams.core.deadletter import H_REPLAY_OF, DeadLetter
from streams.core.model import H_REASON, H_SOURCE
from streams.errors import ParseError

STREAMS = Path(__file__).resolve().parents[3] / "streams"


def test_encode_then_decode_gives_the_letter_back() -> None:
    letter = DeadLetter.of(
        b"\x00raw",
        {H_SOURCE: b"ap", "wire-reason": b"stale", "wire-raw-offset": b"1"},
        ParseError("no format matched"),
        ("wire.raw", 2, 17),
    )
    value, headers = letter.encode()
    assert value == b"\x00raw"
    assert [k for k, _ in headers].count(H_REASON) == 1  # an old envelope is replaced
    back = DeadLetter.decode(value, dict(headers))
    assert back == letter
    assert (back.reason, back.raw_partition, back.raw_offset) == ("parse-error", 2, 17)
    assert dict(back.headers) == {H_SOURCE: b"ap"}


def test_replay_headers_are_the_raw_records_own_and_a_pointer() -> None:
    letter = DeadLetter.decode(b"x", {H_SOURCE: b"ap", H_REPLAY_OF: b"0:1", H_REASON: b"r"})
    assert letter.replay_headers("3:9") == [(H_SOURCE, b"ap"), (H_REPLAY_OF, b"3:9")]


def test_a_bare_letter_decodes_with_defaults() -> None:
    letter = DeadLetter.decode(b"", {})
    assert (letter.reason, letter.raw_partition, letter.raw_offset) == ("?", -1, -1)


def test_no_module_spells_an_envelope_header_itself() -> None:
    """Names come from streams.core.model / deadletter (the lead's delivery.py excepted)."""
    allowed = {"core/model.py", "core/deadletter.py", "worker/delivery.py"}
    spelled = re.compile(r"[\"']wire-(reason|error|raw-topic|raw-partition|raw-offset|replay-of)")
    found = [
        str(p.relative_to(STREAMS))
        for p in STREAMS.rglob("*.py")
        if str(p.relative_to(STREAMS)) not in allowed and spelled.search(p.read_text())
    ]
    assert found == []
