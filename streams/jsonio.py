"""The one JSON codec: orjson, with honest ``bytes`` types.

Everything that crosses Kafka or the web server goes through here, so the
encoding options (sorted keys off, naive datetimes as UTC, dataclasses) are
decided once.
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTS = orjson.OPT_NAIVE_UTC | orjson.OPT_UTC_Z | orjson.OPT_SERIALIZE_NUMPY

JSONDecodeError = orjson.JSONDecodeError


def dumps(obj: Any) -> bytes:
    """Encode to compact UTF-8 JSON bytes."""
    return orjson.dumps(obj, option=_OPTS)


def dumps_pretty(obj: Any) -> bytes:
    """Encode indented, with sorted keys, for people and for files in git."""
    return orjson.dumps(obj, option=_OPTS | orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Decode JSON; raises :class:`JSONDecodeError` (a ``ValueError``) on bad input."""
    return orjson.loads(data)
