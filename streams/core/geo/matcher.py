"""Multi-pattern matching: one Aho-Corasick automaton over the folded text, boundaries for free.

Names of one language only ("Venäjä", "روسيا") share the automaton but carry their language, so
they never fire in English copy. Languages that glue endings or clitics onto names get a second
automaton of stems, keyed without the closing space, whose hits count only when the rest of the
word is one of that language's endings (``inflections.tsv``).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import ahocorasick

from streams.core.geo.gazetteer import ANY_LANG, Gazetteer, Inflection, Term
from streams.core.geo.text import fold, keys

#: Shortest stem an ending may be glued to (shorter ones fire inside ordinary words).
MIN_STEM = 4


@dataclass(slots=True)
class Hit:
    """A gazetteer term found at ``text[start:end]`` of one field."""

    start: int
    end: int
    term: Term


def _case(term: Term) -> int:
    return 2 if term.acronym else 1 if term.text[:1].isupper() else 0


class Matcher:
    """Built once; ``find`` is leftmost-longest, so "South Sudan" hides "Sudan"."""

    def __init__(self, gaz: Gazetteer) -> None:
        # The gazetteer's own automaton when it came from the cache (or a fresh build).
        self._auto = gaz.automaton if gaz.automaton is not None else build_automaton(gaz)
        self._empty = len(self._auto) == 0
        # Stem automata are built on the first item of their language: most workers never
        # see Finnish, and each costs about a second of start-up.
        self._gaz = gaz
        self._stems: dict[str, tuple[ahocorasick.Automaton, frozenset[str]]] = {}

    def find(self, text: str, *, any_case: bool = False, lang: str = "") -> list[Hit]:
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
            for k in _prefixed(keys(term.text), rule):
                entry = entries.setdefault(k, (len(k), None, _case(term), {}))
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


def _stem_automaton(gaz: Gazetteer, lang: str, rule: Inflection) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    terms = {**gaz.terms, **gaz.lang_terms.get(ANY_LANG, {}), **gaz.lang_terms.get(lang, {})}
    for name, term in terms.items():
        if term.acronym or term.kind == "nonplace" or len(name) < MIN_STEM:
            continue
        for stem in rule.stems(name):
            if len(stem) >= MIN_STEM:
                k = " " + stem
                if k not in auto:
                    auto.add_word(k, (len(k), term, _case(term)))
    auto.make_automaton()
    return auto


#: Hits by start, then longest first (a C key: this sorts every field of every item).
_ORDER = operator.itemgetter(0, 1)
