"""``wire explain``: the geo evidence and scores behind each item's regions."""

from __future__ import annotations

import click

from streams.commands.inspect import inputs
from streams.core import geo
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import H_FILENAME, RawMessage
from streams.errors import WireError
from streams.settings import Settings


def run(paths: tuple[str, ...]) -> None:
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    for name, data in inputs(paths):
        try:
            items = pipeline.prepare(RawMessage(data, {H_FILENAME: name.encode()}))
        except WireError as exc:
            click.echo(f"{name}: dead-letter {exc.reason}: {exc.message}")
            continue
        for item in items:
            click.echo(
                geo.explain(item, pipeline.tagger.tag(item))
                if hasattr(geo, "explain")
                else f"{item.headline}: {item.ext.regions}"
            )
            click.echo("")
