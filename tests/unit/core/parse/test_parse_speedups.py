"""Speed-ups of the parse stage that must not change an answer (issue #17): each fast form is
checked against the plain one it replaced."""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

import pytest

from streams.core.parse import markers
from streams.core.parse.markers import read_dateline
from streams.core.parse.xmlsafe import _tags, _trie, unescape_marks


def test_trie_matches_the_same_words_as_the_flat_alternation() -> None:
    words = {
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "br",
        "h1",
        "h2",
        "hr",
        "s",
        "strike",
        "u",
        "ul",
    }
    flat = re.compile("(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b", re.I)
    tree = re.compile(f"(?:{_trie(words)})" + r"\b", re.I)
    probes = [*words, *(w.upper() for w in words), "ab", "abb", "bl", "bigg", "h3", "stri", "", "x"]
    for probe in probes:
        got = tree.fullmatch(probe)
        assert (got is None) == (flat.fullmatch(probe) is None), probe


def test_escaped_tags_by_the_prefix_tree() -> None:
    pattern, _ = _tags()
    assert unescape_marks("one<p>two</P><BR/>three<strong>four</strong>") == (
        "one\n\ntwo\n\n\n\nthreefour"
    )
    # Words that only start like a tag name stay text.
    assert unescape_marks("a <bigger> b <str> c <thx> d") == "a <bigger> b <str> c <thx> d"
    assert pattern.match("<blockquote class='q'>") is not None
    assert pattern.match("<blockquotes>") is None


def _slow_dateline(paragraph: str) -> tuple[object, ...] | None:
    """read_dateline without its literal pre-tests: the three patterns in turn."""
    m = markers.DATELINE.match(paragraph)
    if m is None:
        q = markers._state_dateline(paragraph)
        if q is not None:
            return (q.place, q.agency, q.end, q.weak)
        a = markers._AGENCY_DATELINE.match(paragraph)
        if a is None:
            return None
        return (a.group("place"), a.group("agency").strip(), a.end(), False)
    d = read_dateline(paragraph)  # the first pattern's path is unchanged
    return None if d is None else (d.place, d.agency, d.end, d.weak)


@pytest.mark.parametrize("seed", [1, 2])
def test_dateline_pre_tests_change_no_answer(seed: int) -> None:
    rng = random.Random(seed)
    bits = [
        "CAIRO",
        "Lebanon",
        ", Pa.",
        ", Ore.",
        " (AP)",
        " (dpa)",
        " - ",
        " — ",
        " – ",
        "-- ",
        "_ ",
        ", ",
        "Jan. 3",
        "Smith",
        " ",
        "(",
        ")",
        "x",
        "Berlin",
        "Frankfurt/Main",
        "Tigard",
        # TASS's slash credit (session 28): its pre-test is a slash after two non-lower-case
        # characters, so cased and slashed openings must agree with the slow path too.
        "MOSCOW",
        ", June 26",
        ". /TASS/. ",
        "/",
        "Mo",
    ]
    town = "Abcdefghijklmnopqrstuvwxyzabcde"  # 31 characters: the longest word a town has
    cases = [f"{town} {town} {town}, Pa. - Rain.", f"{town} {town} {town}x, Pa. - Rain."]
    cases += ["".join(rng.choice(bits) for _ in range(rng.randint(1, 10))) for _ in range(5000)]
    for case in cases:
        d = read_dateline(case)
        assert (None if d is None else (d.place, d.agency, d.end, d.weak)) == _slow_dateline(case)
    assert read_dateline(cases[0]) is not None


def test_anchored_rights_scan_finds_what_the_phrase_by_phrase_scan_finds() -> None:
    from streams.core.parse import plaintext

    words = plaintext._words()
    assert [p for p, _ in words.anchored] == list(words.rights_phrases)
    for phrase, anchor in words.anchored:
        assert anchor in phrase
    # "written" rules out six phrases at once; a phrase sharing no word anchors itself.
    assert dict(words.anchored)["written consent"] == "written"
    assert dict(words.anchored)["reserved"] == "reserved"
    pieces = [*words.rights_phrases, "write", "rights", "may not", "under no", " ", "x", "©"]
    rng = random.Random(17)
    for _ in range(3000):
        low = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        found = {a for a in words.anchors if a in low}
        fast = tuple(p for p, a in words.anchored if a in found and (p == a or p in low))
        assert fast == tuple(p for p in words.rights_phrases if p in low), low


