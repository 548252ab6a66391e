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
story is listed under its ``INDEX`` = 12 smallest hashes (the next 12 of its ``QUERY`` = 24
smallest whose lists are open when all 12 of those lists are full: ``StoryIndex.post_open``),
and a new item looks up its own ``LOOKUP`` = 16 smallest, all 24 only when those find no
candidate (``Deduper._lookup``). A pair becomes a candidate when the story's posted hashes
share a value with the item's looked-up ones. Looking up more than is posted costs lookups,
not state: an item that adds text to a known copy has smaller hashes of its own in front of
the shared ones (real dev set, issue 16: 75 of 76 copy pairs found, against 74 with 8 looked
up). Posting 12 rather than 8 (session 25, hdup56; taken in session 26) is for a short copy
cut from a long story (a caption, a teaser): holding a share f of the story's shingles, it
misses all of the posted hashes with probability about (1-f)^INDEX, 0.35 at f = 0.12 with 8
and 0.22 with 12. ``QUERY`` 24 rather than 16 leaves no story unposted (with 16 a story whose
first 12 lists are full had 4 others: ``bench/dedup_cpu.py`` left 3 of 4,580 bench stories in
no list); looking all 24 up for every item made 37 more template siblings of bench traffic
updates of each other, hence ``LOOKUP``. Measured in ``bench/README.md``, "Session 26": dev
republications found as duplicate or update 35 -> 36 of 43 (27 -> 28 of 28 at containment >=
0.5), r55 7 -> 8 of 10, no write-up falsely a duplicate, 4 more posting entries (48 bytes) a
story. Simulated with 12 and 12 (``--curve``, 20,000 pairs of 400-shingle texts per row), the
probability a pair at Jaccard J becomes a candidate (0.74 at J = 0.1 and 0.95 at 0.2 with 8)::

    J        0.10  0.20  0.30  0.50  0.70  0.80  0.90  0.95
    P(cand)  0.89  0.99  1.00  1.00  1.00  1.00  1.00  1.00

The curve is deliberately not a steep banded-MinHash S-curve: a teaser is found through the long
story it was cut from at low J (high containment). Low-J candidates are then rejected by the
estimated similarity; their cost is bounded by ``max_candidates`` (and ``max_single`` for pairs
sharing one key only, which is where chance pairs sit), and a posting list that fills up
(``posting_cap`` stories share that shingle: a stock phrase) is left out of that count. Full
lists keep their first ``posting_cap`` stories and are read again only as a second chance
(``Deduper._flood_candidates``): when no duplicate was found, the ``max_flood`` stories sharing
at least ``flood_shared`` query keys in all lists may still make the item a duplicate, so a
flood of near copies filling a story's lists does not hide the story from its republication.

Cost (issue 17, measured 2026-12-02 on bench traffic, about 180 CPU us a 3 KB story): most of
it is per word (``split``, one ``zlib.crc32`` call, the numpy conversion). Two replacements
were measured and not taken. ``rensa`` (MIT, Rust, cp311 wheels) makes a 128-permutation
MinHash of a story's shingles in 11 us, but handing it the shingles as Python strings costs
about 190 us, its values differ (another hash, k permutations instead of bottom-k: every
stored sketch and some decisions would change), and it has no facts or digest. An exact
numpy CRC-32 of all words at once (CRC is affine, so per-byte tables XOR-reduced per word)
gives the same values but was slower than ``split`` and ``crc32`` per word (91 us against 61).

