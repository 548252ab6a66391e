"""The dead-letter envelope: written by the pipeline, read by dlq, audit, subscribe, demo.

A dead letter is the raw record's bytes untouched, its own headers, and five headers of
ours: why (``wire-reason``, ``wire-error``) and where the raw record is
(``wire-raw-topic``/``-partition``/``-offset``). Replayed, the raw record goes back with its
own headers and ``wire-replay-of`` naming the letter. Header names live in this module and
:mod:`streams.core.model` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from streams.core.model import H_ERROR, H_RAW_OFFSET, H_RAW_PARTITION, H_RAW_TOPIC, H_REASON
from streams.errors import WireError

#: On a raw record re-published by ``wire dlq replay``: the letter's ``PARTITION:OFFSET``.
H_REPLAY_OF = "wire-replay-of"
#: The longest error message kept (bytes, UTF-8).
MAX_ERROR_BYTES = 4000

Headers = tuple[tuple[str, bytes], ...]


def is_envelope(key: str) -> bool:
    """A header of the envelope, not one of the raw record's own."""
    return key.startswith("wire-raw-") or key in (H_REASON, H_ERROR)


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """One dead letter: the raw record, its own headers, why, and where it was read."""

    reason: str
    error: str
    raw_topic: str = ""
    raw_partition: int = -1
    raw_offset: int = -1
    value: bytes = b""
    #: The raw record's own headers (none of the envelope's).
    headers: Mapping[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        value: bytes,
        headers: Mapping[str, bytes],
        error: WireError,
        where: tuple[str, int, int],
    ) -> DeadLetter:
        """The letter for a raw record at ``where`` (topic, partition, offset)."""
        own = {k: v for k, v in headers.items() if not is_envelope(k)}
        return cls(error.reason, error.message, *where, value=value, headers=own)

    def encode(self) -> tuple[bytes, Headers]:
        """(value, headers) as written to the dead-letter topic."""
        ours = (
            (H_REASON, self.reason.encode()),
            (H_ERROR, self.error.encode("utf-8", "replace")[:MAX_ERROR_BYTES]),
            (H_RAW_TOPIC, self.raw_topic.encode()),
            (H_RAW_PARTITION, str(self.raw_partition).encode()),
            (H_RAW_OFFSET, str(self.raw_offset).encode()),
        )
        return self.value, (*self.headers.items(), *ours)

    @classmethod
    def decode(cls, value: bytes, headers: Mapping[str, bytes]) -> DeadLetter:
        """A letter as read back; missing headers (a letter written bare) get defaults."""

        def text(name: str) -> str:
            return headers.get(name, b"").decode("utf-8", "replace")

        def number(name: str) -> int:
            got = text(name)
            return int(got) if got.lstrip("-").isdigit() else -1

        return cls(
            text(H_REASON) or "?",
            text(H_ERROR),
            text(H_RAW_TOPIC),
            number(H_RAW_PARTITION),
            number(H_RAW_OFFSET),
            value,
            {k: v for k, v in headers.items() if not is_envelope(k)},
        )

    def replay_headers(self, ref: str) -> list[tuple[str, bytes]]:
        """The raw record's own headers again, ``wire-replay-of`` = the letter's ref (an
        earlier replay's pointer replaced)."""
        own = [(k, v) for k, v in self.headers.items() if k != H_REPLAY_OF]
        return [*own, (H_REPLAY_OF, ref.encode())]
