"""Local context rules: is this hit a place, a person, or a named event?"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from typing import Final

from streams.core.geo.gazetteer import DATA_DIR
from streams.core.geo.text import alpha_at, upper_at

#: Place + one of these = a named agreement or event ("Cairo Agreement", "Paris climate accord").
_EVENT_AFTER: Final = re.compile(
    r"(?:['’]s)?\s+(?:(?:climate|peace|nuclear|grain|ceasefire|trade)\s+)?"
    r"(?:agreements?|accords?|conventions?|protocols?|treaty|treaties|declaration|memorandum|"
    r"process|format|statute|charter|consensus|principles|communiqu[eé]|talks\s+format)\b",
    re.IGNORECASE,
)
#: First three letters of the words in ``_EVENT_AFTER``: a cheap guard before the regex (the
#: tagger inlines it).
EVENT_STARTS: Final = frozenset(
    {
        "agr",
        "acc",
        "con",
        "pro",
        "tre",
        "dec",
        "mem",
        "for",
        "sta",
        "cha",
        "pri",
        "com",
        "tal",
        "cli",
        "pea",
        "nuc",
        "gra",
        "cea",
        "tra",
    }
)
_EVENT_BEFORE: Final = re.compile(r"\b(?:Treaty|Peace|Battle|Siege|Congress|Council|Spirit) of\s+$")
#: "London-based", "Iranian-born": about the subject's origin, not the story's place; "Russia-led
#: producers", "Iran-backed militias": the subject's leader or sponsor, not where it acts.
_ORIGIN_AFTER: Final = re.compile(
    r"-(?:based|born|headquartered|listed|made|registered|flagged|led|backed)\b"
)


def _bodies_pattern(bodies: str) -> re.Pattern[str]:
    """The |-separated bodies as one pattern, longest first, each not run on into a word."""
    alternatives = "|".join(re.escape(b) for b in sorted(bodies.split("|"), key=len, reverse=True))
    # No look-behind in the pattern (``seat_body_named`` tests the character before): a
    # pattern opening with one has no first characters the engine can skip to, so it was
    # tried at every position of the body, 50 k instructions an item (session 25).
    return re.compile(rf"(?:{alternatives})(?![\w-])")


def _body_seats() -> dict[str, tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """``body_seats.tsv``: each seat's name (lower case, no "the") -> (its ISO2, a pattern of the
    bodies seated there, as written and as whole words, and one of the bodies that seat only a
    venue (the fourth column, ``seat_venue``), or None)."""
    seats: dict[str, tuple[str, re.Pattern[str], re.Pattern[str] | None]] = {}
    text = (DATA_DIR / "body_seats.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        names, iso, bodies = cols[:3]
        venue = _bodies_pattern(cols[3]) if len(cols) > 3 and cols[3].strip() else None
        pattern = _bodies_pattern(bodies)
        for name in names.split("|"):
            seats[seat_key(name)] = (iso, pattern, venue)
    return seats


def seat_key(name: str) -> str:
    """A place mention's text as ``BODY_SEATS`` keys it: lower case, without "the"."""
    low = name.lower()
    if low.isalnum():  # one word (most names): no blank to join, no "the " to cut
        return low
    key = " ".join(low.split())
    return key[4:] if key.startswith("the ") else key


#: Seats of international bodies (``body_seats.tsv``; issue #16, session 25, hgeo61).
BODY_SEATS: Final = _body_seats()


def seat_body_named(seat: str, text: str, *, venue: bool = False) -> bool:
    """Whether ``text`` names a body seated at ``seat`` (a ``BODY_SEATS`` key), as a whole
    word: no word character, "." or "-" before it ("UNICEF", not "XUNICEF" or "pre-WHO").
    With ``venue``, one of the bodies that seat only a venue there (the bare "UN" at Geneva)."""
    entry = BODY_SEATS.get(seat)
    if entry is None:
        return False
    pattern = entry[2] if venue else entry[1]
    if pattern is None:
        return False
    m = pattern.search(text)
    while m is not None:
        start = m.start()
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before in "_.-"):
            return True
        m = pattern.search(text, start + 1)
    return False


#: A meeting the seat hosts, named before it ("a donors' conference on Monday in Geneva", "told
#: reporters in Geneva": the noun, up to three words, then "in" or "at"; "said in Geneva") or
#: right after it
#: ("the Geneva conference", "Geneva talks"). Session 27, hrev27b.
_VENUE_NOUNS: Final = (
    r"(?:conference|talks|meeting|summit|session|briefing|reporters|journalists|forum"
    r"|negotiations|consultations|event)s?"
)
_VENUE_BEFORE: Final = re.compile(
    rf"(?:\b{_VENUE_NOUNS}(?:[ ,]+[\w'’.-]+){{0,3}}|\b(?:said|says|told))[ ,]+(?:in|at)\s+$",
    re.IGNORECASE,
)
_VENUE_AFTER: Final = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+)?{_VENUE_NOUNS}\b", re.IGNORECASE)


def seat_venue(text: str, start: int, end: int) -> bool:
    """The seat named at ``text[start:end]`` is a meeting's venue ("pledging conference in
    Geneva", "Geneva talks"), not a place things happen in ("a hotel fire in Geneva"): where a
    body that seats only a venue there (the bare "UN" at Geneva) makes the seat no place of the
    story (session 27, hrev27b)."""
    lo = text.rfind(".", 0, start) + 1
    return (
        _VENUE_BEFORE.search(text, max(lo, start - 80), start) is not None
        or _VENUE_AFTER.match(text, end) is not None
    )


