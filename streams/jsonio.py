"""The one JSON codec: orjson, with honest ``bytes`` types.

Everything that crosses Kafka or the web server goes through here, so the
encoding options (sorted keys off, naive datetimes as UTC, dataclasses) are
decided once.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

import orjson

#: Dataclasses go through :func:`_default`, not orjson's own dataclass path: orjson reads a
#: dataclass's fields from its memory layout, and a class the compiled core built (mypyc) has
#: another layout: ``orjson.dumps`` of one with a ``float`` field crashed the process
#: (segfault, session 26). ``dataclasses.asdict`` reads them by attribute.
_OPTS: Final = (
    orjson.OPT_NAIVE_UTC
    | orjson.OPT_UTC_Z
    | orjson.OPT_SERIALIZE_NUMPY
    | orjson.OPT_PASSTHROUGH_DATACLASS
)

JSONDecodeError = orjson.JSONDecodeError


def _default(obj: Any) -> Any:
    """A dataclass instance as a dict of its fields, the rest as orjson would refuse it."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    raise TypeError(f"Type is not JSON serializable: {type(obj).__name__}")


#: Bound once: the compiled module reads a final name from a C global, not the module dict.
_DUMPS: Final = orjson.dumps
_DEFAULT: Final = _default
_OPTS_OBJ: Final[Any] = _OPTS  # an object, not a machine int boxed anew each call


def dumps(obj: Any) -> bytes:
    """Encode to compact UTF-8 JSON bytes."""
    result: bytes = _DUMPS(obj, default=_DEFAULT, option=_OPTS_OBJ)
    return result


def dumps_pretty(obj: Any) -> bytes:
    """Encode indented, with sorted keys, for people and for files in git."""
    return orjson.dumps(
        obj, default=_default, option=_OPTS | orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
    )


def fragment(data: bytes) -> Any:
    """``data``, JSON already written, to be copied into what :func:`dumps` writes as is
    (``orjson.Fragment``; nothing checks it: only for bytes written as orjson would)."""
    return orjson.Fragment(data)


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Decode JSON; raises :class:`JSONDecodeError` (a ``ValueError``) on bad input."""
    return orjson.loads(data)
