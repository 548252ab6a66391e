"""Geo's fast paths give what the plain code they short-cut gives: the neighbour-word readers
of ``geo.context`` against their character loops, on generated text (plain words, dotted and
hyphenated ones, punctuation, non-Latin letters, other blanks, long words past the fast path's
window), and the ASCII fold against the full translation table."""

from __future__ import annotations

import math
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.geo import GeoTagger, context, scoring, tagger, text
from streams.core.geo.gazetteer import BODY_CITY_MIN
from streams.core.geo.matcher import Matcher
from streams.core.geo.terms import Term, hits_of, named_hits, named_hits_of
from streams.core.geo.text import upper_at


def _word_before_reference(text: str, start: int) -> str:
    i = start - 1
    if i < 0 or text[i] != " ":
        return ""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".'"):
        j -= 1
    return text[j:i]


def _word_after_reference(text: str, end: int) -> str:
    if end >= len(text) or text[end] != " ":
        return ""
    j = end + 1
    while j < len(text) and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return text[end + 1 : j]


PIECES = st.sampled_from(
    [
        *("Jordan", "Mr.", "U.S.", "O'Neil", "Crans-Montana", "said", ",", ".", "-", "'", "(", ")"),
        *(" ", " ", " ", "\n", "\t", "\u00a0", "\u2028", "2024", "x" * 45, "Z" * 39, "é", "ß"),
        *("Ålesund", "مصر", "Москва", "½", "²", "_", "’"),
    ]
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=400))
def test_word_before_and_after_read_what_the_loops_read(text: str, at: int) -> None:
    at = min(at, len(text))
    assert context._word_before(text, at) == _word_before_reference(text, at)
    assert context._word_after(text, at) == _word_after_reference(text, at)


def test_the_fast_paths_stop_where_the_loops_stop() -> None:
    text = "told Mr. Jordan said (Amman Jordan-based " + "y" * 50 + " Jordan"
    for at in range(len(text) + 1):
        assert context._word_before(text, at) == _word_before_reference(text, at)
        assert context._word_after(text, at) == _word_after_reference(text, at)
    assert context._word_before(text, text.index("Jordan")) == "Mr."
    assert context._word_after(text, text.index("Amman") + 5) == "Jordan-based"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=200) | TEXTS)
def test_the_ascii_fold_is_the_table_fold(sample: str) -> None:
    assert text.fold(sample) == sample.translate(text._table())


def test_every_ascii_character_folds_as_the_table_says() -> None:
    every = "".join(map(chr, range(128)))
    assert text.fold(every) == every.translate(text._table())
    assert text.fold("Foo-Bar, 2024!") == "foo bar  2024 "


_SPORT_BITS = st.sampled_from(
    [
        "beat ",
        "beats ",
        "drew with ",
        "edged ",
        "Beat ",
        "rebeat ",
        "v ",
        "vs. ",
        "v.",
        "of ",
        "Treaty of ",
        "Council of\n",
        "Spirit of  ",
        "xof ",
        " 37-15",
        " 10-12 March",
        " 3-1 ",
        "\n",
        " ",
        "France",
        "x",
        "-",
        "'s",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPORT_BITS, max_size=8), st.lists(_SPORT_BITS, max_size=4))
def test_result_and_event_guards_change_no_answer(before: list[str], after: list[str]) -> None:
    """``_opponent`` and ``is_event`` test each pattern's literal part before the pattern: the
    answers are the patterns' own (on text with a name between ``before`` and ``after``)."""
    from streams.core.geo import tagger

    head = "".join(before)
    text = head + "France" + "".join(after)
    start, end = len(head), len(head) + len("France")
    whole = ("Rugby: France", "The match report.")
    reference = (
        bool(tagger._RESULT_BEFORE.search(text, max(0, start - 12), start))
        or bool(tagger._SCORE_AFTER.match(text, end))
        or (
            bool(tagger._VERSUS_BEFORE.search(text, max(0, start - 5), start))
            and context.is_sport(*whole)
        )
    )
    assert tagger._opponent(text, start, end, whole) == reference
    event = bool(context._EVENT_AFTER.match(text, end)) or bool(
        context._EVENT_BEFORE.search(text, max(0, start - 24), start)
    )
    assert context.is_event(text, start, end) == event or not (
        # is_event's own first guard (unchanged) answers False before the patterns
        text[end + 1 : end + 4].lower() in context.EVENT_STARTS
        or text[end : end + 1] in "'’"
        or text[max(0, start - 4) : start] == " of "
    )


def test_result_guards_still_find_results() -> None:
    from streams.core.geo import tagger

    whole = ("Rugby: Wales v Italy", "Wales v Italy at the Principality Stadium.")
    assert tagger._opponent("the Boks beat France 37-15", 14, 20, whole)
    assert tagger._opponent("They drew with France \non Sunday", 15, 21, whole)
    assert tagger._opponent("Wales v Italy", 8, 13, whole)
    assert not tagger._opponent("a debate on France today", 12, 18, whole)
    assert context.is_event("the Treaty of Rome signed", 14, 18)
    assert not context.is_event("the friends of Rome met", 15, 19)


def _market_noun_reference(text: str, end: int) -> str:
    """``context.market_noun`` without its one-pattern guard (``_MARKET_ANY``)."""
    i = end + 1 if text[end : end + 1] == "." else end
    if text[i : i + 1] != " ":
        return ""
    words = context._TWO_LOWER_WORDS.match(text, i + 1)
    if words is None:
        return ""
    first, second = words.groups()
    for noun in context._MARKET_FIRST.get(first, ()):
        k = i + 1 + len(noun)
        if text.startswith(noun, i + 1) and not text[k : k + 1].isalnum():
            return context._MODIFIED_NOUNS[noun]
    if second is None:
        return ""
    found = context._MODIFIED_NOUNS.get(second, "")
    k = words.end()
    return "" if text[k : k + 1].isalnum() else found


_NOUNS = sorted(context._MODIFIED_NOUNS)
_MARKET_BITS = st.sampled_from(
    [*_NOUNS, *(n.upper() for n in _NOUNS[:5]), "big", "the", " ", ".", ". ", "2", "x", "é", "-"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_MARKET_BITS, max_size=6))
def test_the_market_guard_changes_no_answer(after: list[str]) -> None:
    text = "the US" + "".join(after)
    assert context.market_noun(text, 6) == _market_noun_reference(text, 6)


def test_every_market_noun_passes_the_guard() -> None:
    for noun in _NOUNS:
        for sample in (f"US {noun}", f"U.S. {noun} rose", f"US big {noun}.", f"US {noun}s"):
            end = sample.index(" ") if sample.startswith("US ") else 4
            assert context.market_noun(sample, end) == _market_noun_reference(sample, end), sample
    assert context.market_noun("the US dollar fell", 6) == "market"
    assert context.market_noun("the US economy grew", 6) == "backdrop"
    assert context.market_noun("the US said", 6) == ""


