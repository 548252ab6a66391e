"""Multi-pattern matching: one Aho-Corasick automaton over the folded text, boundaries for free.

Names of one language only ("Venäjä", "روسيا") share the automaton but carry their language, so
they never fire in English copy. Languages that glue endings or clitics onto names get a second
automaton of stems, keyed without the closing space, whose hits count only when the rest of the
word is one of that language's endings (``inflections.tsv``).

The compiled scanner of ``native/`` (``wirestream_native.GeoScanner``) runs the whole of
:meth:`Matcher.find` in one call over the same keys, with the fold table and the case
properties of this Python, and returns the same hits; :meth:`Matcher.find_python` stays the
reference and the fallback (not built, or ``WIRE_NATIVE=0``), and
``tests/unit/core/geo/test_native_matcher.py`` holds the two to each other.
"""

from __future__ import annotations

import operator
import os
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import ahocorasick

from streams.core.geo.gazetteer import ANY_LANG, Gazetteer, Inflection, Term
from streams.core.geo.terms import Hit as Hit  # re-exported: its home before terms.py
from streams.core.geo.terms import hits_of, named_hits
from streams.core.geo.text import _table, fold, keys

if TYPE_CHECKING:
    from wirestream_native import GeoScanner, StemScanner

#: Shortest stem an ending may be glued to (shorter ones fire inside ordinary words).
MIN_STEM = 4


def _case(term: Term) -> int:
    return 2 if term.acronym else 1 if term.text[:1].isupper() else 0


#: A key's case test when a language writes as a name ("Usa", "Inps") what the global term
#: holds as an acronym ("USA", "INPS"): a capital first letter, the rest in any case.
_NAMED_ACRONYM = 3
#: Term id of a key with no term of its own (only language-local ones): ``u32::MAX``.
_NO_TERM = 2**32 - 1
#: Case flags handed to the native scanner: ``str.isupper()``, ``str.upper()`` unchanged.
_UPPER, _FIXED = 1, 2


