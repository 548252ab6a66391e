"""Wire conventions found inside text: version markers, datelines, agency credits.

Shared by the plain-text, 7901/ANPA and XML parsers, because agencies put the same
markers (``UPDATE 2-``, ``1st Ld-Writethru``, ``KYIV, Nov 20 (Reuters) -``) in
whatever envelope they use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from streams.core.model import InfoSource, WireItem
from streams.core.parse.base import add_signal

#: The one desk-prefix rule: version markers (``UPDATE 2-``, ``CORRECTED-``, ``REFILE-``, ...)
#: and desk labels (``FLASH:``, ``URGENT-``, ``ANALYSIS-``) a desk puts before a headline. The
#: parsers strip the version markers into signals; dedup also sets the labels aside
#: (:func:`without_desk_prefix`) when it compares headlines.
_PREFIX = re.compile(
    r"^\s*(?:(?P<update>UPDATE|UPDATED)\s*(?P<n>\d{1,3})?|(?P<corr>CORRECTED|CORRECTION|CORRECTS)"
    r"|(?P<refile>REFILE|REFILED)|(?P<repeat>REPEAT|RPT)|(?P<kill>KILL|KILLED|WITHDRAWN|WITHDRAW"
    r"|MANDATORY KILL|ELIMINATION)|(?P<desk>FLASH|URGENT|BREAKING|EXCLUSIVE|WRAPUP|ANALYSIS)"
    r"\s*\d{0,3})\s*(?:[-–—:|]+\s*|\s+(?=[A-Z\"'“‘]))",
)
#: IPTC 7901 take keys (dpa and others) opening the text or the heading: signals, never the
#: headline. Upper case only, so "Extra police ..." stays a headline.
_TAKE = (
    r"(?:(?P<refile>REFILE)|(?P<extra>EXTRA)|(?P<urgent>EILT|URGENT|EILMELDUNG)"
    r"|(?P<corr>CORRECTION|KORREKTUR|BERICHTIGUNG)|(?:(?P<n>\d{1,2})(?:ST|ND|RD|TH|\.)\s+)?LEAD"
    r"|(?P<att>\(Achtung\)))"
)
_TAKE_ONE = re.compile(rf"\s*{_TAKE}(?![\w])\s*[-–—:/,]?\s*")
_TAKE_ANON = re.sub(r"\?P<\w+>", "", _TAKE)
TAKE_KEY = re.compile(rf"{_TAKE_ANON}(?:\s*[-–—:/,]?\s*{_TAKE_ANON})*\s*[-–—:/,]?")
_WRITETHRU = re.compile(
    r"[,;]?\s*\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)\s+)?(?:Ld|Lead)[- ]?Writethru\b\s*[,;]?",
    re.I,
)
_EDS_KILL = re.compile(r"\b(?:KILL|WITHDRAW|WITHDRAWN|ELIMINATE)\b(?: (?:this|the) story)?")
_TRAIL_KILL = re.compile(r"\s*[-–—:(]\s*(?:KILL|WITHDRAWN)\s*\)?\s*$")


@dataclass(slots=True)
class Markers:
    """What the version markers of one headline (or header line) say."""

    text: str
    signals: list[str] = field(default_factory=list)
    version: int | None = None
    canceled: bool = False
    stripped: list[str] = field(default_factory=list)

    def __init__(
        self,
        text: str,
        signals: list[str] | None = None,
        version: int | None = None,
        canceled: bool = False,
        stripped: list[str] | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 3 k instructions a call); this one is compiled. The fields'
        order and defaults (a factory's for ``None``), checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.text = text
        self.signals = [] if signals is None else signals
        self.version = version
        self.canceled = canceled
        self.stripped = [] if stripped is None else stripped


def read_markers(headline: str, *, desk: bool = False) -> Markers:
    """Strip leading/embedded version markers from a headline and say what they meant.

    Desk labels (``FLASH:``) are part of the headline as sent; ``desk=True`` strips them too
    (signal ``desk``), for comparing headlines.
    """
    out = Markers(text=headline)
    text = headline
    for _ in range(4):
        m = _PREFIX.match(text)
        if m is None or (m.group("desk") and not desk):
            break
        out.stripped.append(m.group(0).strip())
        text = text[m.end() :]
        if m.group("update"):
            out.signals.append("update")
            if m.group("n"):
                out.version = max(out.version or 1, int(m.group("n")) + 1)
        elif m.group("corr"):
            out.signals.append("correction")
        elif m.group("refile"):
            out.signals.append("refile")
        elif m.group("repeat"):
            out.signals.append("repeat")
        elif m.group("desk"):
            out.signals.append("desk")
        else:
            out.signals.append("kill")
            out.canceled = True
    # Substring tests first: the searches cost ~40 us a headline, and the deduper reads every one.
    w = _WRITETHRU.search(text) if "writethru" in text.lower() else None
    if w is not None:
        out.stripped.append(w.group(0).strip())
        text = (text[: w.start()] + " " + text[w.end() :]).strip(" ,;")
        out.signals.append("writethru")
        n = int(w.group("n")) if w.group("n") else 1
        out.version = max(out.version or 1, n + 1)
    k = _TRAIL_KILL.search(text) if "KILL" in text or "WITHDRAWN" in text else None
    if k is not None:
        out.stripped.append(k.group(0).strip())
        text = text[: k.start()]
        out.signals.append("kill")
        out.canceled = True
    out.text = text.strip()
    return out


def without_desk_prefix(headline: str) -> str:
    """The headline with the one desk-prefix rule applied (version markers and desk labels)."""
    return read_markers(headline, desk=True).text


def read_take_keys(line: str) -> tuple[list[tuple[str, int | None, str]], str]:
    """Take keys opening a line, as (signal, version, text as sent), and the rest of the line."""
    keys: list[tuple[str, int | None, str]] = []
    rest = line
    for _ in range(4):
        m = _TAKE_ONE.match(rest)
        if m is None:
            break
        version = None
        if m.group("refile"):
            sig = "refile"
        elif m.group("extra"):
            sig = "extra"
        elif m.group("urgent"):
            sig = "urgent"
        elif m.group("corr"):
            sig = "correction"
        elif m.group("att"):
            sig = "attention"
        else:
            sig = "update"
            version = int(m.group("n")) + 1 if m.group("n") else 2
        keys.append((sig, version, m.group(0).strip()))
        rest = rest[m.end() :]
    return keys, rest.strip()


def is_kill_note(note: str) -> bool:
    """Whether an editor's note orders the story killed / withdrawn."""
    return _EDS_KILL.search(note) is not None


