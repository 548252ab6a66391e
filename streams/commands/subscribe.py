"""``wire subscribe``: print items from regional topics as they arrive."""

from __future__ import annotations

import asyncio
import base64

import click

from streams import jsonio
from streams.commands.render import dead_letter_line, item_line
from streams.core.deadletter import DeadLetter
from streams.core.model import WireItem
from streams.core.topics import build_topics
from streams.kafka.clients import read_topics
from streams.settings import Settings


def run(
    regions: tuple[str, ...],
    from_beginning: bool,
    as_json: bool,
    count: int | None,
    idle_timeout: float | None,
    follow: bool,
) -> None:
    settings = Settings.from_env()
    topics = build_topics(settings)
    known = {*topics.regions, "unlocated", "duplicates", "dead-letter"}
    for r in regions:
        if r not in known:
            raise click.BadParameter(f"{r!r}; choose from {', '.join(sorted(known))}")
    names = [
        topics.duplicates
        if r == "duplicates"
        else topics.dead_letter
        if r == "dead-letter"
        else topics.region(r)
        for r in regions
    ]

    async def go() -> None:
        async for rec in read_topics(
            settings,
            names,
            from_beginning=from_beginning,
            idle_timeout=idle_timeout,
            count=count,
            until_end=not follow,
        ):
            if rec.topic == topics.dead_letter:
                if as_json:
                    # The whole raw payload, base64, with every header: a full download.
                    letter = {
                        "ref": f"{rec.partition}:{rec.offset}",
                        "headers": {
                            k: v.decode("utf-8", "replace") for k, v in rec.headers.items()
                        },
                        "raw_base64": base64.b64encode(rec.value).decode(),
                    }
                    click.echo(jsonio.dumps(letter).decode())
                else:
                    reason = DeadLetter.decode(rec.value, rec.headers).reason
                    click.echo(dead_letter_line("dead-letter", f"{reason}: {len(rec.value)} bytes"))
                continue
            if as_json:
                click.echo(rec.value.decode())
                continue
            item = WireItem.from_json(jsonio.loads(rec.value))
            click.echo(item_line(topics.label(rec.topic), item))

    asyncio.run(go())
