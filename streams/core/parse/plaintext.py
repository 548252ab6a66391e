"""Plain-text agency dumps → items.

A dump is a run of paragraphs (one per line, or blank-line separated, or hard-wrapped)
holding headlined articles, headline-less one-paragraph items and legal boilerplate.
The splitting rules are conservative on purpose: a paragraph starts a new item only
on strong evidence (a closed story, a new headline followed by a lede, a dateline, or
an unrelated lede after a headline-less item); anything that might continue the story
(pronouns, quotes, connectives, names already mentioned) stays with it. A title-case town
and state with no agency ("Tigard, Ore. -") is a weak dateline: a sentence can open the same
way ("Tigard, Ore. — a suburb — made ..."), so it opens a story only after a headline or
as the first paragraph. Datelines are kept in the body (they are part of the text as sent)
and copied to ``located``.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from streams.core import text as textmod
from streams.core.model import clip
from streams.core.parse.base import (
    DEFAULT_LIMITS,
    MAX_LINES,
    MAX_NOTICE_CHARS,
    MIN_LINE_CHARS,
    ParseLimits,
    check_item_count,
)
from streams.core.parse.build import Fields
from streams.core.parse.contract import Format, Head, Payload
from streams.core.parse.markers import (
    Dateline,
    first_sentence,
    headline_shape,
    is_label,
    read_credit,
    read_dateline,
    terminal,
)
from streams.core.parse.markers import (
    derive_headline as derive_headline,  # re-exported: it began here
)
from streams.errors import LimitExceeded, ParseError

if TYPE_CHECKING:
    from wirestream_native import PlainScreen, Substrings

NAME = "plain"

_END = re.compile(r"^(?:#{3,}|-30-|\(?ENDS?\)?\.?|ENDS?/\w*|={4,}|\*{3,}|-{4,}|_{4,}|X{3,}|NNNN)$")
_SOFT = re.compile(r"^[-–—=*. ]*\(?(?:MORE|[Mm]ore)\)?[-–—=*. ]*$")
#: The first characters a line :data:`_END` matches can open with (the pattern has no
#: ``re.I``): a line opening with any other is no end marker, and needs no regex call.
_END_INITIALS = "#-(E=*_XN"
_CAPS = re.compile(r"\b[A-Z][\w’'\-]+")
_HTML_BLOCKS = re.compile(r"<(?:p|br|div)\b", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?"
#: A web page's time stamp on a line of its own ("January 18, 2010 12:21 AM", "Updated: 3:45
#: p.m. EDT, March 3, 2020"): page furniture. Left in, its figures made a republished copy an
#: update of its own story (session 23, dedup probe r51).
_TIMESTAMP = re.compile(
    r"^(?:(?:posted|updated|published|last updated|first published|modified)"
    r"(?:\s+(?:on|at))?:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_DATE}(?:,?\s*(?:at\s+)?{_TIME})?|{_TIME}(?:,?\s*(?:on\s+)?{_DATE})?)\s*$",
    re.I,
)
#: The longest line :data:`_TIMESTAMP` is tried on.
_TIMESTAMP_MAX = 64
#: A time stamp's label ("Updated:", "Posted on"): a labelled stamp is furniture however many.
#: A time stamp line with no date ("12:21 AM").
_BARE_TIME = re.compile(rf"^{_TIME}\s*$", re.I)
_STAMP_LABEL = re.compile(
    r"^(?:posted|updated|published|last updated|first published|modified)\b", re.I
)


#: A credit or desk line that ends in the page's date and clock time ("Darpan News Desk The
#: Canadian Press, 02 Mar, 2023 10:39 AM", "By Jane Roe, March 3, 2023 4:00 pm"): page
#: furniture like a bare stamp, whatever names come before the comma. Left in, its date and
#: time were three figures the agency's copy lacks, and a word-for-word CP copy became an
#: update of its story (dedup probe r55, Darpan Magazine). Date and time are both required: a
#: sentence or headline does not end in both without a full stop.
_CREDIT_STAMP = re.compile(
    r"^(?P<credit>[^!?:;]{2,60}?),\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"{_DATE},?\s*(?:at\s+)?{_TIME}\s*$",
    re.I,
)
#: A clock time's digits, which every line :data:`_CREDIT_STAMP` matches holds (the
#: reference of :func:`_has_clock`).
_CLOCK = re.compile(r"\d[:.]\d\d")
#: The longest line :data:`_CREDIT_STAMP` is tried on.
_CREDIT_STAMP_MAX = 100
#: The lower-case words a credit before the stamp may hold ("By Jane Roe", "Staff reporter",
#: "Posted by admin"); any other is a headline's or a sentence's verb or noun ("Rally planned
#: for Saturday, March 4, 2023 10:00 AM": an event's headline, no credit; session 25, hrev25a).
_CREDIT_LOWER = frozenset(
    [
        "by",
        "and",
        "of",
        "the",
        "for",
        "staff",
        "news",
        "desk",
        "reporter",
        "writer",
        "correspondent",
        "editor",
        "posted",
        "updated",
        "published",
        "admin",
        "de",
        "da",
        "del",
        "la",
        "van",
        "von",
    ]
)


#: The ASCII characters a :data:`_TIMESTAMP` match can open with, either case: a label's
#: (posted, updated, published, last/first ..., modified), a weekday's, a month's, a digit.
#: A line opening with another ASCII character needs no pattern call (most short lines:
#: headlines); one opening outside ASCII is tried (``re.I`` matches "ſ" as "s", "K" as "k",
#: and ``\d`` any decimal digit).
_STAMP_INITIALS = frozenset("0123456789pulfmtwsjaondPULFMTWSJAOND")


def _stamp(line: str) -> bool:
    if len(line) > _TIMESTAMP_MAX:
        return False
    if line and ord(line[0]) < 128 and line[0] not in _STAMP_INITIALS:
        return False
    return _TIMESTAMP.match(line) is not None


def _credit_stamp(line: str) -> bool:
    """A credit line ending in a date and a time (:data:`_CREDIT_STAMP`): a page's stamp with
    its credit before it, furniture even in a timeline (it carries a label of its own)."""
    if (
        len(line) > _CREDIT_STAMP_MAX
        or "," not in line
        or not _has_clock(line)  # what the pattern needs, found in one cheap pass
        or (m := _CREDIT_STAMP.match(line)) is None
    ):
        return False
    return all(w[:1].isupper() or w.lower() in _CREDIT_LOWER for w in m["credit"].split())


def _has_clock(line: str) -> bool:
    """``_CLOCK.search(line) is not None``: a digit, ":" or ".", two digits. The separators
    are found by ``find`` (a few a line) and their neighbours tested: the pattern, which has
    no literal to look for first, was tried at every character (about 1.5 µs a line of 90
    characters; bench/README.md, session 30, hperf73). ``isdecimal`` is the pattern's ``\\d``
    (both are Unicode's decimal digits)."""
    last = len(line) - 3  # the separator's last place: two digits after it
    for sep in (":", "."):
        at = line.find(sep, 1)
        while 0 < at <= last:
            if line[at - 1].isdecimal() and line[at + 1].isdecimal() and line[at + 2].isdecimal():
                return True
            at = line.find(sep, at + 1)
    return False


def _timeline(paras: list[_Para], stamped: list[bool] | None = None) -> bool:
    """Whether two or more lines are bare dates, or two or more bare times: a timeline's or
    a schedule's entry heads ("March 3, 2019" / "June 14, 2020", each over its event), story
    text. A page has one bare time stamp, its date and time at most on two lines ("January
    18, 2010" / "12:21 AM"); a second stamp carries a label ("Updated: ...").
    ``stamped``: each paragraph's ``kind == "text" and _stamp(text)``, when known."""
    dates = times = 0
    for n, para in enumerate(paras):
        t = para.text
        stamp = stamped[n] if stamped is not None else para.kind == "text" and _stamp(t)
        if stamp and not _STAMP_LABEL.match(t):
            if _BARE_TIME.match(t):
                times += 1
            else:
                dates += 1
            if dates == 2 or times == 2:
                return True
    return False


@dataclass(frozen=True, slots=True)
class _Words:
    continuation: tuple[str, ...]
    time_words: re.Pattern[str]
    boilerplate: tuple[str, ...]
    rights_phrases: tuple[str, ...]
    ednote: tuple[str, ...]
    #: ``boilerplate`` and ``ednote`` together: one test rules out both for most paragraphs.
    labelled: tuple[str, ...]
    #: ``labelled`` by first character (:func:`_opens_with`).
    labelled_by_initial: dict[str, tuple[str, ...]]
    #: ``labelled_by_initial`` keyed by an ASCII first character as written (:func:`_by_ascii`).
    labelled_by_ascii: dict[str, tuple[str, ...]]
    #: :func:`textmod.furniture_by_initial` keyed the same way.
    furniture_by_ascii: dict[str, tuple[str, ...]]
    #: The longest furniture prefix: a line's first this many characters decide whether its
    #: case fold opens with one (``casefold`` maps each character to one or more, never none,
    #: and reads no context), so only they are folded, not the whole line of up to 160.
    furniture_longest: int
    common: frozenset[str]
    #: ``rights_phrases`` with the string to look for first: a word several phrases share
    #: ("written"), or the phrase itself. A phrase absent from a text whose anchor is absent
    #: needs no search of its own (:func:`_anchors`).
    anchored: tuple[tuple[str, str], ...]
    anchors: tuple[str, ...]
    #: ``anchors``' native finders (``native/src/text.rs``), or None without the native core.
    anchor_scan: Substrings | None
    #: A web page's list headers after its article ("Most read", "Meistgelesene Artikel"):
    #: from one on, the rest of the page is furniture (:func:`_page_tail`).
    tail: frozenset[str]
    #: The phrases' places and the paragraphs' openings of an ASCII text in native passes
    #: (:func:`_screen`), or None without the native core.
    screen: PlainScreen | None


@cache
def _words() -> _Words:
    raw: dict[str, Any] = json.loads(
        resources.files("streams").joinpath("data/parse/plaintext.json").read_text("utf-8")
    )
    time_words = "|".join(re.escape(w) for w in raw["lede_time_words"])
    return _Words(
        continuation=tuple(raw["continuation_starts"]),
        time_words=re.compile(rf"\b(?:{time_words})\b", re.I),
        boilerplate=tuple(raw["boilerplate_prefixes"]),
        rights_phrases=tuple(raw["rights_phrases"]),
        ednote=tuple(raw["ednote_prefixes"]),
        labelled=(labelled := (*raw["boilerplate_prefixes"], *raw["ednote_prefixes"])),
        labelled_by_initial=(labelled_by_initial := textmod.by_initial(labelled)),
        labelled_by_ascii=_by_ascii(labelled_by_initial, casefold=False),
        furniture_by_ascii=_by_ascii(textmod.furniture_by_initial(), casefold=True),
        furniture_longest=max(map(len, textmod.furniture_prefixes()), default=0),
        common=frozenset(raw["common_capitalised"]),
        tail=frozenset(raw["page_tail_headers"]),
        anchored=(anchored := _anchors(tuple(raw["rights_phrases"]))),
        anchors=(anchors := tuple(dict.fromkeys(a for _, a in anchored))),
        anchor_scan=_substrings(anchors),
        screen=_screen(anchored, anchors, labelled),
    )


def _by_ascii(
    by_initial: dict[str, tuple[str, ...]], *, casefold: bool
) -> dict[str, tuple[str, ...]]:
    """``by_initial``'s groups keyed by each ASCII character whose lower-case (or case-folded)
    form is a key: "T" and "t" both pick the prefixes opening with "t". An ASCII character
    folds to one ASCII character, so the written first character picks the group without a
    fold (:func:`_opens_with`); a non-ASCII one (the Kelvin sign folds to "k") is folded."""
    out: dict[str, tuple[str, ...]] = {}
    for n in range(128):
        c = chr(n)
        group = by_initial.get(c.casefold() if casefold else c.lower())
        if group is not None:
            out[c] = group
    return out


def _substrings(patterns: tuple[str, ...]) -> Substrings | None:
    """The native finders of ``patterns`` (which of them a text holds), or None: not
    built, or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import Substrings
    except ImportError:
        return None
    return Substrings(list(patterns))


#: The head of a paragraph the labelled prefixes are sought in (``_opens_with``'s ``limit``).
_LABELLED_HEAD = 40
#: The longest paragraph a furniture phrase may open.
_FURNITURE_PARA = 160


def _screen(
    anchored: tuple[tuple[str, str], ...], anchors: tuple[str, ...], labelled: tuple[str, ...]
) -> PlainScreen | None:
    """The native passes of :func:`_paragraphs` over an ASCII text: the present rights
    phrases and their places (``anchored``: each phrase with its anchor), and each
    paragraph's opening (``labelled``, and the furniture phrases case-folded); None when
    the native core is not built, or ``WIRE_NATIVE=0``. ``tests/unit/core/parse/
    test_plaintext_screen.py`` holds them to the Python tests."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import PlainScreen
    except ImportError:
        return None
    furniture = textmod.furniture_prefixes()
    return PlainScreen(
        [p for p, _ in anchored],
        list(anchors),
        [anchors.index(a) for _, a in anchored],
        list(labelled),
        _LABELLED_HEAD,
        list(furniture),
        max(map(len, furniture), default=0),
        _FURNITURE_PARA,
        _PLACES_KEPT,
    )


def _anchors(phrases: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each phrase with its anchor: the longest string every phrase of its group holds, where
    a group is the phrases sharing a word (the word most of the ungrouped phrases share,
    greedily); a phrase sharing no word is its own anchor. A phrase in a text has its anchor
    in the text too, so one search of "written" rules out six phrases of most texts."""
    anchor = {p: p for p in phrases}
    left = list(phrases)
    while True:
        counts: dict[str, int] = {}
        for p in left:
            for w in set(p.split()):
                counts[w] = counts.get(w, 0) + 1
        shared = [w for w, n in counts.items() if n >= 2]
        if not shared:
            break
        best = max(shared, key=lambda w: (counts[w], len(w)))
        group = [p for p in left if best in p.split()]
        short = min(group, key=len)
        common = next(
            short[i : i + n]
            for n in range(len(short), 0, -1)
            for i in range(len(short) - n + 1)
            if all(short[i : i + n] in p for p in group)
        )
        for p in group:
            anchor[p] = common
        left = [p for p in left if p not in group]
    return tuple((p, anchor[p]) for p in phrases)


class _Para:
    """One paragraph and its kind. A plain class with its own ``__init__``, not a dataclass:
    mypyc compiles a written ``__init__``, while a dataclass's generated one runs in the
    interpreter even in the compiled core (13 paragraphs a bench item)."""

    __slots__ = ("kind", "text")

    def __init__(self, text: str, kind: str = "text") -> None:
        self.text = text
        self.kind = kind  # text | boiler | ednote | end | soft


@dataclass(slots=True)
class _Story:
    headline: str | None = None
    paras: list[str] = field(default_factory=list)
    ednotes: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    closed: bool = False
    names: set[str] | None = None  # capitalised names, computed on first need
    dropped: list[str] = field(default_factory=list)  # reported on this story's item

    def __init__(
        self,
        headline: str | None = None,
        paras: list[str] | None = None,
        ednotes: list[str] | None = None,
        credits: list[str] | None = None,
        closed: bool = False,
        names: set[str] | None = None,
        dropped: list[str] | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 4 k instructions a call); this one is compiled. The fields'
        order and defaults (a factory's for ``None``), checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.headline = headline
        self.paras = [] if paras is None else paras
        self.ednotes = [] if ednotes is None else ednotes
        self.credits = [] if credits is None else credits
        self.closed = closed
        self.names = names
        self.dropped = [] if dropped is None else dropped


def prepare(text: str) -> str:
    """The normalised text the plain parser reads (HTML reduced, controls dropped)."""
    # The pattern opens with "<", which most dumps lack: a memchr scan rules it out, where the
    # engine's own search for it read the whole text a character at a time (about 4
    # instructions a character; bench/README.md, session 29).
    if "<" in text and _HTML_BLOCKS.search(text):
        return textmod.html_to_text(text)
    return textmod.clean(text)


def _paragraphs(text: str) -> list[_Para]:
    lines = text.split("\n")
    # The non-blank lines' count and the longest one's width in one compiled loop (a list of
    # them and a generator over it were built for the two figures).
    count = width = 0
    for ln in lines:
        if ln:
            count += 1
            if len(ln) > width:
                width = len(ln)
    allowed = max(MAX_LINES, len(text) // MIN_LINE_CHARS)
    if count > allowed:
        raise LimitExceeded(
            f"the text has {count} lines in {len(text)} characters, over the"
            f" {allowed} a plain-text payload may hold (one per {MIN_LINE_CHARS} characters);"
            " not wire copy, or a dump to split into several messages",
            reason="too-many-lines",
        )
    wrapped = width <= 100 and any(
        len(a) >= 50 and b[:1].islower() for a, b in itertools.pairwise(lines)
    )
    paras: list[_Para] = []
    # Where each paragraph starts in the text (a paragraph is its lines joined by spaces, so
    # it is the text's span of its length, newlines read as spaces): the rights-phrase test
    # below reads the paragraphs' spans of the text's lower-cased copy.
    starts: list[int] = []
    buf: list[str] = []
    block_start = True
    at = buf_at = 0  # the line's offset; the buffer's first line's
    for line in lines:
        line_at = at
        at += len(line) + 1
        if not line:
            _flush(buf, paras, starts, buf_at)
            block_start = True
            continue
        if len(line) <= 24:
            # The pre-tests spare the regex calls (two a short line, three an end marker):
            # an end marker opens with one of _END_INITIALS, a soft one holds "more".
            if line[0] in _END_INITIALS and _END.match(line):
                _flush(buf, paras, starts, buf_at)
                paras.append(_Para(line, kind="end"))
                starts.append(line_at)
                continue
            if ("ore" in line or "ORE" in line) and _SOFT.match(line):
                _flush(buf, paras, starts, buf_at)
                paras.append(_Para(line, kind="soft"))
                starts.append(line_at)
                continue
        if not wrapped:
            paras.append(_Para(line))
            starts.append(line_at)
            continue
        if buf:
            if _ends_paragraph(buf[-1], width) or (block_start and _short_head(buf, width)):
                _flush(buf, paras, starts, buf_at)
            block_start = False
        if not buf:
            buf_at = line_at
        buf.append(line)
    _flush(buf, paras, starts, buf_at)
    # Every paragraph is a run of the text's lines joined by spaces, and lower() maps the
    # phrases' characters one by one: a phrase absent from the whole text is in no paragraph.
    # Most payloads hold none or one, so no paragraph needs the per-phrase scan.
    words = _words()
    screen = words.screen
    # An ASCII text's phrases and places in one native pass (None: not ASCII, or no native
    # core), where the Python pass lower-cased the whole text and searched it once an
    # anchor and once a present phrase, then again for each occurrence.
    screened = screen.places(text) if screen is not None else None
    if screened is not None:
        phrase_list = words.rights_phrases
        phrases = tuple([phrase_list[n] for n in screened[0]])
        places = screened[1]
        many = len(phrases) >= 2
    else:
        phrases, places, many = _phrases_python(text, words)
    next_place = 0
    labelled, labelled_ascii = words.labelled_by_initial, words.labelled_by_ascii
    furniture, furniture_ascii = textmod.furniture_by_initial(), words.furniture_by_ascii
    furniture_longest = words.furniture_longest
    # Each paragraph's opening, one native pass for all of them (1: labelled, or furniture
    # in a short one; 2: not ASCII, the Python tests decide), where each was a slice and a
    # fold of its head, twice.
    openings = screen.openings([para.text for para in paras]) if screen is not None else None
    # Each text paragraph's time stamp test, which both _timeline and the loop below read.
    stamped = [para.kind == "text" and _stamp(para.text) for para in paras]
    timeline = _timeline(paras, stamped)
    for n, para in enumerate(paras):
        if para.kind == "text":
            t = para.text
            if places is not None and len(t) <= 700:
                next_place, two = _two_places(places, next_place, starts[n], len(t))
            else:
                two = many and len(t) <= 700 and _two_phrases(t.lower(), phrases)
            opening = 2 if openings is None else openings[n]
            if (
                # _rights_notice's own tests: with fewer than two phrases in the paragraph
                # only the two tests below can make it anything but "text"
                two
                or opening == 1
                or (
                    opening == 2
                    and (
                        _opens_with(
                            t, labelled, labelled_ascii, casefold=False, limit=_LABELLED_HEAD
                        )
                        or (
                            len(t) <= _FURNITURE_PARA
                            and _opens_with(
                                t.lstrip(),
                                furniture,
                                furniture_ascii,
                                casefold=True,
                                limit=furniture_longest,
                            )
                        )
                    )
                )
                or stamped[n]
                or _credit_stamp(t)
            ):
                para.kind = _classify(t, phrases, timeline=timeline)
    _page_tail(paras, words.tail)
    return paras


def _phrases_python(
    text: str, words: _Words
) -> tuple[tuple[str, ...], list[tuple[int, int, int]] | None, bool]:
    """:func:`_paragraphs`' rights phrases in Python: those ``text`` holds (its newlines read
    as spaces, lower-cased), their places in it (None: fewer than two, more than
    :data:`_PLACES_KEPT`, or a text whose lower-cased copy is longer), and whether it holds
    two or more."""
    low = text.replace("\n", " ").lower()
    # The anchors' substring tests were a quarter of this function (about 15 searches of the
    # whole text); the native finders make the same searches several times faster.
    scan = words.anchor_scan
    if scan is not None:
        anchors = words.anchors
        found = {anchors[n] for n in scan.present(low)}
    else:
        found = {a for a in words.anchors if a in low}
    # The phrases present, each with its first place in ``low`` when a search found it (-1
    # for a phrase that is its own anchor, present unsought): _phrase_places starts each
    # phrase's occurrences there, where it searched the text from its start again.
    present: list[str] = []
    firsts: list[int] = []
    for p, a in words.anchored:
        if a in found:
            at = -1 if p == a else low.find(p)
            if p == a or at >= 0:
                present.append(p)
                firsts.append(at)
    phrases = tuple(present)
    # _classify's three tests that can make a paragraph anything but "text", at C speed and
    # without a call: most paragraphs pass none of them and stay "text" (_classify's answer).
    many = len(phrases) >= 2
    # A text whose lower-cased copy is as long as it maps each character to one (no
    # character lower-cases to none), so each paragraph's lower-cased text is its span of
    # ``low`` (the final-sigma rule reads the same context there: a space or the text's end
    # on each side). Its phrases' places in ``low`` then answer for every paragraph at once,
    # where each paragraph was lower-cased and searched for every phrase (about 5 k
    # instructions a paragraph of a text holding two phrases; bench/README.md, session 29).
    places = _phrase_places(low, phrases, firsts) if many and len(low) == len(text) else None
    return phrases, places, many


#: Characters around a list header ("Most read:", "— Lesen Sie auch —").
_HEADER_MARKS = " :·|-–—•»«>"
#: A story paragraph this long must come before a list header for it to end the page: a
#: header at the top of a page (its navigation) drops nothing.
_TAIL_AFTER_CHARS = 200


def _page_tail(paras: list[_Para], headers: frozenset[str]) -> None:
    """A web page's list header on a line of its own after its article ("Most read",
    "Meistgelesene Artikel", "Leia também"): it and everything after it are the page's
    furniture, reported as dropped. Left in, the list of other stories' headlines and
    teasers became a story of its own (session 23, dedup probe r52: a dpa copy on a town's
    site). Agency digest headers ("Top stories", "Latest news") are not in the list."""
    story = False
    for n, para in enumerate(paras):
        t = para.text
        if para.kind != "text":
            continue
        if len(t) >= _TAIL_AFTER_CHARS:
            story = True
        elif story and len(t) <= 40 and t.strip(_HEADER_MARKS).casefold() in headers:
            for rest in paras[n:]:
                rest.kind = "soft"
            return


def _flush(buf: list[str], paras: list[_Para], starts: list[int], at: int) -> None:
    """The wrapped lines in ``buf`` as one paragraph, which starts at ``at`` in the text. A
    function of the module, not a closure of :func:`_paragraphs`: the compiled core called the
    closure through the interpreter's generic call (one a blank line)."""
    if buf:
        paras.append(_Para(" ".join(buf)))
        starts.append(at)
        buf.clear()


