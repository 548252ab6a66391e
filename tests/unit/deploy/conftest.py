"""What the deployment files are checked against: the code's own settings, routes and metrics."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml

from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def load_all(path: Path) -> list[Any]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


@pytest.fixture(scope="session")
def setting_vars() -> set[str]:
    """Every environment variable Settings.from_env reads."""
    return {"WIRE_" + f.name.upper() for f in fields(Settings)} | {"KAFKA_BOOTSTRAP"}


@pytest.fixture(scope="session")
def web_routes() -> set[str]:
    """The paths the worker's web server serves (views registered in streams/worker/web.py)."""
    source = (ROOT / "streams" / "worker" / "web.py").read_text()
    routes = set(re.findall(r'@app\.page\("([^"]+)"\)', source))
    assert "/wire/health" in routes and "/metrics" in routes, routes
    return routes