def test_anchor_groups_share_their_longest_common_string() -> None:
    from streams.core.parse.plaintext import _anchors

    got = dict(_anchors(("may not be sold", "may not be shown", "copyright", "all rights")))
    assert got["may not be sold"] == got["may not be shown"] == "may not be s"
    assert got["copyright"] == "copyright"
    assert got["all rights"] == "all rights"


def test_paragraph_kinds_are_classify_answers_when_the_text_holds_many_phrases() -> None:
    from streams.core.parse import plaintext

    paras = [
        "Copyright 2026 Example News. All rights reserved.",
        "The council said the reserved seats were copyright of nobody.",
        "Reproduction prohibited without written permission. Subscription required.",
        "EDS: corrects spelling of the minister's name.",
        "Sign up for our newsletter",
        "Sign up for the reserve rose 40% this year, the ministry said, all rights kept.",
        "A long paragraph about rights. " * 30 + "All rights reserved, copyright.",
        "Officials met on Tuesday to discuss the budget.",
    ]
    text = "\n\n".join(paras)
    low = text.replace("\n", " ").lower()
    phrases = tuple(p for p in plaintext._words().rights_phrases if p in low)
    assert len(phrases) >= 2
    got = plaintext._paragraphs(text)
    assert [p.kind for p in got] == [plaintext._classify(t, phrases) for t in paras]
    assert {p.kind for p in got} >= {"boiler", "ednote", "soft", "text"}


def test_end_and_soft_pre_tests_spare_no_marker() -> None:
    """A short line the pre-tests pass over (first character, "more") matches neither regex."""
    from streams.core.parse import plaintext

    alphabet = "#-(E=*_XNDSOREMroe/). –—x1 "
    rng = random.Random(7)
    probes = ["###", "-30-", "(END)", "ENDS/JD", "====", "***", "----", "____", "XXX", "NNNN"]
    probes += ["MORE", "-more-", "(More)", "... MORE ...", "= more ="]
    probes += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(3000)
    ]
    for line in probes:
        if line[0] not in plaintext._END_INITIALS:
            assert plaintext._END.match(line) is None, line
        if "ore" not in line and "ORE" not in line:
            assert plaintext._SOFT.match(line) is None, line


def test_opens_with_by_the_written_ascii_initial_answers_as_the_fold() -> None:
    """:func:`_opens_with`'s ASCII shortcut answers as folding the first character did."""
    from streams.core import text as textmod
    from streams.core.parse import plaintext

    words = plaintext._words()
    cases = [
        (words.labelled_by_initial, words.labelled_by_ascii, False),
        (textmod.furniture_by_initial(), words.furniture_by_ascii, True),
    ]
    prefixes = [*words.labelled, *textmod.furniture_prefixes()]
    probes = ["", "The", "\u212aelvin", "\u0130stanbul", "© 2024", "ß", *prefixes]
    probes += [p.upper() for p in prefixes] + [p.title() for p in prefixes]
    probes += [chr(n) + "opyright" for n in range(0x250)]
    for by_initial, by_ascii, casefold in cases:
        for probe in probes:
            folded = probe.casefold() if casefold else probe.lower()
            group = by_initial.get(folded[:1])
            want = group is not None and folded.startswith(group)
            got = plaintext._opens_with(probe, by_initial, by_ascii, casefold=casefold)
            assert got == want, probe


def test_two_phrases_answers_as_the_sum_of_hits() -> None:
    from streams.core.parse import plaintext

    phrases = plaintext._words().rights_phrases
    rng = random.Random(3)
    for _ in range(500):
        picked = rng.sample(phrases, rng.randint(0, 4))
        low = " filler ".join(picked) + rng.choice(["", " all rights", " ©"])
        for subset in (phrases, tuple(picked), ()):
            want = sum(map(low.__contains__, subset)) >= 2
            assert plaintext._two_phrases(low, subset) == want, (low, subset)


