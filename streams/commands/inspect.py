"""``wire inspect``: the whole pipeline offline (no Kafka) over files, with one dedup state."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from typing import Any

import click

from streams import jsonio
from streams.commands.render import dead_letter_line, item_line
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import H_FILENAME, H_SOURCE, RawMessage, WireItem
from streams.errors import as_wire_error
from streams.kafka.clients import expand_paths
from streams.settings import Settings


def inputs(paths: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """Each file (directories recursively, ``-`` for stdin) as (name, bytes), in order."""
    for p in paths:
        if p == "-":
            yield "<stdin>", sys.stdin.buffer.read()
        else:
            for f in expand_paths([p]):
                yield str(f), f.read_bytes()


def run(paths: tuple[str, ...], as_json: bool, full: bool, source: str) -> None:
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    now = 0
    for index, (name, data) in enumerate(inputs(paths)):
        now = max(now + 1, int(time.time() * 1000))
        raw = RawMessage(
            data,
            {H_SOURCE: source.encode(), H_FILENAME: name.encode()},
            topic="file",
            partition=0,
            offset=index,
            timestamp_ms=now,
        )
        # Each stage is guarded as the worker guards it: a failure in stage 1 (parse, geo,
        # encoding onto wire.items) dead-letters the whole file, one in stage 2 (dedup,
        # routing, encoding for the desks) only its item; the next file is read either way.
        try:
            records = pipeline.stage1_records(raw)
        except Exception as exc:
            _emit(as_json, name, None, "dead-letter", error=_error(exc))
            continue
        for record in records:
            item = None
            try:
                item = WireItem.from_json(jsonio.loads(record.value))  # as the route agent reads
                decision, _ = pipeline.decide(item, now)
                pipeline.remember(item, decision, now)
            except Exception as exc:
                _emit(as_json, name, item, "dead-letter", error=_error(exc))
                continue
            _emit(as_json, name, item, item.ext.status, full=full)


def _fields(item: Any) -> dict[str, Any]:
    """What a user checks before connecting a feed: where each part of the text went."""
    data = item.to_json()
    return {
        "headline": item.headline,
        "slug": next((a.value for a in item.altids if a.role == "slug"), None),
        "byline": item.byline,
        "located": item.located,
        "version": item.version,
        "pubstatus": item.pubstatus,
        "embargoed": data.get("embargoed"),
        "ednote": item.ednote,
        "signals": item.ext.signals,
        "dropped": item.ext.dropped,
        "body_first": item.body.split("\n\n", 1)[0] if item.body else None,
    }


def _error(exc: Exception) -> str:
    """A dead-letter row's error: the reason code the worker would write, then the message."""
    err = as_wire_error(exc)
    return f"{err.reason}: {err.message}"


def _emit(
    as_json: bool,
    source: str,
    item: Any,
    status: str,
    *,
    error: str | None = None,
    full: bool = False,
) -> None:
    if as_json:
        doc: dict[str, Any] = {
            "source": source,
            "uri": item.uri if item else None,
            "headline": item.headline if item else None,
            "regions": item.ext.regions if item else [],
            "status": status,
            "duplicate_of": item.ext.duplicate_of if item else None,
            "update_of": item.ext.update_of if item else None,
            "related_to": item.ext.related_to if item else None,
            "similarity": item.ext.similarity if item else None,
            "located": item.located if item else None,
            "focus": [{"country": f.country, "score": f.score} for f in item.ext.focus]
            if item
            else [],
            "error": error,
        }
        if full and item is not None:
            doc["fields"] = _fields(item)
            doc["item"] = item.to_json()
        click.echo(jsonio.dumps(doc).decode())
    elif error is not None:
        uri = f"{item.uri}  " if item is not None else ""
        click.echo(dead_letter_line(source, f"{uri}{error}"))
    else:
        click.echo(item_line(source, item, status))
