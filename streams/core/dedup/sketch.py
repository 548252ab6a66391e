"""Word-shingle sketches: a small, stable summary of a story's text.

Scheme (chosen by measurement: ``bench/dedup_score.py --sweep`` and ``bench/dedup_bench.py``):

- Text: the body (the headline only when there is no body), short page-furniture lines dropped
  (``streams/data/text/furniture.txt``, shared with the parser), case folded, punctuation
  turned to spaces.
- Shingles: every run of ``SHINGLE`` = 4 consecutive words, hashed to 32 bits with a stable hash
  (CRC-32 per word, combined and mixed in numpy; no per-process seed, so a sketch stored by one
  worker compares with the next one's). On the dev set sizes 3, 4 and 5 all give precision 1.0
  and recall 0.98 at a 0.85 threshold; size 3 (with K = 64) drops a distinct story once the
  threshold goes to 0.8, and 5 loses recall fastest as it rises (one fixed typo breaks ``size``
  shingles; 0.52 at 0.9 against 0.69 for 4), so 4.
- Sketch: the ``K`` = 128 smallest distinct shingle hashes (bottom-k, i.e. one-permutation
  MinHash); shorter texts keep them all. Below the smaller of two sketches' cut-offs each holds
  every hash of its set, so one sketch estimates Jaccard *and* containment (:func:`compare`).
  K = 64 scores the same at 0.85, but its noisier estimate costs recall sooner (0.56 at 0.9
  against 0.69); 128 costs 256 more bytes a story (standard deviation about 0.03 at J = 0.9).
- Facts: figures (digit runs, as a multiset) and the fact words of
  ``streams/data/dedup/fact_words.txt`` (number words, negations, directions: "four"/"six",
  "rose"/"fell", "not"; as a set), up to ``FACTS`` = 64 hashes. Two texts whose facts differ are
  never copies, however similar the wording: same-template reports with other figures, and
  corrections, are kept apart by this check rather than by the Jaccard threshold.

Candidates (the LSH part) come from a posting index on a plain key-value store: each remembered
story is listed under its ``INDEX`` = 8 smallest hashes, and a new item looks up its own
``QUERY`` = 16 smallest. A pair becomes a candidate when the story's 8 smallest share a value
with the item's 16 smallest. Looking up more than is posted costs lookups, not state: an item
that adds text to a known copy has smaller hashes of its own in front of the shared ones (real
dev set, issue 16: 75 of 76 copy pairs found, against 74 with 8; posting 12 finds all 76 but
stores half as many posting entries again). Simulated with 8 and 8 (``--curve``, 2,500 pairs of
400-shingle texts per row), the probability a pair at Jaccard J becomes a candidate::

    J        0.10  0.20  0.30  0.50  0.70  0.80  0.90  0.95
    P(cand)  0.74  0.95  0.99  1.00  1.00  1.00  1.00  1.00

The curve is deliberately not a steep banded-MinHash S-curve: a teaser is found through the long
story it was cut from at low J (high containment). Low-J candidates are then rejected by the
estimated similarity; their cost is bounded by ``max_candidates`` (and ``max_single`` for pairs
sharing one key only, which is where chance pairs sit), and a posting list that fills up
(``posting_cap`` stories share that shingle: a stock phrase) is no longer consulted.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt

from streams.core.text import furniture_prefixes

SHINGLE = 4
K = 128
INDEX = 8
QUERY = 16
FACTS = 64
FURNITURE_MAX_WORDS = 16

U32 = npt.NDArray[np.uint32]
_FULL = 1 << 32
_EVEN = np.uint32(0xFFFFFFFE)
_ODD = np.uint32(1)

#: Bytes translation: ASCII upper to lower case, ASCII punctuation to space, others kept.
_FOLD = bytes(
    c if c >= 128 else (ord(chr(c).lower()) if chr(c).isalnum() else 32) for c in range(256)
)
#: Everything but digits to space: the numbers of a text in one ``translate`` + ``split``.
_DIGITS = bytes(c if 48 <= c <= 57 else 32 for c in range(256))
_UNICODE_PUNCT = re.compile("[\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2026\u2032\u2033]")
_MUL = [
    np.uint64(m)
    for m in (
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x27D4EB2F165667C5,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
    )
]
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S32 = (np.uint64(s) for s in (30, 27, 31, 32))


@cache
def _furniture() -> tuple[tuple[str, ...], frozenset[str]]:
    """The phrases, and the characters a furniture line can start with (a cheap first test)."""
    prefixes = furniture_prefixes()
    initials = {p[0] for p in prefixes} | {p[0].upper() for p in prefixes} | {" ", "\t"}
    return prefixes, frozenset(initials)


@cache
def _fact_words() -> frozenset[bytes]:
    text = (files("streams") / "data" / "dedup" / "fact_words.txt").read_text(encoding="utf-8")
    words = (ln.strip().casefold() for ln in text.splitlines())
    return frozenset(w.encode() for w in words if w and not w.startswith("#"))


def strip_furniture(text: str) -> str:
    """Drop short lines of page chrome around the story text.

    Story paragraphs are long, so only lines under 160 characters are looked at: the common
    case costs one ``split`` and a length check per line.
    """
    prefixes, initials = _furniture()
    lines = text.split("\n")
    kept = [
        line
        for line in lines
        if not line
        or len(line) >= 160
        or line[0] not in initials
        or not line.lstrip()[:40].casefold().startswith(prefixes)
        or len(line.split()) > FURNITURE_MAX_WORDS
    ]
    return text if len(kept) == len(lines) else "\n".join(kept)


def tokens(text: str) -> list[bytes]:
    """Case-folded words as UTF-8 bytes, punctuation (ASCII and typographic) as separators."""
    if not text.isascii():
        text = _UNICODE_PUNCT.sub(" ", text.casefold())
    return text.encode().translate(_FOLD).split()


def _mix(h: npt.NDArray[np.uint64]) -> U32:
    """splitmix64 finaliser, top 32 bits: spreads the combined word hashes evenly."""
    h ^= h >> _S30
    h *= _M2
    h ^= h >> _S27
    h *= _M3
    h ^= h >> _S31
    h >>= _S32
    return h.astype(np.uint32)


def _distinct(values: U32) -> U32:
    """Sorted distinct values (``np.unique`` costs ten times a sort on small arrays)."""
    if values.size < 2:
        return values
    values = np.sort(values)
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    out: U32 = values[keep]
    return out


def shingle_hashes(words: list[bytes], size: int = SHINGLE) -> U32:
    """Sorted distinct 32-bit hashes of every ``size``-word shingle (one shingle if shorter)."""
    n = len(words)
    if n == 0:
        return np.zeros(0, np.uint32)
    x = np.fromiter(map(zlib.crc32, words), np.uint64, n)
    if n < size:
        size = n
    m = n - size + 1
    h = x[:m] * _MUL[0]
    for j in range(1, size):
        h ^= x[j : j + m] * _MUL[j]
    return _distinct(_mix(h))


@dataclass(slots=True, frozen=True)
class Sketch:
    """What is kept of a text: bottom-k shingle hashes, their total count, number hashes."""

    mins: U32
    count: int
    facts: U32  # figures (even hashes) and fact words (odd), up to FACTS
    digest: str  # exact hash of the normalised words: equal digests, same text

    @property
    def index_keys(self) -> U32:
        """The hashes a remembered story is posted under."""
        return self.mins[:INDEX]

    @property
    def query_keys(self) -> U32:
        """The hashes a new item looks up: more than are posted, so a copy that adds text
        (whose smallest hashes are its own) still meets the known story's posted ones."""
        return self.mins[:QUERY]


