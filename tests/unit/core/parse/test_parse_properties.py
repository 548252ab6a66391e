"""Property tests: no exception but ParseError on any bytes; plain text loses nothing."""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streams.core.model import RawMessage
from streams.core.parse import FORMATS, parse
from streams.core.parse.plaintext import prepare
from streams.core.text import clean, decode
from streams.errors import ParseError

#: WIRE_HYPOTHESIS_EXAMPLES=5000 for a long local run.
EXAMPLES = int(os.environ.get("WIRE_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

PREFIXES = [b"", b"<", b"{", b"[", b"\x01", b"<rss>", b"<nitf>", b'{"uri": ', b"\x01a0001 r i BC-X"]


def _parse_or_parse_error(data: bytes, fmt: str | None = None) -> None:
    headers = {"wire-source": b"prop"}
    if fmt:
        headers["wire-format"] = fmt.encode()
    try:
        result = parse(RawMessage(value=data, headers=headers))
    except ParseError as exc:
        assert exc.reason
        assert exc.message
        return
    assert result.items
    for item in result.items:
        assert item.uri
        assert item.headlines or item.bodies


@SETTINGS
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_parse_error(prefix: bytes, data: bytes) -> None:
    _parse_or_parse_error(prefix + data)


@SETTINGS
@given(fmt=st.sampled_from(FORMATS), data=st.binary(max_size=400))
def test_forced_formats_raise_only_parse_error(fmt: str, data: bytes) -> None:
    _parse_or_parse_error(data, fmt)


@SETTINGS
@given(text=st.text(max_size=600))
def test_arbitrary_text_raises_only_parse_error(text: str) -> None:
    _parse_or_parse_error(text.encode("utf-8"))


SENTENCES = [
    "Protesters gathered in Tbilisi on Sunday to demand new elections.",
    "He said the talks would resume next week.",
    "“We will not give up,” she told reporters.",
    "The ministry said on Monday that 12 people had been arrested.",
    "Flooding in Valencia killed three people on Tuesday, officials said.",
    "BOGOTA, Nov 20 (Reuters) - Colombia's peso fell 2% on Wednesday.",
    "LAGOS (AP) — Nigeria's central bank held rates steady on Thursday.",
    "UPDATE 3-Ceasefire talks stall in Doha",
    "Wildfires spread across southern Australia",
    "2nd Ld-Writethru, Mexico quake toll rises",
    "LEGAL WARNING: All rights reserved by Example Agency. No reuse without a contract.",
    "Eds: KILL this story.",
    "###",
    "-- more --",
    "(END)",
    "ENDS",
    "Officials declined to comment. (ILKHA)",
    "(Reporting by Ana Silva; Editing by Tom Hale)",
    "But the opposition rejected the result.",
]

paragraph = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120),
    st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=4).map(" ".join),
)


def _nonspace(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@SETTINGS
@given(
    paras=st.lists(paragraph, min_size=1, max_size=14),
    seps=st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]), min_size=14, max_size=14),
)
def test_plain_text_loses_no_characters(paras: list[str], seps: list[str]) -> None:
    text = "".join(p + s for p, s in zip(paras, seps, strict=False))
    data = text.encode("utf-8")
    try:
        result = parse(RawMessage(value=data, headers={"wire-format": b"plain"}))
    except ParseError:
        return
    expected = _nonspace(prepare(decode(data)[0]))
    got: Counter[str] = Counter()
    usage: set[str] = set()
    notes: list[str] = []
    for item in result.items:
        for h in item.headlines:
            if "derived-headline" not in item.ext.signals:
                got += _nonspace(h.value)
        got += _nonspace(item.body)
        if item.usageterms:
            usage.add(item.usageterms)
        if item.ednote:
            notes.append(item.ednote)
    carried = [d for item in result.items for d in item.ext.dropped]
    assert carried == result.dropped  # every item carries what it lost
    for extra in [*usage, *notes, *carried]:
        got += _nonspace(extra)
    assert got == expected


