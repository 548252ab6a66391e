"""``wire``: the command line. This module only declares the commands.

Each command's work is in its own module under :mod:`streams.commands`, imported when the
command runs: ``wire --help`` and a short command stay quick, and only ``wire worker``
(Faust's commands) loads faust. Every command turns a :class:`~streams.errors.WireError`
into a one-line error and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from streams.errors import WireError

F = TypeVar("F", bound=Callable[..., Any])

#: Commands handed to Faust's command line (streams.commands.worker).
FAUST_COMMANDS = frozenset({"worker", "agents", "tables", "model", "models", "send", "reset"})


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in FAUST_COMMANDS:
        run_faust(args)
    cli.main(args=args, prog_name="wire")


def run_faust(args: list[str]) -> None:
    """Create the topics, then run Faust's command line on the composed app."""
    from streams.commands import worker

    try:
        worker.run(args)
    except WireError as exc:
        fail(exc)


def web_bind_option(args: list[str]) -> str | None:
    from streams.commands.worker import web_bind_option as option

    return option(args)


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

    --roles parse|route|parse,route runs only those stages (default WIRE_ROLES, both):
    two processes, one per stage, each on its own core (docs/architecture.md).

    \b
    Example:
      wire worker -l info     # dashboard at http://127.0.0.1:6066/wire/
      wire worker --roles parse --web-port 6067 &  wire worker --roles route
    """


# -- broker ------------------------------------------------------------------------------------
@cli.group()
def broker() -> None:
    """The local single-node Kafka broker (for make run and the tests).

    \b
    Example:
      wire broker start && wire broker status && wire broker stop
    """


@broker.command("fetch")
@one_line_errors
def broker_fetch() -> None:
    """Fetch Kafka's jars from Maven Central into .cache/ (once).

    \b
    Example:
      wire broker fetch
    """
    from streams.commands import broker as command

    command.fetch()


@broker.command("start")
@click.option(
    "--port", type=int, default=None, help="listener port (default: from WIRE_BOOTSTRAP or 9092)"
)
@one_line_errors
def broker_start(**options: Any) -> None:
    """Start the broker on 127.0.0.1 and wait until it answers an admin client.

    \b
    Example:
      wire broker start --port 9093     # then WIRE_BOOTSTRAP=127.0.0.1:9093
    """
    from streams.commands import broker as command

    command.start(**options)


@broker.command("stop")
@click.option("--port", type=int, default=None, hidden=True)
@one_line_errors
def broker_stop(**options: Any) -> None:
    """Stop the broker started by `wire broker start`.

    \b
    Example:
      wire broker stop
    """
    from streams.commands import broker as command

    command.stop(**options)


@broker.command("status")
@click.option("--port", type=int, default=None, hidden=True)
@one_line_errors
def broker_status(**options: Any) -> None:
    """Say whether the local broker runs and answers (exit 3: not running, 1: not answering).

    \b
    Example:
      wire broker status || wire broker start
    """
    from streams.commands import broker as command

    command.status(**options)


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
def publish(**options: Any) -> None:
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
    from streams.commands import publish as command

    command.run(**options)


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
def subscribe(**options: Any) -> None:
    """Print items from regional topics as they arrive (Ctrl-C stops).

    \b
    Example:
      wire subscribe europe middle-east --from-beginning
      wire subscribe americas --json --count 10
    """
    from streams.commands import subscribe as command

    command.run(**options)


# -- offline -----------------------------------------------------------------------------------
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
def inspect(**options: Any) -> None:
    """Run the whole pipeline offline (no Kafka) over files, in order, with one dedup state.

    \b
    Example:
      wire inspect tests/fixtures/wire/plain/ --json
    """
    from streams.commands import inspect as command

    command.run(**options)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--source",
    default=None,
    help="read the items as sent by this ingest source (the wire-source header), e.g. to see "
    "its WIRE_SOURCE_HOMES home (rule source-home)",
)
@one_line_errors
def explain(**options: Any) -> None:
    """Print the geo evidence and scores behind each item's regions.

    \b
    Example:
      wire explain tests/fixtures/wire/plain/dump.txt
      WIRE_SOURCE_HOMES=punch-feed=NG wire explain --source punch-feed story.json
    """
    from streams.commands import explain as command

    command.run(**options)


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="write one file per schema into this folder instead of printing",
)
@one_line_errors
def schema(**options: Any) -> None:
    """Print (or write) the JSON Schemas of the canonical item and the raw envelope.

    \b
    Example:
      wire schema --out ./schemas-copy
    """
    from streams.commands import schema as command

    command.run(**options)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="the full report as JSON")
@click.option(
    "--wait",
    type=float,
    default=0.0,
    help="audit again for up to this many seconds while anything is missing (a worker catching up)",
)
@one_line_errors
def audit(**options: Any) -> None:
    """Reconcile wire.raw with every output topic; exit 1 if anything is missing or doubled.

    \b
    Example:
      wire audit && echo "every raw message is accounted for"
    """
    from streams.commands import audit as command

    command.run(**options)


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
def dlq_list(**options: Any) -> None:
    """List every dead letter: where, why, how big, from which source.

    Streamed: each is printed as it is read, without keeping its bytes.

    \b
    Example:
      wire dlq list --json | grep binary-payload
    """
    from streams.commands import dlq as command

    command.run_list(**options)


@dlq.command("replay")
@click.argument("refs", nargs=-1)
@click.option("--reason", default=None, help="replay every dead letter with this reason")
@one_line_errors
def dlq_replay(**options: Any) -> None:
    """Publish chosen dead letters' raw bytes to wire.raw again (headers kept).

    \b
    Example:
      wire dlq replay 0:17 1:3
      wire dlq replay --reason internal-error
    """
    from streams.commands import dlq as command

    command.run_replay(**options)


@cli.command()
@click.option("--url", default=None, help="worker address (default: WIRE_WEB_HOST:WIRE_WEB_PORT)")
@click.option("--json", "as_json", is_flag=True, help="print the raw /wire/stats document")
@click.option("--watch", type=float, default=None, help="refresh every this many seconds")
@one_line_errors
def status(**options: Any) -> None:
    """Lag, throughput and totals of the running worker (from its /wire/stats).

    \b
    Example:
      wire status
      wire status --url http://10.0.0.5:6066 --watch 2     # WIRE_WEB_TOKEN is sent
    """
    from streams.commands import status as command

    command.run(**options)


@cli.command()
@click.option(
    "--sources",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="the sources file (default: WIRE_INGEST_SOURCES, else ./sources.toml)",
)
@click.option("--check", is_flag=True, help="validate the sources file and exit")
@one_line_errors
def ingest(**options: Any) -> None:
    """Run the ingest process: drop folders, feed polling and HTTP push into wire.raw.

    \b
    Example:
      wire ingest --sources sources.toml        # docs/ingest.md for the file's format
    """
    from streams.commands import ingest as command

    command.run(**options)


@cli.command()
@one_line_errors
def demo() -> None:
    """What `make run` does: local broker, worker, the bundled demo items, a live view.

    \b
    Example:
      wire demo     # then open http://127.0.0.1:6066/wire/ or run wire status
    """
    from streams.commands import demo as command

    command.run()


if __name__ == "__main__":
    main()
