from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from streams.core.model import RawMessage
from streams.core.parse import ParseResult, parse

FIXTURES = Path(__file__).parents[3] / "fixtures" / "wire"

Loader = Callable[..., ParseResult]


def raw(data: bytes, source: str = "test", **headers: str) -> RawMessage:
    hdrs = {"wire-source": source.encode()}
    hdrs.update({k.replace("_", "-"): v.encode() for k, v in headers.items()})
    return RawMessage(value=data, headers=hdrs)


@pytest.fixture
def rawmsg() -> Callable[..., RawMessage]:
    """Build a RawMessage: rawmsg(b"...", source="x", wire_format="nitf")."""
    return raw


@pytest.fixture
def wire() -> Loader:
    """Parse a fixture file: wire("plain/digest.txt", source="x")."""

    def load(name: str, source: str = "test", **headers: str) -> ParseResult:
        return parse(raw((FIXTURES / name).read_bytes(), source, **headers))

    return load
