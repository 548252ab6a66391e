"""``wire worker`` (and Faust's other commands): Faust's command line on the composed app."""

from __future__ import annotations

import asyncio
import sys

from streams import compiled
from streams.kafka.admin import ensure_topics
from streams.settings import Settings

#: Printed before Faust's own help, which knows neither our options nor our defaults.
WORKER_HELP = """\
Wirestream's worker is Faust's, with these differences:
  --roles parse|route|parse,route   the stages this process runs (WIRE_ROLES; default both)
  the web server binds WIRE_WEB_HOST (default 127.0.0.1), not Faust's 0.0.0.0; --web-bind/-b
  overrides it, and a public bind needs WIRE_WEB_TOKEN (README.md, Settings and Web)
  -h alone asks for this help; before a value it is Faust's --web-host
"""


def run(args: list[str]) -> None:
    """Create the topics, then run Faust's command line on the composed app.

    Raises :class:`~streams.errors.WireError` before Faust starts (bad settings, no broker).
    """
    from streams.worker.app import build  # faust: only for the commands that run it

    roles, args = roles_option(args)
    args = help_option(args)
    if args[0] == "worker" and "--help" in args:
        print(WORKER_HELP)
    settings = Settings.from_env()
    if roles is not None:
        settings = settings.with_(roles=roles)
    bind = web_bind_option(args)
    if bind:
        # The token rules depend on the bind: check the one the server will use.
        settings = settings.with_(web_host=bind)
    wiring = build(settings)
    if args[0] == "worker" and "--help" not in args:
        # Which core runs (streams/compiled.py): before Faust configures its logging.
        print(f"wire worker: {compiled.mode()} core", file=sys.stderr, flush=True)
        settings.home.mkdir(parents=True, exist_ok=True)
        asyncio.run(ensure_topics(settings, [*wiring.topics.specs(settings), *wiring.internal]))
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


def help_option(args: list[str]) -> list[str]:
    """``-h`` as the last argument asks for help (``wire worker -h``): Faust reads ``-h`` as
    ``--web-host``, which then lacks its value and fails with a confusing message."""
    if len(args) > 1 and args[-1] == "-h":
        return [*args[:-1], "--help"]
    return args