def apply_markers(item: WireItem, markers: Markers) -> None:
    """Copy signals, version and kill status onto an item."""
    for signal in markers.signals:
        add_signal(item, signal)
    if markers.version is not None:
        item.version = max(item.version, markers.version)
    if markers.canceled:
        item.pubstatus = "canceled"


_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: What every way on after :data:`DATELINE`'s place starts with: the date's ",? ", the
#: agency's ",?\s*(", the bare credit's ",?\s", the dash's "\s*" and dash, the slash credit's
#: ".?\s". Asserted there, it changes no match and no group (a path that fails it failed one
#: step later), but the engine no longer tries the date, agency, dash and slash branches after
#: each shorter place it backtracks to ("SEOUL, Nov" then "SEOUL, No" ... before "SEOUL",
#: the country qualifier having taken the month): a found dateline cost about 15 k
#: instructions (bench/README.md, session 31, hperf76).
_AFTER_PLACE = r"(?=[,\s(\-–—_.])"
DATELINE = re.compile(
    # The country qualifier may hold accented letters ("PORT-AU-PRINCE, Haïti —", La Presse
    # Canadienne's French service; "GENÈVE, Suisse"): session 30, hgeo81.
    rf"^(?P<place>[{_UP}][{_UP}'’.\- ]{{1,38}}[{_UP}.](?:, (?:[{_UP}][A-Za-zà-öø-ÿ.\- ]{{1,30}}))?)"
    + _AFTER_PLACE
    + rf"(?:,? (?P<date>{_MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {_MONTH}(?: \d{{4}})?))?"
    r"(?:"
    # "LIMA, (EFE).-": EFE's comma before its credit and full stop before the dash.
    r"(?:,?\s*\((?P<agency>[A-Za-z][A-Za-z&.\- ]{0,24})\)\.?"
    # "VILNIUS, Jun 12, BNS –", "SYDNEY, Jan 29 AAP -": BNS's and AAP's credit in capitals
    # after the date, no brackets; only after a date, so a place's second word is no agency.
    r"|(?(date),?\s(?P<bare>[A-Z]{2,6})|(?!)))?"
    r"\s*(?P<dash>--|[-–—_])\s+"
    # "MOSCOW, June 26. /TASS/. ": TASS's credit between slashes after the date, no dash;
    # "TORONTO, June 26, 2023 /CNW/ - ": Canada Newswire's, whose dash the dateline takes.
    r"|(?(date)\.?\s/(?P<slash>[A-Z]{2,10})/\.?(?:\s*(?:--|[-–—_]))?\s+|(?!))"
    r")",
)


