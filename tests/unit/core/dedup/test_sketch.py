"""Sketch properties the decisions rely on."""

from __future__ import annotations

import base64
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.dedup.sketch import (
    _BARE_HOUR,
    _CLOCK,
    _NATIVE_MAYBE_CLOCK,
    FURNITURE_MAX_WORDS,
    K,
    _furniture,
    _maybe_clock,
    _maybe_clock_python,
    _opens_furniture,
    canonical_times,
    compare,
    fact_delta,
    facts_agree,
    pack,
    shingle_hashes,
    sketch_text,
    strip_furniture,
    tokens,
    unpack,
)
from tests.unit.core.dedup.conftest import FLOOD, FLOOD_MORE, MARKETS, MARKETS_NEXT_DAY

TEXT = "\n\n".join(FLOOD + FLOOD_MORE)


def test_tokens_fold_case_and_typographic_punctuation() -> None:
    assert tokens("Kyiv\u2019s \u201cPEACE\u201d \u2014 plan, 1.5") == [
        b"kyiv",
        b"s",
        b"peace",
        b"plan",
        b"1",
        b"5",
    ]
    assert tokens("Z\u00fcrich") == ["z\u00fcrich".encode()]


def test_furniture_lines_are_dropped_but_story_lines_kept() -> None:
    text = "Story line.\nAdvertisement\nRead more: Other story\nAdvertisement revenue rose 5% " + (
        "in the quarter, the company said on Monday in a statement to investors and analysts."
    )
    assert strip_furniture(text) == "Story line.\n" + text.split("\n")[3]


def _strip_furniture_by_split(text: str) -> str:
    """``strip_furniture`` as it was written before session 27 (a ``split`` of every line)."""
    by_initial, initials = _furniture()
    lines = text.split("\n")
    kept = [
        line
        for line in lines
        if not line
        or len(line) >= 160
        or line[0] not in initials
        or not _opens_furniture(line.lstrip()[:40].casefold(), by_initial)
        or len(line.split()) > FURNITURE_MAX_WORDS
    ]
    return text if len(kept) == len(lines) else "\n".join(kept)


_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Advertisement",
            "  READ MORE: the other story",
            "\tShare this article",
            "Related: " + "word " * FURNITURE_MAX_WORDS,
            "Related: " + "word " * (FURNITURE_MAX_WORDS - 2),
            "Sign up for our newsletter " + "x" * 140,
            "Sign up for " + "x" * 160,
            "\u00c9dition abonn\u00e9s",
            "The minister said on Monday that talks would go on.",
        ]
    ),
    st.text(alphabet="aAdRrSs \t\u00a0:\u0130\u00df", max_size=30),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=12), st.booleans())
def test_furniture_found_by_find_is_the_split_rule(lines: list[str], newline: bool) -> None:
    text = "\n".join(lines) + ("\n" if newline else "")
    out = strip_furniture(text)
    assert out == _strip_furniture_by_split(text)
    if out == text:
        assert out is text  # nothing dropped: the text itself, as before


def test_hashes_are_stable_across_processes() -> None:
    """Pinned: no per-process seed, and a change here invalidates every stored sketch."""
    assert shingle_hashes([b"the", b"quick", b"brown", b"fox"]).tolist() == [158006970]


def test_sketch_keeps_k_smallest_and_counts_all() -> None:
    sk = sketch_text(TEXT)
    assert sk.mins.size == K
    assert sk.count > K
    assert np.all(np.diff(sk.mins.astype(np.int64)) > 0)


def test_pack_round_trips() -> None:
    sk = sketch_text(TEXT)
    assert np.array_equal(unpack(pack(sk.mins)), sk.mins)


def test_pack_reads_any_layout_as_its_little_endian_copy() -> None:
    """Session 31 (hperf79): a contiguous array is encoded from its own buffer, a strided
    view (no buffer from numpy) from a copy: both are the base64 of ``<u4`` bytes."""
    values = np.arange(7, 300, 3, dtype=np.uint32)
    views = {
        "whole": values,
        "prefix": values[:40],
        "offset": values[5:17],
        "read-only": np.frombuffer(values.tobytes(), "<u4"),
        "strided": values[::2],
        "reversed": values[::-1],
        "big-endian": values.astype(">u4"),
        "empty": values[:0],
    }
    for name, view in views.items():
        want = base64.b64encode(np.ascontiguousarray(view, "<u4").tobytes()).decode()
        assert pack(view) == want, name
        assert np.array_equal(unpack(pack(view)), view), name


