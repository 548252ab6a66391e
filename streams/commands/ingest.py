"""``wire ingest``: the long-running producer (:mod:`streams.ingest`)."""

from __future__ import annotations

from pathlib import Path

from streams.ingest.service import main
from streams.settings import Settings


def run(sources: Path | None, check: bool) -> None:
    main(Settings.from_env(), sources, check)