#: dpa's mixed-case dateline, ``Berlin (dpa) -``, ``Frankfurt/Main (dpa/lhe) -``: the agency in
#: brackets is what makes a title-case place a dateline.
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w'’.\-]{1,30}(?:[ /][A-ZÀ-Þ][\w'’.\-]{1,30}){0,2})"
    r"(?:, (?P<date>[\w. ]{1,20}))?"
    r"\s*\((?P<agency>[A-Za-z][A-Za-z&.\-/ ]{0,24})\)\.?\s*(?P<dash>--|[-–—_])\s+",
)

#: ANSA's dateline, the agency first: ``(ANSA) - ROMA, 18 LUG -``, ``(ANSA) - PEKIN, 14 MAR -``
#: (Italian and Spanish services; the month in the service's language, three capitals). The
#: date is required: without it a paragraph's label reads the same ("(VIDEO) - MILANO -",
#: "(Corrects spelling) - LONDON -", "(AP) — NFL —"; session 23 review).
_AGENCY_FIRST_DATELINE = re.compile(
    rf"^\((?P<agency>[A-Za-z][A-Za-z&.\-/ ]{{0,24}})\)\s*(?:--|[-–—])\s*"
    rf"(?P<place>[{_UP}][{_UP}'’.\- ]{{1,38}}[{_UP}.])"
    rf",\s*(?P<date>\d{{1,2}}\s+[{_UP}]{{3}}\.?(?:\s+\d{{4}})?|[{_UP}]{{3,9}}\.?\s+\d{{1,2}})"
    r"\s*(?P<dash>--|[-–—])\s+",
)

#: An Arabic service's dateline, ``بيروت (رويترز) -``: the place and the agency in Arabic script.
#: A photo caption's parenthesis is no agency ("الرئيس التونسي (أرشيف) -", archive; "(يسار)",
#: left; session 23 review).
_ARABIC_DATELINE = re.compile(
    r"^(?P<place>[\u0621-\u064a\u0671-\u06d3]{2,}(?: [\u0621-\u064a\u0671-\u06d3]{2,}){0,2})"
    r"\s*\((?!(?:أرشيف|أرشيفية|صورة|صور|فيديو|يمين|يسار|وسط)\))"
    r"(?P<agency>[\u0621-\u064a\u0671-\u06d3][\u0621-\u064a\u0671-\u06d3 ]{1,20})\)"
    r"\s*(?P<dash>--|[-–—])\s+",
)


_AR = "\u0621-\u064a\u0671-\u06d3"
#: The Gulf and Egyptian services' dateline, the agency between slashes after the date and no
#: dash: ``أبوظبي في 15 مايو/ وام/`` (WAM), ``القاهرة في 20 يناير /أ ش أ/`` (MENA), ``الدوحة في
#: 3 يونيو /قنا/`` (QNA); and SPA's, the Hijri date, "corresponding to" and the Gregorian one
#: before ``واس``: ``الرياض 21 شعبان 1447 هـ الموافق 09 فبراير 2026 م واس`` (session 30, hgeo81,
#: geo_agency_r81). The place is one to three Arabic words; the day and the month word are
#: required, so a sentence opening "في" with no date is none.
_ARABIC_SLASH_DATELINE = re.compile(
    rf"^(?P<place>[{_AR}]{{2,}}(?: [{_AR}]{{2,}}){{0,2}})"
    rf"(?: في (?:[0-9\u0660-\u0669]{{1,2}}) [{_AR}]{{3,}}(?: [0-9\u0660-\u0669]{{4}})?\s*"
    rf"/\s*(?P<agency>[{_AR}][{_AR} ]{{0,20}}?|[A-Za-z]{{2,8}})\s*/\.?"
    rf"| [0-9\u0660-\u0669]{{1,2}} [{_AR}]{{3,}}(?: [{_AR}]{{3,}})? [0-9\u0660-\u0669]{{4}} ?هـ"
    rf" الموافق [0-9\u0660-\u0669]{{1,2}} [{_AR}]{{3,}} [0-9\u0660-\u0669]{{4}} ?م"
    rf" (?P<spa>واس)(?![{_AR}]))"
    r"\s*(?:(?:--|[-–—])\s*)?",
)