@pytest.mark.parametrize("seed", range(4))
def test_paragraph_kinds_by_phrase_places_are_classify_answers(seed: int) -> None:
    """A text holding two or more rights phrases: its paragraphs' phrase counts, read from
    the phrases' places in the whole lower-cased text (``_phrase_places``), send to
    ``_classify`` every paragraph the per-paragraph search sent there. Mixed case, phrases
    split over wrapped lines and over paragraphs, marker lines, characters whose lower case
    is longer ("İ": the per-paragraph search instead) or depends on context (final sigma)."""
    from streams.core.parse import plaintext

    rng = random.Random(seed)
    phrases = [*plaintext._words().rights_phrases, "All Rights", "COPYRIGHT", "Reserved"]
    words = ["the", "council", "said", "seats", "were", "kept", "ΟΔΟΣ", "Σ", "İzmir", "x"]
    for _ in range(300):
        lines: list[str] = []
        for _ in range(rng.randint(1, 14)):
            pick = [rng.choice(phrases if rng.random() < 0.3 else words) for _ in range(12)]
            line = " ".join(pick[: rng.randint(1, 12)])
            lines.append(line[:1].upper() + line[1:])
            lines.append(rng.choice(["", "", "ENDS", "(MORE)", "all rights", lines[-1][:7]]))
        text = "\n".join(lines)
        if "İ" in text and rng.random() < 0.5:
            text = text.replace("İ", "I")
        low = text.replace("\n", " ").lower()
        present = tuple(p for p in plaintext._words().rights_phrases if p in low)
        got = plaintext._paragraphs(text)
        timeline = plaintext._timeline([plaintext._Para(p.text) for p in got])
        for para in got:
            if para.kind in ("text", "boiler", "ednote") and not plaintext._stamp(para.text):
                want = plaintext._classify(para.text, present, timeline=timeline)
                assert para.kind == want, (text, para.text)


def test_phrase_places_answer_as_the_paragraph_search() -> None:
    from streams.core.parse import plaintext

    rng = random.Random(5)
    pieces = ["all rights", "reserved", "©", "rights", "all", " ", "x", "reserved©"]
    for _ in range(2000):
        low = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        phrases = tuple(rng.sample(["all rights", "reserved", "©", "all rights"], 3))
        places = plaintext._phrase_places(low, phrases)
        assert places is not None
        first = 0
        cuts = sorted(rng.sample(range(len(low) + 1), min(len(low) + 1, 4)))
        for start, end in itertools.pairwise(cuts):
            first, two = plaintext._two_places(places, first, start, end - start)
            assert two == plaintext._two_phrases(low[start:end], phrases), (low, start, end)
    assert plaintext._phrase_places("©" * (plaintext._PLACES_KEPT + 1), ("©",)) is None


def test_phrase_places_from_known_first_places() -> None:
    """``_phrase_places`` given each phrase's first place (or -1, unknown), as ``_paragraphs``
    passes them (session 32), lists the places it lists searching from the start."""
    from streams.core.parse import plaintext

    rng = random.Random(6)
    pieces = ["all rights", "reserved", "©", "rights", "all", " ", "x", "reserved©"]
    for _ in range(2000):
        low = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        phrases = tuple(p for p in ("all rights", "reserved", "©", "rights") if p in low)
        firsts = [low.find(p) if rng.random() < 0.7 else -1 for p in phrases]
        want = plaintext._phrase_places(low, phrases)
        assert plaintext._phrase_places(low, phrases, firsts) == want, (low, firsts)


def _random_tree(rng: random.Random, names: list[str], depth: int) -> object:
    import xml.etree.ElementTree as ET

    el = ET.Element(rng.choice(names))
    if depth:
        for _ in range(rng.randint(0, 4)):
            el.append(_random_tree(rng, names, depth - 1))  # type: ignore[arg-type]
    return el


