"""Timestamps in the forms wire formats use, all turned into ISO 8601 UTC strings."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_COMPACT = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?$"
)

#: The RFC 822 dates feeds send (``Mon, 24 Nov 2025 10:15:00 +0000``), read without
#: ``email.utils`` (a tenth of its cost); any other form still goes to it. Only forms it reads
#: the same way: a four-digit year not below 1000, seconds given, a numeric or UTC zone.
_RFC822 = re.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?([0-9]{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9][0-9]{3}) "
    r"([0-9]{2}):([0-9]{2}):([0-9]{2}) (?:([+-])([0-9]{2})([0-9]{2})|GMT|UTC?|Z)$"
)
_MONTHS = {
    m: n
    for n, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def _rfc822(m: re.Match[str]) -> datetime:
    """What ``email.utils.parsedate_to_datetime`` gives for a match of :data:`_RFC822`."""
    day, month, year, hh, mi, ss, sign, zh, zm = m.groups()
    offset = 0
    if sign is not None:
        offset = int(zh) * 3600 + int(zm) * 60
        if sign == "-":
            offset = -offset
    zone = timezone(timedelta(seconds=offset))
    return datetime(int(year), _MONTHS[month], int(day), int(hh), int(mi), int(ss), tzinfo=zone)


def _iso(dt: datetime) -> str:
    """Always four year digits: ``strftime("%Y")`` gives ``999`` for the year 999 on glibc,
    which the schema (rightly) refuses."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    dt = dt.astimezone(UTC)
    # ``isoformat`` writes the year with four digits too ("%04d", C), and to the second it
    # cuts, as the fields read: "YYYY-MM-DDTHH:MM:SS+00:00", 19 characters before the
    # offset. Six formatted fields were six ``__format__`` calls, about 2 k instructions each
    # (bench/README.md, session 30, hperf73).
    return dt.isoformat(timespec="seconds")[:19] + "Z"


#: :func:`to_iso`'s answers by the value as given, "" for None (it never answers ""): a feed's
#: and a refiled story's dates repeat (bench traffic: 436 dates, 184 distinct, per 1,000
#: items), and a read cost 15-30 k instructions (``datetime``'s constructors, ``astimezone``,
#: ``isoformat``; bench/README.md, session 32, hperf81). Values of up to :data:`_MEMO_CHARS`
#: characters, at most :data:`_MEMO_ENTRIES` of them, emptied when full (a few tens of KB).
_MEMO: dict[str, str] = {}
_MEMO_ENTRIES = 512
_MEMO_CHARS = 80


def to_iso(value: str | None) -> str | None:
    """ISO 8601, RFC 822 or compact NITF (``20251120T101500Z``) → ``YYYY-MM-DDTHH:MM:SSZ``.

    Unreadable or out-of-range dates give ``None``: a bad date never fails an item.
    """
    if not value:
        return None
    if len(value) > _MEMO_CHARS:
        return _to_iso(value)
    memo = _MEMO
    got = memo.get(value)
    if got is not None:
        return got or None
    iso = _to_iso(value)
    if len(memo) >= _MEMO_ENTRIES:
        memo.clear()
    memo[value] = iso or ""
    return iso


def _to_iso(value: str) -> str | None:
    """:func:`to_iso` of a non-empty value, unremembered."""
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
        r = _RFC822.match(value)
        return _iso(_rfc822(r) if r is not None else parsedate_to_datetime(value))
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