#: A title-case town qualified by an abbreviated state or province, ``Middlesex Centre, Ont. -``
#: or ``Lebanon, Pa. (AP) -`` (Canadian Press and US local style): the abbreviation is what makes
#: a title-case place a dateline, as the agency in brackets does for dpa's. The abbreviation
#: must be one of the data's states (``streams/data/geo/state_abbreviations.tsv``), so personal
#: suffixes (``Smith, Jr. -``, ``John Smith, M.D. —``), months and ``U.S.`` are none; and no word
#: of the town may be a function word or a title (``In Portland, Ore. —``, ``Gen. Mark Milley,
#: Ret. —``; ``streams/data/parse/dateline_words.json``).
_STATE_DATELINE = re.compile(
    r"^(?P<place>(?P<town>[A-Z][\w'’.\-]{1,30}(?: [A-Z][\w'’.\-]{1,30}){0,2}), "
    r"(?P<state>[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z][a-z]?\.))"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z&.\- ]{0,24})\))?\s*(?P<dash>--|[-–—_])\s+",
)


#: The subcontinent's regional press, title case, the date (with or without an ordinal) and a
#: colon, no dash: ``Guwahati, 14th September:``, ``Silchar, Sept 7:``, ``Dhaka, 1st Nov,
#: 2023:``, ``Thimphu, December 12:``, and an agency in brackets before the colon, ``BEIJING,
#: Nov 9 (APP):`` (session 36, hgeo99, a94-019). The day and the month are required, so a
#: sentence's "However, in March:" is none; no word of the place may be a function word, a
#: title or a weekday (``Monday, 14 September:``, a diary's heading;
#: ``streams/data/parse/dateline_words.json``). Weak unless an agency is named, as
#: :data:`_STATE_DATELINE`'s: it may open a story, never split one.
_ORDINAL = r"(?:st|nd|rd|th)?"
#: The month as a whole word or its abbreviation: :data:`_MONTH`'s ``[a-z]*`` would read a
#: listicle's "Books, 10 Novels:" or "Summit, 3 Decisions:" as a date (review hrev36a).
_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_COLON_DATELINE = re.compile(
    rf"^(?P<place>[{_UP}][\w'’.\-]{{1,30}}(?: [{_UP}][\w'’.\-]{{1,30}}){{0,2}}),\s"
    rf"(?P<date>(?:\d{{1,2}}{_ORDINAL}\s{_MONTH_WORD}|{_MONTH_WORD}\s\d{{1,2}}{_ORDINAL})"
    r"(?:,?\s\d{4})?)"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z&.\- ]{0,24})\))?\s*:\s",
)
#: The last index :data:`_COLON_DATELINE`'s colon may sit at (a three-word place, the date
#: with an ordinal and a year, a bracketed agency): the literal pre-test's bound.
_COLON_BY = 96 + 2 + 24 + 28


def _colon_dateline(paragraph: str) -> Dateline | None:
    q = _COLON_DATELINE.match(paragraph)
    if q is None:
        return None
    place = q.group("place")
    if not _dateline_words()["not_a_town"].isdisjoint(place.split()):
        return None
    agency = q.group("agency")
    return Dateline(
        place=place, agency=agency.strip() if agency else None, end=q.end(), weak=not agency
    )


@cache
def _dateline_words() -> dict[str, frozenset[str]]:
    raw = json.loads(
        resources.files("streams").joinpath("data/parse/dateline_words.json").read_text("utf-8")
    )
    return {name: frozenset(words) for name, words in raw.items()}


def is_label(place: str) -> bool:
    """A desk label set like a dateline (``FILE -``, ``PHOTO -``): no place."""
    return place in _dateline_words()["labels"]


@cache
def _state_words() -> tuple[frozenset[str], frozenset[str]]:
    """The state and province abbreviations of the data, and the words no town is."""
    rows = (
        resources.files("streams")
        .joinpath("data/geo/state_abbreviations.tsv")
        .read_text("utf-8")
        .splitlines()
    )
    states = frozenset(r.split("\t")[0].strip() for r in rows if r.strip() and r[0] != "#")
    return states, _dateline_words()["not_a_town"]


