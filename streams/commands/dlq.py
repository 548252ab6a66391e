"""``wire dlq``: look at dead letters and re-submit chosen ones after a fix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import click

from streams import jsonio
from streams.core.deadletter import DeadLetter
from streams.core.model import H_FILENAME, H_SOURCE
from streams.core.topics import build_topics
from streams.kafka.clients import Publisher, Received, read_topics
from streams.settings import Settings


@dataclass(frozen=True, slots=True)
class Listed:
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


def as_dead_letter(rec: Received, *, keep: bool = True) -> Listed:
    """``keep=False`` drops the raw bytes: listing needs only their size."""
    letter = DeadLetter.decode(rec.value, rec.headers)

    def own(name: str) -> str:
        return letter.headers.get(name, b"").decode("utf-8", "replace")

    return Listed(
        rec.partition,
        rec.offset,
        letter.reason,
        letter.error,
        len(rec.value),
        own(H_SOURCE),
        own(H_FILENAME),
        rec if keep else None,
    )


async def iter_dead(settings: Settings, topic: str) -> AsyncIterator[Listed]:
    """Every dead letter, one at a time and without its bytes: the topic may not fit in memory."""
    async for r in read_topics(settings, [topic], from_beginning=True, until_end=True):
        yield as_dead_letter(r, keep=False)


async def replay(
    settings: Settings,
    raw_topic: str,
    dead_topic: str,
    refs: Sequence[str],
    reason: str | None,
    *,
    flush_bytes: int = 64 * 1024 * 1024,
) -> int:
    """Publish chosen dead letters' raw bytes again as they are read, with their original
    headers and a pointer to the letter; returns how many.

    Streamed like :func:`iter_dead`: at most ``flush_bytes`` of them wait for their
    acknowledgements at a time, so ``--reason`` over a large topic does not load it whole.
    """
    wanted = set(refs)
    count = 0
    async with Publisher(settings, raw_topic) as pub:
        pending: list[asyncio.Future[object]] = []
        held = 0
        async for r in read_topics(settings, [dead_topic], from_beginning=True, until_end=True):
            letter, ref = DeadLetter.decode(r.value, r.headers), f"{r.partition}:{r.offset}"
            if ref not in wanted and letter.reason != reason:
                continue
            pending.append(await pub.send_with_headers(r.value, letter.replay_headers(ref)))
            count += 1
            held += len(r.value)
            if held >= flush_bytes:
                await asyncio.gather(*pending)
                pending, held = [], 0
        await asyncio.gather(*pending)
    return count


def run_list(as_json: bool) -> None:
    """Print each dead letter as it is read, without keeping its bytes."""
    settings = Settings.from_env()
    topics = build_topics(settings)

    async def go() -> None:
        async for d in iter_dead(settings, topics.dead_letter):
            show(d)

    def show(d: Listed) -> None:
        if as_json:
            doc = {
                "ref": d.ref,
                "reason": d.reason,
                "error": d.error,
                "bytes": d.size,
                "source": d.source,
                "filename": d.filename,
            }
            click.echo(jsonio.dumps(doc).decode())
        else:
            click.echo(
                f"{d.ref:>8}  {d.reason:<18} {d.size:>9} B  {d.filename or d.source}  "
                f"{d.error[:80]}"
            )

    asyncio.run(go())


def run_replay(refs: tuple[str, ...], reason: str | None) -> None:
    if not refs and reason is None:
        raise click.UsageError("name dead letters as PARTITION:OFFSET or use --reason")
    settings = Settings.from_env()
    topics = build_topics(settings)

    async def go() -> int:
        # Names first (no bytes kept), so a wrong reference publishes nothing.
        wanted = set(refs)
        found = {d.ref async for d in iter_dead(settings, topics.dead_letter) if d.ref in wanted}
        if wanted - found:
            raise click.UsageError(f"no dead letter at {', '.join(sorted(wanted - found))}")
        return await replay(settings, topics.raw, topics.dead_letter, refs, reason)

    click.echo(f"replayed {asyncio.run(go())} dead letter(s) to {topics.raw}")