So the byte-level part is compiled: ``native/`` (Rust, pyo3) returns the same words, word
CRC-32s, shingle hashes, bottom-k, facts and digest as :func:`sketch_text_python`, which stays
the reference and the fallback (extension not built, ``WIRE_NATIVE=0``). Furniture stripping
and ``casefold`` stay here so Unicode rules are Python's own. On 300 bench stories (3.2 KB,
508 words on average) under callgrind, 371k instructions a story against 1.22M for the Python
path (256k of the 371k in the compiled call); ``bench/dedup_cpu.py``: 77 to 93 CPU us a story
against 365 to 398 for the Python-only code, on a loaded machine (``bench/README.md``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast

import numpy as np
import numpy.typing as npt

from streams.core.text import furniture_by_initial, furniture_prefixes

if TYPE_CHECKING:
    from wirestream_native import Furniture as NativeFurniture
    from wirestream_native import Sketcher as NativeSketcher

SHINGLE = 4
K = 128
INDEX = 12
LOOKUP = 16
QUERY = 24
FACTS = 64
FURNITURE_MAX_WORDS = 16

U32 = npt.NDArray[np.uint32]
#: The dtype itself, not the scalar type: numpy converts a type to its dtype on every call
#: (about 100 ns a ``frombuffer``).
_UINT32: Final = np.dtype(np.uint32)
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
def _furniture() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The phrases by first character, and the characters a furniture line can start with (a
    cheap first test)."""
    prefixes = furniture_prefixes()
    initials = {p[0] for p in prefixes} | {p[0].upper() for p in prefixes} | {" ", "\t"}
    return furniture_by_initial(), frozenset(initials)


@cache
def _fact_words() -> frozenset[bytes]:
    text = (files("streams") / "data" / "dedup" / "fact_words.txt").read_text(encoding="utf-8")
    words = (ln.strip().casefold() for ln in text.splitlines())
    return frozenset(w.encode() for w in words if w and not w.startswith("#"))


@cache
def _native() -> NativeSketcher | None:
    """The compiled sketcher (``native/``), or None: not built, or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import Sketcher
    except ImportError:
        return None
    return Sketcher(sorted(_fact_words()))


def strip_furniture(text: str) -> str:
    """Drop short lines of page chrome around the story text.

    Story paragraphs are long, so only lines under 160 characters are looked at: the common
    case costs one ``split`` and a length check per line. An ASCII text (most wire copy) is
    stripped by the native core in one pass (``native/src/text.rs``, ``Furniture``): about
    7 k instructions a bench story against 33 k for the compiled Python rule (session 29).
    """
    if _NATIVE_FURNITURE is not None and text.isascii():
        out = _NATIVE_FURNITURE.strip(text)
        if out is not None:
            return out
    return strip_furniture_python(text)


def _native_furniture() -> NativeFurniture | None:
    """``wirestream_native.Furniture`` over the furniture phrases, or None: not built (or
    built before it had one), or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import Furniture
    except ImportError:
        return None
    _, initials = _furniture()
    # A phrase's initial upper-cased may be two characters ("SS"), which no line's first
    # character equals: left out, as the Python rule's ``in`` leaves it.
    single = sorted(c for c in initials if len(c) == 1)
    return Furniture(list(furniture_prefixes()), "".join(single))


def strip_furniture_python(text: str) -> str:
    """The reference: what :func:`strip_furniture` computes, and the path of a text that is
    not ASCII."""
    by_initial, initials = _furniture()
    # Line by line with ``find``, not ``split``: only the lines that may be furniture become
    # strings of their own (a 3 KB story's ``split`` was half of this function's cost), and
    # the text is split only when a line goes (bench/README.md, session 27).
    dropped: set[int] = set()
    size = len(text)
    start = 0
    at = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            end = size
        if 0 < end - start < 160 and text[start] in initials:
            line = text[start:end]
            if (
                _opens_furniture(line.lstrip()[:40].casefold(), by_initial)
                and len(line.split()) <= FURNITURE_MAX_WORDS
            ):
                dropped.add(at)
        if end == size:
            break
        start = end + 1
        at += 1
    if not dropped:
        return text
    return "\n".join(line for i, line in enumerate(text.split("\n")) if i not in dropped)


def _opens_furniture(head: str, by_initial: dict[str, tuple[str, ...]]) -> bool:
    """Whether the case-folded ``head`` starts with a phrase: only those of its first
    character are tried (``startswith(())`` is False)."""
    return head.startswith(by_initial.get(head[:1], ()))


#: Looked up once: a module constant is a C static in the compiled core.
_NATIVE_FURNITURE: Final = _native_furniture()


#: A clock time as agencies and outlets write it: "06:52", "6h52", "20H55", "21.00", "6:52
#: a.m.", "8:55 PM", "10.30am", "20h" (hour and minutes, or an hour with an "h"). Not inside a
#: longer number or date ("06.08.2023", "1:2:3") or word ("B52h"): no word character or
#: digit-joining mark on either side. The hour (0-23, "06" too) opens with a plain ``\d``, its
#: second digit allowed by a look-behind at the first, so one ``sub`` finds every time in order.
#: "am" and "pm" may stand apart, as the periods of "a.m." may: AP's "6:52 p.m." is a UK
#: paper's "6:52 pm", and one of them made 24-hour alone was a new figure ("18" for "6"). A
#: German "um 6.30 am Montag" loses its "am" alike on every copy (12 alone would become 0).
#: Any pattern scanning for a character class costs the engine 60-90 instructions a character
#: (a search for separators after a digit, then this pattern at each, cost a 3 KB story about
#: 230k instructions, 17 CPU us): :func:`_maybe_clock` decides first whether to run it at all.
_CLOCK = re.compile(
    r"(\d(?<![\w.,:/]\d)(?:(?<=[01])\d|(?<=2)[0-3])?)"
    r"(?:(?:[:hH]|\.(?=\d\d(?!\d)))([0-5]\d)|([hH])(?!\w))"
    r"(?![\d]|[.,:/]\d)(?:\s?([aApP])\.?\s?[mM]\.(?!\w)|\s?([AP])M\b|\s?([ap])m\b)?"
)
#: An hour with "a.m." or "p.m." and no minutes ("6 p.m.", "11am", "1 PM"), after
#: :data:`_CLOCK` has rewritten the times with minutes: 24-hour like them, so AP's "6 p.m." and
#: a copy's "6:00 p.m." or "18.00" are one figure ("18"). Left as written, the bare form was
#: the one time of a story not made 24-hour, and a copy restyling it moved further from its
#: original than before times were read at all (dev: "11am", "1 pm", "2 am" beside "2:47pm").
_BARE_HOUR = re.compile(
    r"(?<![\w.,:/])(1[0-2]|0?[1-9])(?:\s?([aApP])\.\s?[mM]\.(?!\w)|\s?([AP])M\b|\s?([ap])m\b)"
)


def _bare_hour(match: re.Match[str]) -> str:
    half = match.group(2) or match.group(3) or match.group(4)
    return str(int(match.group(1)) % 12 + (12 if half in "pP" else 0))


def _clock(match: re.Match[str]) -> str:
    hour = int(match.group(1))
    minutes = match.group(2)
    half = match.group(4) or match.group(5) or match.group(6)
    if half is not None and hour <= 12:
        hour = hour % 12 + (12 if half in "pP" else 0)
    return f"{hour} {minutes}" if minutes and minutes != "00" else f"{hour}"


def canonical_times(text: str) -> str:
    """Clock times in one form: the hour without a leading zero, the minutes as a word of their
    own, none when ":00", a 12-hour time made 24-hour ("06:52", "6h52" and "6:52 a.m." are
    "6 52"; "21.00 Uhr" and "21 Uhr" are "21 Uhr"; "8:55 p.m." is "20 55").

    Outlets re-time a wire story's clock to their own style: SIC's "06:52" for Lusa's "6h52"
    (dedup probe r52), the Tiroler Tageszeitung's "21.00 Uhr" for ZDF's "21 Uhr" (r53). As
    written, the variant is a new figure ("06", "00") and new shingles, so a word-for-word
    republication became an update of its story. Both sides of a comparison are sketched the
    same way, so a number that only looks like a time ("3.50") is changed alike on both.
    """
    if _maybe_clock(text):
        return _BARE_HOUR.sub(_bare_hour, _CLOCK.sub(_clock, text))
    return text


#: UTF-8 bytes to a sketch of what a clock time needs: a digit (or any non-ASCII byte, which
#: may be part of one) as "0", ":", "h" and "H" as "h", "a", "A", "p" and "P" as "a", "m" and
#: "M" as "m", "." kept, all else a space.
_CLOCK_BYTES: Final = bytes(
    48
    if 48 <= c <= 57 or c >= 128
    else 104
    if c in b":hH"
    else 97
    if c in b"aApP"
    else 109
    if c in b"mM"
    else c
    if c == 46
    else 32
    for c in range(256)
)


def _maybe_clock(text: str) -> bool:
    """Whether :data:`_CLOCK` or :data:`_BARE_HOUR` can match: a digit before ":", "h" or "H",
    before "." and two digits, or before "am", "a." (either case, "p" alike), a blank or mark
    between them allowed. A ``translate`` and a few substring searches, about 18 instructions a
    byte, against 60-90 for any regular expression that scans for a character class: most
    stories have no clock time and are left at that (issue #17). The native core answers the
    same in one pass over the bytes (``native/src/text.rs``), about 1% of the pure pipeline
    less."""
    if _NATIVE_MAYBE_CLOCK is not None:
        return _NATIVE_MAYBE_CLOCK(text)
    return _maybe_clock_python(text)


def _maybe_clock_python(text: str) -> bool:
    folded = text.encode("utf-8", "surrogatepass").translate(_CLOCK_BYTES)
    return (
        b"0h" in folded
        or b"0.00" in folded
        or b"0am" in folded
        or b"0a." in folded
        or b"0 am" in folded
        or b"0 a." in folded
    )


def _native_maybe_clock() -> Callable[[str], bool] | None:
    """``wirestream_native.maybe_clock``, or None: not built, or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import maybe_clock
    except ImportError:
        return None
    return maybe_clock


#: Looked up once: a module constant is a C static in the compiled core.
_NATIVE_MAYBE_CLOCK: Final = _native_maybe_clock()


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

    def __init__(
        self,
        mins: U32,
        count: int,
        facts: U32,
        digest: str,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 5 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "mins", mins)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "facts", facts)
        object.__setattr__(self, "digest", digest)

    @property
    def index_keys(self) -> U32:
        """The hashes a remembered story is posted under, unless all their lists are full
        (then the next of its ``query_keys`` whose lists are open: ``StoryIndex.post_open``)."""
        return self.mins[:INDEX]

    @property
    def lookup_keys(self) -> U32:
        """The hashes a new item looks up first (``Deduper._lookup``): all its ``query_keys``
        only when these find no candidate."""
        return self.mins[:LOOKUP]

    @property
    def query_keys(self) -> U32:
        """The hashes a new item looks up: more than are posted, so a copy that adds text
        (whose smallest hashes are its own) still meets the known story's posted ones."""
        return self.mins[:QUERY]


def sketch_text(text: str, size: int = SHINGLE, k: int = K) -> Sketch:
    """The sketch of a story's text: compiled when the native core is there, else Python."""
    native = _native()
    if native is None or not 1 <= size <= len(_MUL):
        return sketch_text_python(text, size, k)
    folded = canonical_times(strip_furniture(text))
    if not folded.isascii():
        folded = folded.casefold()  # Python's own Unicode tables; the rest is byte-level
    try:
        mins, count, facts, digest = native.sketch(folded, size, k, FACTS)
    except RuntimeError:  # a panic in the compiled core (a bug): the reference decides
        return sketch_text_python(text, size, k)
    return Sketch(np.frombuffer(mins, _UINT32), count, np.frombuffer(facts, _UINT32), digest)


def sketch_text_python(text: str, size: int = SHINGLE, k: int = K) -> Sketch:
    """The reference: what :func:`sketch_text` computes, and must compute, in pure Python."""
    words = tokens(canonical_times(strip_furniture(text)))
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


#: Little-endian uint32, the packed layout; a sketch's arrays have this very dtype object on
#: a little-endian machine (numpy's built-in dtypes are singletons).
_PACKED: Final = np.dtype("<u4")


def _native_pack() -> Callable[[Any], str | None] | None:
    """``wirestream_native.pack``, or None: not built (or built before it had one), or
    ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import pack as native_pack
    except ImportError:
        return None
    return native_pack


#: Looked up once: a module constant is a C static in the compiled core.
_NATIVE_PACK: Final = _native_pack()


def pack(values: U32) -> str:
    """Little-endian uint32s as base64: about 5.3 characters per hash in JSON.

    Encoded by the native core when it is there and the array lends it a C-contiguous
    buffer in this machine's byte order (about 4.1 k instructions a call against 5.7 k by
    ``binascii``, with the call: bench/README.md, session 36); else as below, the reference.

    ``binascii`` straight, as ``base64.b64encode`` (an interpreted function) calls it, and no
    conversion of an array already in the layout: 10.6 k instructions a call were 7.8 k, most
    of them the encoding itself (twice a remembered story; bench/README.md, session 29).

    A C-contiguous array is encoded from its own buffer, which holds exactly the bytes
    ``tobytes`` would copy out (stage 2's sketches are views of the ``wire-dedup`` bytes it
    received): no copy (session 31, hperf79). numpy exports no such buffer of a strided view
    (``ValueError``), which is copied first, as before."""
    if _NATIVE_PACK is not None and values.dtype is _PACKED:
        out = _NATIVE_PACK(values)
        if out is not None:
            return out
    return pack_python(values)


def pack_python(values: U32) -> str:
    """The reference: what :func:`pack` returns, by ``binascii``."""
    if values.dtype is not _PACKED:
        values = values.astype(_PACKED)
    try:
        # ``Any``: numpy's stubs declare no buffer before Python 3.12; the array has one.
        data = binascii.b2a_base64(cast(Any, values), newline=False)
    except ValueError:
        data = binascii.b2a_base64(values.tobytes(), newline=False)
    return data.decode("ascii")


@lru_cache(maxsize=4096)
def unpack(text: str) -> U32:
    """Read-only, and cached: a story's sketch is unpacked again for every later item that
    has it as a candidate (a few thousand recent sketches, about 3 MB at most)."""
    values = np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint32)
    values.flags.writeable = False
    return values


def _cut(values: Sequence[int], cap: int) -> int:
    """The hash value below which ``values`` holds every hash of its set."""
    return values[-1] + 1 if len(values) >= cap else _FULL


class Overlap(NamedTuple):
    """Estimated overlap of two texts, from their sketches.

    Immutable as a tuple: made several times per decision, and a frozen dataclass costs
    about three times as much to build (each field set through ``object.__setattr__``)."""

    jaccard: float
    contained: float  # share of the first text found in the second
    contains: float  # share of the second text found in the first
    left: int  # hashes of the first text the estimate rests on
    right: int  # hashes of the second text the estimate rests on


# The comparisons below work on Python tuples and sets, not numpy: on a few dozen values numpy's
# per-call overhead is most of the cost (about 5x slower measured on 128-value sketches). An
# item is compared with several stories, and a story with many items, so each side is turned
# into Python values once, not once per comparison.
#
# The item's side (:class:`Hashes`, :class:`Facts`) lives for one decision and carries a set
# for the intersections. A stored story's side is cached across decisions (:func:`packed_hashes`,
# :func:`packed_facts`), so it holds no set: only tuples of ints, which the cyclic collector
# stops tracking. With a frozenset and lists of 128 ints per cached story, the 4,096 cached
# sketches were about 1.2 million references that every full (generation-2) collection walked:
# 80-240 ms pauses of both agents in the worker, most of the p99 at half of saturation
# (``bench/latency_trace.py``; ``docs/architecture.md``, "Latency").


@dataclass(slots=True, frozen=True)
class Hashes:
    """An item's sorted sketch hashes as Python ints, and the same as a set."""

    values: tuple[int, ...]
    members: frozenset[int]