def _opponent_reference(t: str, start: int, end: int, whole: tuple[str, str]) -> bool:
    """``tagger._opponent`` without its two-character test before the verb and "v" endings."""
    lo = max(0, start - 12)
    if (
        t.endswith(tagger._RESULT_ENDS, lo, start) and tagger._RESULT_BEFORE.search(t, lo, start)
    ) or (t[end + 1 : end + 2].isdecimal() and tagger._SCORE_AFTER.match(t, end)):
        return True
    lo = max(0, start - 5)
    return (
        t.endswith(tagger._VERSUS_ENDS, lo, start)
        and bool(tagger._VERSUS_BEFORE.search(t, lo, start))
        and context.is_sport(*whole)
    )


_OPPONENT_BITS = st.sampled_from(
    [*tagger._RESULT_VERBS, "v", "vs", "v.", "vs.", "Wales", "the", " ", "\n", ".", "x", "é"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_OPPONENT_BITS, max_size=5), st.sampled_from(["", " 37-15", " 10-12 March"]))
def test_the_opponent_guard_changes_no_answer(before: list[str], after: str) -> None:
    lead = "".join(before)
    t = lead + "France" + after
    whole = ("Rugby: Wales v France", t)
    start, end = len(lead), len(lead) + len("France")
    assert tagger._opponent(t, start, end, whole) == _opponent_reference(t, start, end, whole)


def test_every_result_ending_passes_the_guard() -> None:
    whole = ("Rugby: the Boks beat France", "the Boks beat France in the match")
    for ending in (*tagger._RESULT_ENDS, *tagger._VERSUS_ENDS):
        t = "the Boks " + ending + "France 37-15"
        start = len(t) - len("France 37-15")
        end = start + len("France")
        assert tagger._opponent(t, start, end, whole) == _opponent_reference(t, start, end, whole)
        assert tagger._opponent(t, start, end, whole)  # the score alone makes it a result
    assert tagger._opponent("the Boks beat France today", 14, 20, whole)
    assert not tagger._opponent("a debate on France today", 12, 18, whole)


# -- substring guards before the sport and commodity patterns --------------------------------


def _is_sport_reference(headline: str, body: str) -> bool:
    return any(
        pattern.search(text) is not None
        for text in (headline, body)
        for pattern in (context._SPORT_ANY_CASE, context._SPORT_AS_WRITTEN)
    )


_UNIT_PRICE_WITH_PREFIX = re.compile(r"(?:US|U\.S\.)?" + context._UNIT_PRICE.pattern, re.I)


def _is_market_report_reference(headline: str, body: str) -> bool:
    return (
        context._COMMODITY.search(headline) is not None
        and _UNIT_PRICE_WITH_PREFIX.search(body) is not None
    )


GUARDED = st.sampled_from(
    [
        *("Striker", "STRIKER", "strikers", "World Cup", "WORLD CUP", "world cup", "Kick-Off"),
        *("half-time", "Semi-Finals", "the match", "The Match", "Test match", "Fußball", "UEFA"),
        *("uefa", "fútbol", "FÚTBOL", "كرة القدم", "crıcket", "ſoccer", "hoc\u212aey", "İnning"),
        *("gold", "GOLD", "Oil", "oily", "Iron Ore", "palm oil", "golden", "wti", "ſilver"),
        *("$1,722.84 an ounce", "US$ 80 a barrel", "$ 9 per tonnes", "$5 per troy ounce"),
        *("U.S.$3 a barrel", "$12", "an ounce", " ", " ", ",", ".", "-", "\n\n", "_", "9"),
        *("France", "said", "match", "cup", "é", "ß", "Москва"),
    ]
)
GUARDED_TEXTS = st.lists(GUARDED, max_size=14).map("".join)


@settings(max_examples=800, deadline=None)
@given(GUARDED_TEXTS, GUARDED_TEXTS)
def test_the_sport_and_commodity_guards_change_no_answer(headline: str, body: str) -> None:
    context.is_sport.cache_clear()
    assert context.is_sport(headline, body) == _is_sport_reference(headline, body)
    assert context.is_market_report(headline, body) == _is_market_report_reference(headline, body)


def test_the_guards_still_let_matches_through() -> None:
    for headline, body in [
        ("Boks beat France", "the STRIKER scored"),
        ("", "a crıcket side"),  # dotless i: the engine's case-insensitive "i" (not ASCII)
        ("Hockey", ""),
        ("", "before the World Cup"),
        ("", "Fußball heute"),
    ]:
        context.is_sport.cache_clear()
        assert context.is_sport(headline, body), (headline, body)
    context.is_sport.cache_clear()
    assert not context.is_sport("Talks in Geneva", "the strikers' union met the cupbearer")
    assert context.is_market_report("GOLD slips", "at $1,722.84 an ounce")
    assert context.is_market_report("Oil rises", "Brent at US$80 a barrel")
    assert not context.is_market_report("Golden Dawn", "at $1,722.84 an ounce")
    assert not context.is_market_report("Oil rises", "no price")
    assert context.ascii_anchors(["World Cup", "cup", "fútbol"]) == ("cup",)
    assert context.ascii_anchors(["ſtrike"]) is None  # the long s matches "s"


_CUE_TEXT = st.lists(
    st.sampled_from([*"ab _-.'", "County", "county", "é", "٣", "²", "Ⅻ", "\u00a0"]), max_size=40
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_CUE_TEXT, st.sampled_from(["County", "a", "ab", "b a", "a-b", "é", "_", "County b"]))
def test_cue_spans_are_the_patterns_matches(text: str, cue: str) -> None:
    """``_cue_spans`` (``str.find`` and two boundary tests) finds what the whole-word pattern
    finds, with Unicode letters and digits ("é", "٣", "²", "Ⅻ") and "_" as word characters."""
    want = [m.span() for m in tagger._cue_pattern(cue).finditer(text)]
    assert tagger._cue_spans(text, cue) == want


def test_cue_spans_overlapping_and_adjacent() -> None:
    for sample, cue in [("aaa", "aa"), ("a a a", "a a"), ("aa aa", "aa"), ("", "a"), ("a", "")]:
        want = [m.span() for m in tagger._cue_pattern(cue).finditer(sample)]
        assert tagger._cue_spans(sample, cue) == want, (sample, cue)


