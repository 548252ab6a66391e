"""Length-preserving text folding, so automaton hits map straight back to source offsets.

Letters are lower-cased and stripped of accents, everything else becomes a space; a key padded
with spaces then only matches on word boundaries ("Niger" never fires inside "Nigeria").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _fold_char(ch: str) -> str:
    if ch.isalnum():
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        if len(base) == 1 and base.isalnum():
            return base
        low = ch.lower()
        return low if len(low) == 1 else ch
    return " "


#: Arabic letters written several ways (hamza on alef, alef maqsura) fold to one, and Arabic
#: punctuation to a space; short-vowel marks stay as written (gazetteer names drop them).
_ARABIC = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "،": " ", "؛": " ", "؟": " ", "ـ": " "}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    # Latin blocks, general punctuation and Arabic cover wire copy; other scripts pass through
    # unchanged and cannot match the keys anyway.
    codes = [*range(0x0000, 0x0250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
    table = {c: _fold_char(chr(c)) for c in codes}
    table.update({ord(k): v for k, v in _ARABIC.items()})
    return table


@lru_cache(maxsize=1)
def _ascii_table() -> bytes:
    """The ASCII rows of :func:`_table` as a bytes table (the rest never used)."""
    table = _table()
    return bytes(ord(table[c]) for c in range(128)) + bytes(128)


def fold(text: str) -> str:
    """Lower-case, de-accent, punctuation to spaces; same length as ``text``."""
    if text.isascii():
        # Most wire copy: a bytes translate is about twice as cheap as the str one.
        return text.encode("ascii").translate(_ascii_table()).decode("ascii")
    return text.translate(_table())


def keys(term: str) -> set[str]:
    """Automaton keys of a gazetteer term: folded and space-padded, with single and as-written
    spacing (so both "Washington, D.C." and "Washington D.C." match)."""
    folded = fold(term)
    return {" " + " ".join(folded.split()) + " ", " " + folded.strip(" ") + " "}


def is_acronym(term: str) -> bool:
    """ "US", "U.S.", "UAE", "G20": terms that only count when written in capitals."""
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and term == term.upper() and len(letters) <= 5


# One character's class at an index, for the tagger's and context rules' neighbour tests. The
# compiled core has no primitive for ``str.isupper`` and its kin: each ``text[i].isupper()`` was
# a method looked up and called (about 240 instructions); here an ASCII character (nearly all)
# is read by ``ord`` and compared, and only another calls the method. ``i`` is not negative.


def upper_at(text: str, i: int) -> bool:
    """``text[i : i + 1].isupper()``: False past the end."""
    if i >= len(text):
        return False
    c = ord(text[i])
    if c < 128:
        return 65 <= c <= 90
    return text[i].isupper()


def lower_at(text: str, i: int) -> bool:
    """``text[i : i + 1].islower()``: False past the end."""
    if i >= len(text):
        return False
    c = ord(text[i])
    if c < 128:
        return 97 <= c <= 122
    return text[i].islower()


def alpha_at(text: str, i: int) -> bool:
    """``text[i : i + 1].isalpha()``: False past the end."""
    if i >= len(text):
        return False
    c = ord(text[i])
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90
    return text[i].isalpha()
