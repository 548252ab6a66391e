"""``wire``: the command line.

``wire worker`` (and Faust's other commands) go to Faust's own command line with
the app built by the composition root, so every Faust option works. The rest are
our commands; each turns a :class:`~streams.errors.WireError` into a one-line
error and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from streams import jsonio
from streams.errors import WireError

F = TypeVar("F", bound=Callable[..., Any])

#: Commands handed to Faust's command line.
FAUST_COMMANDS = frozenset({"worker", "agents", "tables", "model", "models", "send", "reset"})


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in FAUST_COMMANDS:
        run_faust(args)
    cli.main(args=args, prog_name="wire")


def run_faust(args: list[str]) -> None:
    """Create the topics, then run Faust's command line on the composed app."""
    from streams.app import build
    from streams.settings import Settings
    from streams.shell.admin import ensure_topics

    try:
        settings = Settings.from_env()
        bind = web_bind_option(args)
        if bind:
            # The token rules depend on the bind: check the one the server will use.
            settings = settings.with_(web_host=bind)
        wiring = build(settings)
        if args[0] == "worker" and not {"-h", "--help"} & set(args):
            settings.home.mkdir(parents=True, exist_ok=True)
            asyncio.run(ensure_topics(settings, wiring.topics.specs(settings)))
    except WireError as exc:
        fail(exc)
    sys.argv = ["wire", *args]
    wiring.app.main()