_LOCAL_CUES = {
    "GB": ("County Council", "borough", "Oxfordshire County Council"),
    "US": ("County", "sheriff", "borough"),
    "IE": ("Garda", "county council"),
}


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["County", "Council", "borough", "sheriff", "Oxfordshire", "Garda", "county", " ", "x"]
        ),
        max_size=25,
    ).map(" ".join)
)
def test_local_counts_through_the_native_finders_are_the_substring_tests(text: str) -> None:
    """``_local_counts`` with the native finders (when built) counts what its substring
    tests count, duplicate words of two countries and nested cues included."""
    scan = tagger._cue_scan(_LOCAL_CUES)
    fast = tagger._local_counts(text, _LOCAL_CUES, scan)
    slow = tagger._local_counts(text, _LOCAL_CUES)
    # in the same order too: the tagger takes the first country of the most cues
    assert [list(d.items()) for d in fast] == [list(d.items()) for d in slow]


def test_local_counts_keep_the_cues_order_on_ties() -> None:
    cues = {"GB": ("borough",), "US": ("sheriff",), "IE": ("Garda",)}
    scan = tagger._cue_scan(cues)
    if scan is None:
        pytest.skip("native finders not built")
    for sample in ("Garda sheriff borough", "sheriff Garda", "borough"):
        counts, _ = tagger._local_counts(sample, cues, scan)
        assert list(counts) == [c for c, (cue,) in cues.items() if cue in sample], sample


def test_the_kind_bits_are_the_kinds() -> None:
    from streams.core.geo import terms

    assert sorted(terms.KIND_BITS.values()) == [1 << n for n in range(len(terms.KIND_BITS))]
    for kind, bit in terms.KIND_BITS.items():
        term = Term("Xland", kind, ("XX",))
        assert term.bits == bit
        assert term.with_key("x").bits == bit
        for kinds, mask in (
            (tagger._STREET_KINDS, tagger._STREET_BITS),
            (tagger._MARKET_KINDS, tagger._MARKET_BITS),
            (tagger._HOMONYM_KINDS, tagger._HOMONYM_BITS),
            (tagger._PREMODIFIER_KINDS, tagger._PREMODIFIER_BITS),
        ):
            assert bool(term.bits & mask) == (kind in kinds), (kind, kinds)
    assert Term("Xland", "money", ("XX",)).bits == 0
    assert Term("Xland", "Country", ("XX",)).bits == 0


def test_the_alpha_run_is_the_slice_method() -> None:
    for c in map(chr, range(0x3000)):
        sample = "a" + c + "b"
        assert context._alpha_run(sample, 1, 2) is c.isalpha(), hex(ord(c))
        assert context._alpha_run(sample, 0, 3) is sample.isalpha(), hex(ord(c))
    assert not context._alpha_run("abc", 1, 1) and not context._alpha_run("", 0, 0)


def _is_attributive_reference(text: str, end: int) -> bool:
    """``context.is_attributive`` without its letter tests before the two patterns."""
    i = end + 1 if text[end : end + 1] == "." else end
    if text[i : i + 3] in ("'s ", "\u2019s "):
        i += 2
    if text[i : i + 1] != " ":
        return False
    body = context._BODY_ACRONYM.match(text, i + 1)
    if body is not None:
        i = body.end()
    word = context._LOWER_WORD.match(text, i + 1)
    return (
        word is not None
        and word.group() in context._ROLE_NOUNS
        and not text[word.end() : word.end() + 1].isalnum()
    )


_ROLES = sorted(context._ROLE_NOUNS)
_ROLE_BITS = st.sampled_from(
    [
        *_ROLES,
        *(r[:2] for r in _ROLES[:4]),
        *("UN", "U.N.", "NATO", "EU", "'s", "\u2019s", " ", ".", "said", "x", "2", "É", "é", "-"),
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_ROLE_BITS, max_size=6))
def test_the_attributive_letter_tests_change_no_answer(after: list[str]) -> None:
    text = "the US" + "".join(after)
    assert context.is_attributive(text, 6) == _is_attributive_reference(text, 6)


def test_every_role_noun_passes_the_letter_tests() -> None:
    for role in _ROLES:
        for sample, end in (
            (f"a US {role} said", 4),
            (f"Russia's {role}.", 6),
            (f"U.S. UN {role}", 3),
        ):
            assert context.is_attributive(sample, end), sample
            assert _is_attributive_reference(sample, end), sample
    assert not context.is_attributive("the US said", 6)


def test_heads_are_no_longer_than_the_shortest_word() -> None:
    assert context.heads(["envoy", "aid", "ox"], 3) == (2, frozenset({"en", "ai", "ox"}))
    assert context.heads([], 3) == (3, frozenset())
    assert context.heads(["", "abc"], 3) == (0, frozenset({""}))


def _event_after_reference(text: str, end: int) -> bool:
    return context._EVENT_AFTER.match(text, end) is not None


_EVENT_BITS = st.sampled_from(
    [
        *("'s", "\u2019s", "'S", "'\u017f", " ", "  ", "\n", "\u00a0", "accord", "Agreement"),
        *("peace ", "talks format", "TREATY", "\u017ftatute", "\u212aonvention", "said", "x", "'"),
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_EVENT_BITS, max_size=6))
def test_the_event_pattern_test_changes_no_answer(after: list[str]) -> None:
    # is_event runs the pattern only where the test says yes: the pattern never matches
    # where it says no, so is_event answers what it did.
    text = "Paris" + "".join(after)
    if _event_after_reference(text, 5):
        assert context._event_after_may(text, 5)


def test_the_event_heads_hold_every_word_of_the_pattern() -> None:
    words = set(re.findall(r"[a-z]{4,}", context._EVENT_AFTER.pattern))
    assert {word[: context._EVENT_HEAD] for word in words} == context._EVENT_HEADS
    for word in words:
        assert context._event_after_may(f"Paris {word}", 5), word
        assert context._event_after_may(f"Paris's {word.upper()}", 5), word


def test_the_event_pattern_test_lets_events_through() -> None:
    for tail in (
        "'s peace accord",
        " Agreement",
        " climate  accord",
        "\u2019S TREATY",
        " \u212aonv",
    ):
        assert context._event_after_may("Paris" + tail, 5), tail
    assert context.is_event("the Paris Agreement", 4, 9)
    assert not context._event_after_may("Paris said", 5)
    assert not context._event_after_may("Paris's mayor", 5)
    assert not context._event_after_may("France for the", 6)


def _market_noun_reference(text: str, end: int) -> str:
    """``context.market_noun`` as it was before its letter tests (session 27): the pattern
    ``_MARKET_ANY`` first, then the same word lookups."""
    if context._MARKET_ANY.match(text, end) is None:
        return ""
    i = end + 1 if text[end : end + 1] == "." else end
    if text[i : i + 1] != " ":
        return ""
    words = context._TWO_LOWER_WORDS.match(text, i + 1)
    if words is None:
        return ""
    first, second = words.groups()
    nouns = context._MARKET_FIRST.get(first)
    if nouns is not None:
        for noun in nouns:
            k = i + 1 + len(noun)
            if text[i + 1 : k] == noun and not text[k : k + 1].isalnum():
                return context._MODIFIED_NOUNS[noun]
    if second is None:
        return ""
    found = context._MODIFIED_NOUNS.get(second)
    if found is None:
        return ""
    k = words.end()
    return "" if text[k : k + 1].isalnum() else found