@pytest.mark.parametrize("seed", [1, 2])
def test_element_queries_select_what_elementpath_selects(seed: int) -> None:
    """``kids``, ``child`` and ``descendant`` as compiled loops (session 30) select the
    elements, in the order, of the ElementPath queries they replaced: children repeat names,
    a first branch may lack the path's next step, names hold "." and "-"."""
    from streams.core.parse import xmlsafe

    rng = random.Random(seed)
    names = ["a", "b", "doc.source", "x-y"]
    for _ in range(400):
        root: Any = _random_tree(rng, names, 4)
        for n in names:
            assert list(xmlsafe.kids(root, n)) == list(root.iterfind(n))
            assert xmlsafe.descendant(root, n) is root.find(f".//{n}")
            assert xmlsafe.child(root, n) is root.find(n)
            for m in names:
                assert xmlsafe.child(root, n, m) is root.find(f"{n}/{m}")
                for k in names:
                    assert xmlsafe.child(root, n, m, k) is root.find(f"{n}/{m}/{k}")
        assert xmlsafe.child(root) is root.find("")
    assert list(xmlsafe.kids(None, "a")) == []
    assert xmlsafe.child(None, "a", "b") is None
    assert xmlsafe.descendant(None, "a") is None


def test_clock_test_answers_as_the_clock_pattern() -> None:
    """``_has_clock`` finds what ``_CLOCK.search`` finds: separators at either end, several
    of them, and every code point as a digit (``\\d`` is Unicode's decimal digits)."""
    from streams.core.parse import plaintext

    rng = random.Random(3)
    alphabet = "0123456789:.a ,\u0663\u06f5\u0966x"
    probes = ["", "1", "1:", "1:2", "1:23", ":12", "a1:23", "12.345", "1.2.34", "x:1:23 y"]
    probes += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20000)
    ]
    for probe in probes:
        assert plaintext._has_clock(probe) == (plaintext._CLOCK.search(probe) is not None), probe
    digit = re.compile(r"\d")
    for n in range(0x110000):  # the pattern's digit is the test's
        c = chr(n)
        assert c.isdecimal() == (digit.match(c) is not None), hex(n)


def test_furniture_test_folds_only_the_longest_prefix() -> None:
    """Folding a line's first ``furniture_longest`` characters answers as folding the whole
    line (session 30): characters that fold to several ("ß", "ﬁ"), a sigma, long lines."""
    from streams.core import text as textmod
    from streams.core.parse import plaintext

    words = plaintext._words()
    by_initial, by_ascii = textmod.furniture_by_initial(), words.furniture_by_ascii
    prefixes = textmod.furniture_prefixes()
    assert words.furniture_longest == max(len(p) for p in prefixes)
    rng = random.Random(4)
    extra = ["ß", "ﬁ", "Σ", "ς", "İ", "\u212a", " ", "x", "ΣΑΣ", "Photo", "ss"]
    probes = [*prefixes, *(p.upper() for p in prefixes), *(p.title() for p in prefixes)]
    for _ in range(5000):
        p = rng.choice(prefixes)
        cut = rng.randint(0, len(p))
        probes.append(p[:cut] + "".join(rng.choice(extra) for _ in range(rng.randint(0, 4))))
        probes.append(p.upper().replace("SS", "ß") + rng.choice(extra) * rng.randint(0, 200))
    for probe in probes:
        want = plaintext._opens_with(probe, by_initial, by_ascii, casefold=True)
        got = plaintext._opens_with(
            probe, by_initial, by_ascii, casefold=True, limit=words.furniture_longest
        )
        assert got == want, probe


