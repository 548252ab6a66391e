"""Timestamps in the forms wire formats use, all turned into ISO 8601 UTC strings."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_COMPACT = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def _iso(dt: datetime) -> str:
    """Always four year digits: ``strftime("%Y")`` gives ``999`` for the year 999 on glibc,
    which the schema (rightly) refuses."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    dt = dt.astimezone(UTC)
    return f"{dt.year:04d}-{dt:%m-%dT%H:%M:%S}Z"


def to_iso(value: str | None) -> str | None:
    """ISO 8601, RFC 822 or compact NITF (``20251120T101500Z``) → ``YYYY-MM-DDTHH:MM:SSZ``.

    Unreadable or out-of-range dates give ``None``: a bad date never fails an item.
    """
    if not value:
        return None
    value = value.strip()
    if not value or len(value) > 64:
        return None
    try:
        m = _COMPACT.match(value)
        if m is not None:
            y, mo, d, hh, mi, ss, tz = m.groups()
            text = f"{y}-{mo}-{d}T{hh or '00'}:{mi or '00'}:{ss or '00'}"
            if tz:
                text += "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
            return _iso(datetime.fromisoformat(text))
        if value[:4].isdigit():
            return _iso(datetime.fromisoformat(value))
        return _iso(parsedate_to_datetime(value))
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