_NOUNS = sorted(context._MODIFIED_NOUNS)
_MARKET_BITS = st.sampled_from(
    [
        *_NOUNS,
        *(n[:2] for n in _NOUNS),
        *(n.upper() for n in _NOUNS[:5]),
        *(" ", "  ", ".", "\n", "\u00a0", "x", "said", "s", "\u017f", "\u212a", "2", "-", "'"),
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_MARKET_BITS, max_size=6))
def test_the_market_letter_tests_change_no_answer(after: list[str]) -> None:
    """The letter tests before ``_MARKET_ANY`` (a market noun's first word's first letters,
    or a word, a space and a noun's) reject nothing the pattern and the lookups took:
    several blanks, a dot, capitals, letters case-blind matching would fold, one-letter
    words and nouns cut short included."""
    text = "the US" + "".join(after)
    assert context.market_noun(text, 6) == _market_noun_reference(text, 6)


def test_every_market_noun_passes_the_letter_tests() -> None:
    for noun in _NOUNS:
        for sample in (f"the US {noun} fell", f"U.S. {noun}.", f"the US spot {noun}"):
            end = sample.index("S") + 1 if sample.startswith("the") else 3
            got = context.market_noun(sample, end)
            assert got == _market_noun_reference(sample, end), sample
            # After another word only a one-word noun is looked up ("spot bond yields" is not).
            if " spot " not in sample or " " not in noun:
                assert got == context._MODIFIED_NOUNS[noun], sample


_RESULT_BITS = st.sampled_from(
    [*tagger._RESULT_VERBS, " ", "\n", "  ", "x", "a", "t", "h", "with", "draw", "."]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_RESULT_BITS, max_size=6))
def test_the_result_tail_test_rejects_no_result_ending(before: list[str]) -> None:
    """``_opponent`` tries ``endswith(_RESULT_ENDS)`` only when the last three characters are
    an ending's last three: every text that ends with one passes."""
    text = "".join(before) + "France"
    start = len(text) - len("France")
    if text[max(0, start - 12) : start].endswith(tagger._RESULT_ENDS):
        assert text[max(0, start - 3) : start] in tagger._RESULT_TAILS


_CLASS_TEXTS = st.text(max_size=12) | TEXTS


@settings(max_examples=600, deadline=None)
@given(_CLASS_TEXTS)
def test_character_class_readers_are_the_slice_methods(sample: str) -> None:
    """``text.upper_at`` and its kin read ``sample[i : i + 1]``'s class, past the end too."""
    for i in range(len(sample) + 3):
        piece = sample[i : i + 1]
        assert text.upper_at(sample, i) is piece.isupper(), (sample, i)
        assert text.lower_at(sample, i) is piece.islower(), (sample, i)
        assert text.alpha_at(sample, i) is piece.isalpha(), (sample, i)


def test_character_class_readers_on_every_character_below_0x3000() -> None:
    for c in map(chr, range(0x3000)):
        sample = "a" + c
        assert text.upper_at(sample, 1) is c.isupper(), hex(ord(c))
        assert text.lower_at(sample, 1) is c.islower(), hex(ord(c))
        assert text.alpha_at(sample, 1) is c.isalpha(), hex(ord(c))


@pytest.mark.parametrize(
    "name",
    ["Geneva", "GENEVA", "The Hague", "THE  HAGUE", "the\u00a0Hague", "New York", "Addis Ababa",
     "Nuuk2", "Mosul\n", "İzmir", "the", "The ", "", "Sankt-Peterburg", "Côte d'Ivoire"],
)  # fmt: skip
def test_seat_key_of_one_word_is_the_joined_form(name: str) -> None:
    key = " ".join(name.lower().split())
    assert context.seat_key(name) == (key[4:] if key.startswith("the ") else key)


def test_civic_first_letters() -> None:
    assert tagger._civic_firsts(("city council", "mayor")) == frozenset("cCmM")
    assert tagger._civic_firsts(("\u017fheriff", "mayor")) is None  # "ſ" pairs with "s"
    assert tagger._civic_firsts(("", "mayor")) is None  # an empty noun: a blank matches
    assert tagger._civic_firsts(()) is None


_CIVIC_BITS = st.sampled_from(
    ["city council", "City Council", "CITY  COUNCIL", "mayor", "Mayor", "mayoral", "council",
     "kelvin", "\u212aelvin", "\u017ftate", "state", " ", "  ", "-", ".", "x", "é", "C", "m"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_CIVIC_BITS, max_size=6))
def test_the_civic_guard_changes_no_answer(bits: list[str]) -> None:
    """Every place the guard says no, the pattern finds nothing; with nouns opening with
    "k" and "s" too, which the engine pairs with the Kelvin sign and the long s."""
    sample = "Austin " + "".join(bits)
    for nouns in (("city council", "mayor"), ("kelvin", "state"), ("ſtate",)):
        pattern, firsts = tagger._civic_pattern(nouns), tagger._civic_firsts(nouns)
        for end in range(len(sample) + 1):
            if pattern.match(sample, end) is None:
                continue
            assert sample[end] == " "
            c = sample[end + 1 : end + 2]
            assert firsts is None or c in firsts or c >= "\x80", (sample, end, nouns)


def test_the_tagger_civic_test_is_the_pattern(request: pytest.FixtureRequest) -> None:
    geo = request.getfixturevalue("tagger")
    for sample in (
        "Austin City Council met; the Sydney mayor, Masvingo City mayor and Perth CITY COUNCIL",
        "Austin \u212aouncil, Austin ſtate, Austin mayoral race, Austin-mayor, Austin",
    ):
        for end in range(len(sample) + 1):
            want = geo._civic.match(sample, end) is not None
            assert geo._civic_at(sample, end) is want, (sample, end)
    assert geo._civic_at("Austin City Council", 6)


def _credit_place_reference(text: str, start: int) -> bool:
    """``context.credit_place`` before its one-word test (:func:`context._plain_word_before`)."""
    floor = max(0, start - context._CREDIT_SPAN - 1)
    if all(text.find(by, floor, start) < 0 for by in ("by ", "By ", "BY ")):
        return False
    lo = max(text.rfind(c, floor, start) for c in "(;\n")
    if lo < 0 or start - lo > context._CREDIT_SPAN:
        return False
    clause = text[lo + 1 : start].strip()
    opener = next((o for o in context._CREDIT_OPENERS if clause.lower().startswith(o)), "")
    if not opener:
        return False
    words = clause[len(opener) :].replace(",", " ").split()
    return (
        len(words) >= 2
        and words[-1] in ("in", "and")
        and "in" in words
        and all(w in ("in", "and") or w[:1].isupper() for w in words)
    )