def _dateline_by_six_groups(paragraph: str) -> tuple[object, ...] | None:
    """``read_dateline``'s first-pattern path as it read its groups one call each."""
    m = markers.DATELINE.match(paragraph)
    if m is None:
        return None
    place = m.group("place").strip()
    core = place.split(",")[0]
    bare = m.group("agency") is None and m.group("date") is None
    if bare and (len(core) < 3 or not core.replace(" ", "").replace("-", "").isalpha()):
        return None
    if not any(c.isalpha() for c in core) or core.upper() != core:
        return None
    bare_credit = m.group("bare")
    if bare_credit is not None and bare_credit.lower() in markers._dateline_words()["not_a_credit"]:
        bare_credit = None
    agency = m.group("agency") or bare_credit or m.group("slash")
    return (place, agency.strip() if agency else None, m.end(), False)


def test_dateline_groups_read_at_once_answer_as_one_by_one() -> None:
    rng = random.Random(5)
    bits = ["CAIRO", "LONDON", " ", ", ", "Jun 12", "June 26", ", 2023", " (AP)", " (EFE).",
            " BNS", " GMT", " UPDATE", " AAP", ". /TASS/. ", " /CNW/", " - ", " — ", "-- ",
            "_ ", "Rain.", "A", "NEW YORK", "x", "SAO-PAULO"]  # fmt: skip
    for _ in range(20000):
        case = "".join(rng.choice(bits) for _ in range(rng.randint(1, 8)))
        if markers.DATELINE.match(case) is None:
            continue
        d = read_dateline(case)
        assert (None if d is None else (d.place, d.agency, d.end, d.weak)) == (
            _dateline_by_six_groups(case)
        ), case