def _state_dateline(paragraph: str) -> Dateline | None:
    q = _STATE_DATELINE.match(paragraph)
    if q is None:
        return None
    states, not_a_town = _state_words()
    if q.group("state") not in states or not not_a_town.isdisjoint(q.group("town").split()):
        return None
    agency = q.group("agency")
    return Dateline(
        place=q.group("place"),
        agency=agency.strip() if agency else None,
        end=q.end(),
        weak=not agency,
    )


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str
    agency: str | None
    end: int
    #: A title-case town and state with no agency (``Tigard, Ore. -``): it reads the same as a
    #: sentence naming a town ("Tigard, Ore. — a suburb — made ..."), so it may open a text's
    #: first story or follow a headline, but never splits a story by itself.
    weak: bool = False

    def __init__(
        self,
        place: str,
        agency: str | None,
        end: int,
        weak: bool = False,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 6 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "place", place)
        object.__setattr__(self, "agency", agency)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "weak", weak)


#: :data:`_MEMO`'s entry for a paragraph that holds no dateline (never returned).
_NO_DATELINE = Dateline(place="", agency=None, end=-1)


#: The longest town :data:`_STATE_DATELINE` reads (three words of 31 characters and their
#: spaces): the ", " after it starts at this index at the latest.
_STATE_COMMA_BY = 31 + 2 * 32