def test_identical_texts_compare_as_one() -> None:
    a = sketch_text(TEXT).mins
    ov = compare(a, a)
    assert (ov.jaccard, ov.contained, ov.contains) == (1.0, 1.0, 1.0)


def test_jaccard_estimate_is_close_to_exact() -> None:
    words = tokens(TEXT)
    half = tokens("\n\n".join(FLOOD))
    a, b = shingle_hashes(words), shingle_hashes(half)
    exact = np.intersect1d(a, b).size / np.union1d(a, b).size
    ov = compare(a[:K], b[:K])
    assert abs(ov.jaccard - exact) < 0.1
    assert ov.contains > 0.9  # the shorter text is contained in the longer


def test_other_figures_disagree_and_added_figures_agree() -> None:
    a, b = sketch_text("\n".join(MARKETS)), sketch_text("\n".join(MARKETS_NEXT_DAY))
    assert not facts_agree(a.facts, b.facts)
    stamped = sketch_text("\n".join(MARKETS) + "\nUpdated 27.11.2026 18:05")
    assert facts_agree(a.facts, stamped.facts)


def test_changed_fact_word_disagrees() -> None:
    a = sketch_text("The index rose sharply on Thursday after the rate decision was announced.")
    b = sketch_text("The index fell sharply on Thursday after the rate decision was announced.")
    c = sketch_text("The minister said he would resign over the report on Thursday.")
    d = sketch_text("The minister said he would not resign over the report on Thursday.")
    assert not facts_agree(a.facts, b.facts)
    assert not facts_agree(c.facts, d.facts)


def test_repeated_figures_count_as_a_multiset() -> None:
    a = sketch_text("The final score was 2-2 after extra time in the capital.")
    b = sketch_text("The final score was 2-1 after extra time in the capital.")
    assert not facts_agree(a.facts, b.facts)


def test_fact_delta_tells_a_cut_from_an_update_and_a_template() -> None:
    story = sketch_text("\n\n".join(FLOOD))
    cut = fact_delta(sketch_text("\n\n".join(FLOOD[:2])).facts, story.facts)
    assert (cut.adds, cut.new_figures, cut.figure_share) == (False, 0, 1.0)
    assert cut.lost_words > 0  # the dropped paragraphs took their fact words along
    toll = [FLOOD[0].replace("900", "1,200"), *FLOOD[1:]]
    update = fact_delta(sketch_text("\n\n".join(toll)).facts, story.facts)
    assert update.adds and update.new_figures >= 1 and update.figure_share >= 0.5
    market = sketch_text("\n".join(MARKETS))
    swap = fact_delta(sketch_text("\n".join(MARKETS_NEXT_DAY)).facts, market.facts)
    assert swap.new_figures >= 3 and swap.figure_share < 0.6


def _reference(a: np.ndarray, b: np.ndarray, cap: int) -> tuple[int, int, int]:
    """Hashes below the common cut-off on each side and shared, straight from the arrays."""
    cut = min(int(s[-1]) + 1 if s.size >= cap else 1 << 32 for s in (a, b))
    ra, rb = a[a < cut], b[b < cut]
    return ra.size, rb.size, np.intersect1d(ra, rb).size


def test_comparisons_equal_a_direct_count_on_random_sketches() -> None:
    """The set arithmetic on cached Python values counts what the arrays hold below the cut,
    whichever side is cut shorter (sizes around the caps, figures and fact words mixed)."""
    rng = np.random.default_rng(5)
    for _ in range(300):
        pool = rng.choice(1 << 32, 400, replace=False).astype(np.uint32)
        shared = pool[: rng.integers(0, 200)]
        a = np.unique(np.concatenate((shared, pool[200:300][: rng.integers(0, 100)])))
        b = np.unique(np.concatenate((shared, pool[300:][: rng.integers(0, 100)])))
        cap = int(rng.choice([K, 64, 16]))
        a, b = a[: rng.integers(0, cap + 1)], b[: rng.integers(0, cap + 1)]
        na, nb, inter = _reference(a, b, cap)
        ov = compare(a, b, cap)
        assert (ov.left, ov.right) == (na, nb)
        if na and nb:
            assert ov.jaccard == inter / (na + nb - inter)
            assert (ov.contained, ov.contains) == (inter / na, inter / nb)
        fa, fb = a[:64], b[:64]
        na, nb, inter = _reference(fa, fb, 64)
        cut = min(int(s[-1]) + 1 if s.size >= 64 else 1 << 32 for s in (fa, fb))
        odd_a, odd_b = fa[(fa < cut) & (fa % 2 == 1)], fb[(fb < cut) & (fb % 2 == 1)]
        same = np.array_equal(odd_a, odd_b) and inter in (na, nb)
        assert facts_agree(fa, fb) == same
        even_a, even_b = fa[(fa < cut) & (fa % 2 == 0)], fb[(fb < cut) & (fb % 2 == 0)]
        figures = np.intersect1d(even_a, even_b).size
        words = np.intersect1d(odd_a, odd_b).size
        d = fact_delta(fa, fb)
        assert (d.new_figures, d.new_words, d.lost_words) == (
            even_a.size - figures,
            odd_a.size - words,
            odd_b.size - words,
        )
        smaller = min(even_a.size, even_b.size)
        assert d.figure_share == (figures / smaller if smaller else 1.0)


