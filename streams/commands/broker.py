"""``wire broker fetch|start|stop|status``: the local development broker.

The broker lives in :mod:`streams.dev` (not in the wheel), so it is imported when a
``wire broker`` command runs, with a clear error outside a source checkout.
"""

from __future__ import annotations

import asyncio
from typing import Any

import click

from streams.commands import dev
from streams.errors import WireError
from streams.settings import Settings


def local_broker(port: int | None) -> Any:
    settings = Settings.from_env()
    if port is None:
        host, _, p = settings.bootstrap.split(",")[0].rpartition(":")
        port = int(p) if p.isdigit() and host in ("127.0.0.1", "localhost") else 9092
    return dev("broker").LocalBroker(settings.home, port=port)


def fetch() -> None:
    click.echo(f"kafka jars in {dev('broker').fetch_jars()}")


def start(port: int | None) -> None:
    b = local_broker(port)
    took = b.start()
    click.echo(f"kafka ready at {b.bootstrap} in {took:.1f}s (logs: {b.log_path})")


def stop(port: int | None) -> None:
    b = local_broker(port)
    click.echo("kafka stopped" if b.stop() else "kafka was not running")


def status(port: int | None) -> None:
    b = local_broker(port)
    pid = b.pid()
    if pid is None:
        click.echo("kafka: not running")
        raise SystemExit(3)
    b.port = b.recorded_port() or b.port
    try:
        asyncio.run(dev("broker").wait_ready(b.bootstrap, 5))
    except WireError:
        click.echo(f"kafka: process {pid} runs but does not answer at {b.bootstrap}")
        raise SystemExit(1) from None
    click.echo(f"kafka: running (pid {pid}) at {b.bootstrap}")