def web_bind_option(args: list[str]) -> str | None:
    """The value of Faust's ``--web-bind``/``-b`` worker option, if given (last one wins)."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg in ("--web-bind", "-b") and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--web-bind="):
            found = arg.split("=", 1)[1]
        elif arg.startswith("-b") and len(arg) > 2 and not arg.startswith("--"):
            found = arg[2:]
    return found


def fail(exc: WireError) -> None:
    click.echo(f"wire: error: {exc.message}", err=True)
    raise SystemExit(2 if exc.reason == "config" else 1)


def one_line_errors(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except WireError as exc:
            fail(exc)
        except FileNotFoundError as exc:
            click.echo(f"wire: error: {exc}", err=True)
            raise SystemExit(2) from None
        except KeyboardInterrupt:
            raise SystemExit(130) from None

    return wrapper  # type: ignore[return-value]


def settings_from_env() -> Any:
    from streams.settings import Settings

    return Settings.from_env()


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Faust's own commands run on the same app: wire worker -l info, wire agents, "
    "wire tables. Settings come from WIRE_* environment variables (see README).",
)
@click.version_option(package_name="wirestream")
def cli() -> None:
    """Wirestream: parse, deduplicate, geo-tag and route news-wire items on Kafka."""


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def worker() -> None:
    """Run the worker (Faust's options work: wire worker -l info --web-port 6067).

    \b
    Example:
      wire worker -l info     # dashboard at http://127.0.0.1:6066/wire/
    """


# -- broker ------------------------------------------------------------------------------------
@cli.group()
def broker() -> None:
    """The local single-node Kafka broker (for make run and the tests).

    \b
    Example:
      wire broker start && wire broker status && wire broker stop
    """


def _local_broker(port: int | None) -> Any:
    from streams.dev.broker import LocalBroker

    settings = settings_from_env()
    if port is None:
        host, _, p = settings.bootstrap.split(",")[0].rpartition(":")
        port = int(p) if p.isdigit() and host in ("127.0.0.1", "localhost") else 9092
    return LocalBroker(settings.home, port=port)


@broker.command("fetch")
@one_line_errors
def broker_fetch() -> None:
    """Fetch Kafka's jars from Maven Central into .cache/ (once).

    \b
    Example:
      wire broker fetch
    """
    from streams.dev.broker import fetch_jars

    click.echo(f"kafka jars in {fetch_jars()}")


@broker.command("start")
@click.option(
    "--port", type=int, default=None, help="listener port (default: from WIRE_BOOTSTRAP or 9092)"
)
@one_line_errors
def broker_start(port: int | None) -> None:
    """Start the broker on 127.0.0.1 and wait until it answers an admin client.

    \b
    Example:
      wire broker start --port 9093     # then WIRE_BOOTSTRAP=127.0.0.1:9093
    """
    b = _local_broker(port)
    took = b.start()
    click.echo(f"kafka ready at {b.bootstrap} in {took:.1f}s (logs: {b.log_path})")


@broker.command("stop")
@click.option("--port", type=int, default=None, hidden=True)
@one_line_errors
def broker_stop(port: int | None) -> None:
    """Stop the broker started by `wire broker start`.

    \b
    Example:
      wire broker stop
    """
    b = _local_broker(port)
    click.echo("kafka stopped" if b.stop() else "kafka was not running")


@broker.command("status")
@click.option("--port", type=int, default=None, hidden=True)
@one_line_errors
def broker_status(port: int | None) -> None:
    """Say whether the local broker runs and answers (exit 3: not running, 1: not answering).

    \b
    Example:
      wire broker status || wire broker start
    """
    from streams.dev.broker import wait_ready

    b = _local_broker(port)
    pid = b.pid()
    if pid is None:
        click.echo("kafka: not running")
        raise SystemExit(3)
    b.port = b.recorded_port() or b.port
    try:
        asyncio.run(wait_ready(b.bootstrap, 5))
    except WireError:
        click.echo(f"kafka: process {pid} runs but does not answer at {b.bootstrap}")
        raise SystemExit(1) from None
    click.echo(f"kafka: running (pid {pid}) at {b.bootstrap}")


# -- publish / subscribe -----------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", default="cli", show_default=True, help="source name (wire-source header)")
@click.option("--format", "fmt", default=None, help="force a parser (wire-format header)")
@click.option(
    "--allow-private",
    is_flag=True,
    help="let URLs (and their redirects) reach loopback and private addresses",
)
@one_line_errors
def publish(paths: tuple[str, ...], source: str, fmt: str | None, allow_private: bool) -> None:
    """Publish files (directories recursively), feed URLs or - for stdin: one raw message each.

    \b
    Example:
      wire publish demo/ --source reuters
      wire publish https://example.org/world/rss.xml --source example-rss
      cat story.txt | wire publish -

    A URL is fetched within 30 s in total, up to WIRE_MAX_RAW_BYTES, and neither it nor a
    redirect may lead to a loopback, private, link-local, multicast or reserved address
    unless --allow-private is given.
    """
    from streams.shell.kafka_io import Publisher, RawPayload, expand_paths, payload_from_file

    settings = settings_from_env()
    from streams.app import build_topics

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
) -> Any:
    """An RSS/Atom feed (or any document) fetched over HTTP, published as one raw message.

    One total deadline, the raw size limit, no hop to a private address unless allowed
    (:mod:`streams.shell.http_fetch`).
    """
    from streams.shell.http_fetch import FetchLimits, fetch
    from streams.shell.kafka_io import RawPayload

    got = fetch(url, FetchLimits(max_bytes=max_bytes, allow_private=allow_private))
    return RawPayload(got.body, source, url, got.content_type, fmt)


class _plain:
    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __enter__(self) -> list[Any]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


@cli.command()
@click.argument("regions", nargs=-1, required=True)
@click.option("--from-beginning", is_flag=True, help="start at the oldest item, not at now")
@click.option("--json", "as_json", is_flag=True, help="print each item as one JSON line")
@click.option("--count", type=int, default=None, help="stop after this many items")
@click.option("--idle-timeout", type=float, default=None, help="stop after this many idle seconds")
@click.option(
    "--follow/--no-follow",
    default=True,
    show_default=True,
    help="keep waiting for new items, or stop at the end of what is there now",
)
@one_line_errors
def subscribe(
    regions: tuple[str, ...],
    from_beginning: bool,
    as_json: bool,
    count: int | None,
    idle_timeout: float | None,
    follow: bool,
) -> None:
    """Print items from regional topics as they arrive (Ctrl-C stops).

    \b
    Example:
      wire subscribe europe middle-east --from-beginning
      wire subscribe americas --json --count 10
    """
    from streams.app import build_topics
    from streams.shell.kafka_io import read_topics

    settings = settings_from_env()
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
                    reason = rec.headers.get("wire-reason", b"?").decode()
                    click.echo(f"[dead-letter] {reason}: {len(rec.value)} bytes")
                continue
            if as_json:
                click.echo(rec.value.decode())
                continue
            doc = rec.json()
            ext: Any = doc.get("wirestream", {})
            heads: Any = doc.get("headlines") or [{"value": ""}]
            region = rec.topic.rsplit(".", 1)[-1]
            click.echo(
                f"[{region}] {heads[0]['value']}  ({', '.join(ext.get('regions') or ['unlocated'])}"
                f"; {ext.get('status')})  {doc['uri']}"
            )

    asyncio.run(go())


# -- offline -----------------------------------------------------------------------------------
def _inputs(paths: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    from streams.shell.kafka_io import expand_paths

    for p in paths:
        if p == "-":
            yield "<stdin>", sys.stdin.buffer.read()
        else:
            for f in expand_paths([p]):
                yield str(f), f.read_bytes()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per resulting item")
@click.option(
    "--full",
    is_flag=True,
    help="with --json: the fields read (headline, slug, byline, located, version, pubstatus,"
    " embargoed, ednote, signals, dropped) and the whole canonical item",
)
@click.option("--source", default="file", show_default=True, help="source name for the uris")
@one_line_errors
def inspect(paths: tuple[str, ...], as_json: bool, full: bool, source: str) -> None:
    """Run the whole pipeline offline (no Kafka) over files, in order, with one dedup state.

    \b
    Example:
      wire inspect tests/fixtures/wire/plain/ --json
    """
    from streams.app import build_pipeline
    from streams.core.dedup import MemoryStore
    from streams.core.model import H_FILENAME, H_SOURCE, RawMessage, WireItem

    settings = settings_from_env()
    pipeline = build_pipeline(settings, MemoryStore())
    now = 0
    for index, (name, data) in enumerate(_inputs(paths)):
        import time

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
    from streams.errors import InternalError

    err = exc if isinstance(exc, WireError) else InternalError(f"{type(exc).__name__}: {exc}")
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
        where = f" {item.uri}" if item is not None else ""
        click.echo(f"{source}: dead-letter{where}  {error}")
    else:
        regions = ",".join(item.ext.regions) or "unlocated"
        extra = f" of {item.ext.duplicate_of}" if item.ext.duplicate_of else ""
        click.echo(f"{source}: {status}{extra} [{regions}] {item.headline[:90]}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@one_line_errors
def explain(paths: tuple[str, ...]) -> None:
    """Print the geo evidence and scores behind each item's regions.

    \b
    Example:
      wire explain tests/fixtures/wire/plain/dump.txt
    """
    from streams.app import build_pipeline
    from streams.core import geo
    from streams.core.dedup import MemoryStore
    from streams.core.model import H_FILENAME, RawMessage

    pipeline = build_pipeline(settings_from_env(), MemoryStore())
    for name, data in _inputs(paths):
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


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="write one file per schema into this folder instead of printing",
)
@one_line_errors
def schema(out: Path | None) -> None:
    """Print (or write) the JSON Schemas of the canonical item and the raw envelope.

    \b
    Example:
      wire schema --out ./schemas-copy
    """
    from streams.core.schema import schema_documents

    docs = schema_documents()
    if out is None:
        click.echo(jsonio.dumps_pretty(docs).decode())
        return
    for name, doc in docs.items():
        target = out / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(jsonio.dumps_pretty(doc) + b"\n")
        click.echo(f"wrote {target}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="the full report as JSON")
@click.option(
    "--wait",
    type=float,
    default=0.0,
    help="audit again for up to this many seconds while anything is missing (a worker catching up)",
)
@one_line_errors
def audit(as_json: bool, wait: float) -> None:
    """Reconcile wire.raw with every output topic; exit 1 if anything is missing or doubled.

    \b
    Example:
      wire audit && echo "every raw message is accounted for"
    """
    from streams.shell.audit import audit_until_complete

    report = asyncio.run(audit_until_complete(settings_from_env(), wait))
    if as_json:
        doc = {
            "ok": report.ok,
            "raw_messages": report.raw_messages,
            "routed_records": report.routed_records,
            "duplicate_records": report.duplicate_records,
            "dead_letters": report.dead_letters,
            "missing": report.missing,
            "doubled": [[*k, n] for k, n in report.doubled.items()],
            "orphans": report.orphans,
        }
        click.echo(jsonio.dumps(doc).decode())
    else:
        click.echo(report.summary())
        for part, off, index in report.missing[:50]:
            what = "the whole message" if index < 0 else f"item {index}"
            click.echo(f"  missing: raw {part}:{off} {what}")
        for (topic, uri, part, off, index), n in list(report.doubled.items())[:50]:
            click.echo(f"  doubled x{n}: {topic} {uri} (raw {part}:{off} item {index})")
    raise SystemExit(0 if report.ok else 1)


@cli.group()
def dlq() -> None:
    """Dead letters: list them, re-submit chosen ones after a fix.

    \b
    Example:
      wire dlq list
      wire dlq replay 0:17 1:3          # by partition:offset
      wire dlq replay --reason internal-error
    """


@dlq.command("list")
@click.option("--json", "as_json", is_flag=True, help="one JSON object per dead letter")
@one_line_errors
def dlq_list(as_json: bool) -> None:
    """List every dead letter: where, why, how big, from which source.

    Streamed: each is printed as it is read, without keeping its bytes.

    \b
    Example:
      wire dlq list --json | grep binary-payload
    """
    from streams.app import build_topics
    from streams.shell.dlq import DeadLetter, iter_dead

    settings = settings_from_env()
    topics = build_topics(settings)

    async def go() -> None:
        async for d in iter_dead(settings, topics.dead_letter):
            show(d)

    def show(d: DeadLetter) -> None:
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


@dlq.command("replay")
@click.argument("refs", nargs=-1)
@click.option("--reason", default=None, help="replay every dead letter with this reason")
@one_line_errors
def dlq_replay(refs: tuple[str, ...], reason: str | None) -> None:
    """Publish chosen dead letters' raw bytes to wire.raw again (headers kept).

    \b
    Example:
      wire dlq replay 0:17 1:3
      wire dlq replay --reason internal-error
    """
    from streams.app import build_topics
    from streams.shell.dlq import iter_dead, replay

    if not refs and reason is None:
        raise click.UsageError("name dead letters as PARTITION:OFFSET or use --reason")
    settings = settings_from_env()
    topics = build_topics(settings)

    async def go() -> int:
        # Names first (no bytes kept), so a wrong reference publishes nothing.
        wanted = set(refs)
        found = {d.ref async for d in iter_dead(settings, topics.dead_letter) if d.ref in wanted}
        if wanted - found:
            raise click.UsageError(f"no dead letter at {', '.join(sorted(wanted - found))}")
        return await replay(settings, topics.raw, topics.dead_letter, refs, reason)

    click.echo(f"replayed {asyncio.run(go())} dead letter(s) to {topics.raw}")


@cli.command()
@click.option("--url", default=None, help="worker address (default: WIRE_WEB_HOST:WIRE_WEB_PORT)")
@click.option("--json", "as_json", is_flag=True, help="print the raw /wire/stats document")
@click.option("--watch", type=float, default=None, help="refresh every this many seconds")
@one_line_errors
def status(url: str | None, as_json: bool, watch: float | None) -> None:
    """Lag, throughput and totals of the running worker (from its /wire/stats).

    \b
    Example:
      wire status
      wire status --url http://10.0.0.5:6066 --watch 2     # WIRE_WEB_TOKEN is sent
    """
    import time

    from streams.ingest.dashboard import fetch_sources, render_sources
    from streams.shell.status import fetch_stats, render, stats_url

    settings = settings_from_env()
    target = stats_url(settings, url)
    while True:
        snap = fetch_stats(target, settings.web_token)
        if as_json:
            click.echo(jsonio.dumps(snap).decode())
        else:
            if watch:
                click.clear()
            click.echo(render(snap))
            click.echo(render_sources(fetch_sources(target, settings.web_token)))
        if not watch:
            return
        time.sleep(watch)


@cli.command()
@click.option(
    "--sources",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="the sources file (default: WIRE_INGEST_SOURCES, else ./sources.toml)",
)
@click.option("--check", is_flag=True, help="validate the sources file and exit")
@one_line_errors
def ingest(sources: Path | None, check: bool) -> None:
    """Run the ingest process: drop folders, feed polling and HTTP push into wire.raw.

    \b
    Example:
      wire ingest --sources sources.toml        # docs/ingest.md for the file's format
    """
    from streams.ingest.service import main as ingest_main

    ingest_main(settings_from_env(), sources, check)


@cli.command()
@one_line_errors
def demo() -> None:
    """What `make run` does: local broker, worker, the bundled demo items, a live view.

    \b
    Example:
      wire demo     # then open http://127.0.0.1:6066/wire/ or run wire status
    """
    from streams.dev.demo import run_demo

    run_demo(settings_from_env())


if __name__ == "__main__":
    main()
