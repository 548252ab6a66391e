"""Speed-ups of the parse stage that must not change an answer (issue #17): each fast form is
checked against the plain one it replaced."""

from __future__ import annotations

import random
import re

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
    ]
    town = "Abcdefghijklmnopqrstuvwxyzabcde"  # 31 characters: the longest word a town has
    cases = [f"{town} {town} {town}, Pa. - Rain.", f"{town} {town} {town}x, Pa. - Rain."]
    cases += ["".join(rng.choice(bits) for _ in range(rng.randint(1, 10))) for _ in range(5000)]
    for case in cases:
        d = read_dateline(case)
        assert (None if d is None else (d.place, d.agency, d.end, d.weak)) == _slow_dateline(case)
    assert read_dateline(cases[0]) is not None