#: Most phrase occurrences :func:`_phrase_places` lists; a text holding more (a hostile one,
#: "©" a million times) is read paragraph by paragraph, as before.
_PLACES_KEPT = 4096


def _phrase_places(
    low: str, phrases: tuple[str, ...], firsts: list[int] | None = None
) -> list[tuple[int, int, int]] | None:
    """Every occurrence of each of ``phrases`` in ``low``, overlapping ones too, as (start,
    end, the phrase's index), by start: what :func:`_two_places` reads. None for more than
    :data:`_PLACES_KEPT`. ``firsts``: each phrase's first place when known (-1: not)."""
    places: list[tuple[int, int, int]] = []
    for n, phrase in enumerate(phrases):
        size = len(phrase)
        at = firsts[n] if firsts is not None and firsts[n] >= 0 else low.find(phrase)
        while at >= 0:
            if len(places) == _PLACES_KEPT:
                return None
            places.append((at, at + size, n))
            at = low.find(phrase, at + 1)
    places.sort()
    return places


def _two_places(
    places: list[tuple[int, int, int]], first: int, start: int, size: int
) -> tuple[int, bool]:
    """Whether the span of ``size`` characters at ``start`` holds occurrences (``places``) of
    two of the phrases (two indices: :func:`_two_phrases` counts a phrase listed twice
    twice), with the index of the first place not before ``start``, where the next span,
    which starts after this one, begins its look (each place is read at most twice)."""
    count = len(places)
    while first < count and places[first][0] < start:
        first += 1
    end = start + size
    seen = -1
    n = first
    while n < count:
        at, stop, phrase = places[n]
        if at >= end:
            break
        if stop <= end:
            if seen < 0:
                seen = phrase
            elif phrase != seen:
                return first, True
        n += 1
    return first, False