CREDIT_WORDS = st.sampled_from(
    [
        *("Chen", "Aizhu", "in", "and", "main", "band", "Berlin", "said", "officials", "x"),
        *("byChen", "byin", "Byand", "ǅa", "ſo", "O'Neil", "al-Amin", "2024", "—", "ǲ"),
    ]
)
CREDIT_GAPS = st.sampled_from([" ", " ", ", ", ",", "  ", "\t", "\n", "\u00a0", ";", "("])


@settings(max_examples=1500, deadline=None)
@given(
    st.sampled_from(["", "Text ", "x (", "(", ";", "\n"]),
    st.sampled_from(["Reporting by", "reporting by", "Additional reporting by", "EDITING BY", "x"]),
    st.lists(st.tuples(CREDIT_GAPS, CREDIT_WORDS), max_size=5),
    st.sampled_from([" in ", " and ", "in ", ",in ", "  in ", "\tin ", " main ", "-in "]),
)
def test_the_credit_word_test_changes_no_answer(
    lead: str, opener: str, words: list[tuple[str, str]], last: str
) -> None:
    sample = lead + opener + "".join(gap + word for gap, word in words) + last + "Paris"
    start = len(sample) - len("Paris")
    assert context.credit_place(sample, start) == _credit_place_reference(sample, start), sample


def test_the_credit_word_test_decides_plain_words_only() -> None:
    plain = "Officials said in Paris"
    assert context._plain_word_before(plain, plain.index("Paris"), 0)
    for sample in (
        "(Reporting by Aizhu Chen in Paris",  # a name before "in": the span decides
        "(Reporting by Chen and in Paris",  # "and" before "in"
        "(Reporting by x Berlin, in Paris",  # a comma before the blank
        "(Reporting by Chen,main in Paris",  # a word that ends in "in"
        "(Reporting by byǅa in Paris",  # a title-case letter inside the word
    ):
        start = sample.index("Paris")
        assert not context._plain_word_before(sample, start, 0), sample
        assert context.credit_place(sample, start) == _credit_place_reference(sample, start)
    assert context.credit_place("(Reporting by Aizhu Chen in Paris", 28)


def _ranked_reference(total: dict[str, float]) -> list[str]:
    first = {r: n for n, r in enumerate(total)}
    return sorted(total, key=lambda r: (-round(total[r], 9), first[r]))


SCORES = st.one_of(
    st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 3.0, 4.5, 1.0000000004, 1.0000000006, 0.9999999996]),
    st.floats(min_value=0.0, max_value=50.0, allow_nan=False),
    st.floats(min_value=2.0, max_value=2.000000002),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(SCORES, max_size=8))
def test_ranked_regions_are_the_rounded_sort(scores: list[float]) -> None:
    total = {f"r{n}": w for n, w in enumerate(scores)}
    assert tagger._ranked(total) == _ranked_reference(total)
    assert tagger._top(total) == max(total.values(), default=0.0)


def test_ranked_regions_tie_on_the_rounded_score_in_the_dicts_order() -> None:
    # 1.0000000004 and 0.9999999996 both round to 1.0: the first named ranks first
    total = {"europe": 0.9999999996, "asia": 1.0000000004, "africa": 2.0, "americas": 0.5}
    assert tagger._ranked(total) == ["africa", "europe", "asia", "americas"]
    assert tagger._ranked(total) == _ranked_reference(total)
    assert tagger._ranked({}) == [] and tagger._ranked({"asia": 1.0}) == ["asia"]
    assert tagger._top({}) == 0.0 and tagger._top({"a": 1.0, "b": 3.0, "c": 2.0}) == 3.0


def test_the_ancestry_letter_test_holds_every_lowering_to_a_last_letter() -> None:
    lasts = {word[-1] for word in context._ANCESTRY_BEFORE}
    for n in range(0x110000):
        if chr(n).lower()[-1:] in lasts:
            assert chr(n) in context._ANCESTRY_BEFORE_ENDS, hex(n)


def _ancestry_after_reference(text: str, start: int, end: int) -> bool:
    if text[end : end + 1] != " " or text[start - 1 : start] != " ":
        return False
    word = text[end + 1 : end + 12].split(" ", 1)[0].rstrip(".,;:)")
    for ending in ("'s", "’s"):
        word = word.removesuffix(ending)
    if word not in context._ANCESTRY_NOUNS:
        return False
    if text[end + 1 + len(word) : end + 6 + len(word)] in (" site", " list"):
        return False
    return (
        text[max(0, start - 7) : start - 1].rpartition(" ")[2].lower() in context._ANCESTRY_BEFORE
    )


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(
        ["", " ", "x", "of", " of", "OF", "His", " their", "HER", "Kelvin\u212a", "ofs"]
    ),
    st.sampled_from([" ", "  ", "\n", ""]),
    st.sampled_from([" descent", " origin's", " heritage sites", " heritage", " roots", " x"]),
)
def test_the_ancestry_letter_test_changes_no_answer(before: str, gap: str, after: str) -> None:
    sample = before + gap + "Nigerian" + after
    start = len(before + gap)
    end = start + len("Nigerian")
    got = context.ancestry_after(sample, start, end)
    assert got == _ancestry_after_reference(sample, start, end), sample


# -- session 31 (hperf75): _decide's tallies, _settle's candidates, _homonyms' lone groups --


@settings(max_examples=300, deadline=None)
@given(st.lists(SCORES, max_size=6))
def test_rounded_is_round_to_three_places(weights: list[float]) -> None:
    for w in [*weights, 0.0, -0.0, 0.1234, 2.0005]:
        got = tagger._rounded(w)
        assert got == round(w, 3)
        assert math.copysign(1.0, got) == math.copysign(1.0, round(w, 3))  # -0.0 stays -0.0


def _candidates_reference(term: Term, located: bool) -> list[str]:
    return [
        c for c, p in zip(term.countries, term.pops, strict=True) if p >= BODY_CITY_MIN or located
    ] or [term.countries[0]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=3 * BODY_CITY_MIN), min_size=1, max_size=5),
    st.booleans(),
)
def test_city_candidates_are_the_zip_filter(pops: list[int], located: bool) -> None:
    term = Term("X", "city", tuple(f"C{n}" for n in range(len(pops))), tuple(pops))
    assert tagger._candidates(term, located) == _candidates_reference(term, located)


def test_city_candidates_keep_the_biggest_when_none_is_big_and_check_alignment() -> None:
    small = Term("X", "city", ("US", "GB"), (BODY_CITY_MIN - 1, 10))
    assert tagger._candidates(small, False) == ["US"]
    assert tagger._candidates(small, True) == ["US", "GB"]
    with pytest.raises(ValueError, match="2 countries, 1 populations"):
        tagger._candidates(Term("X", "city", ("US", "GB"), (BODY_CITY_MIN,)), False)


