"""The worker class: Faust's default log level must not switch on every debug record."""

from __future__ import annotations

import logging
from pathlib import Path

from streams.settings import Settings
from streams.worker.app import build


def test_warn_level_keeps_the_root_logger_at_warn(tmp_path: Path) -> None:
    app = build(Settings.from_env({}, home=tmp_path)).app
    worker = app.Worker(loglevel="warn")
    logger = logging.getLogger("wirestream-test-root")
    logger.addHandler(logging.NullHandler())
    logger.setLevel(logging.WARN)
    worker.on_setup_root_logger(logger, logging.WARN)
    assert logger.level == logging.WARN
    assert not logger.isEnabledFor(logging.DEBUG)