@dataclass(slots=True, frozen=True)
class FactValues:
    """A fact sketch as sorted Python ints: all of it, its figures (even) and fact words (odd)."""

    values: tuple[int, ...]
    figures: tuple[int, ...]
    words: tuple[int, ...]


@dataclass(slots=True, frozen=True)
class Facts(FactValues):
    """An item's fact sketch: :class:`FactValues` and all of it as a set."""

    members: frozenset[int]


def hashes(values: U32) -> Hashes:
    listed = tuple(values.tolist())
    return Hashes(listed, frozenset(listed))


def _fact_values(listed: tuple[int, ...]) -> FactValues:
    odd = tuple(v for v in listed if v & 1)
    even = tuple(v for v in listed if not v & 1) if odd else listed
    return FactValues(listed, even, odd)


def facts(values: U32) -> Facts:
    listed = tuple(values.tolist())
    f = _fact_values(listed)
    return Facts(listed, f.figures, f.words, frozenset(listed))


@lru_cache(maxsize=2048)
def packed_hashes(text: str) -> tuple[int, ...]:
    """The sorted hashes of a stored sketch, decoded straight from the record; cached for the
    stories compared again and again (recent ones sharing stock phrases): 512 entries made
    stage 2 a third slower on bench traffic. A tuple of ints: nothing for the collector."""
    return tuple(np.frombuffer(base64.b64decode(text), dtype="<u4").tolist())