def _mention(fld: str, weight: float, country: str = "US") -> tagger._Mention:
    term = Term("Athens", "city", (country,), (1,), key="athens")
    return tagger._Mention(fld, fld, 0, 6, "Athens", term, weight, "city", country)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["body", "headline", "located"]), SCORES), min_size=1, max_size=5
    ),
    SCORES,
)
def test_a_lone_group_is_the_sum_and_all_test(rows: list[tuple[str, float]], score: float) -> None:
    group = [_mention(fld, w) for fld, w in rows]
    for scores in ({"US": score}, {}):
        expected = scores.get(group[0].country, 0.0) <= sum(m.weight for m in group) and all(
            m.fld != "located" for m in group
        )
        assert tagger._lone_group(group, scores) == expected


def _route_destination_reference(text: str, start: int) -> bool:
    """``context.route_destination`` without its three-character test before the tails."""
    return (
        text.endswith(context._ROUTE_TAILS, 0, start)
        and context._ROUTE_BEFORE.search(text, max(0, start - context._ROUTE_SPAN), start)
        is not None
    )


_ROUTE_BITS = st.sampled_from(
    [
        *(w for phrase in context._ROUTE_WORDS[:6] for w in phrase.split()),
        *("reach", "the", "The", "FOR", "bound", "to", "x", "é", "or", "he", "ch"),
        *(" ", " ", "  ", "\n", "-"),
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_ROUTE_BITS, max_size=7))
def test_the_route_tail_test_changes_no_answer(before: list[str]) -> None:
    lead = "".join(before)
    for sample, start in ((lead + "Italy", len(lead)), (lead, len(lead))):
        assert context.route_destination(sample, start) == _route_destination_reference(
            sample, start
        ), sample


def test_every_route_phrase_passes_the_tail_test() -> None:
    for phrase in context._ROUTE_WORDS:
        for the in ("", "the "):
            sample = f"a boat {phrase} {the}Italy"
            start = sample.index("Italy")
            assert context.route_destination(sample, start), sample
    for tail in context._ROUTE_TAILS:
        assert len(tail) >= context._ROUTE_MIN and tail[-3:] in context._ROUTE_ENDS
    for short in ("", "o ", "to ", "r", "or "):  # shorter than every tail
        assert not context.route_destination(short + "Italy", len(short))


def test_the_decimal_reader_is_the_slice_method() -> None:
    for c in map(chr, range(0x3000)):
        sample = "a" + c
        assert tagger._decimal_at(sample, 1) is c.isdecimal(), hex(ord(c))
    assert not tagger._decimal_at("a", 1) and not tagger._decimal_at("", 0)
    assert tagger._decimal_at("\u0663", 0)  # an Arabic-Indic three: decimal, not ASCII


def _trade_partner_reference(text: str, start: int, end: int) -> bool:
    """``context.trade_partner`` as written before: ``endswith`` with a start and an end."""
    after = text[end : end + 1]
    i = -1
    if after == " ":
        i = end + 1
    elif (after == "'" or after == "’") and text[end + 1 : end + 3] == "s ":
        i = end + 3
    if i > 0 and text[i : i + 1].lower() in context._PARTNER_HEADS:
        found = context._PARTNER_NOUN.match(text, i)
        if found is not None and found.group().lower() in context._PARTNER_AFTER:
            return True
    if i == end + 1 and text.startswith(" and ", end):
        found = context._PARTNER_JOINED.match(text, end)
        if found is not None and found.group(1) in context._PARTNER_AFTER:
            return True
    return (
        text.endswith(context._PARTNER_PREPOSITIONS, 0, start)
        and context._PARTNER_BEFORE.search(text, max(0, start - 20), start) is not None
    )


_PARTNER_BITS = st.sampled_from(
    [
        *(w for p in context._PARTNER_PREPOSITIONS for w in p.split()),
        *("sales", "Sales", "exports", "aid", "the", "x", "é", " ", " ", "  ", "-"),
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_PARTNER_BITS, max_size=6))
def test_the_partner_preposition_slice_changes_no_answer(before: list[str]) -> None:
    lead = "".join(before)
    sample = lead + "America push Irish exports"
    start, end = len(lead), len(lead) + len("America")
    assert context.trade_partner(sample, start, end) == _trade_partner_reference(
        sample, start, end
    ), sample
    for p in context._PARTNER_PREPOSITIONS:
        assert len(p) <= context._PARTNER_PREPOSITION_MAX


# -- session 33 (hperf86): code points for one-character slices and string compares --


def _plain_word_before_reference(text: str, start: int, floor: int) -> bool:
    """``context._plain_word_before`` as session 24 wrote it, by slices."""
    if text[start - 3 : start] == "in ":
        b = start - 4
    elif text[start - 4 : start] == "and ":
        b = start - 5
    else:
        return False
    if b <= floor or text[b] != " ":
        return False
    j = b
    while True:
        if j <= floor:
            return False
        c = ord(text[j - 1])
        if 97 <= c <= 122:
            j -= 1
        elif c == 32 and j < b:
            break
        else:
            return False
    last = text[b - 1]
    if last == "n":
        return text[b - 2] != "i"
    if last == "d":
        return text[b - 3 : b] != "and"
    return True


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(["in", "and", "an", "d", "n", "i", " ", "  ", "x", "main", "É"])),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=10),
)
def test_the_plain_word_code_points_are_the_slices(bits: list[str], at: int, floor: int) -> None:
    sample = "".join(bits) + "Paris"
    at = min(at, len(sample))
    floor = min(floor, at)
    got = context._plain_word_before(sample, at, floor)
    assert got == _plain_word_before_reference(sample, at, floor), (sample, at, floor)


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=3))
def test_the_event_first_letter_test_rejects_no_event_start(after: str) -> None:
    # _local_rules lower-cases the three characters after the blank after a name only where
    # their first one is no ASCII character or a first letter of an EVENT_STARTS word
    if after.lower() in context.EVENT_STARTS:
        assert ord(after[0]) >= 128 or ord(after[0]) in tagger._EVENT_FIRST_CODES, after


def test_every_event_start_passes_the_first_letter_test() -> None:
    for word in context.EVENT_STARTS:
        for written in (word, word.upper(), word.title(), word.title().swapcase()):
            assert ord(written[0]) in tagger._EVENT_FIRST_CODES, written
    assert ord("x") not in tagger._EVENT_FIRST_CODES and ord(" ") not in tagger._EVENT_FIRST_CODES