@cache
def _native() -> ModuleType | None:
    """The compiled core (``native/``), or None: not built, or ``WIRE_NATIVE=0``."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        import wirestream_native
    except ImportError:
        return None
    return wirestream_native if hasattr(wirestream_native, "GeoScanner") else None


class Matcher:
    """Built once; ``find`` is leftmost-longest, so "South Sudan" hides "Sudan"."""

    def __init__(self, gaz: Gazetteer, *, native: bool = True) -> None:
        # The gazetteer's own automaton when it came from the cache (or a fresh build).
        self._auto = gaz.automaton if gaz.automaton is not None else build_automaton(gaz)
        self._empty = len(self._auto) == 0
        # Stem automata are built on the first item of their language: most workers never
        # see Finnish, and each costs about a second of start-up.
        self._gaz = gaz
        self._stems: dict[str, tuple[ahocorasick.Automaton, frozenset[str]]] = {}
        #: The native scanner over the same keys (None: the Python path runs), the terms its
        #: hits name by index, and its stem scanners, built as lazily as the Python ones.
        self._terms: list[Term] = []
        self._term_ids: dict[int, int] = {}
        self._native_stems: dict[str, StemScanner | None] = {}
        module = _native() if native and not self._empty else None
        self._scanner = self._build_scanner(module) if module is not None else None
        #: Language terms whose key holds a global acronym ("Usa" for "USA", "Inps" for
        #: "INPS", ``_NAMED_ACRONYM``), read by :func:`terms.named_hits`.
        self._named = frozenset(
            id(term)
            for terms in gaz.lang_terms.values()
            for term in terms.values()
            if _case(term) == 1
            and any(
                (e := self._auto.get(k, None)) and e[2] == _NAMED_ACRONYM for k in keys(term.text)
            )
        )
        #: Languages with vowel harmony: (front, back) vowels (``Inflection.front``).
        self._harmony = {
            lang: (rule.front, rule.back)
            for lang, rule in gaz.inflections.items()
            if rule.front and rule.back
        }

    @property
    def native(self) -> bool:
        """Whether :meth:`find` runs the compiled scanner."""
        return self._scanner is not None

    def find(self, text: str, *, any_case: bool = False, lang: str = "") -> list[Hit]:
        scanner = self._scanner
        if scanner is None:
            return self.find_python(text, any_case=any_case, lang=lang)
        if not text:
            return []
        stems = self._native_stems.get(lang)
        if stems is None and lang in self._gaz.inflections and lang not in self._native_stems:
            stems = self._native_stems[lang] = self._build_stem_scanner(lang)
        terms = self._terms
        try:
            found = scanner.find(text, any_case, lang, stems)
        except RuntimeError:  # a panic in the compiled core (a bug): the reference decides
            return self.find_python(text, any_case=any_case, lang=lang)
        hits = hits_of(found, terms)
        if not any_case:
            hits = named_hits(text, hits, self._named)
        harmony = self._harmony.get(lang)
        return _in_harmony(text, hits, *harmony) if harmony and hits else hits

    def _term_id(self, term: Term | None) -> int:
        if term is None:
            return _NO_TERM
        n = self._term_ids.get(id(term))
        if n is None:
            n = self._term_ids[id(term)] = len(self._terms)
            self._terms.append(term)
        return n

    def _build_scanner(self, module: ModuleType) -> GeoScanner:
        items = list(self._auto.items())
        table = _table()
        # Every character a case test can read folds to a key character: it is in the
        # table's range, or passes the fold unchanged and is itself in a key.
        chars = {chr(c) for c in range(max(table) + 1)}
        chars.update(*(key for key, _ in items))
        scanner: GeoScanner = module.GeoScanner(
            items,
            self._terms,
            ANY_LANG,
            [(c, ord(v)) for c, v in table.items()],
            _case_flags(chars),
        )
        self._term_ids = {id(t): n for n, t in enumerate(self._terms)}
        return scanner

    def _build_stem_scanner(self, lang: str) -> StemScanner | None:
        rule = self._gaz.inflections[lang]
        module = _native()
        if not rule.endings or module is None:
            return None
        entries = _stem_entries(self._gaz, lang, rule)
        keys_ = list(entries)
        rows = [(length, self._term_id(term), case) for length, term, case in entries.values()]
        chars: set[str] = set().union(*keys_, *rule.endings)
        stems: StemScanner = module.StemScanner(
            keys_, rows, sorted(rule.endings), _case_flags(chars)
        )
        return stems

    def find_python(self, text: str, *, any_case: bool = False, lang: str = "") -> list[Hit]:
        """The reference :meth:`find`, in Python (the compiled scanner returns the same)."""
        if not text or self._empty:
            return []
        norm = " " + fold(text) + " "
        foreign = bool(lang) and lang != "en"
        raw: list[tuple[int, int, Term]] = []
        add = raw.append
        for last, (length, term, case, local) in self._auto.iter(norm):
            if local:
                term = local.get(lang) or (local.get(ANY_LANG) if foreign else None) or term
                if term is None:
                    continue
            start = last - length + 1  # the key's leading space in norm == word start in text
            if not any_case and case:
                # Capitalised terms match capitalised words; acronyms ("US", "WHO") capitals only.
                if case == 1:
                    if not text[start].isupper():
                        continue
                    if length <= 7 and start > 0 and text[start + 1 : start + 2].isupper():
                        continue  # "SWAT", "NICE": acronyms, unless opening the field (dateline)
                elif case == _NAMED_ACRONYM:
                    if not text[start].isupper():
                        continue
                else:
                    written = text[start : start + length - 2]
                    if written != written.upper():
                        continue
            add((start, 2 - length, term))
        stems = self._stems.get(lang)
        if stems is None and lang in self._gaz.inflections:
            rule = self._gaz.inflections[lang]
            if rule.endings:
                stems = self._stems[lang] = (_stem_automaton(self._gaz, lang, rule), rule.endings)
        if stems is not None:
            auto, endings = stems
            for last, (length, term, case) in auto.iter(norm):
                end = norm.find(" ", last + 1)
                if norm[last + 1 : end] not in endings:
                    continue
                start = last - length + 1
                if any_case or not case or _case_ok(text, start, length - 1, case):
                    raw.append((start, start - end + 1, term))
        if len(raw) > 1:
            raw.sort(key=_ORDER)
        out: list[Hit] = []
        reach = -1
        for start, neg_len, term in raw:
            if start >= reach:
                reach = start - neg_len
                out.append(Hit(start, reach, term))
        if not any_case:
            out = named_hits(text, out, self._named)
        harmony = self._harmony.get(lang)
        return _in_harmony(text, out, *harmony) if harmony and out else out


def _in_harmony(
    text: str, hits: list[Hit], front: frozenset[str], back: frozenset[str]
) -> list[Hit]:
    """``hits`` less those the fold alone made: a written word of front vowels only
    ("Lähdessä", "Lähti", "LÄHTI") that has a front vowel where the name has a back one
    (folded, "lahdessa" and "lahti" are Lahti's "Lahdessa" and "Lahti"). The fold makes "ä"
    "a", so the automaton alone cannot tell them apart. A word with a back vowel is no Finnish
    front word: a foreign name spelt with its own letters keeps its forms against a gazetteer
    spelling without them ("Göteborgissa", "Goteborg"), and so does one whose ending follows
    how it is said ("Cambridgessä", "Genevessä"): their front vowels stand in the ending, not
    where the name has a back one. Names with neutral vowels only ("Helsinki") keep every
    form."""
    out = []
    for hit in hits:
        word = text[hit.start : hit.end].lower()
        if not front.isdisjoint(word) and back.isdisjoint(word):
            name = hit.term.text.lower()
            if any(w in front and n in back for w, n in zip(word, name, strict=False)):
                continue
        out.append(hit)
    return out


def build_automaton(gaz: Gazetteer) -> ahocorasick.Automaton:
    """The automaton :meth:`Matcher.find` runs: every key of every term, built once."""
    auto = ahocorasick.Automaton()
    entries: dict[str, tuple[int, Term | None, int, dict[str, Term]]] = {}
    for name, term in gaz.terms.items():
        for k in keys(term.text) | {" " + name + " "}:
            entries[k] = (len(k), term, _case(term), {})
    for lang, terms in gaz.lang_terms.items():
        rule = gaz.inflections.get(lang, Inflection())
        for term in terms.values():
            lower = term.kind in _LOWER_CASE_KINDS and _case(term) == 0
            named = _case(term) == 1
            for k in _prefixed(keys(term.text), rule):
                entry = entries.setdefault(k, (len(k), None, _case(term), {}))
                if named and entry[2] == 2:
                    # Italian "Usa", "Inps": a language writes as a name what the global term
                    # holds as an acronym; the key takes either writing (_NAMED_ACRONYM).
                    entry = entries[k] = (entry[0], entry[1], _NAMED_ACRONYM, entry[3])
                if lower and entry[2] == 1:
                    # "eduskunta", "riksdagen": a language writes its own parliament in lower
                    # case; the key drops the global name's capital test ("Eduskunta").
                    entry = entries[k] = (entry[0], entry[1], 0, entry[3])
                entry[3].setdefault(lang, term)
    for k, entry in entries.items():
        auto.add_word(k, entry)
    if len(auto):
        auto.make_automaton()
    return auto


def _case_ok(text: str, start: int, length: int, case: int) -> bool:
    """As in :meth:`Matcher.find` (inlined there: it runs for every hit)."""
    if case == 1:
        if not text[start].isupper():
            return False
        # "SWAT", "NICE": acronyms, unless opening the field (dateline)
        return not (length <= 5 and start > 0 and text[start + 1 : start + 2].isupper())
    if case == _NAMED_ACRONYM:
        return text[start].isupper()
    written = text[start : start + length]
    return written == written.upper()


def _prefixed(base: set[str], rule: Inflection) -> set[str]:
    """Keys with the clitics glued on: "و" + "مصر"; "ل" + "البرازيل" is "للبرازيل"."""
    out = set(base)
    for k in base:
        word = k[1:]
        for p in rule.prefixes:
            out.add(" " + p + word)
            if p.endswith("ل") and word.startswith("ال"):
                out.add(" " + p + word[1:])
    return out


def _stem_entries(gaz: Gazetteer, lang: str, rule: Inflection) -> dict[str, tuple[int, Term, int]]:
    """Keys of one language's stem automaton (" " + stem, no closing space): the first term
    to give a stem keeps it."""
    entries: dict[str, tuple[int, Term, int]] = {}
    terms = {**gaz.terms, **gaz.lang_terms.get(ANY_LANG, {}), **gaz.lang_terms.get(lang, {})}
    for name, term in terms.items():
        if term.acronym or term.kind == "nonplace" or len(name) < MIN_STEM:
            continue
        for stem in rule.stems(name):
            if len(stem) >= MIN_STEM:
                k = " " + stem
                if k not in entries:
                    entries[k] = (len(k), term, _case(term))
    return entries


def _stem_automaton(gaz: Gazetteer, lang: str, rule: Inflection) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for k, entry in _stem_entries(gaz, lang, rule).items():
        auto.add_word(k, entry)
    auto.make_automaton()
    return auto


def _case_flags(chars: set[str]) -> list[tuple[int, int]]:
    """Python's own case properties of ``chars`` for the native scanner, so Rust's Unicode
    tables (another Unicode version) never decide a case test."""
    out = []
    for ch in chars:
        flags = (_UPPER if ch.isupper() else 0) | (_FIXED if ch.upper() == ch else 0)
        out.append((ord(ch), flags))
    return out


#: Kinds of ``institutions_i18n.tsv`` whose lower-case spelling lifts the capital test of the
#: key they share with a global name (a language's own institutions, no words of any language).
_LOWER_CASE_KINDS = frozenset({"metonym", "house", "service"})

#: Hits by start, then longest first (a C key: this sorts every field of every item).
_ORDER = operator.itemgetter(0, 1)
