"""Compiled hot spots: the dedup sketch (bit-identical to ``streams/core/dedup/sketch.py``),
the near-copy decision (the same choices as ``Deduper._weigh``), the gazetteer scan (the
same hits as ``streams/core/geo/matcher.py``'s ``find_python``), ``streams/core/text.py``'s
whitespace pass (``_lines_python``'s result) and a multi-substring test (``in``'s answers).

Texts passed to the sketch are furniture-stripped and, when not ASCII, already ``str.casefold``-ed.
"""

from typing import Any

class Sketcher:
    def __init__(self, fact_words: list[bytes]) -> None: ...
    def sketch(
        self, text: str, size: int, k: int, facts_cap: int
    ) -> tuple[bytearray, int, bytearray, str]: ...

_Choice = tuple[float, int] | None

class NearDecider:
    """``Deduper._count_candidates``, ``Deduper._count_flooded`` and ``Deduper._weigh``
    compiled: the candidate stories, the second chance after a flood, and the best duplicate,
    update and related one among them."""

    #: Decoded packs are kept by their string object too (an extension built before: absent).
    DECODED_BY_OBJECT: bool
    def __init__(
        self, prefix: str, cap: int, facts_cap: int, posting_cap: int, thresholds: list[float]
    ) -> None: ...
    def candidates(
        self,
        keys: Any,
        ids: Any,
        dead: bool,
        recent: dict[int, Any],
        query: Any,
        own: int,
        posted: int,
        max_single: int,
        max_candidates: int,
    ) -> list[str] | None: ...
    def flooded(
        self,
        keys: Any,
        ids: Any,
        dead: bool,
        recent: dict[int, Any],
        query: Any,
        own: int,
        skip: list[int],
        least: int,
        most: int,
    ) -> list[str] | None: ...
    def lookup(
        self,
        keys: Any,
        ids: Any,
        dead: bool,
        recent: dict[int, Any],
        query: Any,
        own: int,
        posted: int,
        max_single: int,
        max_candidates: int,
        least: int,
        most: int,
    ) -> tuple[list[str], list[str]] | None: ...
    def post_plan(
        self,
        keys: Any,
        ids: Any,
        dead: bool,
        recent: dict[int, Any],
        query: Any,
        sid: int,
        width: int,
        cap: int,
    ) -> tuple[int, int] | None: ...
    def weigh(
        self,
        mins: Any,
        facts: Any,
        agreement_keys: Any,
        namespace: str | None,
        canceled: bool,
        revises: bool,
        records: list[dict[str, Any]],
    ) -> tuple[_Choice, _Choice, _Choice] | None: ...

def tokens(text: str) -> list[bytes]: ...
def shingle_hashes(text: str, size: int) -> bytearray: ...
def normal_text(text: str, controls: bool) -> tuple[str, bool] | None:
    """``streams/core/text.py``'s ``_lines_python``, or None where Python's tables decide."""

def maybe_clock(text: str) -> bool:
    """``streams/core/dedup/sketch.py``'s ``_maybe_clock``."""

def html_marks(markup: str) -> tuple[str | None, int, bool, bool]:
    """``streams/core/text.py``'s passes before the HTML parser: the marked markup (None when
    unchanged), ``markup.count("<")``, ``_LONG_TAG`` and ``_HAS_DROPPED`` found."""

def words_utf8(text: str) -> bytes:
    """``" ".join(text.split()).encode("utf-8")``."""

def count_bytes(data: bytes, set: bytes) -> int:
    """How many bytes of ``data`` are in ``set``."""

def splice_crc(fields: bytes, dedup: bytes, value: bytes) -> int:
    """The CRC-32 ``streams/core/dedup/handoff.py``'s ``_digest`` writes in a ``WS\x03``
    header: ``zlib.crc32`` over ``fields``, ``len(dedup)`` as 4 little-endian bytes,
    ``dedup`` and ``value``, in that order."""

def pack(values: Any) -> str | None:
    """``streams/core/dedup/sketch.py``'s ``pack`` of a uint32 array: its values as
    little-endian bytes in ``=``-padded base64, as ``binascii.b2a_base64(..., newline=False)``
    writes them; ``None`` when the array lends no C-contiguous native-order buffer of 4-byte
    values (the caller encodes it itself)."""

def evidence_json(values: list[object]) -> bytes | None:
    """The JSON array of evidence objects whose fields are ``values`` (seven an object:
    text, field, start, end, rule, country, weight), as ``orjson.dumps`` writes their dicts;
    ``None`` when a value is not a control-free ``str``, a 64-bit ``int`` or a ``float``
    zero or of magnitude 1e-4 to 1e15 with at most 15 significant digits (exact types), or
    the length no multiple of seven."""

class StemScanner:
    """One language's glued-ending automaton (``matcher._stem_entries``) and its endings."""

    def __init__(
        self,
        keys: list[str],
        entries: list[tuple[int, int, int]],
        endings: list[str],
        flags: list[tuple[int, int]],
    ) -> None: ...

class GeoScanner:
    """``Matcher.find`` compiled: fold, scan, language and case filters, stems, leftmost-longest."""

    def __init__(
        self,
        items: list[tuple[str, tuple[int, Any, int, dict[str, Any]]]],
        terms: list[Any],
        any_lang: str,
        fold_rows: list[tuple[int, int]],
        flags: list[tuple[int, int]],
    ) -> None: ...
    def find(
        self, text: str, any_case: bool, lang: str, stems: StemScanner | None = None
    ) -> list[tuple[int, int, int]]: ...
    def fold(self, text: str) -> str: ...

class Furniture:
    """``sketch.strip_furniture`` of an ASCII text."""

    def __init__(self, phrases: list[str], initials: str) -> None: ...
    def strip(self, text: str) -> str | None: ...

class Substrings:
    """Which of a fixed list of strings occur in a text (a prebuilt SIMD search each)."""

    def __init__(self, patterns: list[str]) -> None: ...
    def present(self, text: str) -> list[int]:
        """``[n for n, p in enumerate(patterns) if p in text]``."""

class PlainScreen:
    """``plaintext._paragraphs``' rights-phrase places and paragraph openings of ASCII text."""

    def __init__(
        self,
        phrases: list[str],
        anchors: list[str],
        anchor_of: list[int],
        labelled: list[str],
        labelled_cut: int,
        furniture: list[str],
        furniture_cut: int,
        furniture_line: int,
        places_kept: int,
    ) -> None: ...
    def places(self, text: str) -> tuple[list[int], list[tuple[int, int, int]] | None] | None: ...
    def openings(self, paras: list[str]) -> bytes: ...

class Votes:
    """``streams/core/lang.py``'s word vote (``native/src/text.rs``)."""

    def __init__(self, table: list[tuple[str, list[int]]], marks: str) -> None: ...
    def count(self, text: str, limit: int) -> list[tuple[int, int]]: ...

class MarkNames:
    """The agency marks' names (``xmlsafe._marks()``'s keys), for ``xmlsafe.read_marks``."""

    def __init__(self, names: list[str]) -> None: ...
    def found(self, text: str) -> bool:
        """Whether ``xmlsafe._MARK.sub`` would replace a mark in ``text`` (a ``<NAME>`` of 2 to
        12 ASCII letters, lower-cased one of the names); a lone surrogate raises
        ``UnicodeEncodeError``."""
