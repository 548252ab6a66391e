"""``wire publish``: files, feed URLs or stdin, one raw message each, to ``wire.raw``."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

import click

from streams.core.topics import build_topics
from streams.ingest.http_fetch import FetchLimits, fetch
from streams.kafka.clients import Publisher, RawPayload, expand_paths, payload_from_file
from streams.settings import Settings


def run(paths: tuple[str, ...], source: str, fmt: str | None, allow_private: bool) -> None:
    settings = Settings.from_env()
    topic = build_topics(settings).raw
    payloads: list[RawPayload] = []
    if "-" in paths:
        payloads.append(RawPayload(sys.stdin.buffer.read(), source, "<stdin>", None, fmt))
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    files = [p for p in paths if p != "-" and p not in urls]
    payloads.extend(
        fetch_url(u, source, fmt, max_bytes=settings.max_raw_bytes, allow_private=allow_private)
        for u in urls
    )
    payloads.extend(payload_from_file(p, source, fmt) for p in expand_paths(files))
    started = time.monotonic()

    def rate(_: object) -> str:
        return f"{bar_pos[0] / max(time.monotonic() - started, 1e-3):,.0f} msg/s"

    bar_pos = [0]

    async def go() -> int:
        async with Publisher(settings, topic) as pub:
            futures = []
            with (
                click.progressbar(
                    payloads,
                    label="publishing",
                    file=sys.stderr,
                    show_pos=True,
                    item_show_func=rate,
                )
                if len(payloads) > 20 and sys.stderr.isatty()
                else _plain(payloads) as bar
            ):
                for payload in bar:
                    futures.append(await pub.send(payload))
                    bar_pos[0] += 1
            await asyncio.gather(*futures)
            return len(futures)

    sent = asyncio.run(go())
    took = time.monotonic() - started
    click.echo(f"published {sent} message(s) to {topic} in {took:.1f}s")


def fetch_url(
    url: str, source: str, fmt: str | None, *, max_bytes: int, allow_private: bool = False
) -> RawPayload:
    """An RSS/Atom feed (or any document) fetched over HTTP, published as one raw message.

    One total deadline, the raw size limit, no hop to a private address unless allowed
    (:mod:`streams.ingest.http_fetch`).
    """
    got = fetch(url, FetchLimits(max_bytes=max_bytes, allow_private=allow_private))
    return RawPayload(got.body, source, url, got.content_type, fmt)


class _plain:
    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __enter__(self) -> list[Any]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None
