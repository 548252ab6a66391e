"""``wire dlq``: look at dead letters and re-submit chosen ones after a fix."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from streams.core.model import (
    H_ERROR,
    H_FILENAME,
    H_RAW_OFFSET,
    H_RAW_PARTITION,
    H_REASON,
    H_SOURCE,
)
from streams.settings import Settings
from streams.shell.kafka_io import Publisher, Received, read_topics

H_REPLAY_OF = "wire-replay-of"
DROPPED_ON_REPLAY = {
    H_REASON,
    H_ERROR,
    H_RAW_OFFSET,
    H_RAW_PARTITION,
    "wire-raw-topic",
    H_REPLAY_OF,
}


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """One dead letter's metadata; ``record`` (with the raw bytes) only when asked for."""

    partition: int
    offset: int
    reason: str
    error: str
    size: int
    source: str
    filename: str
    record: Received | None = None

    @property
    def ref(self) -> str:
        return f"{self.partition}:{self.offset}"


def as_dead_letter(rec: Received, *, keep: bool = True) -> DeadLetter:
    """``keep=False`` drops the raw bytes: listing needs only their size."""
    h = rec.headers

    def text(name: str) -> str:
        return h.get(name, b"").decode("utf-8", "replace")

    return DeadLetter(
        rec.partition,
        rec.offset,
        text(H_REASON) or "?",
        text(H_ERROR),
        len(rec.value),
        text(H_SOURCE),
        text(H_FILENAME),
        rec if keep else None,
    )


async def iter_dead(settings: Settings, topic: str) -> AsyncIterator[DeadLetter]:
    """Every dead letter, one at a time and without its bytes: the topic may not fit in memory."""
    async for r in read_topics(settings, [topic], from_beginning=True, until_end=True):
        yield as_dead_letter(r, keep=False)


async def chosen_dead(
    settings: Settings, topic: str, refs: Sequence[str], reason: str | None
) -> list[DeadLetter]:
    """The dead letters named by ``PARTITION:OFFSET`` or reason; only those keep their bytes."""
    wanted = set(refs)
    chosen = []
    async for r in read_topics(settings, [topic], from_beginning=True, until_end=True):
        d = as_dead_letter(r, keep=False)
        if d.ref in wanted or d.reason == reason:
            chosen.append(as_dead_letter(r))
    return chosen


async def replay(settings: Settings, raw_topic: str, chosen: Sequence[DeadLetter]) -> int:
    """Publish the raw bytes again, with their original headers and a pointer to the letter."""
    async with Publisher(settings, raw_topic) as pub:
        futures = []
        for d in chosen:
            if d.record is None:
                raise ValueError(f"dead letter {d.ref} was read without its bytes")
            headers = [(k, v) for k, v in d.record.headers.items() if k not in DROPPED_ON_REPLAY]
            headers.append((H_REPLAY_OF, d.ref.encode()))
            futures.append(await pub.send_with_headers(d.record.value, headers))
        for fut in futures:
            await fut
        return len(futures)
