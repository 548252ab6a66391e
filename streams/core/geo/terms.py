"""A gazetteer term and a hit of one, in a module of their own so the compiled core builds them.

Both were slots dataclasses of interpreted modules (``gazetteer.py``, the builder, and
``matcher.py``, which ``bench/geo_cv.py`` wraps). The tagger reads their fields a few dozen
times a mention: on an interpreted class every read is a generic attribute lookup, and every
hit was built by the dataclass's interpreted ``__init__``. As classes of a compiled module
(``streams/compiled.py``) they are built in C and their fields read as a C struct's
(bench/README.md, "Geo's boundary costs"). ``gazetteer`` and ``matcher`` re-export them.
"""

from __future__ import annotations


class Term:
    """One matchable name. ``countries`` is best-first (cities: biggest first), ``pops`` aligned."""

    __slots__ = ("acronym", "amb", "countries", "key", "kind", "person", "pops", "stop", "text")

    def __init__(
        self,
        text: str,
        kind: str,
        countries: tuple[str, ...],
        pops: tuple[int, ...] = (),
        acronym: bool = False,
        stop: bool = False,
        person: bool = False,
        amb: bool = False,
        key: str = "",
    ) -> None:
        self.text = text
        self.kind = kind
        self.countries = countries
        self.pops = pops
        self.acronym = acronym
        self.stop = stop
        self.person = person
        self.amb = amb
        self.key = key

    @property
    def ambiguous(self) -> bool:
        return len(self.countries) > 1

    def with_key(self, key: str) -> Term:
        """A copy under another key (what ``dataclasses.replace(term, key=key)`` made)."""
        return Term(
            self.text,
            self.kind,
            self.countries,
            self.pops,
            self.acronym,
            self.stop,
            self.person,
            self.amb,
            key,
        )

    def _fields(self) -> tuple[object, ...]:
        return (
            self.text,
            self.kind,
            self.countries,
            self.pops,
            self.acronym,
            self.stop,
            self.person,
            self.amb,
            self.key,
        )

    def __eq__(self, other: object) -> bool:
        """Field by field, as the dataclass this class replaced compared (a cached gazetteer
        equals a fresh build); like it, a term is then unhashable."""
        if not isinstance(other, Term):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Term], tuple[object, ...]]:
        """Pickled as a call with every field (the gazetteer cache): a compiled class is made
        by its ``__init__``, so pickle's default (a bare ``__new__``, then the state) fails."""
        return (Term, self._fields())

    def __repr__(self) -> str:
        return (
            f"Term(text={self.text!r}, kind={self.kind!r}, countries={self.countries!r},"
            f" pops={self.pops!r}, acronym={self.acronym!r}, stop={self.stop!r},"
            f" person={self.person!r}, amb={self.amb!r}, key={self.key!r})"
        )


class Hit:
    """A gazetteer term found at ``text[start:end]`` of one field."""

    __slots__ = ("end", "start", "term")

    def __init__(self, start: int, end: int, term: Term) -> None:
        self.start = start
        self.end = end
        self.term = term

    def __repr__(self) -> str:
        return f"Hit(start={self.start!r}, end={self.end!r}, term={self.term!r})"


def hits_of(found: list[tuple[int, int, int]], terms: list[Term]) -> list[Hit]:
    """The native scan's (start, end, term index) triples as hits. Here, compiled, rather than
    in ``Matcher.find`` (interpreted, see ``streams/compiled.py``), whose list comprehension
    built each hit through an interpreter type call (about 5 hits a field, 3 fields an item)."""
    return [Hit(start, end, terms[n]) for start, end, n in found]
