"""Multi-pattern matching: one Aho-Corasick automaton over the folded text, boundaries for free."""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from streams.core.geo.gazetteer import Gazetteer, Term
from streams.core.geo.text import fold, keys


@dataclass(slots=True)
class Hit:
    """A gazetteer term found at ``text[start:end]`` of one field."""

    start: int
    end: int
    term: Term


class Matcher:
    """Built once; ``find`` is leftmost-longest, so "South Sudan" hides "Sudan"."""

    def __init__(self, gaz: Gazetteer) -> None:
        self._auto = ahocorasick.Automaton()
        for name, term in gaz.terms.items():
            for k in keys(term.text) | {" " + name + " "}:
                case = 2 if term.acronym else 1 if term.text[:1].isupper() else 0
                self._auto.add_word(k, (len(k), term, case))
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def find(self, text: str, *, any_case: bool = False) -> list[Hit]:
        if not text or self._empty:
            return []
        norm = " " + fold(text) + " "
        raw: list[tuple[int, int, Term]] = []
        for last, (length, term, case) in self._auto.iter(norm):
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
            raw.append((start, 2 - length, term))
        if len(raw) > 1:
            raw.sort(key=_order)
        out: list[Hit] = []
        reach = -1
        for start, neg_len, term in raw:
            if start >= reach:
                reach = start - neg_len
                out.append(Hit(start, reach, term))
        return out


def _order(hit: tuple[int, int, Term]) -> tuple[int, int]:
    return hit[0], hit[1]