#: :func:`read_dateline`'s answers for the paragraphs it read last, by their text: a plain
#: story's lede is read by the reader's loop, then again by ``_lede_dateline`` (under a
#: standfirst), a paragraph again by ``_starts_new``, and a found dateline cost 10-15 k
#: instructions (968 repeated calls per 1,000 bench items; bench/README.md, session 31,
#: hperf76). Exact: the answer depends on the text alone (the data files' word lists are read
#: once), and a :class:`Dateline` is frozen, so one object serves every caller. Bounded: only
#: paragraphs of up to :data:`_MEMO_CHARS` characters, at most :data:`_MEMO_ENTRIES` of them
#: (emptied when full, so a payload of many distinct paragraphs pays one insert each): at
#: most about 1 MB of kept text with four-byte characters. A ``dict`` get and set are atomic
#: under the GIL; a lost insert only costs a later match.
_MEMO: dict[str, Dateline] = {}
_MEMO_ENTRIES = 256
_MEMO_CHARS = 1000


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, if any (``CAIRO (AP) —``)."""
    # All three patterns end in a dash before the text, but for TASS's "/TASS/." credit after
    # a capitals place (whose first two characters are no lower case, or the place test below
    # fails): most paragraphs hold neither, and these C-level tests are cheaper than the first
    # pattern's failing match (a slash alone is common: URLs, dates, "and/or").
    # ``paragraph[:1] > "\u0600"`` as a code point read in C: the slice and the generic compare
    # were a quarter of the pre-tests' cost, on every paragraph (session 32, hperf81).
    arabic = len(paragraph) > 0 and ord(paragraph[0]) > 0x600
    if (
        "-" not in paragraph
        and "\u2014" not in paragraph
        and "\u2013" not in paragraph
        and "_" not in paragraph
        and ("/" not in paragraph or not (arabic or paragraph[:2].isupper()))
        and not (arabic and "\u0627\u0644\u0645\u0648\u0627\u0641\u0642" in paragraph)
        and paragraph.find(":", 0, _COLON_BY) < 0
    ):
        return None
    if len(paragraph) > _MEMO_CHARS:
        return _read_dateline(paragraph, arabic)
    memo = _MEMO
    got = memo.get(paragraph)
    if got is not None:
        return None if got is _NO_DATELINE else got
    d = _read_dateline(paragraph, arabic)
    if len(memo) >= _MEMO_ENTRIES:
        memo.clear()
    memo[paragraph] = _NO_DATELINE if d is None else d
    return d


def _read_dateline(paragraph: str, arabic: bool) -> Dateline | None:
    """:func:`read_dateline` after its literal pre-tests: the patterns."""
    m = DATELINE.match(paragraph)
    if m is None:
        # WAM's, MENA's and SPA's datelines: an Arabic place, a date and the agency, no bracket.
        if arabic:
            s = _ARABIC_SLASH_DATELINE.match(paragraph)
            if s is not None:
                agency = s.group("agency") or s.group("spa")
                return Dateline(place=s.group("place"), agency=agency.strip(), end=s.end())
        # The regional press's "Guwahati, 14th September:": a colon within the bound first.
        if not arabic and paragraph.find(":", 0, _COLON_BY) >= 0:
            c = _colon_dateline(paragraph)
            if c is not None:
                return c
        # Two literal tests before the two slower patterns (this runs on every paragraph of a
        # plain-text dump, and few hold a dateline): a state dateline has its ", " within the
        # first words, an agency dateline a "(". Neither pattern can match without them.
        if paragraph.find(", ", 0, _STATE_COMMA_BY + 2) >= 0:
            q = _state_dateline(paragraph)
            if q is not None:
                return q
        if "(" not in paragraph:
            return None
        a = (
            _AGENCY_DATELINE.match(paragraph)
            or (_AGENCY_FIRST_DATELINE.match(paragraph) if paragraph[0] == "(" else None)
            or (_ARABIC_DATELINE.match(paragraph) if arabic else None)
        )
        if a is None:
            return None
        return Dateline(place=a.group("place"), agency=a.group("agency").strip(), end=a.end())
    # The five groups in one call: six ``group`` calls by name were about a tenth of a found
    # dateline's cost (bench/README.md, session 30, hperf73).
    place, credit, date, bare_credit, slash = m.group("place", "agency", "date", "bare", "slash")
    place = place.strip()
    core = place.split(",")[0]
    bare = credit is None and date is None
    # A bare "WORD -" is a dateline only when the place is clearly a dateline.
    if bare and (len(core) < 3 or not core.replace(" ", "").replace("-", "").isalpha()):
        return None
    if not any(c.isalpha() for c in core) or core.upper() != core:
        return None
    if bare_credit is not None and bare_credit.lower() in _dateline_words()["not_a_credit"]:
        bare_credit = None  # "LONDON, June 26 GMT -", "KYIV, June 3 UPDATE -": no agency
    agency = credit or bare_credit or slash
    return Dateline(place=place, agency=agency.strip() if agency else None, end=m.end())


#: A dateline on a line of its own, no dash, over the agency's credit line, which opens the
#: body of Trend's copy and its reprints: "BAKU, Azerbaijan, Feb. 2" then "By Elnur Baghishov
#: – Trend:" or "Trend:" (session 26, hgeo64, a64-008). The place is often the desk, not the
#: story's (``GeoTagger._desk``). Read on a body only, where the paragraphs are joined.
_CREDIT_LINE_DATELINE = re.compile(
    rf"^(?P<place>[{_UP}][{_UP}'’.\- ]{{1,38}}[{_UP}.](?:, [{_UP}][A-Za-z.\- ]{{1,30}})?),? "
    rf"(?P<date>{_MONTH} \d{{1,2}}(?:, \d{{4}})?)\n+"
    r"(?:By [^\n]{1,60}? [-–—] )?(?P<agency>[A-Z][A-Za-z]{1,20}):[ \t]*\n"
)
#: The longest first line :data:`_CREDIT_LINE_DATELINE` reads (place, comma, date).
_CREDIT_LINE_BY = 40 + 2 + 31 + 2 + 19


def read_credit_dateline(body: str) -> Dateline | None:
    """A dateline line over an agency's credit line at the start of a body (see
    :data:`_CREDIT_LINE_DATELINE`), if any."""
    # A literal test first: the pattern needs a line break within the first line's bound.
    if body.find("\n", 0, _CREDIT_LINE_BY) < 0:
        return None
    m = _CREDIT_LINE_DATELINE.match(body)
    if m is None:
        return None
    if m.group("agency").lower() in _dateline_words()["not_a_credit"]:
        # "DIARY, Dec. 7" over "Monday:", "NBA, Dec. 5" over "Scores:": a listing's heading
        # over its first section, no dateline over a credit (session 26 review, hrev26a).
        return None
    return Dateline(place=m.group("place"), agency=m.group("agency"), end=m.end())


_CREDIT = re.compile(
    r"(?:\A|[.!?\"”’)]\s*)\((?P<agency>[A-Z][A-Za-z]{1,11}(?:[ -/][A-Z][A-Za-z]{1,11}){0,2})\)\s*$"
)
_REPORTING = re.compile(r"^\(?(?:Reporting|Writing|Additional reporting) by\b[^\n]{0,300}\)?$")


def read_credit(paragraph: str) -> str | None:
    """The agency credit closing a paragraph (``... possible. (ILKHA)``), if any."""
    if not paragraph.endswith(")"):
        return None
    tail = paragraph if len(paragraph) <= 48 else "\n" + paragraph[-48:]
    m = _CREDIT.search(tail)
    if m is not None:
        agency = m.group("agency")
        # A photographer's name before a slash ("(Corey Bullock/CBC)") closes a photo's
        # caption, not the story: read as a sign-off, it split a page at its caption
        # (dedup probe r55). An agency pair ("(AFP/Reuters)") has no name before the slash.
        if " " in agency.split("/", 1)[0] and "/" in agency:
            return None
        return agency
    if _REPORTING.match(paragraph):
        return ""
    return None


def terminal(line: str) -> bool:
    """Whether a line ends a sentence (``.``, ``?``, ``!``, ``…``, maybe before quotes)."""
    return line.rstrip("\"”’')]")[-1:] in (".", "!", "?", "…")


def headline_shape(line: str) -> bool:
    """Whether a line looks like a headline: short, capitalised, no closing period.

    The one headline shape for every parser (plain text, 7901/ANPA preambles).
    """
    # The character tests before the word count: most lines are sentences, which end in
    # a period, and need no split (the tests are pure, so their order changes no answer).
    if not line or len(line) > 160:
        return False
    if line[-1] in ".,;:" or (terminal(line) and line[-1] not in "?!"):
        return False
    if not 2 <= len(line.split()) <= 25:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"“‘'"):
        return False
    if read_credit(line) is not None:
        return False
    d = read_dateline(line + " ")
    if d is None:
        return True
    # A headline shaped as the regional press's colon dateline with its text after the colon,
    # "Trump, Jan 6: the hearing that changed everything", stays a headline: read as a weak
    # dateline it lost its first words and set a person as the place (review hrev36a). A lede
    # so shaped ends in a period and fails the tests above.
    c = _COLON_DATELINE.match(line + " ") if d.weak and d.end < len(line) else None
    return c is not None and c.end() == d.end


def add_infosource(item: WireItem, name: str, role: str = "provider") -> None:
    """Record an agency once."""
    name = name.strip()
    if name and all(s.name != name for s in item.infosources):
        item.infosources.append(InfoSource(name=name, role=role))


_WEAK = frozenset(
    {
        "and",
        "or",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "after",
        "near",
        "as",
        "that",
        "which",
        "who",
        "its",
        "their",
        "his",
        "her",
        "more",
        "than",
        "least",
        "about",
        "some",
        "over",
        "nearly",
        "almost",
        "up",
        "down",
        "into",
    }
)


_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘']?[A-Z0-9])")


def first_sentence(para: str) -> str:
    """Up to the first full stop that is not after an initial or a short abbreviation.

    The word before each candidate is read in place (``rfind`` from the stop back to the
    previous space), so a paragraph of ``"A. "`` repeated is one pass, not one copy of the
    prefix per stop.
    """
    for m in _SENTENCE_END.finditer(para):
        stop = m.start()
        word_start = para.rfind(" ", max(0, stop - 4), stop) + 1 or max(0, stop - 4)
        if stop - word_start <= 3 and (
            para[word_start : word_start + 1].isupper() or "." in para[word_start:stop]
        ):
            continue
        return para[: stop + 1]
    return para


def derive_headline(para: str, limit: int = 110) -> str:
    """A short headline from a lede: its first sentence, cut at a clause or word boundary."""
    dateline = read_dateline(para)
    if dateline is not None:
        para = para[dateline.end :]
    # A headline comes from the first ~limit characters; a stop past 1,000 cannot give one
    # (only a run of hundreds of dots could), and the scan stays short on a huge paragraph.
    sentence = first_sentence(para[:1000]).strip()
    sentence = sentence.rstrip(".!…").strip()  # not ``[.!…]+$``: quadratic on a run of dots
    if len(sentence) <= limit:
        return sentence
    best = -1
    for m in re.finditer(
        r",\s| (?:after|following|as|when|while|amid|despite|because)\s", sentence
    ):
        if 40 <= m.start() <= limit:
            best = m.start()
    if best > 0:
        return sentence[:best].rstrip(" ,;:")
    cut = sentence[: limit - 10].rsplit(" ", 1)[0]
    weak = _WEAK
    words = cut.split()
    while len(words) > 3 and (
        words[-1].lower().strip(",;:") in weak
        or (words[-1].islower() and words[-1].endswith("ing"))
        or not any(c.isalpha() for c in words[-1])
    ):
        words.pop()
    return " ".join(words).rstrip(" ,;:")