def test_the_code_point_sets_hold_the_characters() -> None:
    assert {chr(c) for c in tagger._TITLE_CLOSER_CODES} == set(context.TITLE_CLOSERS)
    assert {chr(c) for c in tagger._TITLE_OPENER_CODES} == set(context.TITLE_OPENERS)
    assert {chr(c) for c in tagger._ANCESTRY_FIRST_CODES} == set(context.ANCESTRY_FIRSTS)
    for name, char in (
        ("_BLANK", " "),
        ("_DOLLAR", "$"),
        ("_COMMA", ","),
        ("_APOSTROPHE", "'"),
        ("_HYPHEN", "-"),
        ("_DOT", "."),
        ("_RSQUO", "\u2019"),
    ):
        assert getattr(tagger, name) == ord(char), name


def test_a_seat_country_set_holds_every_seat() -> None:
    # _seats builds a seat key only for a mention of a country in this set
    assert {entry[0] for entry in context.BODY_SEATS.values()} <= tagger._SEAT_COUNTRIES
    assert {"CH", "US", "NL"} <= tagger._SEAT_COUNTRIES


def test_rounded_weights_of_the_scoring_products_are_round_to_three_places() -> None:
    # _rounded returns a weight that is the double nearest a multiple of 0.001 as it is; the
    # rest (0.6 * 0.35 is 0.21000000000000002) go through round()
    factors = (1.0, scoring.MARKET_FACTOR, scoring.NAME_PART_FACTOR, scoring.DESK_FACTOR, 0.35)
    seen = 0
    for field in scoring.FIELD_WEIGHT.values():
        for kind in scoring.KIND_WEIGHT.values():
            for factor in factors:
                for w in (field * kind * factor, -field * kind * factor, field * kind + factor):
                    got = tagger._rounded(w)
                    assert got == round(w, 3), w
                    seen += got != w
    assert seen  # some of them are no nearest double of a multiple of 0.001
    for w in (0.21000000000000002, 1e9, -1e9, 1e12 + 0.0004, 2.0005, 0.0015, -0.0015, 1e-9):
        assert tagger._rounded(w) == round(w, 3), w
    assert math.isnan(tagger._rounded(math.nan))
    assert tagger._rounded(math.inf) == math.inf


def test_the_code_flag_table_is_the_code_point_sets() -> None:
    # _local_rules reads one byte of tagger._CODE_FLAGS where it looked a code point up in
    # these sets; a code point past the table (or -1, no character) is in none of them
    sets = (
        (tagger._F_TITLE_CLOSER, tagger._TITLE_CLOSER_CODES),
        (tagger._F_TITLE_OPENER, tagger._TITLE_OPENER_CODES),
        (tagger._F_EVENT_FIRST, tagger._EVENT_FIRST_CODES),
        (tagger._F_ANCESTRY_FIRST, tagger._ANCESTRY_FIRST_CODES),
        (tagger._F_RIVER_END, {ord(c) for c in context.RIVER_ENDS if len(c) == 1}),
        (tagger._F_CARVE_END, {ord(c) for c in context.CARVE_ENDS if len(c) == 1}),
    )
    assert len(tagger._CODE_FLAGS) == tagger._CODE_SPAN
    for bit, codes in sets:
        assert codes, bit
        assert max(codes) < tagger._CODE_SPAN
        for c in range(-1, 0x3000):
            flagged = 0 <= c < tagger._CODE_SPAN and tagger._CODE_FLAGS[c] & bit != 0
            assert flagged == (c in codes), (bit, c)
    assert tagger._code_flags(frozenset({3}), frozenset({1, 3})) == b"\x00\x02\x00\x03"


def test_the_market_head_tables_are_the_heads_first_characters() -> None:
    for table, found in (
        (context._FIRST_HEAD_CODES, context._FIRST_HEADS),
        (context._NOUN_HEAD_CODES, context._NOUN_HEADS),
    ):
        firsts = {h[0] for h in found}
        assert {chr(c) for c in range(len(table)) if table[c]} == firsts
    assert context._first_codes(frozenset({"ab", "c"})) == b"\x00" * 97 + b"\x01\x00\x01"
    with pytest.raises(ValueError):
        context._first_codes(frozenset({"", "ab"}))


_NAMED_TEXTS = (
    "Usa e Cina firmano. Usa il telefono. La USA Today e gli Usa, Italia e Francia.",
    "Usa tu móvil en Madrid; USA y Mexico. The WHO and the Who in Geneva, the EU and Eu.",
    "INPS, Inps e inps a Roma. UK, Uk and uk; NATO, Nato, nato in Brussels.",
)


@pytest.mark.parametrize("text", _NAMED_TEXTS)
@pytest.mark.parametrize("lang", ["en", "it", "es", ""])
def test_named_hits_of_is_named_hits_of_hits_of(
    native_matcher: Matcher, text: str, lang: str
) -> None:
    m = native_matcher
    assert m._scanner is not None
    found = m._scanner.find(text, False, lang, None)
    terms, named, flagged = m._terms, m._named, m._flagged
    want = named_hits(text, hits_of(found, terms), named)
    got = named_hits_of(text, found, terms, named, flagged)
    assert [(h.start, h.end, id(h.term)) for h in got] == [
        (h.start, h.end, id(h.term)) for h in want
    ]
    # the flags are kept by term index, the stem scanners' terms included
    assert len(flagged) == len(terms)
    assert flagged == [t.acronym or id(t) in named for t in terms]


@pytest.fixture(scope="module")
def native_matcher(tagger: GeoTagger) -> Matcher:
    m: Matcher = tagger._matcher
    if not m.native:
        pytest.skip("the native scanner is not built")
    for lang in ("fi", "tr", "de"):  # stem scanners append terms (Matcher._term_id)
        m.find("Helsingissä Ankara'da Berlins", lang=lang)
    return m


def test_a_terms_kind_is_the_interned_string() -> None:
    # the tagger's literals are interned: an equal kind built at run time (as the unpickled
    # gazetteer's are) is made the same object, so compares and dict look-ups end at identity
    kind = "".join(["ci", "ty"])
    assert kind is not sys.intern("city")
    term = Term("Paris", kind, ("FR",))
    assert term.kind is sys.intern("city")
    assert term == Term("Paris", "city", ("FR",))
    assert term.with_key("paris").kind is sys.intern("city")


