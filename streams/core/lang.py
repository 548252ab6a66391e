"""A cheap language guess for items that arrive without ``language``.

Arabic is told by its script; Latin-script languages by counting frequent function words
(``streams/data/lang/stopwords.tsv``) in the first words of the text. lingua-language-detector
was measured first (``bench/lang_bench.py``): about 2.5 ms per item in its low-accuracy mode, four
times the whole pure pipeline, for the same answer on the real-news corpus; this guess costs a
few microseconds. It only has to be right often enough to pick geo inflection rules.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wirestream_native import Votes

#: Found through the package, not ``__file__``: compiled, this module's file is in the build.
DATA = files("streams").joinpath("data/lang/stopwords.tsv")
#: Words looked at: enough for a clear vote, few enough to stay cheap on long bodies.
SAMPLE_WORDS = 80
#: Fewer function-word hits than this: no guess (a headline, a table, a list of names).
MIN_HITS = 3
#: Characters looked at (about a hundred words of prose).
SAMPLE_CHARS = 500
_ARABIC = re.compile("[\u0600-\u06ff]")
_PUNCT = ".,;:!?\"'()«»“”‘’[]-–—/"
#: ``_PUNCT``'s characters, for the one-character tests of :func:`detect` (a set lookup of a
#: cached one-character string, where ``in _PUNCT`` searched the string).
_PUNCT_SET = frozenset(_PUNCT)


def _load() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    words: dict[str, frozenset[str]] = {}
    letters: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, listed = line.partition("\t")
            if listed.startswith("letters\t"):
                letters[code.strip()] = listed.split("\t")[1].strip()
            else:
                words[code.strip()] = frozenset(listed.split())
    return words, letters


_WORDS, _LETTERS = _load()
#: Own letters of one language that decide a text with a thin word vote.
MIN_LETTERS = 3
_BY_WORD: dict[str, tuple[str, ...]] = {}
for _code, _listed in _WORDS.items():
    for _w in _listed:
        _BY_WORD[_w] = (*_BY_WORD.get(_w, ()), _code)
#: Share of characters in Arabic script above which the text is Arabic.
ARABIC_SHARE = 0.3
#: The languages of :data:`_WORDS`, indexed as the native vote counts them.
_CODES: tuple[str, ...] = tuple(_WORDS)


def _native_votes() -> Votes | None:
    """The word vote in the native core (``native/src/text.rs``), or None: not built, built
    before it had one, or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import Votes
    except ImportError:
        return None
    index = {code: n for n, code in enumerate(_CODES)}
    return Votes([(w, [index[c] for c in codes]) for w, codes in _BY_WORD.items()], _PUNCT)


_VOTES = _native_votes()


def normalise(code: str | None) -> str:
    """ "en-GB" -> "en", "nb"/"nn" -> "no"; empty when unknown."""
    if not code:
        return ""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return "no" if base in ("nb", "nn") else base


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when the evidence is thin."""
    sample = text[:SAMPLE_CHARS]
    head = sample[:200]
    if not head.isascii() and len(_ARABIC.findall(head)) > ARABIC_SHARE * len(head):
        return "ar"
    low = sample.lower()
    counted = None
    native = _VOTES
    if native is not None:
        try:
            counted = native.count(low, SAMPLE_WORDS)
        except UnicodeEncodeError:  # a lone surrogate: the Python vote reads it
            counted = None
    if counted is not None:
        # The native vote's (language index, count) pairs, in first-vote order as the dict's
        # keys are: ">" keeps the first of the most votes, as below.
        best, most = "", 0
        for n, count in counted:
            if count > most:
                best, most = _CODES[n], count
    else:
        best, most = _vote(low)
    if best and most >= MIN_HITS:
        return best
    for code, own in _LETTERS.items():
        if sum(sample.count(ch) for ch in own) >= MIN_LETTERS:
            return code
    return None


def _vote(low: str) -> tuple[str, int]:
    """The language most of the first :data:`SAMPLE_WORDS` words of the lower-cased ``low``
    vote for (the first to get that many), and its votes; ("", 0) for none. The reference
    of the native vote (:data:`_VOTES`)."""
    votes: dict[str, int] = {}
    # One loop of direct lookups, the module's tables in locals: the compiled core looked up
    # ``_PUNCT`` in the module's dict for every word, called ``strip`` on every word (about
    # 400 instructions, though few words open or close with a mark) and ``_BY_WORD.get``
    # through ``map``'s generic iterator (about 500). A word whose first and last characters
    # are no mark is its own ``strip`` (bench/README.md, session 29, hperf67).
    punct, marks, by_word = _PUNCT, _PUNCT_SET, _BY_WORD
    for word in low.split()[:SAMPLE_WORDS]:
        if word[0] in marks or word[-1] in marks:
            word = word.strip(punct)
        codes = by_word.get(word)
        if codes:  # most words are no function word
            for code in codes:
                votes[code] = votes.get(code, 0) + 1
    # max(votes, key=votes.__getitem__) written out: no key call per code; ">" keeps the
    # first code of the most votes, as max does.
    best, most = "", 0
    for code, count in votes.items():
        if count > most:
            best, most = code, count
    return best, most
