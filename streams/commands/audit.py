"""``wire audit``: read ``wire.raw`` and every output topic, then reconcile (pure core)."""

from __future__ import annotations

import asyncio
import time

import click

from streams import jsonio
from streams.core.audit import AuditReport, OutputRecord, RawInfo, StateRecord, reconcile
from streams.core.deadletter import DeadLetter
from streams.core.dedup import MemoryStore
from streams.core.model import RawMessage
from streams.core.pipeline import Pipeline
from streams.errors import WireError
from streams.kafka.clients import read_topics
from streams.settings import Settings


async def audit(settings: Settings, pipeline: Pipeline | None = None) -> AuditReport:
    """Everything up to the end offsets seen at start (read_committed).

    In exactly-once mode the dedup changelog is read last, after the outputs, so that a
    story's record committed with its outputs is always seen (the changelog end is taken
    later than the regional topics' ends).
    """
    if pipeline is None:
        from streams.core.assemble import build_pipeline

        pipeline = build_pipeline(settings, MemoryStore())
    topics = pipeline.topics
    raws: list[RawInfo] = []
    async for rec in read_topics(settings, [topics.raw], from_beginning=True, until_end=True):
        raw = RawMessage(rec.value, rec.headers, rec.topic, rec.partition, rec.offset)
        try:
            count: int | None = len(pipeline.prepare(raw))
        except WireError:
            count = None
        except Exception:  # our own bug: the worker dead-letters these as internal errors
            count = None
        raws.append(RawInfo(rec.partition, rec.offset, count))
    outputs: list[OutputRecord] = []
    region_topics = set(topics.region_topics)
    names = [*topics.region_topics, topics.duplicates, topics.dead_letter]
    async for rec in read_topics(settings, names, from_beginning=True, until_end=True):
        if rec.topic == topics.dead_letter:
            letter = DeadLetter.decode(b"", rec.headers)
            outputs.append(
                OutputRecord(rec.topic, "dead-letter", letter.raw_partition, letter.raw_offset)
            )
            continue
        doc = jsonio.loads(rec.value)
        lin = doc.get("wirestream", {}).get("lineage") or {}
        if lin.get("topic") != topics.raw:
            # An item dead-lettered in stage 2 or replayed from elsewhere: no raw offset to match.
            continue
        outputs.append(
            OutputRecord(
                rec.topic,
                "region" if rec.topic in region_topics else "duplicate",
                int(lin["partition"]),
                int(lin["offset"]),
                int(lin.get("index", 0)),
                doc["uri"],
                doc.get("wirestream", {}).get("duplicate_of"),
                _version(doc.get("version")),
            )
        )
    state = await dedup_state(settings) if settings.exactly_once else None
    return reconcile(raws, outputs, state)


def dedup_changelog(settings: Settings) -> str:
    """The dedup table's changelog topic (Faust names it ``{app_id}-{table}-changelog``)."""
    return f"{settings.app_id}-dedup-changelog"


async def dedup_state(settings: Settings) -> list[StateRecord]:
    """The committed dedup changelog as plain records (keys and values are JSON, as the
    table's serializers write them; ``streams/worker/tables.py``)."""
    records: list[StateRecord] = []
    topic = dedup_changelog(settings)
    async for rec in read_topics(settings, [topic], from_beginning=True, until_end=True):
        try:
            key = jsonio.loads(rec.key) if rec.key is not None else None
            value = jsonio.loads(rec.value) if rec.value else None  # b"": a tombstone
        except ValueError:
            continue  # not written by the worker's table
        if not isinstance(key, str):
            continue
        uri = value.get("u") if isinstance(value, dict) else None
        version = _version(value.get("v")) if isinstance(value, dict) else 1
        records.append(StateRecord(key, uri if isinstance(uri, str) else None, version))
    return records


def _version(value: object) -> int:
    """A record's version as an int (1, as the model's default, when absent or not one)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


async def audit_until_complete(
    settings: Settings, timeout: float, pipeline: Pipeline | None = None
) -> AuditReport:
    """Audit again every 2 s while something is missing, for up to ``timeout`` seconds.

    A worker catching up after a restart leaves raw messages without outputs for a while;
    only what is still missing at the end is a gap.
    """
    deadline = time.monotonic() + timeout
    report = await audit(settings, pipeline)
    while report.missing and time.monotonic() < deadline:
        await asyncio.sleep(2)
        report = await audit(settings, pipeline)
    return report


def run(as_json: bool, wait: float) -> None:
    """Print the report; exit 1 if anything is missing or doubled."""
    report = asyncio.run(audit_until_complete(Settings.from_env(), wait))
    if as_json:
        doc = {
            "ok": report.ok,
            "raw_messages": report.raw_messages,
            "routed_records": report.routed_records,
            "duplicate_records": report.duplicate_records,
            "dead_letters": report.dead_letters,
            "missing": report.missing,
            "doubled": [[*k, n] for k, n in report.doubled.items()],
            # One raw item routed under several uris: repeats a consumer cannot drop by uri.
            "renamed": [[*k, uris] for k, uris in report.renamed.items()],
            "orphans": report.orphans,
            "unrouted_originals": report.unrouted_originals,
            # Exactly-once: work done again after its outputs were committed (absorbed by
            # dedup, so not a failure of the audit, but exactly-once should show none).
            "redone": [[*k, n] for k, n in report.redone.items()],
            # Exactly-once only (None when not checked): routed stories whose dedup record
            # never reached the committed changelog; a redo would route them again.
            "routed_without_state": (report.routed_without_state if report.state_checked else None),
        }
        click.echo(jsonio.dumps(doc).decode())
    else:
        click.echo(report.summary())
        for part, off, index in report.missing[:50]:
            what = "the whole message" if index < 0 else f"item {index}"
            click.echo(f"  missing: raw {part}:{off} {what}")
        for (topic, uri, part, off, index), n in list(report.doubled.items())[:50]:
            click.echo(f"  doubled x{n}: {topic} {uri} (raw {part}:{off} item {index})")
        for (part, off, index), uris in list(report.renamed.items())[:50]:
            click.echo(f"  renamed: raw {part}:{off} item {index} routed as {', '.join(uris)}")
        for (part, off, index), n in list(report.redone.items())[:50]:
            click.echo(f"  redone x{n}: raw {part}:{off} item {index} (absorbed by dedup)")
        for uri in report.routed_without_state[:50]:
            click.echo(f"  routed without state: {uri} (no dedup record in the changelog)")
    raise SystemExit(0 if report.ok else 1)
