"""``wire worker`` (and Faust's other commands): Faust's command line on the composed app."""

from __future__ import annotations

import asyncio
import sys

from streams import compiled
from streams.kafka.admin import ensure_topics
from streams.settings import Settings

#: Commands handed to Faust's command line.
FAUST_COMMANDS = frozenset({"worker", "agents", "tables", "model", "models", "send", "reset"})


def run(args: list[str]) -> None:
    """Create the topics, then run Faust's command line on the composed app.

    Raises :class:`~streams.errors.WireError` before Faust starts (bad settings, no broker).
    """
    from streams.worker.app import build  # faust: only for the commands that run it

    roles, args = roles_option(args)
    settings = Settings.from_env()
    if roles is not None:
        settings = settings.with_(roles=roles)
    bind = web_bind_option(args)
    if bind:
        # The token rules depend on the bind: check the one the server will use.
        settings = settings.with_(web_host=bind)
    wiring = build(settings)
    if args[0] == "worker" and not {"-h", "--help"} & set(args):
        # Which core runs (streams/compiled.py): before Faust configures its logging.
        print(f"wire worker: {compiled.mode()} core", file=sys.stderr, flush=True)
        settings.home.mkdir(parents=True, exist_ok=True)
        asyncio.run(ensure_topics(settings, wiring.topics.specs(settings)))
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


def roles_option(args: list[str]) -> tuple[str | None, list[str]]:
    """Take ``--roles parse|route|parse,route`` out of the worker's arguments (Faust does
    not know it): its value (last one wins, ``None`` if absent) and the other arguments."""
    found: str | None = None
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--roles" and i + 1 < len(args):
            found, skip = args[i + 1], True
        elif arg.startswith("--roles="):
            found = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return found, rest