def test_cached_story_sketches_give_the_collector_nothing_to_walk() -> None:
    """The stored side of every comparison is cached for thousands of stories; a full
    collection must not follow its hashes one by one (docs/architecture.md, Latency)."""
    import gc

    from streams.core.dedup.sketch import packed_facts, packed_hashes

    s = sketch_text(TEXT)
    stored = packed_hashes(pack(s.mins))
    known = packed_facts(pack(s.facts))
    gc.collect()  # a tuple of ints is untracked the first time the collector sees it
    assert stored == tuple(s.mins.tolist())
    assert not gc.is_tracked(stored)
    assert known.values == tuple(s.facts.tolist())
    assert not any(gc.is_tracked(v) for v in (known.values, known.figures, known.words))


def test_fact_comparisons_count_the_same_shared_values_from_either_side() -> None:
    """The intersections use the item's set and the story's values; swapping the two texts
    swaps the counts exactly as the definition does."""
    a = sketch_text("\n\n".join(MARKETS)).facts
    b = sketch_text("\n\n".join(MARKETS_NEXT_DAY)).facts
    ab, ba = fact_delta(a, b), fact_delta(b, a)
    assert 0 < ab.figure_share < 1  # some figures shared, some not
    assert ab.figure_share == ba.figure_share
    assert ab.new_words == ba.lost_words and ab.lost_words == ba.new_words
    assert facts_agree(a, a) and facts_agree(b, b)


@pytest.mark.parametrize(
    ("variants", "canonical"),
    [
        (["às 06:52 com", "às 6h52 com", "às 6:52 a.m. com", "às 6.52 com"], "às 6 52 com"),
        (["gegen 21.00 Uhr", "gegen 21 Uhr", "gegen 21:00 Uhr"], "gegen 21 Uhr"),
        (
            [
                "vers 20H55 locale",
                "vers 20h55 locale",
                "vers 8:55 p.m. locale",
                "vers 8.55 pm locale",
            ],
            "vers 20 55 locale",
        ),
        (["at 6:52 am local", "at 6:52 a.m. local", "at 6.52am local"], "at 6 52 local"),
        (["at 12:30 AM", "at 0:30"], "at 0 30"),
    ],
)
def test_clock_times_are_written_one_way(variants: list[str], canonical: str) -> None:
    """An outlet's restyled clock ("06:52" for "6h52") is the same time (dedup probes r52, r53)."""
    for text in variants:
        assert canonical_times(text) == canonical, text


@pytest.mark.parametrize(
    "text", ["06.08.2023", "09:00:01", "magnitude 6.75", "score 2:1", "B52h", "20hours", "1,422.50"]
)
def test_dates_scores_and_decimals_are_no_clock_times(text: str) -> None:
    assert canonical_times(text) == text


def test_a_restyled_clock_adds_no_figure_and_no_shingle() -> None:
    a = sketch_text("The first quake struck at 6h52 near Sines, the institute said on Monday.")
    b = sketch_text("The first quake struck at 06:52 near Sines, the institute said on Monday.")
    assert a.digest == b.digest
    assert not fact_delta(b.facts, a.facts).adds


def test_the_clock_precheck_misses_no_clock_time() -> None:
    """``canonical_times`` skips the regular expression when ``_maybe_clock`` says a text holds
    no clock time (issue #17: the scan cost a 3 KB story 230k instructions): it must never say
    so of a text where one is found, whatever digits (Arabic-Indic too) and marks surround it."""
    rnd = random.Random(24)
    pieces = [
        *"0123456789:.hH aApPmM,/_é²\u00a0",
        "\u0663",
        "\u0665\u0662",
        " a.m.",
        " a. m.",
        " PM",
        "pm",
        "06:52",
    ]
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        if _CLOCK.search(text) is not None or _BARE_HOUR.search(text) is not None:
            assert _maybe_clock(text), text
    assert not _maybe_clock("In 2025. the rate was 3.5%, 4th time; h.")
    assert canonical_times("\u0666:52") == "6 52"


