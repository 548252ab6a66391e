"""``wire explain``: the geo evidence and scores behind each item's regions."""

from __future__ import annotations

import click

from streams.commands.inspect import inputs
from streams.core import geo
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import H_FILENAME, H_SOURCE, RawMessage
from streams.errors import WireError
from streams.settings import Settings


def run(paths: tuple[str, ...], source: str | None = None) -> None:
    """``source``: the ``wire-source`` header the items are read with (else none: source
    ``unknown``), so a source's configured home shows (``WIRE_SOURCE_HOMES``)."""
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    for name, data in inputs(paths):
        headers = {H_FILENAME: name.encode()}
        if source:
            headers[H_SOURCE] = source.encode()
        try:
            items = pipeline.prepare(RawMessage(data, headers))
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