def sketch_text(text: str, size: int = SHINGLE, k: int = K) -> Sketch:
    words = tokens(strip_furniture(text))
    hashes = shingle_hashes(words, size)
    joined = b" ".join(words)
    figures = _nth(joined.translate(_DIGITS).split())
    said = [b"w:" + w for w in _fact_words().intersection(words)]
    even = np.fromiter(map(zlib.crc32, figures), np.uint32, len(figures)) & _EVEN
    odd = np.fromiter(map(zlib.crc32, said), np.uint32, len(said)) | _ODD
    facts = _distinct(np.concatenate((even, odd)))
    digest = hashlib.blake2b(joined, digest_size=8).hexdigest()
    return Sketch(hashes[:k].copy(), int(hashes.size), facts[:FACTS].copy(), digest)


def _nth(numbers: list[bytes]) -> list[bytes]:
    """Each repeat of a figure tagged with its count, so "2-2" and "2-1" differ as multisets do."""
    counts = Counter(numbers)
    if len(counts) == len(numbers):
        return numbers
    out = list(counts)
    out.extend(num + b"#%d" % i for num, n in counts.items() if n > 1 for i in range(2, n + 1))
    return out


def pack(values: U32) -> str:
    """Little-endian uint32s as base64: about 5.3 characters per hash in JSON."""
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def unpack(text: str) -> U32:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)


