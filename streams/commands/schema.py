"""``wire schema``: the JSON Schemas of the canonical item and of the raw envelope."""

from __future__ import annotations

from pathlib import Path

import click

from streams import jsonio
from streams.core.schema import schema_documents


def run(out: Path | None) -> None:
    docs = schema_documents()
    if out is None:
        click.echo(jsonio.dumps_pretty(docs).decode())
        return
    for name, doc in docs.items():
        target = out / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(jsonio.dumps_pretty(doc) + b"\n")
        click.echo(f"wrote {target}")
