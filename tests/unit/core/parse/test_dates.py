"""The RFC 822 fast path reads every date it takes as ``email.utils`` does."""

from __future__ import annotations

from datetime import UTC

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.parse import dates
from streams.core.parse.dates import to_iso


def _email(value: str) -> str | None:
    """``to_iso`` by ``email.utils`` alone (the path before the fast one)."""
    try:
        dt = dates.parsedate_to_datetime(value.strip())
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    try:
        return dates._iso(dt)
    except (ValueError, OverflowError):
        return None


def test_common_feed_dates() -> None:
    assert to_iso("Mon, 24 Nov 2025 10:15:00 +0000") == "2025-11-24T10:15:00Z"
    assert to_iso("Mon, 24 Nov 2025 10:15:00 GMT") == "2025-11-24T10:15:00Z"
    assert to_iso("24 Nov 2025 01:15:00 +0230") == "2025-11-23T22:45:00Z"
    assert to_iso("Wed, 31 Dec 9999 23:00:00 -0130") is None  # past the year 9999 in UTC
    assert to_iso("Mon, 31 Feb 2025 10:15:00 +0000") is None
    assert dates._RFC822.match("Mon, 24 Nov 25 10:15:00 +0000") is None  # two-digit year


_DAY = st.sampled_from(["", "Mon, ", "Sun, "])
_MONTH = st.sampled_from(["Jan", "Feb", "Jun", "Dec"])
_ZONE = st.one_of(
    st.sampled_from(["GMT", "UT", "UTC", "Z", "-0000", "+0000"]),
    st.builds(
        "{}{:02d}{:02d}".format,
        st.sampled_from("+-"),
        st.integers(0, 99),
        st.integers(0, 99),
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    day=_DAY,
    dd=st.integers(0, 39),
    month=_MONTH,
    year=st.integers(1000, 9999),
    hh=st.integers(0, 29),
    mi=st.integers(0, 69),
    ss=st.integers(0, 69),
    zone=_ZONE,
)
def test_the_fast_path_equals_email_utils(
    day: str, dd: int, month: str, year: int, hh: int, mi: int, ss: int, zone: str
) -> None:
    value = f"{day}{dd} {month} {year} {hh:02d}:{mi:02d}:{ss:02d} {zone}"
    assert dates._RFC822.match(value) is not None
    assert to_iso(value) == _email(value)


def test_iso_output_is_zero_padded() -> None:
    from datetime import datetime

    assert dates._iso(datetime(7, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0007-01-02T03:04:05Z"


def test_iso_by_isoformat_answers_as_the_formatted_fields() -> None:
    """``_iso`` cuts ``isoformat`` (session 30), which writes what formatting each field did:
    four year digits below 1000, seconds cut (microseconds dropped), any offset, naive as UTC;
    an instant the UTC conversion takes out of range raises as before."""
    import random
    from datetime import datetime, timedelta, timezone

    def fields(dt: datetime) -> str:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=UTC)
        dt = dt.astimezone(UTC)
        return (
            f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"
            f"T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}Z"
        )

    rng = random.Random(1)
    years = [1, 2, 9, 10, 99, 100, 999, 1000, 1969, 2025, 9998, 9999]
    for _ in range(20000):
        zone = rng.choice([None, UTC, timezone(timedelta(minutes=rng.randint(-1439, 1439)))])
        dt = datetime(
            rng.choice([*years, rng.randint(1, 9999)]),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.randint(0, 59),
            rng.randint(0, 59),
            rng.choice([0, 1, 999999, rng.randint(0, 999999)]),
            tzinfo=zone,
        )
        try:
            want = fields(dt)
        except OverflowError:
            try:
                dates._iso(dt)
            except OverflowError:
                continue
            raise AssertionError(f"{dt!r} converted where the field formatting raised") from None
        assert dates._iso(dt) == want, dt


def test_memo_answers_as_the_read_and_stays_bounded() -> None:
    """``to_iso``'s memo (session 32): a value read again answers as the unremembered read
    (``_to_iso``), None included; long values are not kept, and the memo never holds more
    than its entries bound."""
    dates._MEMO.clear()
    values = [
        "Mon, 24 Nov 2025 10:15:00 +0000",
        " 24 Nov 2025 01:15:00 +0230 ",
        "20251120T101500Z",
        "2025-11-20T10:15:00+01:00",
        "Mon, 31 Feb 2025 10:15:00 +0000",  # no such day: None, remembered as ""
        "not a date",
        "   ",
    ]
    for _ in range(3):
        for value in values:
            assert to_iso(value) == dates._to_iso(value), value
    assert dates._MEMO["Mon, 31 Feb 2025 10:15:00 +0000"] == ""
    assert to_iso("Mon, 31 Feb 2025 10:15:00 +0000") is None
    long = " " * dates._MEMO_CHARS + "2025-11-20"
    assert to_iso(long) == "2025-11-20T00:00:00Z"
    assert long not in dates._MEMO
    for n in range(dates._MEMO_ENTRIES + 5):
        assert to_iso(f"{1000 + n}-01-01") == f"{1000 + n}-01-01T00:00:00Z"
        assert len(dates._MEMO) <= dates._MEMO_ENTRIES
    assert to_iso("Mon, 24 Nov 2025 10:15:00 +0000") == "2025-11-24T10:15:00Z"