def _groups(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return None if m is None else (m.span(), *(m.span(g) for g in range(m.re.groups + 1)))


def test_dateline_lookahead_after_the_place_changes_no_match_or_group() -> None:
    """The assertion after the place (session 31) only prunes: the pattern without it gives
    the same match, span and every group's span, on openings built to backtrack through the
    country qualifier, the date, the credits and every character the assertion names."""
    without = re.compile(markers.DATELINE.pattern.replace(markers._AFTER_PLACE, "", 1))
    assert without.pattern != markers.DATELINE.pattern
    rng = random.Random(31)
    bits = ["SEOUL", "BUENOS AIRES", "PORT-AU-PRINCE", ", Haïti", ", Nov", " 24", ", Nov 24",
            "12 Jun", ", 2023", " (PAN)", " (EFE).", ",", " ", "\n", "\u00a0", " BNS", " AAP",
            ". /TASS/. ", " /CNW/", " - ", " — ", " – ", "-- ", "_ ", ".", "(", "x", "Rain.",
            "'", "’", "A", "É", "ǅ", "\t", "/", "2"]  # fmt: skip
    cases = ["SEOUL, Nov 24 (PAN) - Text", "SEOUL, Nov - Text", "LIMA, (EFE).- Text"]
    cases += ["".join(rng.choice(bits) for _ in range(rng.randint(1, 9))) for _ in range(20000)]
    found = 0
    for case in cases:
        want = _groups(without.match(case))
        assert _groups(markers.DATELINE.match(case)) == want, case
        found += want is not None
    assert found > 200


def _fields(d: markers.Dateline | None) -> tuple[object, ...] | None:
    return None if d is None else (d.place, d.agency, d.end, d.weak)


def test_dateline_memo_answers_as_the_patterns_and_stays_bounded() -> None:
    """read_dateline's memo (session 31): a second read of a text, in the same object or an
    equal one, answers as the first and as the patterns read afresh; texts over the length
    bound are not kept, and the memo never holds more than its entries bound."""
    markers._MEMO.clear()
    rng = random.Random(7)
    bits = ["CAIRO", "Lebanon", ", Pa.", " (AP)", " (dpa)", " - ", " — ", ", ", "Jan. 3",
            "Berlin", "Tigard", "MOSCOW", ", June 26", ". /TASS/. ", "/", "x", " "]  # fmt: skip
    cases = ["".join(rng.choice(bits) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for case in cases + cases[::-1]:
        again = "".join(list(case))  # an equal text in another object, or the same one
        fresh = _fields(markers._read_dateline(case, case[:1] > "\u0600"))
        for text in (case, again):
            d = read_dateline(text)
            assert _fields(d) == fresh, case  # the pre-tests answer as the patterns here
            assert d is not markers._NO_DATELINE
        assert len(markers._MEMO) <= markers._MEMO_ENTRIES
    hit = "CAIRO (AP) — Rain."
    assert read_dateline(hit) is read_dateline("".join(list(hit)))  # kept, one object
    long = "CAIRO (AP) — " + "Rain. " * 300
    assert len(long) > markers._MEMO_CHARS
    assert read_dateline(long) is not read_dateline(long)  # read afresh each time
    assert long not in markers._MEMO
    for n in range(markers._MEMO_ENTRIES + 5):
        read_dateline(f"CAIRO (AP) — Rain {n}.")
    assert 0 < len(markers._MEMO) <= markers._MEMO_ENTRIES


def test_stamp_initials_pre_test_answers_as_the_pattern() -> None:
    """``_stamp``'s first-character pre-test (session 34, hperf88) rules out no line the
    time-stamp pattern matches: every ASCII character before every stamp form, and the
    forms' own openings in either case."""
    from streams.core.parse import plaintext

    stamps = [
        "January 18, 2010 12:21 AM",
        "Updated: 3:45 p.m. EDT, March 3, 2020",
        "Posted on Mon, 02 Mar 2023",
        "last updated 12.03.2023 10:39",
        "First published Tuesday 4 April 2023 at 10:00 am",
        "Modified: 2023-03-02",
        "12:21 AM",
        "3/4/2023 10:00",
        "Wed, Sep 6, 2023 4:00 pm",
        "sept 6 2023",
        "Oct 1st, 2023",
        "Friday, August 4, 2023",
        "NOV 3 2023 9.15 pm gmt",
        "Sunday 1 December 2024",
        "dec 25, 2022",
    ]
    rng = random.Random(34)
    lines = list(stamps)
    for stamp in stamps:
        for n in range(128):
            lines.append(chr(n) + stamp)
            lines.append(chr(n) + stamp[1:])
        lines.append(stamp.swapcase())
        lines.append("ſ" + stamp[1:])
        lines.append("\u0663" + stamp[1:])
        lines.append(stamp[: rng.randint(0, len(stamp))])
    matched = 0
    for line in lines:
        want = (
            len(line) <= plaintext._TIMESTAMP_MAX and plaintext._TIMESTAMP.match(line) is not None
        )
        assert plaintext._stamp(line) == want, line
        matched += want
    assert matched > len(stamps)


def test_clean_inline_memo_answers_as_the_cleaning_and_stays_bounded() -> None:
    """clean_inline's memo (session 36, hperf94): a second clean of a short text, in the same
    object or an equal one, answers as the cleaning does afresh (mojibake, controls and every
    kind of blank included); texts over the length bound are not kept, and the memo never
    holds more than its entries bound."""
    from streams.core import text as textmod

    textmod._INLINE.clear()
    rng = random.Random(36)
    bits = ["GPN", "Meridian", " ", "  ", "\t", "\n", "\u00a0", "\u2009", "CafÃ©", "Ã¢â‚¬â€œ",
            "\x00", "\x85", "\r\n", "é", "e\u0301", "x", "Desk", "ǅ"]  # fmt: skip
    cases = ["".join(rng.choice(bits) for _ in range(rng.randint(0, 8))) for _ in range(2000)]
    for case in cases + cases[::-1]:
        fresh = " ".join(textmod.clean(case).split())
        assert textmod.clean_inline(case) == fresh, case
        assert textmod.clean_inline("".join(list(case))) == fresh, case
        assert len(textmod._INLINE) <= textmod._INLINE_ENTRIES
    long = "Northern Telegraph Wire world desk " * 3
    assert len(long) > textmod._INLINE_CHARS
    assert textmod.clean_inline(long) == long.strip()
    assert long not in textmod._INLINE
    for n in range(textmod._INLINE_ENTRIES + 5):
        textmod.clean_inline(f"Desk {n}")
    assert 0 < len(textmod._INLINE) <= textmod._INLINE_ENTRIES