def test_a_clock_restyled_from_p_m_to_pm_keeps_its_figures() -> None:
    """AP's "6:52 p.m." is a UK outlet's "6:52 pm": made 24-hour on one side only, its hour was
    a new figure ("18" against "6") and the republication an update (review hrev24a)."""
    a = sketch_text("The second quake struck at 6:52 p.m. near Sines, the institute said.")
    b = sketch_text("The second quake struck at 6:52 pm near Sines, the institute said.")
    assert facts_agree(a.facts, b.facts)
    assert a.digest == b.digest


@pytest.mark.skipif(_NATIVE_MAYBE_CLOCK is None, reason="native core without maybe_clock")
def test_the_native_clock_precheck_answers_as_the_python_one() -> None:
    """The native pass (``native/src/text.rs``) replaces the Python one where built: the same
    answer on random mixes of digits, separators, non-ASCII letters and lone surrogates (which
    Python encodes ``surrogatepass``, the native side as U+FFFD: three high bytes either way)."""
    assert _NATIVE_MAYBE_CLOCK is not None
    rnd = random.Random(2024)
    pieces = [*"0123456789:.hH aApPmM,/_é²", "\u0663", "\ud800", "\udfff", "ü:", "日h", ".", ".."]
    for _ in range(30_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert _NATIVE_MAYBE_CLOCK(text) is _maybe_clock_python(text), repr(text)
    for text in ("", "6", "6:", "x.12", "1.2", "1.23", "\ud800.45", "\ud800h"):
        assert _NATIVE_MAYBE_CLOCK(text) is _maybe_clock_python(text), repr(text)


@pytest.mark.skipif(_NATIVE_MAYBE_CLOCK is None, reason="native core without maybe_clock")
def test_the_native_clock_precheck_skips_no_clock_across_words() -> None:
    """The native pass skips eight bytes at a time that hold no digit or non-ASCII byte: a
    clock's first byte at every offset of such a word, its second in the next word, texts of
    every length, answer as the Python pass."""
    rnd = random.Random(26)
    pieces = ["abcdefg ", "The quake ", "x", "7", "12", ":", "h", " pm", ".30", "é", " ", "3.5"]
    for _ in range(30_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        assert _NATIVE_MAYBE_CLOCK(text) is _maybe_clock_python(text), repr(text)
    for pad in range(20):
        for clock in ("6:52", "6h", "21.00", "8 pm", "8 a.m.", "1.5", "6  pm"):
            text = "x" * pad + clock + " y" * pad
            assert _NATIVE_MAYBE_CLOCK(text) is _maybe_clock_python(text), repr(text)


@pytest.mark.parametrize(
    ("bare", "full"),
    [
        ("The quake struck at 6 p.m. on Monday.", "The quake struck at 6:00 p.m. on Monday."),
        ("The quake struck at 6 p.m. on Monday.", "The quake struck at 18.00 on Monday."),
        ("Voting opened at 11am local time.", "Voting opened at 11:00 a.m. local time."),
        ("It hit just before 1 PM, police said.", "It hit just before 13:00, police said."),
        ("Doors open at 12 am.", "Doors open at 00:00."),
    ],
)
def test_an_hour_without_minutes_is_made_24_hour_like_the_times_with_minutes(
    bare: str, full: str
) -> None:
    """A bare "6 p.m." was the one time a story kept as written while "6:00 p.m." became "18":
    a copy restyling it moved further from its original than before times were read (dev rows
    write "11am", "1 pm", "2 am" beside "2:47pm")."""
    assert canonical_times(bare) == canonical_times(full)
    a, b = sketch_text(bare), sketch_text(full)
    assert a.digest == b.digest
    assert not fact_delta(b.facts, a.facts).adds


def test_a_bare_hour_is_read_only_as_a_whole_number_before_am_or_pm() -> None:
    for text in ("112am", "3.5 pm", "version 2.1 am", "I am 5", "13 pm", "room 5a. more"):
        assert canonical_times(text) == text, text
    assert canonical_times("at 5 am and 7pm") == "at 5 and 19"
