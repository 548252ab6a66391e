"""The Faust worker class the app runs with."""

from __future__ import annotations

import logging

import faust


class Worker(faust.Worker):
    """Faust's worker without the startup spinner's logging hook.

    At ``-l warn`` (Faust's default) the spinner sets the root logger to DEBUG for good, so
    every debug call in aiokafka and Faust builds a log record that no handler prints:
    about 170,000 records in a one-minute benchmark, several percent of the worker's CPU.
    """

    def _setup_spinner_handler(self, logger: logging.Logger, level: int) -> None:
        return None
