"""Wirestream for downstream Python code: publish raw items, subscribe to regions.

    import asyncio
    from streams.client import subscribe

    async def main() -> None:
        async for item in subscribe(["europe", "africa"], from_beginning=True, follow=False):
            print(item.headline, item.ext.regions, item.uri)

    asyncio.run(main())

Settings come from the ``WIRE_*`` environment unless given.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence

from streams import jsonio
from streams.core.model import WireItem
from streams.core.topics import build_topics
from streams.kafka.clients import Publisher, RawPayload, read_topics
from streams.settings import Settings


async def subscribe(
    regions: Sequence[str],
    *,
    settings: Settings | None = None,
    from_beginning: bool = False,
    follow: bool = True,
) -> AsyncIterator[WireItem]:
    """Items from the regional topics (``unlocated`` too), as canonical :class:`WireItem`.

    ``follow=False`` stops at the end of what is there now. An item routed to two of the
    regions asked for comes once per region: dedupe on ``item.uri`` if that matters.
    """
    settings = settings or Settings.from_env()
    topics = build_topics(settings)
    names = [topics.region(r) for r in regions]
    async for rec in read_topics(
        settings, names, from_beginning=from_beginning, until_end=not follow
    ):
        yield WireItem.from_json(jsonio.loads(rec.value))


async def publish(
    payloads: Iterable[bytes | RawPayload],
    *,
    settings: Settings | None = None,
    source: str = "client",
) -> int:
    """Publish raw payloads to ``wire.raw``; returns how many Kafka acknowledged."""
    settings = settings or Settings.from_env()
    batch = [p if isinstance(p, RawPayload) else RawPayload(p, source) for p in payloads]
    async with Publisher(settings, build_topics(settings).raw) as pub:
        return await pub.send_all(batch)