def _cut(values: U32, cap: int) -> int:
    """The hash value below which ``values`` holds every hash of its set."""
    return int(values[-1]) + 1 if values.size >= cap else _FULL


@dataclass(slots=True, frozen=True)
class Overlap:
    """Estimated overlap of two texts, from their sketches."""

    jaccard: float
    contained: float  # share of the first text found in the second
    contains: float  # share of the second text found in the first
    left: int  # hashes of the first text the estimate rests on
    right: int  # hashes of the second text the estimate rests on


def _below(values: U32, cut: int) -> U32:
    return values if cut >= _FULL else values[: int(np.searchsorted(values, cut))]


def _common(a: U32, b: U32) -> int:
    """Size of the intersection of two sorted distinct arrays."""
    if a.size == 0 or b.size == 0:
        return 0
    idx = np.searchsorted(b, a)
    np.minimum(idx, b.size - 1, out=idx)
    return int(np.count_nonzero(b[idx] == a))


def compare(a: U32, b: U32, cap: int = K) -> Overlap:
    """Jaccard and containment from two bottom-k sketches.

    Below the smaller cut-off each sketch holds *all* of its set's hashes, so the two restricted
    sketches are a consistent sample of both sets: intersection over union estimates Jaccard,
    intersection over one side estimates that side's containment.
    """
    cut = min(_cut(a, cap), _cut(b, cap))
    ra, rb = _below(a, cut), _below(b, cut)
    if ra.size == 0 or rb.size == 0:
        return Overlap(0.0, 0.0, 0.0, int(ra.size), int(rb.size))
    inter = _common(ra, rb)
    union = ra.size + rb.size - inter
    return Overlap(inter / union, inter / ra.size, inter / rb.size, int(ra.size), int(rb.size))


def facts_agree(a: U32, b: U32) -> bool:
    """No fact differs: the same fact words, and one text's figures all in the other's.

    Figures (even hashes) may only be added, as a page's dateline or timestamp adds them; fact
    words (odd hashes) must match, since an added "not" or "fell" changes the story.
    """
    cut = min(_cut(a, FACTS), _cut(b, FACTS))
    ra, rb = _below(a, cut), _below(b, cut)
    wa, wb = ra[(ra & _ODD) == 1], rb[(rb & _ODD) == 1]
    if wa.size != wb.size or not np.array_equal(wa, wb):
        return False
    inter = _common(ra, rb)
    return inter in (ra.size, rb.size)


@dataclass(slots=True, frozen=True)
class FactDelta:
    """How the facts of a new text relate to a known one's (see :func:`fact_delta`)."""

    new_figures: int  # figures of the new text not in the known one
    figure_share: float  # shared figures over the smaller side's figures (1.0 with none)
    new_words: int  # fact words of the new text not in the known one
    lost_words: int  # fact words of the known text not in the new one

    @property
    def adds(self) -> bool:
        """The new text says something the known one does not (a figure or a fact word)."""
        return self.new_figures > 0 or self.new_words > 0


def fact_delta(new: U32, known: U32) -> FactDelta:
    """Directional comparison of two fact sketches: what the new text adds, what both share.

    A cut copy adds nothing (its facts are a subset); an update adds figures or fact words
    while keeping most figures; a same-template report swaps most of its figures.
    """
    cut = min(_cut(new, FACTS), _cut(known, FACTS))
    rn, rk = _below(new, cut), _below(known, cut)
    fn, fk = rn[(rn & _ODD) == 0], rk[(rk & _ODD) == 0]
    wn, wk = rn[(rn & _ODD) == 1], rk[(rk & _ODD) == 1]
    shared = _common(fn, fk)
    smaller = min(fn.size, fk.size)
    words = _common(wn, wk)
    return FactDelta(
        new_figures=int(fn.size) - shared,
        figure_share=shared / smaller if smaller else 1.0,
        new_words=int(wn.size) - words,
        lost_words=int(wk.size) - words,
    )