@lru_cache(maxsize=2048)
def packed_facts(text: str) -> FactValues:
    """The values of a stored fact sketch; cached (small: a few dozen values)."""
    return _fact_values(tuple(unpack(text).tolist()))


def _shared(a: frozenset[int], b: Sequence[int]) -> int:
    """Size of the intersection of a set and distinct values."""
    return len(a.intersection(b)) if b else 0


def overlap(a: Hashes, b: Sequence[int], cap: int = K) -> Overlap:
    """Jaccard and containment from two bottom-k sketches: an item's and a story's sorted
    hashes.

    Below the smaller cut-off each sketch holds *all* of its set's hashes, so the two restricted
    sketches are a consistent sample of both sets: intersection over union estimates Jaccard,
    intersection over one side estimates that side's containment. A hash of ``a`` below the
    cut that ``b`` holds at all is below the cut in ``b`` too, so ``b``'s whole set serves.
    """
    la, lb = a.values, b
    na, nb = len(la), len(lb)
    cut = min(la[-1] + 1 if na >= cap else _FULL, lb[-1] + 1 if nb >= cap else _FULL)
    if cut < _FULL:
        na, nb = bisect_left(la, cut), bisect_left(lb, cut)
    if not na or not nb:
        return Overlap(0.0, 0.0, 0.0, na, nb)
    # The side that sets the cut lies wholly below it, so the whole sets share only hashes
    # below the cut: one set intersection, no restricted copies.
    inter = len(a.members.intersection(lb))
    union = na + nb - inter
    return Overlap(inter / union, inter / na, inter / nb, na, nb)


