"""The plain reader's native passes (``PlainScreen``, ``native/src/text.rs``) give what its
Python tests give: the rights phrases an ASCII text holds and their places
(``plaintext._phrases_python``), and each paragraph's opening (``_opens_with`` on its head,
labelled, and past its blanks, furniture). ``_paragraphs`` takes the native answer whenever
there is one (session 34, hperf88). The module skips when the extension is not built or
predates the class."""

from __future__ import annotations

import os
import random

import pytest

from streams.core import text as textmod
from streams.core.parse import plaintext

native = pytest.importorskip(
    "wirestream_native", reason="the native core is not built (make venv builds it)"
)
pytestmark = [
    pytest.mark.skipif(
        os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
    ),
    pytest.mark.skipif(
        not hasattr(native, "PlainScreen"),
        reason="an installed native core built before PlainScreen (make venv rebuilds it)",
    ),
]


def _screen() -> object:
    screen = plaintext._words().screen
    assert screen is not None
    return screen


def _python_opening(t: str) -> int:
    words = plaintext._words()
    labelled = plaintext._opens_with(
        t,
        words.labelled_by_initial,
        words.labelled_by_ascii,
        casefold=False,
        limit=plaintext._LABELLED_HEAD,
    )
    furniture = len(t) <= plaintext._FURNITURE_PARA and plaintext._opens_with(
        t.lstrip(),
        textmod.furniture_by_initial(),
        words.furniture_by_ascii,
        casefold=True,
        limit=words.furniture_longest,
    )
    return 1 if labelled or furniture else 0


def _mixed_case(rng: random.Random, s: str) -> str:
    return "".join(c.upper() if rng.random() < 0.3 else c for c in s)


def test_phrases_and_places_as_the_python_pass() -> None:
    words = plaintext._words()
    screen = _screen()
    rng = random.Random(34)
    phrases = list(words.rights_phrases)
    fillers = ["the", "council", "said", "all", "rights", "reserved", "written", "x", "(c)"]
    for _ in range(3000):
        pieces = [
            _mixed_case(rng, rng.choice(phrases) if rng.random() < 0.3 else rng.choice(fillers))
            for _ in range(rng.randint(0, 30))
        ]
        text = "".join(p + rng.choice([" ", " ", "\n", "\n\n", "", ". "]) for p in pieces)
        got = screen.places(text)  # type: ignore[attr-defined]
        want = plaintext._phrases_python(text, words)
        if not text.isascii():
            assert got is None
            continue
        assert got is not None, text
        indices, places = got
        assert tuple(phrases[n] for n in indices) == want[0], text
        assert places == want[1], text
        assert (len(indices) >= 2) == want[2]


def test_places_past_the_kept_count_are_none_and_other_text_is_left_to_python() -> None:
    words = plaintext._words()
    screen = _screen()
    two = [p for p in words.rights_phrases if p.isascii()][:2]
    crowded = " ".join(two * (plaintext._PLACES_KEPT // 2 + 1))
    got = screen.places(crowded)  # type: ignore[attr-defined]
    assert got is not None and got[1] is None
    assert plaintext._phrases_python(crowded, words)[1] is None
    exact = " ".join(two * (plaintext._PLACES_KEPT // 2))
    got = screen.places(exact)  # type: ignore[attr-defined]
    assert got is not None and got[1] == plaintext._phrases_python(exact, words)[1]
    assert screen.places("© 2024 İzmir all rights reserved") is None  # type: ignore[attr-defined]


def test_openings_as_the_python_tests() -> None:
    words = plaintext._words()
    screen = _screen()
    rng = random.Random(35)
    prefixes = [*words.labelled, *textmod.furniture_prefixes()]
    blanks = ["", " ", "  ", "\t", "\x1c", "\x0b ", "\xa0"]
    tails = ["", "x", " the story went on", ": more", "." * 150, " ".join(["word"] * 40)]
    paras: list[str] = []
    for _ in range(4000):
        head = rng.choice(prefixes) if rng.random() < 0.7 else rng.choice(["The", "A", "Eds", ""])
        cut = rng.randint(0, len(head)) if rng.random() < 0.2 else len(head)
        para = rng.choice(blanks) + _mixed_case(rng, head[:cut]) + rng.choice(tails)
        paras.append(para[: rng.randint(1, 200)] if rng.random() < 0.3 else para)
    got = screen.openings(paras)  # type: ignore[attr-defined]
    assert isinstance(got, bytes) and len(got) == len(paras)
    for para, opening in zip(paras, got, strict=True):
        if not para.isascii():
            assert opening == 2, para
        else:
            assert opening == _python_opening(para), para
    assert screen.openings(["x\ud800"]) == b"\x02"  # type: ignore[attr-defined]


def test_paragraphs_read_the_same_with_and_without_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whole texts (session 34, review hrev34b): ``_paragraphs`` gives the same paragraphs and
    kinds with the native screen as with ``WIRE_NATIVE=0``'s Python tests, on texts mixing the
    rights phrases and labelled and furniture openings (at the very start and end, cased,
    overlapping) with CRLF and lone CR line ends and the characters whose ``lower()`` or
    ``casefold()`` is not one ASCII byte lowered ("İ", "ß", "ſ", the Kelvin sign), which must
    send their text to the Python tests."""
    words = plaintext._words()
    phrases = list(words.rights_phrases)
    prefixes = [*words.labelled, *textmod.furniture_prefixes()]
    odd = ["\u212a", "K", "İ", "ß", "ſ", "ﬁ", "ǅ", "é", "\xa0", "\x1c", "\x0b", "\r"]
    fill = ["The council said", "all rights reserved", "written", "(c) 2024", "Jan 3, 2024"]
    ends = [" ", "\n", "\n\n", "", ". ", "\r\n", "\r", "\r\n\r\n"]
    rng = random.Random(3417)
    texts: list[str] = []
    for _ in range(1500):
        parts: list[str] = []
        for _ in range(rng.randint(1, 20)):
            r = rng.random()
            if r < 0.3:
                piece = rng.choice(phrases)
            elif r < 0.5:
                piece = rng.choice(prefixes)
            elif r < 0.6:
                piece = rng.choice(odd)
            else:
                piece = rng.choice(fill)
            parts.append(_mixed_case(rng, piece) + rng.choice(ends))
        texts.append("".join(parts))
    assert sum(t.isascii() for t in texts) > 300  # the screen answers for these

    def read() -> list[list[tuple[str, str]]]:
        plaintext._words.cache_clear()
        try:
            return [[(p.kind, p.text) for p in plaintext._paragraphs(t)] for t in texts]
        finally:
            plaintext._words.cache_clear()

    native_read = read()
    monkeypatch.setenv("WIRE_NATIVE", "0")
    plaintext._words.cache_clear()
    assert plaintext._words().screen is None
    python_read = read()
    assert {kind for paras in python_read for kind, _ in paras} >= {"text", "boiler", "ednote"}
    for text, got, want in zip(texts, native_read, python_read, strict=True):
        assert got == want, text
