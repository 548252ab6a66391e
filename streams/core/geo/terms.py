"""A gazetteer term and a hit of one, in a module of their own so the compiled core builds them.

Both were slots dataclasses of interpreted modules (``gazetteer.py``, the builder, and
``matcher.py``, which ``bench/geo_cv.py`` wraps). The tagger reads their fields a few dozen
times a mention: on an interpreted class every read is a generic attribute lookup, and every
hit was built by the dataclass's interpreted ``__init__``. As classes of a compiled module
(``streams/compiled.py``) they are built in C and their fields read as a C struct's
(bench/README.md, "Geo's boundary costs"). ``gazetteer`` and ``matcher`` re-export them.
"""

from __future__ import annotations

import sys
from typing import Final

#: A term's kind as one bit (``Term.bits``), for the tagger's per-mention rules: a ``kind ==
#: "area"`` string compare a rule, some 670 k of them per 1,000 bench items in
#: ``GeoTagger._local_rules`` (15.8 M instructions), becomes a C integer test. Kinds without a
#: bit (``0``) are never tested that way.
KIND_AREA: Final = 1
KIND_METONYM: Final = 2
KIND_COUNTRY: Final = 4
KIND_PLACE: Final = 8
KIND_CITY: Final = 16
KIND_STATE: Final = 32
KIND_DEMONYM: Final = 64
KIND_EVENT: Final = 128
KIND_NONPLACE: Final = 256
KIND_LEADER: Final = 512
KIND_BITS: Final[dict[str, int]] = {
    "area": KIND_AREA,
    "metonym": KIND_METONYM,
    "country": KIND_COUNTRY,
    "place": KIND_PLACE,
    "city": KIND_CITY,
    "state": KIND_STATE,
    "demonym": KIND_DEMONYM,
    "event": KIND_EVENT,
    "nonplace": KIND_NONPLACE,
    "leader": KIND_LEADER,
}


class Term:
    """One matchable name. ``countries`` is best-first (cities: biggest first), ``pops`` aligned."""

    __slots__ = (
        "acronym",
        "amb",
        "bits",
        "countries",
        "key",
        "kind",
        "person",
        "pops",
        "stop",
        "text",
    )

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
        #: Interned: the tagger compares kinds with its (interned) literals and looks them up
        #: in dicts keyed by them (``scoring.KIND_WEIGHT``) a few times a mention, where an
        #: equal string of the unpickled gazetteer cost a length and memory compare each; the
        #: literal's own object ends both at the identity test (session 35, hperf91).
        self.kind = sys.intern(kind)
        #: ``kind`` as its ``KIND_*`` bit (0: none), derived, so no field of equality,
        #: pickling or ``repr``.
        self.bits = KIND_BITS.get(kind, 0)
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


#: Words after which an Italian "Usa" opening a sentence is the verb ("Usa il telefono alla
#: guida", "Usa sempre la cintura"), never the country ("Usa e Cina", "Usa, il dollaro").
VERB_NEXT: Final = frozenset((
    "il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "questo", "questa", "questi",
    "queste", "quel", "quella", "quello", "quei", "tu", "sempre", "spesso", "anche", "solo",
    "bene", "male", "poco", "molto", "ancora", "troppo", "più", "meno", "mai", "ogni", "tutto",
    "tutta", "tutti", "tutte",
))  # fmt: skip


def named_hits(text: str, hits: list[Hit], named: frozenset[int]) -> list[Hit]:
    """``hits`` less the name-cased writings of a global acronym ("Usa" for "USA") that are
    no name: in a language with no such name of its own (the hit is the global acronym term:
    Spanish "Usa tu móvil", Portuguese "Usa o Pix", English "Usa Today"), and the Italian verb
    opening a sentence ("Usa il telefono alla guida"). ``matcher._NAMED_ACRONYM`` relaxed the
    key's case test for every language, and a false "Usa" was the story's lead country (review
    hrev23b of session 23's change). Here, compiled, rather than in ``matcher.py``
    (interpreted): it runs on every hit of every cased field (about 20 an item), and a test
    per hit in the interpreter cost about 1,500 instructions, nearly all of them on hits of
    no acronym (bench/README.md, "Compiled-core overheads (session 24...)")."""
    return [hit for hit in hits if not _false_name(text, hit, named)]


def named_hits_of(
    text: str,
    found: list[tuple[int, int, int]],
    terms: list[Term],
    named: frozenset[int],
    flagged: list[bool],
) -> list[Hit]:
    """``named_hits(text, hits_of(found, terms), named)`` in one pass, where ``flagged[n]``
    says whether ``terms[n]`` is an acronym or in ``named`` (``Matcher`` keeps it by term
    index): the other hits, nearly all, are kept without :func:`_false_name`'s boxed ``id``
    and set look-up (some 22 k a 1,000 bench items; session 35, hperf91)."""
    out = []
    for start, end, n in found:
        hit = Hit(start, end, terms[n])
        if flagged[n] and _false_name(text, hit, named):
            continue
        out.append(hit)
    return out


def _false_name(text: str, hit: Hit, named: frozenset[int]) -> bool:
    """Whether ``hit`` is a name-cased writing of a global acronym that is no name."""
    term = hit.term
    if not term.acronym and id(term) not in named:
        return False
    written = text[hit.start : hit.end]
    if written == written.upper():
        return False
    if term.acronym:
        return True
    after = text[hit.end : hit.end + 12].split(maxsplit=1)
    word = after[0].casefold() if after else ""
    return text[hit.end : hit.end + 1] == " " and word in VERB_NEXT