PREAMBLE = [
    "^BC-EU--Ferry-Strike, 1st Ld-Writethru,0412<",
    "^BC-APNewsAlert,0040<",
    "^Ferry strike halts crossings to the islands<",
    "^Eds: UPDATES with union statement in 3rd graf.<",
    "^By ANA SILVA=",
    "^Associated Press=",
    "REFILE",
    "1ST LEAD",
    "(Achtung)",
    "EXTRA",
    "Greece-transport/",
    "Ferry strike halts crossings to the islands =",
    "By Nikos Pappas, dpa =",
    "UPDATE 2-Ferry strike halts crossings",
]
BODY = [
    "\t^ATHENS, Greece (AP) _ Ferry crews walked off the job on Monday.<",
    "Athens (dpa) - Ferry crews walked off the job on Monday.",
    "\tThe union said the strike would last 48 hours.",
    "   ^Ports were quiet by noon.<",
    "AP-WS-12-01-25 1432GMT",
    "dpa np xx n1",
    "(Copyright 2025 The Associated Press. All rights reserved.)",
    "",
]


@SETTINGS
@given(
    header=st.sampled_from(
        ["a0412 r a\x13\x11 BC-EU--Ferry-Strike 12-01 0412", "dpa0300 4 pl 80  dpa-tns", ""]
    ),
    preamble=st.lists(st.sampled_from(PREAMBLE), max_size=6),
    body=st.lists(
        st.one_of(
            st.sampled_from(BODY + SENTENCES),
            # SOH, STX and EOT frame transmissions: inside a text they make new ones, whose
            # header lines are metadata (a stray ETX is generated on purpose below).
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs",), blacklist_characters="\x01\x02\x04"
                ),
                max_size=80,
            ),
        ),
        max_size=8,
    ),
    stray_etx=st.integers(min_value=-1, max_value=8),
)
# Found by this test: a control between the halves of a mojibake pair, repaired only when a
# second cleaning saw the pair joined (clean() now repairs after removing controls).
@example(
    header="a0412 r a\x13\x11 BC-EU--Ferry-Strike 12-01 0412",
    preamble=[],
    body=["\u00c2\x1f\u00a1"],
    stray_etx=0,
)
# And its NBSP form: the second repair ran after blanks were normalised, so "Â" stayed.
@example(
    header="a0412 r a\x13\x11 BC-EU--Ferry-Strike 12-01 0412",
    preamble=[],
    body=["\u00c2\x1f\u00a00"],
    stray_etx=0,
)
def test_transmissions_lose_no_characters(
    header: str, preamble: list[str], body: list[str], stray_etx: int
) -> None:
    """Every character of a 7901/ANPA text ends in a field, ``usageterms`` or the item's
    ``dropped`` (framing and AP's ``^``/``<``/``=`` markers are syntax, not text)."""
    lines = [*preamble, *body]
    if 0 <= stray_etx < len(lines):
        lines.insert(stray_etx, "\x03")
    text = "\r\n".join(lines)
    data = f"\x01{header}\x02{text}\r\n\x03\x04".encode()
    try:
        result = parse(RawMessage(value=data))
    except ParseError as exc:
        assert exc.reason in ("no-items", "binary-payload", "bad-encoding"), exc
        return
    assert result.format in ("iptc7901", "anpa1312")
    syntax = set("^<=\x03")
    expected = Counter(ch for ch in _nonspace(clean(text)).elements() if ch not in syntax)
    got: Counter[str] = Counter()
    for item in result.items:
        if "derived-headline" not in item.ext.signals:
            got += _nonspace(item.headline)
        for value in (item.body, item.byline, item.ednote, item.usageterms, *item.ext.dropped):
            got += _nonspace(value or "")
        for altid in item.altids:  # a slug read from the text, not the header's keyword
            if altid.role == "slug" and altid.value in text:
                got += _nonspace(altid.value)
    assert not expected - got, f"lost: {expected - got}"