def _name_side_reference(
    text: str, start: int, end: int, known: frozenset[str], *, runs: bool = False
) -> str:
    """``context.name_side`` as it was before its lower-case fast path (session 36, hperf93)."""
    word = context._word_before(text, start)
    low = word.lower()
    bare = low.rstrip(".")
    if bare in context._HONORIFICS:
        return "before"
    before = (
        len(word) > 1
        and upper_at(word, 0)
        and not word.isupper()
        and bare not in context._NEIGHBOURS
        and low not in known
        and not bare.endswith(context._NEIGHBOUR_HEADS)
        and not (
            low.endswith("'s")
            and (
                low[:-2] not in known
                or context._word_before(text, start - len(word) - 1)[:1].isupper()
            )
        )
    )
    if before and not runs:
        return "before"
    if text[end : end + 1] != " " or not upper_at(text, end + 1):
        return "before" if before else ""
    word = context._word_after(text, end)
    if (
        len(word) > 1
        and upper_at(word, 0)
        and not word.isupper()
        and word.lower().rstrip(".") not in context._NEIGHBOURS
        and word.lower() not in known
    ):
        return "after"
    return "before" if before else ""


_SIDE_PIECES = st.sampled_from(
    [
        *("mr", "dr", "striker", "said", "in", "x" * 39, "y" * 41, "Mr.", "Jordan", "Amman"),
        *("Anchorage", "Capital", "Reuters", "AP", "said.", "o'neil", "ab", "a", "é", "ß"),
        *(" ", " ", " ", " ", "\n", ",", ".", "'s", "-", "2024"),
    ]
)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(_SIDE_PIECES, max_size=12).map("".join),
    st.lists(_SIDE_PIECES, max_size=6).map("".join),
    st.booleans(),
)
def test_name_side_is_its_reference(head: str, tail: str, runs: bool) -> None:
    # the name at every offset of the head, and the head alone before it
    known = frozenset({"amman", "reuters"})
    for cut in range(len(head) + 1):
        sample = head[:cut] + "Jordan" + tail
        start, end = cut, cut + len("Jordan")
        assert context.name_side(sample, start, end, known, runs=runs) == _name_side_reference(
            sample, start, end, known, runs=runs
        )


def test_name_side_reads_lower_case_words_before() -> None:
    known = frozenset({"amman"})
    for sample, side in [
        ("said Jordan", ""),
        ("striker Jordan", "before"),
        ("told mr Jordan", "before"),
        ("said Jordan Bardella", "after"),
        ("said Jordan Amman", ""),
        ("x" + " " + "y" * 45 + " Jordan", ""),
        ("Michael Jordan", "before"),
    ]:
        start = sample.index("Jordan")
        assert context.name_side(sample, start, start + 6, known) == side, sample


def _carve_out_reference(text: str, start: int) -> bool:
    """``context.carve_out`` as it was before its pair pre-test (session 36, hperf93)."""
    head = text[max(0, start - 40) : start]
    if head.endswith("-"):
        head = head[:-1] + " "
    if not head.endswith(" "):
        return False
    low = head[:-1].lower()
    for phrase in context._CARVE_OUT:
        if low.endswith(phrase):
            rest = head[: len(low) - len(phrase)].rstrip(" ,")
            return any(
                rest.endswith(area) and not rest[-len(area) - 1 : -len(area)].isalpha()
                for area in context._CARVE_AREAS
            )
    return False


_CARVE_PIECES = st.sampled_from(
    [
        *("Asia", "Europe", "outside", "OUTSIDE", "Excluding", "ex", "EX", "except for", "f"),
        *("other than", "apart from", "with the exception of", "x", "e", "İ", "ß", "ﬀ", "K"),
        *(" ", " ", " ", "-", ",", "Japan", "7% in "),
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_CARVE_PIECES, max_size=10).map("".join))
def test_carve_out_is_its_reference(head: str) -> None:
    sample = head + "Japan"
    for start in range(len(head) + 1):
        assert context.carve_out(sample, start) == _carve_out_reference(sample, start), (
            sample,
            start,
        )


def test_carve_out_pairs_hold_every_phrase_end() -> None:
    assert context._CARVE_ASCII
    for phrase in context._CARVE_OUT:
        assert 128 * ord(phrase[-2]) + ord(phrase[-1]) in context._CARVE_PAIRS
    assert context.carve_out("7% in Asia outside Japan", 19)
    assert context.carve_out("Asia ex-Japan equities", 8)
    assert not context.carve_out("factories outside Japan", 18)
    assert not context.carve_out("Asia besides Japan", 13)


def test_the_market_pair_tables_are_the_heads_first_two_characters() -> None:
    for table, found in (
        (context._FIRST_HEAD_PAIRS, context._FIRST_HEADS),
        (context._NOUN_HEAD_PAIRS, context._NOUN_HEADS),
    ):
        for a in range(128):
            for b in range(128):
                opens = any(h[0] == chr(a) and (len(h) == 1 or h[1] == chr(b)) for h in found)
                assert bool(table[128 * a + b]) == opens, (chr(a), chr(b))
    table = context._pair_codes(frozenset({"ab", "c", "éz", "dé"}))
    assert table[128 * ord("a") + ord("b")] and not table[128 * ord("a") + ord("c")]
    assert all(table[128 * ord("c") + b] for b in range(128))
    assert sum(table) == 129  # "éz" and "dé" pass the table untested
    with pytest.raises(ValueError):
        context._pair_codes(frozenset({"", "ab"}))


def _is_attributive_before_tables(text: str, end: int) -> bool:
    """``context.is_attributive`` as it was before its code-point tests (session 36, hperf93)."""
    i = end + 1 if text[end : end + 1] == "." else end
    if text[i : i + 3] in ("'s ", "\u2019s "):
        i += 2
    if text[i : i + 1] != " ":
        return False
    if (
        text[i + 1 : i + 2] not in context._ASCII_CAPITALS
        and text[i + 1 : i + 1 + context._ROLE_HEAD] not in context._ROLE_HEADS
    ):
        return False
    body = context._BODY_ACRONYM.match(text, i + 1)
    if body is not None:
        i = body.end()
    word = context._LOWER_WORD.match(text, i + 1)
    return (
        word is not None
        and word.group() in context._ROLE_NOUNS
        and not text[word.end() : word.end() + 1].isalnum()
    )


_ROLES = sorted(context._ROLE_NOUNS)
_ROLE_BITS = st.sampled_from(
    [
        *_ROLES[:12],
        *(r[:2] for r in _ROLES[:12]),
        *("U.N.", "NATO", "'s", "\u2019s", "'", "s", ".", " ", " ", "  ", "é", "\u212a", "x"),
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ROLE_BITS, max_size=6))
def test_is_attributive_is_its_reference(after: list[str]) -> None:
    sample = "a US" + "".join(after)
    for end in range(2, len(sample) + 1):
        got = context.is_attributive(sample, end)
        assert got == _is_attributive_before_tables(sample, end)
        assert got == _is_attributive_reference(sample, end)  # and before session 27's guard


def test_every_role_noun_is_attributive() -> None:
    for noun in _ROLES:
        for sample, end in (
            (f"a US {noun} said", 4),
            (f"Russia's {noun}.", 6),
            (f"the U.S. {noun}", 7),
        ):
            assert context.is_attributive(sample, end), sample
