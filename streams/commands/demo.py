"""``wire demo``: what ``make run`` does (:mod:`streams.dev.demo`, from a source checkout)."""

from __future__ import annotations

from streams.settings import Settings


def run() -> None:
    from streams.dev.demo import run_demo  # dev code: not in the wheel

    run_demo(Settings.from_env())