def _two_phrases(low: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``low`` holds two or more of ``phrases`` (``sum(map(low.__contains__, ...))
    >= 2``). A loop, which the compiled core runs as direct substring tests and stops at the
    second: ``sum`` and ``map`` were looked up and called generically for every paragraph of
    a text holding two phrases (about 3 k instructions a paragraph)."""
    hits = 0
    for p in phrases:
        if p in low:
            hits += 1
            if hits == 2:
                return True
    return False


def _opens_with(
    text: str,
    by_initial: dict[str, tuple[str, ...]],
    by_ascii: dict[str, tuple[str, ...]],
    *,
    casefold: bool,
    limit: int = 0,
) -> bool:
    """Whether ``text`` (its first ``limit`` characters, when given) lower-cased (or
    case-folded) starts with one of the prefixes grouped in ``by_initial``. The first
    character picks the few prefixes it can start with, and a paragraph whose first character
    starts none (most) is never folded whole: ``startswith`` over every prefix of the folded
    paragraph cost about 3 k instructions a paragraph. Both folds map each character on its
    own (the final-sigma rule never applies to the first), so the folded first character is
    the folded text's first. An ASCII first character (nearly all) picks its group in
    ``by_ascii`` (:func:`_by_ascii`) as written: folding it was a method call of about 500
    instructions a paragraph, and the slice to ``limit`` is made only for a picked group."""
    if not text:
        return False
    initial = text[0]
    if ord(initial) < 128:  # a code point read in C (``initial < "\x80"`` was a generic compare)
        group = by_ascii.get(initial)
    else:
        group = by_initial.get((initial.casefold() if casefold else initial.lower())[:1])
    if group is None:
        return False
    if limit:
        text = text[:limit]
    return (text.casefold() if casefold else text.lower()).startswith(group)


def _classify(para: str, phrases: tuple[str, ...], *, timeline: bool = False) -> str:
    """``boiler`` (legal / usage notice), ``ednote`` (editor's note) or ``text``.

    ``phrases``: the rights phrases present in the whole text (the others cannot count);
    ``timeline``: the text holds two or more bare date lines (:func:`_timeline`), kept.
    """
    head = para[:40].lower()
    words = _words()
    labelled = head.startswith(words.labelled)
    if (labelled and head.startswith(words.boilerplate) and _labelled_notice(para)) or (
        len(phrases) >= 2 and _rights_notice(para, phrases)
    ):
        return "boiler"
    if labelled and head.startswith(words.ednote):
        return "ednote"
    if (_stamp(para) and not (timeline and not _STAMP_LABEL.match(para))) or _credit_stamp(para):
        return "soft"  # a time stamp on its own line: page furniture, reported as dropped
    if textmod.is_furniture(para) and (not terminal(para) or len(para.split()) <= 8):
        # Page chrome around a republished story ("Sign up for our newsletter", "Photo:
        # Reuters"): reported as dropped. A full sentence that happens to start the same way
        # ("Sign up for the reserve rose 40% this year, the ministry said.") is story text.
        return "soft"
    return "text"


_NOTICE_LABEL = re.compile(r"^(?:copyright|©|\(c\))\s*(?:©|\(c\)\s*)?\d{4}\b", re.I)


def _labelled_notice(para: str) -> bool:
    """A paragraph opening with a notice word is a notice only when it reads as one: a label
    with a colon, a copyright year, a second rights phrase, or short. "Copyright lawsuits
    against AI firms multiplied this year, ..." is story text."""
    low = para[:40].lower()
    if not low.startswith(("copyright", "©", "(c) ", "all rights reserved")):
        return True  # "legal warning", "disclaimer:", "terms of use" ... say what they are
    if _NOTICE_LABEL.match(para) or low.startswith("all rights reserved"):
        return True
    return sum(map(para.lower().__contains__, _words().rights_phrases)) >= 2


def _join_datelines(paras: list[_Para]) -> list[_Para]:
    """A dateline set as a paragraph of its own ("Middlesex Centre, Ont. -", then the lede)
    opens the lede that follows it, as it does when written on the same line. A desk label
    set the same way ("FILE -", "PHOTO -") is no dateline."""
    out: list[_Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == para.kind == "text"
            and len(prev.text) <= 80
            and (d := read_dateline(prev.text + " ")) is not None
            and d.end > len(prev.text)
            and not is_label(d.place)
        ):
            out[-1] = _Para(prev.text + " " + para.text)
        else:
            out.append(para)
    return out


def _next_texts(paras: list[_Para]) -> list[str | None]:
    """For each paragraph, the next story paragraph's text (None before a notice or the end)."""
    out: list[str | None] = [None] * len(paras)
    following: str | None = None
    for n in range(len(paras) - 1, -1, -1):
        out[n] = following
        kind = paras[n].kind
        if kind == "text":
            following = paras[n].text
        elif kind in ("boiler", "ednote"):
            following = None
    return out


def _short_head(buf: list[str], width: int) -> bool:
    return len(buf) == 1 and len(buf[0]) < 0.75 * width and headline_shape(buf[0])


def _terminal(line: str) -> bool:
    return terminal(line)


def _ends_paragraph(line: str, width: int) -> bool:
    return len(line) < 0.6 * width and _terminal(line)


_LETTER = re.compile(r"[^\W\d_]")


_SPACE = re.compile(r"\s")  # the characters ``str.split()`` splits at, every code point


def _has_words(story: _Story) -> bool:
    """An item needs words: a bare number or token ("12345", "null") is not a story.

    Counts the whitespace-separated words holding a letter by searching for a letter and
    then for the end of its word, without splitting: a split of a 4 MB paragraph of short
    words made a string per word, some 75 MB, to find two (bench/README.md, session 35,
    hmem35)."""
    found = 0
    for part in (story.headline or "", *story.paras):
        at = 0
        while True:
            letter = _LETTER.search(part, at)
            if letter is None:
                break
            found += 1
            if found == 2:  # stop early: this runs on every item
                return True
            end = _SPACE.search(part, letter.end())
            if end is None:
                break
            at = end.end()
    return False


def _rights_notice(para: str, phrases: tuple[str, ...]) -> bool:
    """Agency legal boilerplate, however it is labelled: two or more rights phrases, short."""
    if len(para) > 700:
        return False
    low = para.lower()
    hits = sum(map(low.__contains__, phrases))  # no Python frame per phrase
    # The dateline test last: most paragraphs hold no rights phrase at all.
    return hits >= 2 and read_dateline(para) is None


def _continues(para: str) -> bool:
    first = para[0]
    if first.islower() or first in "\"“”‘’'«(—–-…":
        return True
    low = para[:40].lower()
    starts = _words().continuation
    if not low.startswith(starts):  # one C call rules out the common case
        return False
    for start in starts:
        if low.startswith(start) and (len(low) == len(start) or not low[len(start)].isalnum()):
            return True
    return False


def _names(para: str, *, head: bool = False) -> set[str]:
    source = " ".join(para.split()[:6]) if head else para
    common = _words().common
    out = set()
    for tok in _CAPS.findall(source):
        tok = re.sub(r"[’']s$", "", tok).strip("-’'")
        if len(tok) > 1 and tok.lower() not in common:
            # A dateline's capitals name the same town as the text ("JEFFERSON CITY, Mo.
            # (AP) --" then "Jefferson City").
            out.add(tok.title() if tok.isupper() and len(tok) > 3 else tok)
    return out


def _lede_like(para: str, dateline: Dateline | None) -> bool:
    """Whether ``para`` reads as a story's lede; ``dateline`` is its :func:`read_dateline`,
    which every caller has read already (a second read cost the pre-tests again)."""
    if dateline is not None and not dateline.weak:
        return True
    # The first sentence's first 300 characters: a stop past 400 cannot change them.
    return bool(_words().time_words.search(first_sentence(para[:400])[:300]))


def _starts_new(story: _Story, para: str, nxt: str | None, dateline: Dateline | None) -> bool:
    """Whether ``para`` opens a new item although the current story is still open.
    ``dateline``: ``read_dateline(para)``, which :func:`read_plain`'s loop reads once for this
    and its own test (each read cost about 800 instructions of pre-tests, twice or three
    times a paragraph; bench/README.md, session 32, hperf81)."""
    if not story.paras:
        return False
    if not terminal(story.paras[-1]):
        return False
    if nxt is not None and headline_shape(para):
        # A new headline: only with a dateline lede, or a lede on an unrelated topic
        # (a crosshead inside an article names the same people and places).
        if read_dateline(nxt) is not None:
            return True
        # (``nxt`` holds no dateline: read just above)
        if len(para.split()) < 6 or _continues(nxt) or not _lede_like(nxt, None):
            return False
        return not (_names(para) | _names(nxt, head=True)) & _story_names(story)
    if dateline is not None and not dateline.weak:
        # A headline, one dateline-less paragraph, then the dateline lede: the paragraph is
        # the article's standfirst (or its byline line), not an item of its own. An agency
        # dump's headlined items open with a headline of their own.
        return not (story.headline is not None and (_deck(story) or _header_only(story)))
    if story.headline is not None or _continues(para) or not _lede_like(para, dateline):
        return False
    seen = _story_names(story)
    return not (_names(para, head=True) & seen or len(_names(para) & seen) >= 2)


#: A standfirst's longest (published decks run one or two sentences); a longer dateline-less
#: paragraph under a headline may be a one-paragraph item of a dump, so a dateline still splits.
DECK_MAX_CHARS = 240


def _deck(story: _Story) -> bool:
    """Whether the story so far is one short paragraph without a dateline (a standfirst)."""
    return len(story.paras) == 1 and _deck_text(story.paras[0])


def _deck_text(para: str) -> bool:
    return len(para) <= DECK_MAX_CHARS and read_dateline(para) is None


#: A page-chrome line's most words ("9 photos", "Save Story", "Leer en español", "Estimated
#: read time: 3-4 minutes", a "views" counter, "Close X", "ADVT").
CHROME_MAX_WORDS = 6


def _chrome(para: str) -> bool:
    """A few words that close no sentence and open no dateline: a web page's button, counter,
    section or menu label between its headline and the story."""
    return (
        len(para) <= 60
        and len(para.split()) <= CHROME_MAX_WORDS
        and not terminal(para)
        and not _byline(para)
        and read_dateline(para + " ") is None
    )


def _header_only(story: _Story) -> bool:
    """A headlined story holding only page chrome so far (:func:`_chrome`, the headline
    again): a web page's head, which the story's dateline lede continues (dedup probe r55: a
    TV site's archived AP page, its headline twice, '9 photos', 'Save Story' and a usage
    notice before the lede, was split into four items, the first of them chrome only)."""
    headline = story.headline
    return (
        headline is not None
        and bool(story.paras)
        and all(_chrome(p) or _same_head(p, headline) for p in story.paras)
    )


def _lede_dateline(story: _Story) -> Dateline | None:
    """The dateline of a headlined story's lede set under its standfirst: the build reads
    only the body's first paragraph, which here is the standfirst."""
    if story.headline is None or len(story.paras) < 2 or not _deck_text(story.paras[0]):
        return None
    d = read_dateline(story.paras[1])
    return d if d is not None and not d.weak else None


_BYLINE = re.compile(r"^By [A-Z][\w.’'-]*(?: [\w.’'-]+){0,7}$")


def _byline(para: str) -> bool:
    """A bare byline line ("By Said Amouri", "By Jorge Garcia and Mike Blake")."""
    return len(para) <= 80 and _BYLINE.match(para) is not None


def _story_names(story: _Story) -> set[str]:
    if story.names is None:
        story.names = _names(" ".join(story.paras))
    return story.names


#: The longest paragraph read as the teaser of a page's repeated head (see :func:`_same_head`):
#: one or two sentences (dpa's teasers on the web: 120-250 characters).
_TEASER_MAX_CHARS = 400


def _same_head(para: str, headline: str) -> bool:
    """Whether ``para`` is the closed story's own headline again: a web page that repeats its
    head (headline, then teaser) after the article's rights line (a town portal's dpa copy,
    dedup probe r52). Read as a story, it became a second item of the payload; it and the
    teaser after it are reported as dropped. A new story after the rights line has a headline
    of its own, so it still starts one. The word counts first: ``_header_only`` asks this of
    a story's lede for every paragraph added, and a split with a bound stops after the
    headline's words (splitting and folding whole ledes cost 6% of the pure pipeline)."""
    words = headline.split()
    parts = para.split(None, len(words))
    if len(parts) != len(words):
        return False
    return " ".join(parts).casefold() == " ".join(words).casefold()


def read_plain(text: str, limits: ParseLimits = DEFAULT_LIMITS) -> list[Fields]:
    """Split a decoded plain-text payload into the fields of its items (module docstring)."""
    paras = _join_datelines(_paragraphs(prepare(text)))
    stories: list[_Story] = []
    usage: list[str] = []
    pending_notes: list[str] = []
    pending_dropped: list[str] = []  # before the first story: reported on it
    cur: _Story | None = None
    nexts = _next_texts(paras)
    # The page's repeated head (:func:`_same_head`) is its last text: the headline, or the
    # headline and a teaser. A same-headlined story further up (a refile in a digest) goes on.
    texts = [n for n, p in enumerate(paras) if p.kind == "text"]
    tail = set(texts[-2:]) if len(texts) >= 2 and nexts[texts[-2]] is not None else set(texts[-1:])
    repeated_head = False  # the last paragraph repeated a closed story's headline
    for at, (para, nxt) in enumerate(zip(paras, nexts, strict=True)):
        kind, body = para.kind, para.text
        if kind == "text" and cur is not None and cur.closed and at in tail:
            if repeated_head and len(body) <= _TEASER_MAX_CHARS:
                cur.dropped.append(body)  # the repeated head's teaser
                repeated_head = False
                continue
            if cur.headline and _same_head(body, cur.headline):
                cur.dropped.append(body)
                repeated_head = True
                continue
        repeated_head = False
        if kind in ("end", "soft"):
            (cur.dropped if cur is not None else pending_dropped).append(body)
            if kind == "end" and cur is not None:
                cur.closed = True
        elif kind == "boiler":
            if body in usage:
                # the same notice again: reported, not repeated
                (cur.dropped if cur is not None else pending_dropped).append(body)
            else:
                usage.append(body)
            if cur is not None and cur.paras and not _header_only(cur):
                # A notice in a page's head (before the lede) closes nothing.
                cur.closed = True
        elif kind == "ednote":
            if cur is not None and not cur.closed and not cur.paras:
                cur.ednotes.append(body)
            else:
                pending_notes.append(body)
        else:
            # The paragraph's dateline, read once for _starts_new and the test below (pure:
            # read where neither needs it, it changes no answer).
            dateline = None if cur is None or cur.closed else read_dateline(body)
            if cur is None or cur.closed or _starts_new(cur, body, nxt, dateline):
                cur = _Story(ednotes=pending_notes, dropped=pending_dropped)
                pending_notes = []
                pending_dropped = []
                stories.append(cur)
                check_item_count(len(stories), limits)
                if (
                    nxt is not None
                    and headline_shape(body)
                    and (len(body) < len(nxt) + 40 or _byline(nxt) or _chrome(nxt))
                ):
                    cur.headline = body
                    continue
            elif dateline is not None and not dateline.weak and _header_only(cur):
                # The page's head before its dateline lede: chrome, reported as dropped, so
                # the body opens with the lede (and its dateline is read). The dateline
                # first: it is the rare and the cheaper test of the two.
                cur.dropped.extend(cur.paras)
                cur.paras.clear()
                cur.names = None
            cur.paras.append(body)
            if cur.names is not None:
                cur.names |= _names(body)
            credit = read_credit(body)
            if credit is not None:
                if credit:
                    cur.credits.append(credit)
                cur.closed = True
    if pending_notes:
        if stories:
            stories[-1].ednotes.extend(pending_notes)
        else:
            raise ParseError(
                "the payload holds only editor's notes, no story text", reason="no-items"
            )
    lost: list[str] = []
    worded = [_has_words(story) for story in stories]
    for story, ok in zip(stories, worded, strict=True):
        if not ok:
            # Too little to be a story; reported, so no character goes missing silently.
            lost.extend(p for p in [story.headline or "", *story.paras, *story.ednotes] if p)
            lost.extend(story.dropped)
    stories = [s for s, ok in zip(stories, worded, strict=True) if ok]
    if not stories:
        raise ParseError(
            "the payload holds no story text (only boilerplate or end markers)",
            reason="no-items",
        )
    # One usage notice for the whole payload, built and capped once and shared by every item
    # (a long notice copied into each of 1000 items was gigabytes); the cut text is reported.
    terms = "\n\n".join(usage)
    if len(terms) > MAX_NOTICE_CHARS:
        lost.append(terms[MAX_NOTICE_CHARS - 1 :])
        terms = clip(terms, MAX_NOTICE_CHARS)
    # What belongs to no story (text-less fragments, the cut notice, markers after the last
    # story) is carried by the first item, so every item's dropped list is all it lost.
    stories[0].dropped.extend(lost + pending_dropped)
    return [_fields(s, terms) for s in stories]


def _fields(story: _Story, usage: str) -> Fields:
    """A story's fields: already normalised (the whole payload was), so build keeps them."""
    lede = _lede_dateline(story)
    credits = story.credits if lede is None or not lede.agency else [*story.credits, lede.agency]
    return Fields(
        headline=story.headline,
        body="\n\n".join(story.paras),
        located=lede.place if lede is not None else None,
        providers=credits,
        ednote="\n\n".join(story.ednotes) or None,
        usageterms=usage or None,
        dropped=story.dropped,
        normalised=True,
        # The content uri hashes the headline as the dump sent it ("" when derived).
        uri_headline=story.headline or "",
    )


def _read(payload: Payload) -> list[tuple[str, Fields]]:
    return [(NAME, f) for f in read_plain(payload.text, payload.limits)]


#: Roots of HTML sent as a payload: read as a plain-text dump, markup reduced.
_HTML_ROOTS = frozenset({"html", "body", "p", "div"})


def _sniff(head: Head) -> bool:
    return head.kind == "text" or (head.root or "").lower() in _HTML_ROOTS


FORMAT: Format = Format(
    NAME,
    sniff=_sniff,
    read=_read,
    aliases=("text", "txt", "text/plain"),
    spec="none: agency dumps as sent (paragraphs, datelines, notices; this module's rules)",
)