#: Capitalised words that may stand next to a place name without making it a person's name.
_NEIGHBOURS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "name_neighbours.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: "Hafenstadt", "Golfemirat", "Technologie-Metropole": heads of German nouns describing a place,
#: which stand before its name ("die Hauptstadt Neu Delhi") and are no first names.
_NEIGHBOUR_HEADS: Final = tuple(
    line.strip()
    for line in (DATA_DIR / "name_neighbour_heads.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: Metonyms that are also surnames ("John Tory"): only these are a person after a first name.
SURNAME_METONYMS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "surname_metonyms.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: "U.S. gasoline stocks", "US dollar": a country naming a market instrument or data series.
_MARKET_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "market_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: "the US economy", "Iran media": a country naming its economy, policy, services or press.
_BACKDROP_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "backdrop_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: Each pre-modified noun -> its rule: a market instrument or an economic backdrop.
_MODIFIED_NOUNS: Final = {n: "backdrop" for n in _BACKDROP_NOUNS} | {
    n: "market" for n in _MARKET_NOUNS
}


_PARTNER_WORDS: Final = tuple(
    line.strip()
    for line in (DATA_DIR / "partner_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: "US demand", "China's appetite": a headline's foreign market or buyer (``trade_partner``).
_PARTNER_AFTER: Final = frozenset(w for w in _PARTNER_WORDS if " " not in w)
_PARTNER_NOUN: Final = re.compile(r"[A-Za-z]+")
_PARTNER_HEADS: Final = frozenset(w[0] for w in _PARTNER_AFTER)
#: "Hong Kong and US demand": a name joined to a market's name shares its noun.
_PARTNER_JOINED: Final = re.compile(r" and (?:[A-Z][A-Za-z.]*(?:['’]s)? ){1,3}([a-z]+)")
#: "sales to America": the trade noun and preposition before a headline's foreign market
#: (the prepositions first, as a cheap necessary condition; a title-case headline's too).
_PARTNER_PREPOSITIONS: Final = tuple(
    sorted(
        {
            f" {p} "
            for w in _PARTNER_WORDS
            if " " in w
            for p in (w.split()[-1], w.split()[-1].title())
        }
    )
)
#: The longest of ``_PARTNER_PREPOSITIONS``: ``trade_partner`` tests the slice of text that
#: long before the name, as ``endswith`` with a start and an end is a generic call (about
#: 1.1 k instructions) where the slice's is compiled.
_PARTNER_PREPOSITION_MAX: Final = max(len(p) for p in _PARTNER_PREPOSITIONS)
_PARTNER_BEFORE: Final = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in _PARTNER_WORDS if " " in w) + r") $",
    re.IGNORECASE,
)


#: Stock indices and exchanges a market roundup names after their country's possessive
#: ("France's CAC 40", ``market_indices.txt``, session 32): lower case, as the text writes them.
MARKET_INDICES: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "market_indices.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


_ROUTE_WORDS: Final = tuple(
    line.strip()
    for line in (DATA_DIR / "route_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: How a route phrase can end right before a name ("bound for ", "cross to the "): a cheap
#: necessary condition before the pattern (most mentions follow none).
_ROUTE_TAILS: Final = tuple(
    sorted({f" {w.split()[-1]}{the} " for w in _ROUTE_WORDS for the in ("", " the")})
)
#: The last three characters of every one of ``_ROUTE_TAILS`` (each is longer): one slice
#: and a set look-up rule them all out for most names, where ``endswith`` with a start and
#: an end is a generic call (about 1.3 k instructions, 17 k calls per 1,000 bench items).
_ROUTE_ENDS: Final = frozenset(t[-3:] for t in _ROUTE_TAILS)
#: The letter before each tail's closing blank, by ``ord`` (``route_destination`` tests the
#: blank and this letter as integers first: the three-character slice makes and hashes a new
#: string, 9.4 M instructions for 17 k calls per 1,000 bench items, where most names follow
#: "in ", "of ", "and " and fail on the letter).
_ROUTE_LETTERS: Final = frozenset(ord(t[-2]) for t in _ROUTE_TAILS)
#: The shortest of ``_ROUTE_TAILS``: a name before it has no tail.
_ROUTE_MIN: Final = min(len(t) for t in _ROUTE_TAILS)
#: The longest text a route phrase and its "the" can take before a name.
_ROUTE_SPAN: Final = max(len(w) for w in _ROUTE_WORDS) + len("  the ")
_ROUTE_BEFORE: Final = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _ROUTE_WORDS)
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _ascii_twin(char: str) -> bool:
    """Whether a case-insensitive pattern's ``char`` matches some ASCII character ("ſ" and
    "s", the Kelvin sign and "k", "ı" and "i": the engine's own case equivalences)."""
    pattern = re.compile(re.escape(char), re.IGNORECASE)
    return any(pattern.fullmatch(chr(c)) for c in range(128))


def ascii_anchors(words: list[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which ``text.lower()`` holds wherever a case-insensitive
    pattern of ``words`` (literal alternatives) matches an ASCII ``text``: a necessary
    condition, tested by C-level substring searches before the pattern, which then decides.
    For ASCII text the engine's case-insensitive match of an ASCII word is the lower-case
    text holding the word; a word holding a character no ASCII character matches cannot
    match ASCII text at all; a word containing another's anchor needs none of its own.
    ``None`` (no guard) when a non-ASCII word could match ASCII text."""
    lowered = []
    for word in words:
        if word.isascii():
            lowered.append(word.lower())
        elif all(c.isascii() or _ascii_twin(c) for c in word):
            return None
    kept: list[str] = []
    for word in sorted(set(lowered), key=len):
        if not any(k in word for k in kept):
            kept.append(word)
    return tuple(kept)


def may_match_ascii(text: str, anchors: tuple[str, ...] | None) -> bool:
    """False only when ``text`` is ASCII and holds none of ``anchors`` (lower-cased): then the
    case-insensitive pattern they were made for (:func:`ascii_anchors`) cannot match it."""
    if anchors is None or not text.isascii():
        return True
    # ``any`` of a generator is a loop in the compiled core, its ``in`` a direct substring
    # test; ``any(map(low.__contains__, ...))`` called map, any and the method wrapper.
    low = text.lower()
    return any(anchor in low for anchor in anchors)


def _commodities() -> tuple[re.Pattern[str], tuple[str, ...] | None, re.Pattern[str]]:
    rows = [
        line.split("\t")
        for line in (DATA_DIR / "world_commodities.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    names = "|".join(sorted((re.escape(r[0].strip()) for r in rows), key=len, reverse=True))
    units = "|".join(sorted({re.escape(r[1].strip()) for r in rows}))
    # The price is only searched for (found or not), so the optional "US" / "U.S." before
    # the sign is left out of the pattern: it changes no answer, and a pattern opening with
    # the literal "$" lets the engine jump between signs instead of trying every position.
    return (
        re.compile(rf"\b(?:{names})\b", re.IGNORECASE),
        ascii_anchors([r[0].strip() for r in rows]),
        re.compile(
            rf"\$ ?\d[\d,]*(?:\.\d+)? (?:an?|per) (?:troy )?(?:{units})s?\b",
            re.IGNORECASE,
        ),
    )


#: A world-traded commodity in a headline (and the guard of that pattern for ASCII text),
#: and a benchmark price per unit in a body (``world_commodities.tsv``).
_COMMODITY, _COMMODITY_ANCHORS, _UNIT_PRICE = _commodities()


def _money_signs() -> tuple[dict[str, tuple[str, bool]], re.Pattern[str]]:
    """Each currency sign of ``money_signs.tsv`` -> (country, strict), and a pattern for the
    last character of any sign before an amount (the scan's cheap first step)."""
    signs: dict[str, tuple[str, bool]] = {}
    for line in (DATA_DIR / "money_signs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sign, iso, *flags = (part.strip() for part in line.split("\t"))
        signs[sign] = (iso, "strict" in flags)
    lasts = "".join(sorted({re.escape(sign[-1]) for sign in signs}))
    return signs, re.compile(f"[{lasts}](?= ?\\d)")


_MONEY, _MONEY_END = _money_signs()
_MONEY_LENGTHS: Final = sorted({len(sign) for sign in _MONEY}, reverse=True)
#: An amount only money is written as, for a ``strict`` sign: thousands, cents, four digits,
#: a multiplier or a rate ("R1,425", "R12.50", "R1425", "R5 billion", "R14/$"; not "R18",
#: "R101", "R32").
_STRICT_AMOUNT: Final = re.compile(
    r"\d{1,3}(?:,\d{3})+(?!\d)|\d+\.\d{2}(?![\d.])|\d{4,}(?![\d.-])"
    r"|\d+(?:\.\d+)? ?(?:bn|billion|m|million|tn|trillion)\b|\d+(?:\.\d+)?/"
)
_DIGIT: Final = re.compile(r"\d")
#: Characters that, right before a sign, make it part of another word or sign ("US$", "aR5"),
#: or of a currency pair, a world forex quote rather than money counted ("USD/JPY 150.2").
_MONEY_GLUE: Final = frozenset("_$€£¥/")


def _strict_amount(text: str, end: int) -> bool:
    """Whether a strict sign ending at ``end`` stands before an amount only money is written
    as ("KD 1,500": one space may come between, as the scan allows). A sign written apart from
    a bare figure followed by a capitalised word is a name's opening, not money: "the Le 1,000
    Club", the novel "Le 10,000 Pas" (session 25, hrev25a); "a R5 billion Eskom loan" and "a
    R500,000 Lotto win" stay money."""
    spaced = text[end : end + 1] == " "
    amount = _STRICT_AMOUNT.match(text, end + spaced)
    if amount is None:
        return False
    after = amount.end()
    # A capitalised word, not a code in capitals ("KD 1,500 KWD").
    word = text[after + 1 : after + 3]
    return not (
        spaced
        and amount.group()[-1:].isdigit()
        and text[after : after + 1] == " "
        and word[:1].isupper()
        and word[1:].islower()
    )


def money_signs(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, sign, country) of each currency sign of one country written before an
    amount ("RM2.5 billion", "NZ$12", "R1,425"); not inside a word or another sign ("US$5").
    The scan looks for a sign's last character before a digit first, a character class the
    regular-expression engine skips through quickly, and reads the sign back from there (an
    alternation of every sign, tried at every position, cost 0.2 ms on a long item)."""
    if not _DIGIT.search(text):
        return []
    out = []
    for m in _MONEY_END.finditer(text):
        end = m.end()
        for n in _MONEY_LENGTHS:
            start = end - n
            if start < 0 or (found := _MONEY.get(text[start:end])) is None:
                continue
            before = text[start - 1] if start else " "
            if before.isalnum() or before in _MONEY_GLUE:
                break  # "US$5": "S$" is part of another sign
            iso, strict = found
            if not strict or _strict_amount(text, end):
                out.append((start, end, text[start:end], iso))
            break
    return out


def _money_after() -> tuple[dict[str, tuple[str, bool, bool]], re.Pattern[str]]:
    """Each currency sign written after an amount -> (country, strict, region), and a pattern
    for an amount followed by one: the rows of ``money_signs_after.tsv`` ("100,000LL", "250
    zł", "50 000 FCFA") and every three-letter ISO 4217 code of ``money_signs.tsv``, which
    copy writes on either side of the amount ("AED 1.2 billion", "75,000 LBP")."""
    signs: dict[str, tuple[str, bool, bool]] = {
        sign: (iso, strict, False)
        for sign, (iso, strict) in _MONEY.items()
        if len(sign) == 3 and sign.isascii() and sign.isalpha() and sign.isupper()
    }
    for line in (DATA_DIR / "money_signs_after.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sign, iso, *flags = (part.strip() for part in line.split("\t"))
        if iso == "-":  # a code read before an amount only ("1,000 NPR member stations")
            signs.pop(sign, None)
            continue
        words = " ".join(flags).split()
        signs[sign] = (iso, "strict" in words, "region" in words)
    names = "|".join(re.escape(s) for s in sorted(signs, key=len, reverse=True))
    # The amount: digits with "," or "." inside, or thousands after a space ("50 000"), an
    # optional multiplier, then the sign, glued or after one space.
    pattern = re.compile(
        r"(?<![\w.,$€£¥])(\d(?:[\d,.]*\d)?(?:[ \u00a0\u202f]\d{3}(?!\d))*"
        r"(?: ?(?:thousand|million|billion|trillion|bn|tn|m)\b)?) ?"
        f"({names})(?![\\w])"
    )
    return signs, pattern


_MONEY_AFTER, _MONEY_AFTER_PATTERN = _money_after()
#: A strict sign's amount after which it is money: thousands, cents, five digits or more, or
#: a multiplier. Not four bare digits, which are years before a code ("the 2028 COP").
_STRICT_BEFORE_SIGN: Final = re.compile(
    r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+[.,]\d{2}|\d{5,}"
    r"|\d+(?:[.,]\d+)? ?(?:thousand|million|billion|trillion|bn|tn|m)"
)


def money_after(text: str) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, sign, country, region) of each currency sign written after an amount
    ("100,000LL for a 5-ampere subscription", "2,000 KES a month"): like a sign before one,
    the copy counts in that country's money. ``region``: a sign several countries of one
    region share ("FCFA"), whose country is only the region's representative."""
    if not _DIGIT.search(text):
        return []
    out = []
    for m in _MONEY_AFTER_PATTERN.finditer(text):
        sign = m.group(2)
        iso, strict, region = _MONEY_AFTER[sign]
        if strict and not _STRICT_BEFORE_SIGN.fullmatch(m.group(1)):
            continue
        out.append((m.start(2), m.end(2), sign, iso, region))
    return out


#: Currency nouns that follow a number as something else: "3 sterling silver rings" (the
#: pound's amounts are written with "£").
_NO_AMOUNT_NOUNS: Final = frozenset({"sterling"})


def _amount_nouns() -> tuple[dict[str, tuple[str, bool]], re.Pattern[str]]:
    """Each currency noun of ``currencies.tsv`` and ``currencies_shared.tsv`` -> (country,
    shared), and a pattern for an amount followed by one ("4,500 shillings", "300 naira",
    "2.5 million rand")."""
    nouns: dict[str, tuple[str, bool]] = {}
    for name, shared in (("currencies.tsv", False), ("currencies_shared.tsv", True)):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                noun, iso = (part.strip() for part in line.split("\t")[:2])
                if noun not in _NO_AMOUNT_NOUNS:
                    nouns[noun] = (iso, shared)
    words = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    pattern = re.compile(
        r"(?<![\w.,])\d[\d,.]*(?: (?:thousand|million|billion|trillion|m|bn))? "
        f"({words})(?!\\w)"
    )
    return nouns, pattern


_AMOUNT_NOUNS, _AMOUNT_NOUN = _amount_nouns()


def amount_nouns(text: str) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, noun, country, shared) of each currency noun written after an amount
    ("prices fell to 4,500 shillings a basin", "a fine of 300 naira"): like a currency sign,
    the copy counts in that money. ``shared``: a noun several countries of one region use,
    whose country is only its region's representative. English nouns: English copy only."""
    if not _DIGIT.search(text):
        return []
    out = []
    for m in _AMOUNT_NOUN.finditer(text):
        iso, shared = _AMOUNT_NOUNS[m.group(1)]
        out.append((m.start(1), m.end(1), m.group(1), iso, shared))
    return out


def is_market_report(headline: str, body: str) -> bool:
    """The headline names a world-traded commodity and the body quotes its price per benchmark
    unit ("Rising dollar pushes gold prices lower" ... "$1,722.84 an ounce")."""
    return (
        may_match_ascii(headline, _COMMODITY_ANCHORS)
        and _COMMODITY.search(headline) is not None
        and _UNIT_PRICE.search(body) is not None
    )


def _sport_words() -> tuple[
    re.Pattern[str], tuple[str, ...] | None, re.Pattern[str], tuple[str, ...]
]:
    words = [
        line.strip()
        for line in (DATA_DIR / "sport_words.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def alternation(group: list[str], flags: int = 0) -> re.Pattern[str]:
        names = "|".join(sorted((re.escape(w) for w in group), key=len, reverse=True))
        return re.compile(r"(?<!\w)(?:" + names + r")(?!\w)", flags)

    any_case = [w for w in words if w == w.lower()]
    written = [w for w in words if w != w.lower()]
    # A case-sensitive word is in any text it matches: the words themselves are its guard
    # (those containing another's need no test of their own).
    kept: list[str] = []
    for word in sorted(set(written), key=len):
        if not any(k in word for k in kept):
            kept.append(word)
    return (
        alternation(any_case, re.IGNORECASE),
        ascii_anchors(any_case),
        alternation(written),
        tuple(kept),
    )


#: Words of sports reports (``sport_words.txt``): any case, and as written; each pattern's
#: guard (substrings a text must hold for it to match, tested first).
_SPORT_ANY_CASE, _SPORT_ANY_ANCHORS, _SPORT_AS_WRITTEN, _SPORT_WRITTEN_ANCHORS = _sport_words()


@lru_cache(maxsize=1)
def is_sport(headline: str, body: str) -> bool:
    """The item reads as a sports story: a word only sports reports use ("striker",
    "innings", "World Cup") in its headline or body (at most ``MAX_BODY_CHARS``, as read).
    Cached for the item being tagged: a text of many "v France" reads its body once.
    Each pattern runs only on a text holding one of its words as a substring (C-level
    searches: a 3 KB body without one cost about 0.6 ms in the two patterns)."""
    for text in (headline, body):
        if may_match_ascii(text, _SPORT_ANY_ANCHORS) and _SPORT_ANY_CASE.search(text):
            return True
        for word in _SPORT_WRITTEN_ANCHORS:
            if word in text:
                if _SPORT_AS_WRITTEN.search(text):
                    return True
                break
    return False


#: "a US envoy", "U.S. troops": people a country's name qualifies like its demonym.
_ROLE_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "role_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: An organisation's acronym written before a role noun: "U.N.", "UN", "EU", "NATO" (then a
#: space). Two to five capitals, or two to four dotted ones.
_BODY_ACRONYM: Final = re.compile(r"(?:[A-Z]\.){2,4}(?= )|[A-Z]{2,5}(?= )")
#: The letters ``_BODY_ACRONYM`` can start with.
_ASCII_CAPITALS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def heads(words: Collection[str], length: int) -> tuple[int, frozenset[str]]:
    """A cheap necessary test for "one of ``words`` starts at ``i``": ``text[i : i + n] in
    found`` for the ``(n, found)`` returned, ``n`` at most ``length`` and no longer than the
    shortest word (a word of ``n`` letters or more starts with its own first ``n``)."""
    n = length
    for w in words:
        if len(w) < n:
            n = len(w)
    return n, frozenset(w[:n] for w in words)


#: The role nouns' first letters (``heads``): is_attributive's test before its patterns.
#: Each a ``Final`` of its own: compiled, a module constant is read as a C static, where a
#: name bound by unpacking is a lookup in the module's dict.
_ROLES_HEADED: Final = heads(sorted(_ROLE_NOUNS), 3)
_ROLE_HEAD: Final = _ROLES_HEADED[0]
_ROLE_HEADS: Final = _ROLES_HEADED[1]


def is_attributive(text: str, end: int) -> bool:
    """The name qualifies people of that country ("a US envoy", "U.S. troops"), also as a
    possessive ("Russia's ambassador Timur Zabirov" is the Russian ambassador: who the
    diplomat speaks for, not where the story happens; issue #16, session 20)."""
    # The ".", "'s " and " " by code points, no slices (4.6 k calls per 1,000 bench items;
    # session 36, hperf93).
    size = len(text)
    i = end + 1 if end < size and ord(text[end]) == 46 else end
    if (
        i + 2 < size
        and ord(text[i]) in (39, 0x2019)  # "'s " or "\u2019s "
        and ord(text[i + 1]) == 115
        and ord(text[i + 2]) == 32
    ):
        i += 2
    if i >= size or ord(text[i]) != 32:
        return False
    # Both patterns need a letter of their own first: an organisation's acronym a capital,
    # else the role noun itself, whose first letters ``_ROLE_HEADS`` holds. Most names are
    # followed by no role noun ("Russia said"): code-point tables (the first character, then
    # an ASCII pair), then a slice and a set lookup rule them out before either pattern runs
    # (about 1.2 k instructions a match; session 27, hperf59).
    c = ord(text[i + 1]) if i + 1 < size else -1
    if not 65 <= c <= 90 and (
        c < 0
        or c >= _ROLE_HEAD_SPAN
        or not _ROLE_HEAD_CODES[c]
        or (
            c < 128
            and i + 2 < size
            and (d := ord(text[i + 2])) < 128
            and not _ROLE_HEAD_PAIRS[128 * c + d]
        )
        or text[i + 1 : i + 1 + _ROLE_HEAD] not in _ROLE_HEADS
    ):
        return False
    body = _BODY_ACRONYM.match(text, i + 1)
    if body is not None:
        # "Russia's U.N. ambassador", "a US NATO envoy": the organisation the diplomat is
        # posted to, between the country and the role noun (session 25, hgeo61, a61-007).
        i = body.end()
    word = _LOWER_WORD.match(text, i + 1)
    return (
        word is not None
        and word.group() in _ROLE_NOUNS
        and not text[word.end() : word.end() + 1].isalnum()
    )


#: "a native of Latvia": a person's origin, read only before "of" ("New Zealand native
#: birds" is an adjective of the place; session 21).
_ORIGIN_NOUNS: Final = frozenset({"native", "natives"})


def role_of(text: str, start: int) -> bool:
    """The name at ``start`` follows a role noun and "of" ("the ambassadors of Russia and
    Israel to the UAE", "an envoy of Qatar"): the people's nationality, as "a Russian
    ambassador" says it, not a place of the story (issue #16, session 20). Or a person's
    origin: "Nelsons, a native of Latvia" is "the Latvian Nelsons", a profile's aside, not
    where the story happens (session 21). The caller has seen " of " right before ``start``."""
    word = _word_before(text, start - 3)
    return word in _ROLE_NOUNS or word in _ORIGIN_NOUNS


#: English counties named like a bigger town abroad, by lower-case name: ISO2 of the county
#: (``county_towns.tsv``; issue #16, session 20).
COUNTY_TOWNS: Final[dict[str, str]] = {
    name.lower(): iso
    for name, iso in (
        line.split("\t")[:2]
        for line in (DATA_DIR / "county_towns.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
}
#: Words that continue a list after a name: "Norfolk and Suffolk" is a list of towns.
_LIST_WORDS: Final = frozenset({"and", "or", "nor"})


def county_address(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` closes an address, "Blakeney Point, Norfolk, by a falling
    tide": a capitalised name and a comma before it, and after it the sentence or clause goes
    on in lower case (or ends), not with another name or "and" as a list of towns would
    ("Chesapeake, Norfolk and Suffolk"). British copy places a town by its county so
    (issue #16, session 20). The caller has seen ", " right before ``start``."""
    j = start - 2
    k = j
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    if k == j or not text[k].isupper():
        return False
    after = text[end : end + 1]
    if after in ("", ".", ";", ":", ")", "\n"):
        return True
    i = end + 2 if text[end : end + 2] == ", " else end + 1 if after == " " else -1
    if i < 0:
        return False
    word = _LOWER_WORD.match(text, i)
    return word is not None and word.group() not in _LIST_WORDS


#: Sites a demonym places after an article: "the unit of a Mexican hospital" is in Mexico
#: (``site_nouns.txt``; issue #16, session 20).
_SITE_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "site_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: What the text before the demonym must end with for ``is_site`` to read on.
SITE_BEFORE: Final = (" a ", " an ", " the ")
#: The longest of ``SITE_BEFORE``: the window of text before a name that can end in one.
SITE_SPAN: Final = max(map(len, SITE_BEFORE))


def is_site(text: str, end: int) -> bool:
    """The demonym ending at ``end`` qualifies a site, one lower-case word after it ("of a
    Mexican hospital", "at a Chilean mine"): where something happens, not who acts. The caller
    has seen ``SITE_BEFORE`` (an article) before the demonym."""
    if text[end : end + 1] != " ":
        return False
    word = _LOWER_WORD.match(text, end + 1)
    return (
        word is not None
        and word.group() in _SITE_NOUNS
        and not text[word.end() : word.end() + 1].isalnum()
    )


#: A country's forces and office-holders a demonym names acting in a headline ("Kenyan police
#: contingent lands in Haiti"; ``state_actor_nouns.txt`` and ``role_nouns.txt``), by first word.
def _state_actors() -> dict[str, tuple[str, ...]]:
    entries = set(_ROLE_NOUNS)
    for line in (DATA_DIR / "state_actor_nouns.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entries.add(line.strip())
    out: dict[str, list[str]] = {}
    for entry in sorted(entries, key=len, reverse=True):
        out.setdefault(entry.split(" ", 1)[0], []).append(entry)
    return {first: tuple(found) for first, found in out.items()}


_STATE_ACTORS: Final = _state_actors()
#: Any-case letters of the word after a demonym.
_ANY_WORD: Final = re.compile(r"[A-Za-z]+")


def is_state_actor(text: str, end: int) -> bool:
    """The demonym ending at ``end`` names its state's forces or office-holders, one of
    ``state_actor_nouns.txt`` or ``role_nouns.txt`` right after it in any case ("Kenyan police",
    "Thai Foreign Minister"): that state acting in the story (issue #16, session 28)."""
    if text[end : end + 1] != " ":
        return False
    word = _ANY_WORD.match(text, end + 1)
    if word is None:
        return False
    found = _STATE_ACTORS.get(word.group().lower())
    if found is None:
        return False
    for entry in found:
        stop = end + 1 + len(entry)
        if text[end + 1 : stop].lower() == entry and not text[stop : stop + 1].isalpha():
            return True
    return False


#: "hosts England beat ...", "the summit host, French President ...", "host nation Qatar":
#: "host" as a noun right before the name, after a clause start, an article or possessive,
#: or set off by a comma; "England host France" and "Ghana will host Nigeria" (the verb, whose
#: object is the visitor) do not match.
_HOST_BEFORE: Final = re.compile(
    r"(?:(?:^|[,;:(\n]\s*|\b(?:[Tt]he|[Ii]ts|[Tt]heir) )(?:co-)?[Hh]osts?,? "
    r"|\b(?:co-)?host, |\bhost (?:nation|country|city|state),? )$"
)


def is_host(text: str, start: int) -> bool:
    """The country or demonym at ``start`` is named as an event's host: where it happens, as
    a dateline says (issue #16, session 19: a G-8 summit's "summit host, French President",
    a netball final's "hosts England")."""
    return bool(_HOST_BEFORE.search(text, max(0, start - 24), start))


#: Words opening a time clause that dates the story by an earlier event ("since Russia's
#: invasion", "after Washington's withdrawal").
_BACKGROUND_BEFORE: Final = re.compile(
    r"(?:^|\W)(?:[Ss]ince|[Aa]fter|[Bb]efore|[Ff]ollowing)(?: the)? $"
)


def is_background(text: str, start: int) -> bool:
    """The possessive name at ``start`` opens a time clause ("since Russia's invasion")."""
    return bool(_BACKGROUND_BEFORE.search(text, max(0, start - 16), start))


#: A year right after a place's name: "Athens 2004", "Paris 2024 Olympic Games", "Qatar 2022".
_EDITION_AFTER: Final = re.compile(r" (?:19|20)\d\d\b")


def is_edition(text: str, end: int) -> bool:
    """The name ending at ``end`` is followed by a year ("its record haul from Athens 2004",
    "came home from the Paris 2024 Games"): English names an edition of an event by its
    venue and year, and a moment of a place's past the same way ("Berlin 1945"). Either
    dates the story by another event, which sports copy does for every earlier Games and
    championship, rather than saying where the story happens."""
    return text[end : end + 1] == " " and _EDITION_AFTER.match(text, end) is not None


def _by_first_word(nouns: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for noun in sorted(nouns, key=len, reverse=True):
        out.setdefault(noun.split(" ")[0], []).append(noun)
    return {word: tuple(found) for word, found in out.items()}


#: First word of each market noun -> the nouns starting with it (cheap lookups).
_MARKET_FIRST: Final = _by_first_word(frozenset(_MODIFIED_NOUNS))


_LOWER_WORD: Final = re.compile(r"[a-z]+")
_TWO_LOWER_WORDS: Final = re.compile(r"([a-z]+)(?: ([a-z]+))?")


def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, branching one character at a time:
    the engine tries one branch per character where a flat alternation tries every word
    (the market nouns grew to about a hundred with the currencies, session 15)."""
    heads: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            heads.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not heads:
        return ""
    branches = [re.escape(c) + _trie(rest) for c, rest in sorted(heads.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


#: What ``market_noun`` needs to find anything, as one pattern matched where the name ends:
#: a space (after an optional dot), then a market noun's first word, or a lower-case word and
#: a market noun. Most names fail it, and the words are then never read (13.8 calls a bench
#: item, none of them a market noun, at half the cost).
_MARKET_ANY: Final = re.compile(
    r"\.? (?:" + _trie(sorted(_MARKET_FIRST)) + r"|[a-z]+ " + _trie(sorted(_MODIFIED_NOUNS)) + ")"
)


#: The first letters of the market nouns' first words, and of the nouns (``heads``).
_FIRSTS_HEADED: Final = heads(sorted(_MARKET_FIRST), 3)
_FIRST_HEAD: Final = _FIRSTS_HEADED[0]
_FIRST_HEADS: Final = _FIRSTS_HEADED[1]
_NOUNS_HEADED: Final = heads(sorted(_MODIFIED_NOUNS), 3)
_NOUN_HEAD: Final = _NOUNS_HEADED[0]
_NOUN_HEADS: Final = _NOUNS_HEADED[1]


def _first_codes(found: frozenset[str]) -> bytes:
    """The first characters of ``found`` (a ``heads`` set) as a table by code point, 1 where
    one opens a head: ``text[i : i + n] in found`` needs ``text[i]`` there, a byte read before
    the slice and the set look-up (``market_noun``; session 35, hperf91)."""
    if "" in found:
        raise ValueError("an empty word in a heads set")
    codes = [ord(h[0]) for h in found]
    table = bytearray(max(codes, default=0) + 1)
    for c in codes:
        table[c] = 1
    return bytes(table)


def _pair_codes(found: frozenset[str]) -> bytes:
    """The first two characters of ``found`` (a ``heads`` set) as a table by ``128 * first +
    second`` for ASCII pairs, 1 where they open a head; a one-character head opens its whole
    row. A text's pair with a non-ASCII character is never looked up here: after the
    first-character table, a byte read rejects most words before the slice and the set
    look-up (``market_noun``; session 36, hperf93)."""
    if "" in found:
        raise ValueError("an empty word in a heads set")
    table = bytearray(128 * 128)
    for h in found:
        a = ord(h[0])
        if a >= 128:
            continue
        if len(h) == 1:
            table[128 * a : 128 * a + 128] = b"\x01" * 128
        elif ord(h[1]) < 128:
            table[128 * a + ord(h[1])] = 1
    return bytes(table)


_FIRST_HEAD_CODES: Final = _first_codes(_FIRST_HEADS)
_FIRST_HEAD_SPAN: Final = len(_FIRST_HEAD_CODES)
_FIRST_HEAD_PAIRS: Final = _pair_codes(_FIRST_HEADS)
_NOUN_HEAD_CODES: Final = _first_codes(_NOUN_HEADS)
_NOUN_HEAD_SPAN: Final = len(_NOUN_HEAD_CODES)
_NOUN_HEAD_PAIRS: Final = _pair_codes(_NOUN_HEADS)
#: ``is_attributive``'s role heads the same way (session 36, hperf93).
_ROLE_HEAD_CODES: Final = _first_codes(_ROLE_HEADS)
_ROLE_HEAD_SPAN: Final = len(_ROLE_HEAD_CODES)
_ROLE_HEAD_PAIRS: Final = _pair_codes(_ROLE_HEADS)


def market_noun(text: str, end: int) -> str:
    """The name qualifies a market instrument or data series ("U.S. crude stocks", "US
    dollar", "U.S. gold futures"): ``"market"``; or an economic or policy backdrop ("the US
    economy", "Iran media"): ``"backdrop"``; else ``""``. One lower-case word may stand
    between. A set lookup per word: it runs for many place names of a story."""
    # _MARKET_ANY's own necessary conditions first, by a slice and a set lookup or two: a
    # space (after an optional dot), then a market noun's first word, or a word up to the
    # next space and a market noun (the pattern's match cost about 2.4 k instructions, 15 k
    # calls per 1,000 bench items, of which about 10 matched; session 27, hperf59).
    size = len(text)
    # "." and " " by code points: no one-character slices (session 33, hperf86)
    i = end + 1 if end < size and ord(text[end]) == 46 else end
    if i >= size or ord(text[i]) != 32:
        return ""
    # Each head's first character by the code-point tables first (``_first_codes``): most
    # words after a name open no head, and then neither slice nor look-up is made.
    j = i + 1
    if (
        j >= size
        or (c := ord(text[j])) >= _FIRST_HEAD_SPAN
        or not _FIRST_HEAD_CODES[c]
        # and the first two by the pair table (an ASCII pair; a pair past the end or with a
        # non-ASCII character goes on to the slice)
        or (
            c < 128
            and j + 1 < size
            and (d := ord(text[j + 1])) < 128
            and not _FIRST_HEAD_PAIRS[128 * c + d]
        )
        or text[j : j + _FIRST_HEAD] not in _FIRST_HEADS
    ):
        k = text.find(" ", j)
        if (
            k <= j
            or k + 1 >= size
            or (c := ord(text[k + 1])) >= _NOUN_HEAD_SPAN
            or not _NOUN_HEAD_CODES[c]
            or (
                c < 128
                and k + 2 < size
                and (d := ord(text[k + 2])) < 128
                and not _NOUN_HEAD_PAIRS[128 * c + d]
            )
            or text[k + 1 : k + 1 + _NOUN_HEAD] not in _NOUN_HEADS
        ):
            return ""
    if _MARKET_ANY.match(text, end) is None:
        return ""  # no market noun can follow (a necessary condition of the tests below)
    # One match for both words: the first lower-case word, and the second when a single
    # space and a lower-case letter follow it (the greedy first group never gives back).
    words = _TWO_LOWER_WORDS.match(text, i + 1)
    if words is None:
        return ""
    first, second = words.groups()
    nouns = _MARKET_FIRST.get(first)
    if nouns is not None:
        for noun in nouns:
            k = i + 1 + len(noun)
            if text[i + 1 : k] == noun and not text[k : k + 1].isalnum():
                return _MODIFIED_NOUNS[noun]
    if second is None:
        return ""
    found = _MODIFIED_NOUNS.get(second)
    if found is None:
        return ""
    k = words.end()
    return "" if text[k : k + 1].isalnum() else found


#: The words ``_EVENT_AFTER`` reads after a name, its modifiers first, and their first
#: letters (``heads``; five: "for" or "con" alone, which ``EVENT_STARTS`` lets through for
#: the tagger's inlined guard, open no event word).
_EVENT_AFTER_WORDS: Final = (
    *("climate", "peace", "nuclear", "grain", "ceasefire", "trade", "agreement", "accord"),
    *("convention", "protocol", "treaty", "treaties", "declaration", "memorandum", "process"),
    *("format", "statute", "charter", "consensus", "principles", "communiqu", "talks"),
)
_EVENTS_HEADED: Final = heads(_EVENT_AFTER_WORDS, 5)
_EVENT_HEAD: Final = _EVENTS_HEADED[0]
_EVENT_HEADS: Final = _EVENTS_HEADED[1]


def _event_after_may(text: str, end: int) -> bool:
    """A necessary condition of ``_EVENT_AFTER.match(text, end)``, by slices: an optional
    "'s", a blank, then a word whose first letters open an event word or its modifier
    (``_EVENT_HEADS``). Where the pattern's case-blind matching could see an ASCII letter
    in another character ("ſ", the Kelvin sign) or blanks run on, it says yes and the
    pattern decides (its match cost about 4 k instructions; session 27, hperf59)."""
    j = end
    c = text[end : end + 1]
    if c == "'" or c == "\u2019":
        s = text[end + 1 : end + 2]
        if s == "s" or s == "S":
            j = end + 2
        elif s and not s.isascii():
            return True
    if not text[j : j + 1].isspace():
        return False
    five = text[j + 1 : j + 1 + _EVENT_HEAD]
    return not five.isascii() or five[:1].isspace() or five.lower() in _EVENT_HEADS


def is_event(text: str, start: int, end: int) -> bool:
    if (
        text[end + 1 : end + 4].lower() not in EVENT_STARTS
        and text[end : end + 1] not in "'’"
        and text[max(0, start - 4) : start] != " of "
    ):
        return False  # cheap guard: the next word cannot start an event noun
    return event_past_guard(text, start, end)


def event_past_guard(text: str, start: int, end: int) -> bool:
    """:func:`is_event` after its cheap guard, for a caller that tested the guard itself
    (``GeoTagger._local_rules``, by code points; its three slices again cost some 600
    instructions a call, 2.8 k calls per 1,000 bench items; session 36, hperf93)."""
    if _event_after_may(text, end) and _EVENT_AFTER.match(text, end):
        return True
    # _EVENT_BEFORE ends in " of" and blanks: tested on the text before the name first (the
    # search tries every position of its window).
    before = text[max(0, start - 24) : start]
    return (
        before[-1:].isspace()
        and before.rstrip().endswith(" of")
        and bool(_EVENT_BEFORE.search(text, max(0, start - 24), start))
    )


#: Prefix forms glued to a place by a hyphen that leave it a place ("Sino-US", "Indo-Pacific").
_PREFIXES: Final = frozenset(
    {
        "sino",
        "indo",
        "euro",
        "afro",
        "anglo",
        "franco",
        "russo",
        "turco",
        "arab",
        "pan",
        "pro",
        "anti",
        "ex",
        "non",
        "post",
        "pre",
        "trans",
        "inter",
    }
)


def in_compound(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    """ "Crans-Montana", "Saint-Denis": the hit is only part of a hyphenated name.

    "US-Iran" or "French-Algerian" stay places because both halves are gazetteer names.
    """
    if start > 1 and text[start - 1] == "-":
        j = start - 1
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j : start - 1]
        if word[:1].isupper() and word.lower() not in known and word.lower() not in _PREFIXES:
            return True
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isupper():
        k = end + 1
        while k < len(text) and text[k].isalpha():
            k += 1
        word = text[end + 1 : k].lower()
        if word not in known and word not in _PREFIXES:
            return True
    return False


#: "of South African descent": nouns of a person's family background (``ancestry_nouns.txt``).
_ANCESTRY_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "ancestry_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: First letters of the nouns of ancestry: the tagger's cheap test before ``ancestry_after``.
ANCESTRY_FIRSTS: Final = frozenset(noun[0] for noun in _ANCESTRY_NOUNS)
#: The word before a demonym of ancestry: "a forward of South African descent", "proud of his
#: Nigerian heritage"; not "Syrian heritage sites" or "the Chinese origin of the virus".
_ANCESTRY_BEFORE: Final = frozenset({"of", "his", "her", "their"})
#: The last letters of those words in either case: ``lower()`` maps no other character to
#: an ASCII letter but the Kelvin sign ("k"), so the word before the blank ends in one of
#: these or is none of the words (a cheap test first; 4 k calls per 1,000 bench items).
_ANCESTRY_BEFORE_ENDS: Final = frozenset(
    c for word in _ANCESTRY_BEFORE for c in (word[-1], word[-1].upper())
)


def ancestry_after(text: str, start: int, end: int) -> bool:
    """ "of South African descent", "of Indian origin", "his Nigerian heritage": the name
    before a noun of ancestry (``ancestry_nouns.txt``, possessive "descent's" too), after "of"
    or a possessive pronoun (``_ANCESTRY_BEFORE``), is a person's family background (issue
    #16, session 24, a53-001). Elsewhere the noun is a thing's: "looters stripped Syrian
    heritage sites", "the Chinese origin of the virus", and "of Syrian heritage sites" too
    (review of session 24)."""
    if text[end : end + 1] != " " or text[start - 1 : start] != " ":
        return False
    if text[start - 2 : start - 1] not in _ANCESTRY_BEFORE_ENDS:
        return False  # the last test's word ends in none of their letters: no "of", "his" ...
    word = text[end + 1 : end + 12].split(" ", 1)[0].rstrip(".,;:)")
    for ending in ("'s", "’s"):
        word = word.removesuffix(ending)
    if word not in _ANCESTRY_NOUNS:
        return False
    if text[end + 1 + len(word) : end + 6 + len(word)] in (" site", " list"):
        return False  # "of Syrian heritage sites", "of Iraqi heritage list"
    return text[max(0, start - 7) : start - 1].rpartition(" ")[2].lower() in _ANCESTRY_BEFORE


#: "Asia outside Japan", "Asia ex-Japan": what carves a country out of a world area's figure
#: (``carve_out_words.txt``), and the world areas it follows (``areas.tsv``).
_CARVE_OUT: Final = tuple(
    " " + line.strip()
    for line in (DATA_DIR / "carve_out_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: The last letters of those words: a cheap test before ``carve_out``.
CARVE_ENDS: Final = frozenset(phrase[-1] for phrase in _CARVE_OUT)
#: Their last two characters as code points (``128 * first + second``), for ASCII pairs: a
#: necessary condition ``carve_out`` tests before its slices ("ex", "de", "pt", ...).
_CARVE_PAIRS: Final = frozenset(
    128 * ord(phrase[-2]) + ord(phrase[-1])
    for phrase in _CARVE_OUT
    if ord(phrase[-2]) < 128 and ord(phrase[-1]) < 128
)
#: Whether every phrase ends in an ASCII pair (else the pair test cannot reject).
_CARVE_ASCII: Final = all(ord(p[-2]) < 128 and ord(p[-1]) < 128 for p in _CARVE_OUT)
_CARVE_AREAS: Final = tuple(
    line.split("\t", 1)[0].strip()
    for line in (DATA_DIR / "areas.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def carve_out(text: str, start: int) -> bool:
    """ "6% in Asia outside Japan", "Asia ex-Japan equities": a country right after a carve-out
    word that follows a world area is the one place a regional figure leaves out, not a place
    of the story (issue #16, session 24, a55-002). The area must come first: "factories
    outside Japan" names Japan's own story."""
    # The two characters before the blank (or hyphen) lower-cased by code points must end a
    # phrase: most words before a name do not, and then no slice is made (3.3 k calls per
    # 1,000 bench items, about 2 k instructions each; session 36, hperf93). A non-ASCII one
    # goes on to the slices, whose ``lower`` it could lengthen.
    if _CARVE_ASCII and start > 2:
        a, b = ord(text[start - 3]), ord(text[start - 2])
        if a < 128 and b < 128:
            if 65 <= a <= 90:
                a += 32
            if 65 <= b <= 90:
                b += 32
            if 128 * a + b not in _CARVE_PAIRS:
                return False
    head = text[max(0, start - 40) : start]
    if head.endswith("-"):
        head = head[:-1] + " "
    if not head.endswith(" "):
        return False
    low = head[:-1].lower()
    for phrase in _CARVE_OUT:
        if low.endswith(phrase):
            rest = head[: len(low) - len(phrase)].rstrip(" ,")
            return any(
                rest.endswith(area) and not rest[-len(area) - 1 : -len(area)].isalpha()
                for area in _CARVE_AREAS
            )
    return False


def is_origin(text: str, end: int) -> bool:
    if text[end : end + 1] != "-":
        return False
    return bool(_ORIGIN_AFTER.match(text, end))


#: How far the word fast paths look for the space that ends a neighbouring word.
_WORD_WINDOW: Final = 40


def first_name_before(text: str, start: int, first_names: frozenset[str]) -> bool:
    """A capitalised common first name right before the hit ("John Tory", not "Tory MPs" or
    "the Tory")."""
    word = _word_before(text, start)
    low = word.lower()
    # "In May Tory MPs", "since June": a month (a name neighbour) is no first name here.
    return len(word) > 1 and word[0].isupper() and low in first_names and low not in _NEIGHBOURS


def _word_before(text: str, start: int) -> str:
    i = start - 1
    if i < 0 or text[i] != " ":
        return ""
    # Fast path (most neighbours are plain words): the run of letters back to a space is the
    # whole word, found by C-level calls instead of a loop over characters.
    lo = i - _WORD_WINDOW if i > _WORD_WINDOW else 0
    k = text.rfind(" ", lo, i)
    if (k >= 0 or lo == 0) and _alpha_run(text, k + 1, i):  # text[k + 1 : i].isalpha()
        return text[k + 1 : i]
    j = i
    while j > 0 and (alpha_at(text, j - 1) or text[j - 1] in ".'"):
        j -= 1
    return text[j:i]


def _alpha_run(text: str, lo: int, hi: int) -> bool:
    """``text[lo:hi].isalpha()`` (``0 <= lo``, ``hi <= len(text)``) character by character:
    ``isalpha`` is a method looked up and called in the compiled core (``_word_before``'s
    12.8 k calls per 1,000 bench items, 3.5 M instructions)."""
    return lo < hi and all(alpha_at(text, j) for j in range(lo, hi))


def _word_after(text: str, end: int) -> str:
    if end >= len(text) or text[end] != " ":
        return ""
    # Fast path, as in _word_before: a plain word up to the next space or the end of the text.
    k = text.find(" ", end + 1, end + 1 + _WORD_WINDOW)
    if k < 0 and end + 1 + _WORD_WINDOW >= len(text):
        k = len(text)
    if k >= 0:
        word = text[end + 1 : k]
        if word.isalpha():
            return word
    j = end + 1
    while j < len(text) and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return text[end + 1 : j]


def _company_areas() -> dict[str, frozenset[str]]:
    """``company_areas.tsv``: world areas also named like a big company -> the nouns after
    which the bare name is still the area."""
    out: dict[str, frozenset[str]] = {}
    for line in (DATA_DIR / "company_areas.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, nouns = line.split("\t")
            out[name] = frozenset(nouns.split())
    return out


_COMPANY_AREAS: Final = _company_areas()


def _area_nouns() -> dict[str, bool]:
    """``area_nouns.tsv``: noun -> whether it needs an indefinite article before the area."""
    out: dict[str, bool] = {}
    for line in (DATA_DIR / "area_nouns.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, needs = line.split("\t")
            out[noun] = needs == "article"
    return out


_AREA_NOUNS: Final = _area_nouns()
_INDEFINITE: Final = frozenset({"a", "an", "one", "another"})


#: Words after "RBI" in baseball copy ("an RBI single", "RBI groundout"); the Reserve Bank of
#: India's "RBI" is followed by a name, a verb or a noun of policy ("RBI Governor", "RBI said").
_RBI_PLAYS: Final = frozenset(
    [
        "single",
        "double",
        "triple",
        "groundout",
        "grounder",
        "sacrifice",
        "fly",
        "bunt",
        "hit",
        "base",
        "walk",
        "chopper",
        "knock",
        "opportunities",
        "chances",
        "lead",
        "total",
        "totals",
        "title",
        "crown",
        "machine",
    ]
)
_RBI_COUNT: Final = re.compile(
    r"(?:\d+(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|career-high"
    r"|season-high|game-high|team-high)\s$"
)
#: After a count, what ends a baseball "three RBI" (a clause going on), not "two RBI officials".
_RBI_COUNT_AFTER: Final = frozenset(
    [
        "in",
        "on",
        "and",
        "with",
        "this",
        "for",
        "of",
        "to",
        "as",
        "while",
        "during",
        "against",
        "off",
        "over",
        "but",
    ]
)


def baseball_rbi(text: str, start: int, end: int) -> bool:
    """ "an RBI single", "three RBI", "his 100th RBI": runs batted in, a baseball statistic, not
    the Reserve Bank of India, whose acronym baseball copy writes in every box score and
    game story (issue #16, session 21: a headline's "RBI double" made a Dodgers game Indian).
    Read from the words around the acronym only: the Reserve Bank is "the RBI", "RBI Governor",
    "an RBI official"."""
    rest = text[end : end + 16].lstrip(" ")
    word = rest.split(" ", 1)[0].rstrip(".,;:!?)'\u2019").lower() if rest else ""
    if word in _RBI_PLAYS:
        return True
    if _RBI_COUNT.search(text, max(0, start - 14), start) is None:
        return False
    return not rest or not rest[0].isalpha() or word in _RBI_COUNT_AFTER


def unnamed_area(text: str, start: int, end: int) -> bool:
    """ "nationals of an Asian country", "two Asian expats": a world area's adjective before a
    noun of people, or of one country the copy leaves unnamed, says where those people come
    from, never where the story is (issue #16, session 20: a Qatari ministry's arrest of
    "nationals of an Asian country" read as asia-pacific)."""
    needs = _AREA_NOUNS.get(_word_after(text, end))
    if needs is None:
        return False
    return not needs or _word_before(text, start).lower() in _INDEFINITE


_TITLE_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "title_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: Quotation marks a title may open with, and those it may close with.
TITLE_OPENERS: Final = "'\"‘“"
TITLE_CLOSERS: Final = "'\"’”"


def work_title(text: str, start: int, end: int) -> bool:
    """ "names fifth album 'Austin'", "the series "Chernobyl"": a name set alone in quotes
    right after a noun of a work (``title_nouns.txt``, a comma between them allowed) is the
    work's title, no place (issue #16, session 20: a8-047's album read as Austin, Texas).
    The caller has checked the quotes around the name."""
    before = text[max(0, start - 32) : start - 1].rstrip(" ,:")
    return before.rpartition(" ")[2].lower() in _TITLE_NOUNS


def company_reading(text: str, start: int, end: int, name: str) -> bool:
    """ "Amazon said", "Amazon, the U.S. online retailer": a world area's name that is also a
    company's, read as the company. The area takes the article ("the Amazon", "the Brazilian
    Amazon", "the Sahara") or one of its own nouns after it ("Amazon deforestation")."""
    nouns = _COMPANY_AREAS.get(name)
    if nouns is None or _word_after(text, end).lower() in nouns:
        return False
    before = _word_before(text, start)
    if before.lower() == "the":
        return False
    # "the Brazilian Amazon", "the western Sahara": one word between the article and the name
    return not (before and _word_before(text, start - len(before) - 1).lower() == "the")


def is_two_word_name(text: str, end: int, surnames: frozenset[str]) -> bool:
    """The word after ``end`` is a common surname that ends the name ("Paris Hilton said",
    "Kenya Moore's"): a first name and a surname, not a firm's name ("Kenya Power") nor a
    longer organisation's ("Paris Regional Medical Center")."""
    word = _word_after(text, end)
    k = end + 1 + len(word)
    return (
        word.lower() in surnames
        and word[:1].isupper()
        and not (text[k : k + 1] == " " and text[k + 1 : k + 2].isupper())
    )


def after_article(text: str, start: int) -> bool:
    """ "the Dane", "a German": the word before is an article (no first name takes one)."""
    return _word_before(text, start).lower() in ("the", "a", "an")


def article_name(text: str, start: int, first_names: frozenset[str]) -> bool:
    """The capitalised word before ``start`` follows an article and is no common first name
    (``first_names``): "the FreeCycle Abu Dhabi group", "a Visit Dubai campaign" open an
    organisation's or a brand's name, and the name at ``start`` is the town it is named after,
    not a surname. A first name after an article is still a person's, named as an attribute
    ("a Giuseppe Mascara header", "an Al Arabi player"), and so is an honorific's name."""
    word = _word_before(text, start)
    low = word.lower()
    if not word or low in first_names or low.rstrip(".") in _HONORIFICS:
        return False
    return after_article(text, start - 1 - len(word))


def _namelike(word: str) -> bool:
    return (
        len(word) > 1
        and upper_at(word, 0)  # word[0].isupper()
        and not word.isupper()
        and word.lower().rstrip(".") not in _NEIGHBOURS
    )


def is_person(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    """ "Michael Jordan", "Jordan Bardella", "Lewis Hamilton": a name next to another name.

    ``known`` holds folded gazetteer names, so "Amman Jordan" style neighbours stay places.
    """
    for word in (_word_before(text, start), _word_after(text, end)):
        if _namelike(word) and word.lower() not in known:
            return True
    return False


#: Titles and roles before a person's name ("Mr Jordan", "striker Santos"), from the data file.
_HONORIFICS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "honorifics.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def of_full_name(text: str, start: int, known: frozenset[str], end: int) -> bool:
    """ "Anish Giri of Holland", "Wesley So of United States", "Dana Reyes of the US": the
    name at ``start`` (to ``end``) follows " of " (or " of the ", a country named with its
    article) after a person's full name (two name-like words, no place or title), so it is the
    person's nationality. With the article, not where the name opens a body's ("Jane Doe of the
    US Geological Survey") or is its possessive ("of the Philippines' health department"): the
    article is the body's (review hrev35a, session 35)."""
    if text[start - 4 : start] == " of ":
        at = start - 3
    elif text[start - 8 : start] == " of the ":
        nxt = text[end : end + 2]
        if nxt[:1] in ("'", "\u2019") or (nxt[:1] == " " and nxt[1:].isupper()):
            return False
        at = start - 7
    else:
        return False
    last = _word_before(text, at)
    if not (_namelike(last) and last.lower() not in known):
        return False
    first = _word_before(text, at - len(last) - 1)
    return _namelike(first) and first.lower() not in known and first.lower() not in _HONORIFICS


#: Words of sports events and venues, which a possessive names as the host's ("Japan's Grand
#: Prix", "Bahrain's Sakhir Circuit"), not a competitor's nationality.
_EVENT_WORDS: Final = frozenset(
    {
        "grand",
        "prix",
        "circuit",
        "park",
        "games",
        "championship",
        "championships",
        "olympic",
        "masters",
        "classic",
        "tour",
        "marathon",
        "derby",
        "series",
        "trophy",
        "rally",
        "race",
        "stadium",
        "arena",
    }
)


#: Words of grounds and clubs named after their town ("Adelaide Oval", "Sydney Cricket Ground",
#: "Adelaide United"): after a place that is also a first name, the name is the host's venue or
#: club, not a player (:func:`possessive_full_name`; review hrev32b). Not surnames.
_VENUE_WORDS: Final = frozenset(
    {
        "oval",
        "ground",
        "cricket",
        "gardens",
        "bowl",
        "dome",
        "velodrome",
        "speedway",
        "raceway",
        "racecourse",
        "motor",
        "open",
        "cup",
        "international",
        "united",
        "city",
        "fc",
        "club",
        "regional",
    }
)


def possessive_full_name(
    text: str, end: int, known: frozenset[str], first_names: frozenset[str] = frozenset()
) -> bool:
    """ "France's Yoan Benbedra", "Kenya's Faith Kipyegon": the name ending at ``end`` is a
    possessive before a person's full name (two name-like words, no place, title or event
    word), the form sports copy gives a competitor's nationality in, as "Zac Ladkin of
    Britain" does (issue #16, session 21). The caller has seen "'s " right after ``end``, or
    "' " after a name ending in "s" ("the Netherlands' Robin Haase", session 32). A first name
    that is also a place's (``first_names``: "Russia's Alexandra Morozova") is a first name
    here too: the surname after it must still be no place, and neither it nor the word after
    it a ground's or club's (``_VENUE_WORDS``: "Australia's Adelaide Oval", "Australia's Sydney
    Cricket Ground" are the host's venue)."""
    space = end + 2 if text[end + 1 : end + 2] == "s" else end + 1
    first = _word_after(text, space)
    low = first.lower()
    if not (
        _namelike(first)
        and (low not in known or low in first_names)
        and low not in _HONORIFICS
        and low not in _EVENT_WORDS
    ):
        return False
    last = _word_after(text, space + 1 + len(first))
    if not (_namelike(last) and last.lower() not in known and last.lower() not in _EVENT_WORDS):
        return False
    if low not in known:
        return True
    # a place's name as the first name: no venue or club after it
    after = _word_after(text, space + 2 + len(first) + len(last)).lower()
    return (
        last.lower() not in _VENUE_WORDS and after not in _VENUE_WORDS and after not in _EVENT_WORDS
    )


def name_side(text: str, start: int, end: int, known: frozenset[str], *, runs: bool = False) -> str:
    """Which neighbour makes the hit part of a longer name: "before" ("Antony Blinken" seen
    from "Blinken", or "Mr Jordan", "striker Santos": a person), "after" ("Anchorage
    Capital", "Antony Blinken" seen from "Antony": an organisation or a first name), or ""
    (a place).

    With ``runs``, a hit with a capitalised name on both sides is "after": inside a run of
    three names it is part of an organisation's or event's name ("Standard Chartered Dubai
    Marathon"), not the surname of a person, which would make every later mention of the
    town a person too."""
    # Most neighbours are plain lower-case words ("said", "in", "striker"): such a word is a
    # person's title (an honorific) or nothing, so it is read back to its blank by code points
    # and looked up as it is, where the general path below slices it, lower-cases it and
    # strips its dots (12.3 k calls per 1,000 bench items; session 36, hperf93). The walk stops
    # where ``_word_before``'s fast path would find its blank, so the word is the same.
    i = start - 1
    if i > 0 and ord(text[i]) == 32:
        lo = i - _WORD_WINDOW if i > _WORD_WINDOW else 0
        j = i
        while j > lo and 97 <= ord(text[j - 1]) <= 122:
            j -= 1
        if j < i and ((j > lo and ord(text[j - 1]) == 32) or j == 0):
            if text[j:i] in _HONORIFICS:
                return "before"
            # a lower-case word before: no name before, so only a name after counts
            if end >= len(text) or ord(text[end]) != 32 or not upper_at(text, end + 1):
                return ""
            word = _word_after(text, end)
            if (
                len(word) > 1
                and upper_at(word, 0)  # word[0].isupper()
                and not word.isupper()
                and word.lower().rstrip(".") not in _NEIGHBOURS
                and word.lower() not in known
            ):
                return "after"
            return ""
    # _namelike inlined, the cheap capital test first: most neighbours are lower-case words.
    word = _word_before(text, start)
    low = word.lower()
    bare = low.rstrip(".")
    if bare in _HONORIFICS:
        return "before"
    before = (
        len(word) > 1
        and upper_at(word, 0)  # word[0].isupper()
        and not word.isupper()
        and bare not in _NEIGHBOURS
        and low not in known
        # "die Hafenstadt Odessa": German's place nouns are built freely (session 26, hgeo63)
        and not bare.endswith(_NEIGHBOUR_HEADS)
        # "Credit Suisse's London headquarters": a firm's or person's possessive owns the place,
        # and no first name takes one (session 27, hgeo68, a68-001). After a bare place's
        # possessive ("Ontario's North Shore") the name is a part of that place, which counts
        # on its own: no place of its own, as before.
        and not (
            low.endswith("'s")
            and (low[:-2] not in known or _word_before(text, start - len(word) - 1)[:1].isupper())
        )
    )
    if before and not runs:
        return "before"
    if text[end : end + 1] != " " or not upper_at(text, end + 1):
        # the word after is no capitalised word (_word_after's first character)
        return "before" if before else ""
    word = _word_after(text, end)
    if (
        len(word) > 1
        and upper_at(word, 0)  # word[0].isupper()
        and not word.isupper()
        and word.lower().rstrip(".") not in _NEIGHBOURS
        and word.lower() not in known
    ):
        return "after"
    return "before" if before else ""


#: "Navarre Park", "Kingston Avenue": nouns after which a place name names a street or landmark.
_STREET_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "street_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def is_street(text: str, end: int) -> bool:
    """The name right before ``end`` names a street, park or mall ("Navarre Park")."""
    word = _word_after(text, end)
    if word in _STREET_NOUNS:
        return True
    return text[end + 1 + len(word) : end + 2 + len(word)] == "." and word + "." in _STREET_NOUNS


#: "Burma Camp", "Malta Barracks": nouns after which a country's name names a base of the
#: story's own town (``country_site_nouns.txt``); a town's name before them stays the town.
_COUNTRY_SITE_NOUNS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "country_site_nouns.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def is_country_site(text: str, end: int) -> bool:
    """The country's name right before ``end`` names a camp or barracks ("Burma Camp")."""
    return _word_after(text, end) in _COUNTRY_SITE_NOUNS


#: "Via España", "Avenida Brasil", "Rue de Londres": street words written before the name.
_STREET_PREFIXES: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "street_prefixes.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: Linking words between a street word and the name ("Rue de Londres", "Place de la ...").
_STREET_LINKS: Final = frozenset({"de", "del", "la", "des", "du", "di", "da", "do", "dos", "das"})
#: "the intersection of Juba Spring and City View": a crossing names streets.
_CROSSINGS: Final = tuple(
    f"{noun}{plural} {link} "
    for noun in ("intersection", "corner", "junction", "crossroads")
    for plural in ("", "s")
    for link in ("of", "with")
)
#: "the intersection of India Inc and Silicon Valley": a country's business world, no street.
_CORPORATE_AFTER: Final = frozenset({"Inc", "Plc", "PLC", "Ltd", "Corp"})
#: The words right before a name that may make it a street (the tagger's cheap test first).
STREET_GUARD: Final = _STREET_PREFIXES | _STREET_LINKS | {"of", "with"}


def street_form(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is part of a street's name by its form alone: after a
    street word written before the name ("on Via España", "along Avenida Brasil", "Rue de
    Londres") or as the first word of a crossing street ("the intersection of Juba Spring and
    City View"). Such a street lies in the story's own town whatever it is named after. The
    tagger calls it only when the word before the name ends like a word of ``STREET_GUARD``."""
    if start < 2 or text[start - 1] != " ":
        return False
    last = text[text.rfind(" ", max(0, start - 16), start - 1) + 1 : start - 1]
    if last == "of" or last == "with":
        # "the intersection of Juba Spring and ...": the name and a capitalised word after it
        # ("in conjunction with" is no crossing: the noun starts a word).
        if not text.endswith(_CROSSINGS, 0, start):
            return False
        for crossing in _CROSSINGS:
            at = start - len(crossing)
            if (
                at >= 0
                and text.startswith(crossing, at)
                and (at == 0 or not text[at - 1].isalpha())
            ):
                word = _word_after(text, end)
                return len(word) > 1 and word[0].isupper() and word not in _CORPORATE_AFTER
        return False
    if last not in _STREET_PREFIXES and last not in _STREET_LINKS:
        return False
    words = text[max(0, start - 40) : start - 1].rsplit(" ", 4)
    i = len(words) - 1
    # "Rue de Londres", "Place de la ...": up to two linking words between street word and name.
    while i > 1 and len(words) - i <= 2 and words[i] in _STREET_LINKS:
        i -= 1
    if i >= 1 and words[i] in _STREET_PREFIXES:
        opener = words[i - 1]
        # mid-sentence after a lower-case word: no title-case headline, no sentence opening
        return opener[-1:].isalpha() and opener[:1].islower()
    return False


#: "in Paris", "near Paris": words after which a name is in a place's position.
_PLACE_PREPOSITIONS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "place_prepositions.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


#: "in downtown Charlottetown": words of a town's part or area between a preposition and a name.
_PLACE_AREA_WORDS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "place_area_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def _phrases_longest_first(name: str) -> tuple[str, ...]:
    """A data file's phrases (one a line, ``#`` comments), longest first: an alternation built
    from them tries "additional reporting by" before "reporting by"."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    phrases = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(sorted(phrases, key=len, reverse=True))


#: "former Wales manager": a sports role after a team's name (``team_roles.txt``).
_TEAM_ROLES: Final = _phrases_longest_first("team_roles.txt")
_TEAM_ROLE_AFTER: Final = re.compile(
    r"(?: [A-Z][\w.'’-]*){0,2} (?:" + "|".join(re.escape(r) for r in _TEAM_ROLES) + r")\b"
)


def former_team(text: str, start: int, end: int) -> bool:
    """ "former Wales manager Chris Coleman", "ex-Barcelona star", "former West Ham United
    boss": a team's name after "former" or "ex-" and before a player's or coach's role
    (``team_roles.txt``) is the person's old side, their career, not a place of the story
    (issue #16, session 24, a53-007)."""
    if text[start - 3 : start].lower() == "ex-":
        if start > 3 and text[start - 4].isalnum():
            return False  # "Essex-Kent": no "ex-" of its own
    elif text[max(0, start - 7) : start].lower() == "former ":
        if start > 7 and text[start - 8].isalnum():
            return False  # "transformer Wales": no "former" of its own
    else:
        return False
    return _TEAM_ROLE_AFTER.match(text, end) is not None


#: "the River Lamia": words that name a river right before its name (``river_words.txt``).
RIVER_WORDS: Final = frozenset(_phrases_longest_first("river_words.txt"))
#: Their last letters in either case: the tagger's cheap test of the character before the
#: space before a name.
RIVER_ENDS: Final = frozenset(c for word in RIVER_WORDS for c in (word[-1], word[-1].upper()))


def river_name(text: str, start: int) -> bool:
    """ "the River Lamia", "river Nyamwamba burst its banks": a name right after a river word
    (``river_words.txt``, any case, a word of its own) is the river's, not the town or country
    it shares the name with (issue #16, session 30, hgeo79, a79-014: the River Lamia on the
    Ugandan border read as Lamia, Greece, then as a US town)."""
    end = start - 1  # the space before the name
    begin = end
    while begin > 0 and alpha_at(text, begin - 1):  # text[begin - 1].isalpha()
        begin -= 1
    return begin < end and text[begin:end].lower() in RIVER_WORDS


#: "(Reporting by ... in BEIJING": how a sign-off's credit clause opens (``credit_words.txt``).
_CREDIT_OPENERS: Final = _phrases_longest_first("credit_words.txt")
#: How far back a credit clause may open: names and a place or two.
_CREDIT_SPAN: Final = 160


def credit_place(text: str, start: int) -> bool:
    """ "(Reporting by Aizhu Chen in BEIJING; additional reporting by Henning Gloystein in
    SINGAPORE": a place named after "in" (or "and", a second bureau) in a clause that opens a
    parenthesis, a ";" part or a line with a credit (``credit_words.txt``) and holds only
    capitalised names before it is a bureau of the copy's sign-off, a desk (issue #16, session
    23, a53-015); "reporting by local papers in Singapore" in the story's own words is not."""
    # Searched back over the span only, "by" first (every opener ends in it), with no builtin
    # max: "in X" is common, and this ran before every one (review of session 24, issue #17).
    floor = start - _CREDIT_SPAN - 1
    if floor < 0:
        floor = 0
    if _plain_word_before(text, start, floor):
        return False
    if (
        text.find("by ", floor, start) < 0
        and text.find("By ", floor, start) < 0
        and text.find("BY ", floor, start) < 0
    ):
        return False
    lo = text.rfind("(", floor, start)
    other = text.rfind(";", floor, start)
    if other > lo:
        lo = other
    other = text.rfind("\n", floor, start)
    if other > lo:
        lo = other
    if lo < 0 or start - lo > _CREDIT_SPAN:
        return False
    clause = text[lo + 1 : start].strip()
    low = clause.lower()
    opener = ""
    for o in _CREDIT_OPENERS:
        if low.startswith(o):
            opener = o
            break
    if not opener:
        return False
    words = clause[len(opener) :].replace(",", " ").split()
    return (
        len(words) >= 2
        and words[-1] in ("in", "and")
        and "in" in words
        and all(w in ("in", "and") or w[:1].isupper() for w in words)
    )


def _plain_word_before(text: str, start: int, floor: int) -> bool:
    """Whether a credit clause cannot end at ``start``: "in "/"and " right before it, one
    blank before that, and before the blank a word of ASCII lower-case letters only (back to
    a blank after ``floor``) that ends in neither "in" nor "and" ("officials in Paris", "said
    in Paris"). :func:`credit_place` needs a capitalised name or "in"/"and" as the last word
    but one of the clause, which is that word or an end of it, so it would say no; here a
    walk back over one word decides it for most places after "in", where three searches of
    the span did (14 k calls per 1,000 bench items). False: not known, ask the span."""
    # By code points, no slices (session 33, hperf86): "in " or "and " before ``start``.
    if start < 3 or ord(text[start - 1]) != 32:
        return False
    c = ord(text[start - 2])
    if c == 110 and ord(text[start - 3]) == 105:  # "in "
        b = start - 4  # the blank before "in"
    elif c == 100 and start > 3 and ord(text[start - 3]) == 110 and ord(text[start - 4]) == 97:
        b = start - 5  # "and "
    else:
        return False
    if b <= floor or ord(text[b]) != 32:
        return False
    j = b
    while True:
        if j <= floor:
            return False  # the word runs back to the floor: the span decides
        c = ord(text[j - 1])
        if 97 <= c <= 122:
            j -= 1
        elif c == 32 and j < b:
            break
        else:
            return False  # no blank, or another character in the word: the span decides
    last = ord(text[b - 1])
    if last == 110:  # "n"
        return ord(text[b - 2]) != 105  # "...in" (the blank before a one-letter word is no "i")
    if last == 100:  # "d"
        return text[b - 3 : b] != "and"
    return True


#: "Taylor said": reporting verbs that make a surname-like town name a speaker.
_SPEECH_VERBS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "speech_verbs.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: "said Taylor": the verbs of ``speech_verbs.txt`` that also stand before the speaker.
_SPEECH_BEFORE: Final = ("said", "says", "told")


def speaker(text: str, start: int, end: int) -> bool:
    """The name is a speaker: a reporting verb right after it ("Taylor said", "Kennedy told
    reporters") or right before it ("said Taylor"), or "according to" before it; a name in a
    place's position is the town whatever follows ("residents of Taylor said"). Only asked
    of a stop-listed town that is also a common surname, for which speaking makes it the
    person (issue #16, session 22); a capital speaking for its government ("Moscow said") is
    never asked."""
    before = _word_before(text, start).lower()
    if before == "to":
        return text.endswith("ccording to", 0, start - 1)
    if before in _SPEECH_BEFORE:
        return True
    return before not in _PLACE_PREPOSITIONS and _word_after(text, end) in _SPEECH_VERBS


#: "Masvingo said", "Norfolk county": words after which a bare name is no town modifying a noun.
_LONE_TOWN_STOPS: Final = frozenset(
    line.strip()
    for line in (DATA_DIR / "lone_town_stops.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def town_modifier(text: str, end: int) -> bool:
    """A bare name modifies the lower-case noun after it, as a town does ("Meru residents",
    "Liverpool sailings"): no verb that makes the name a subject ("Masvingo said", "Masvingo
    scored": ``lone_town_stops.txt`` and the -ed ending) and no administrative unit's noun
    ("Norfolk county"). A capitalised word after it ("Norfolk County Council", "Paisley Park")
    opens a longer name."""
    word = _word_after(text, end)
    return word[:1].islower() and word not in _LONE_TOWN_STOPS and not word.endswith("ed")


def opens_longer_name(text: str, end: int) -> bool:
    """A capitalised word follows the name directly ("Warwick County", "Paisley Park",
    "Bolton Wanderers"): the name opens a longer one (a county the gazetteer does not know, a
    firm, a club), so it is no town standing alone even after "in" or "into"; "Paris, Texas"
    (a comma) is a qualifier, not a longer name."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()


def in_place_position(text: str, start: int, end: int) -> bool:
    """A bare name stands where a place does: after a place preposition ("in Paris", "near
    Paris"), also with a word of a town's part or area between ("in downtown Charlottetown",
    "in rural Staunton", ``place_area_words.txt``; session 24, a53-010), or qualified ("Paris,
    Texas"); a subject ("Paris said"), a possessive ("Paris's") or a title ("her debut Paris")
    is not."""
    head, _, before = text[max(0, start - 24) : start].rstrip().rpartition(" ")
    before = before.lower()
    if before in _PLACE_PREPOSITIONS:
        return True
    if before in _PLACE_AREA_WORDS and head.rpartition(" ")[2].lower() in _PLACE_PREPOSITIONS:
        return True
    return text[end : end + 2] == ", " and text[end + 2 : end + 3].isupper()


#: AP-style US state abbreviations that qualify a town ("Cairo, Ga."), read from the data file.
STATE_ABBREVIATIONS: Final = {
    row.split("\t")[0].strip(): row.split("\t")[1].strip()
    for row in (DATA_DIR / "state_abbreviations.tsv").read_text(encoding="utf-8").splitlines()
    if row.strip() and not row.startswith("#")
}


#: A postal code as a qualifier: two or three capitals ending the word ("TX", "NSW").
_POSTAL: Final = re.compile(r"[A-Z]{2,3}(?!\w)(?!\.\w)")


def abbreviated_state(text: str, at: int) -> str:
    """Country of an abbreviated state written at ``text[at:]`` ("Ga.", "Tex.", "TX", "NSW"),
    or ""."""
    dot = text.rfind(".", at, at + 7)
    while dot >= at:
        # "N.Y.", "W.Va.": the longest dotted abbreviation first (a town's "N." is no state).
        if state := STATE_ABBREVIATIONS.get(text[at : dot + 1], ""):
            return state
        dot = text.rfind(".", at, dot)
    code = _POSTAL.match(text, at)
    return STATE_ABBREVIATIONS.get(code.group(), "") if code else ""


def qualifier_after(text: str, end: int) -> int:
    """Offset where a ", Texas"-style qualifier starts after a city, or -1."""
    if text[end : end + 2] == ", " and end + 2 < len(text) and text[end + 2].isupper():
        return end + 2
    return -1


def trade_partner(text: str, start: int, end: int) -> bool:
    """A headline's name is a foreign market, buyer or donor of the story, not its place:
    right before a buyer or market noun of ``partner_nouns.txt`` ("Big US buyers circle Tel
    Aviv start-ups", "China's appetite lifts Brazil's soybean exports"), or joined by "and"
    to a name before one ("Weak Hong Kong and US demand"), or right after a
    trade noun and its preposition ("Pharma sales to America push Irish goods exports")."""
    after = text[end : end + 1]
    i = -1
    if after == " ":
        i = end + 1
    elif (after == "'" or after == "’") and text[end + 1 : end + 3] == "s ":
        i = end + 3
    # First letters before any pattern: most headline names are followed by no such noun.
    if i > 0 and text[i : i + 1].lower() in _PARTNER_HEADS:
        found = _PARTNER_NOUN.match(text, i)
        if found is not None and found.group().lower() in _PARTNER_AFTER:
            return True
    if i == end + 1 and text[end : end + 5] == " and ":  # startswith(..., end): generic
        found = _PARTNER_JOINED.match(text, end)
        if found is not None and found.group(1) in _PARTNER_AFTER:
            return True
    return (
        text[max(0, start - _PARTNER_PREPOSITION_MAX) : start].endswith(_PARTNER_PREPOSITIONS)
        and _PARTNER_BEFORE.search(text, max(0, start - 20), start) is not None
    )


def route_destination(text: str, start: int) -> bool:
    """A name right after a phrase of ``route_words.txt`` ("a boat bound for Italy", "trying
    to reach Europe", "attempts to cross to Italy"; "the" may stand between) is where a
    journey was headed, not where the story happens (issue #16, session 31, hgeo84, a84-016:
    bodies recovered off Sfax, "the starting point for attempts to cross to Italy")."""
    return (
        start >= _ROUTE_MIN
        # every tail ends in a blank (``_ROUTE_TAILS``)
        and ord(text[start - 1]) == 32
        and ord(text[start - 2]) in _ROUTE_LETTERS
        and text[start - 3 : start] in _ROUTE_ENDS
        and text.endswith(_ROUTE_TAILS, 0, start)
        and _ROUTE_BEFORE.search(text, max(0, start - _ROUTE_SPAN), start) is not None
    )