def compare(a: U32, b: U32, cap: int = K) -> Overlap:
    """:func:`overlap` of two sketches' hash arrays."""
    return overlap(hashes(a), tuple(b.tolist()), cap)


def _facts_below(
    f: FactValues, cut: int
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """All values, figures and fact words of ``f`` below ``cut``."""
    if cut >= _FULL:
        return f.values, f.figures, f.words
    return (
        f.values[: bisect_left(f.values, cut)],
        f.figures[: bisect_left(f.figures, cut)],
        f.words[: bisect_left(f.words, cut)],
    )


def same_facts(a: Facts, b: FactValues) -> bool:
    """No fact differs: the same fact words, and one text's figures all in the other's.

    Figures (even hashes) may only be added, as a page's dateline or timestamp adds them; fact
    words (odd hashes) must match, since an added "not" or "fell" changes the story.
    """
    cut = min(_cut(a.values, FACTS), _cut(b.values, FACTS))
    ra, _, wa = _facts_below(a, cut)
    rb, _, wb = _facts_below(b, cut)
    if wa != wb:
        return False
    # Below the cut both sides hold all their values: ``rb``'s values in ``a`` are the
    # values below the cut that both share, as ``ra``'s in ``b`` would be.
    inter = _shared(a.members, rb)
    return inter in (len(ra), len(rb))


def facts_agree(a: U32, b: U32) -> bool:
    """:func:`same_facts` of two fact sketches' arrays."""
    return same_facts(facts(a), _fact_values(tuple(b.tolist())))


class FactDelta(NamedTuple):
    """How the facts of a new text relate to a known one's (see :func:`fact_delta`); a
    tuple, like :class:`Overlap`, for its cost."""

    new_figures: int  # figures of the new text not in the known one
    figure_share: float  # shared figures over the smaller side's figures (1.0 with none)
    new_words: int  # fact words of the new text not in the known one
    lost_words: int  # fact words of the known text not in the new one

    @property
    def adds(self) -> bool:
        """The new text says something the known one does not (a figure or a fact word)."""
        return self.new_figures > 0 or self.new_words > 0


def facts_change(new: Facts, known: FactValues) -> FactDelta:
    """Directional comparison of two fact sketches: what the new text adds, what both share.

    A cut copy adds nothing (its facts are a subset); an update adds figures or fact words
    while keeping most figures; a same-template report swaps most of its figures.
    """
    cut = min(_cut(new.values, FACTS), _cut(known.values, FACTS))
    _, fn, wn = _facts_below(new, cut)
    _, fk, wk = _facts_below(known, cut)
    # Both sides hold all their values below the cut, so the known figures (words) below it
    # that the new text has are the new ones below it that the known text has.
    shared = _shared(new.members, fk)
    smaller = min(len(fn), len(fk))
    words = _shared(new.members, wk)
    return FactDelta(
        new_figures=len(fn) - shared,
        figure_share=shared / smaller if smaller else 1.0,
        new_words=len(wn) - words,
        lost_words=len(wk) - words,
    )


def fact_delta(new: U32, known: U32) -> FactDelta:
    """:func:`facts_change` of two fact sketches' arrays."""
    return facts_change(facts(new), _fact_values(tuple(known.tolist())))
