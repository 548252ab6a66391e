"""``wire demo``: what ``make run`` does (:mod:`streams.dev.demo`, from a source checkout)."""

from __future__ import annotations

from streams.commands import dev
from streams.settings import Settings


def run() -> None:
    dev("demo").run_demo(Settings.from_env())
