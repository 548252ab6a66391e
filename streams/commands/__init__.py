"""One module per ``wire`` subcommand; :mod:`streams.cli` only declares them."""

from __future__ import annotations

import importlib
from types import ModuleType

from streams.errors import ConfigError


def dev(name: str) -> ModuleType:
    """``streams.dev.<name>``, which only a source checkout has (it is not in the wheel)."""
    try:
        return importlib.import_module(f"streams.dev.{name}")
    except ModuleNotFoundError as exc:
        if exc.name not in ("streams.dev", f"streams.dev.{name}"):
            raise
        raise ConfigError(
            "this command runs the development broker, which only a source checkout has "
            "(make run, or pip install -e . from the repository)"
        ) from None
