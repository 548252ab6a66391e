"""A hand-written row of ``names_i18n.tsv`` is its language's reading of the name, also where a
global term is spelled the same (session 17, issue #16): Turkish "Kudüs" is Jerusalem, not
Indonesia's Kudus; Turkish "Somali" is the country, not the English demonym; Spanish
"Florencia" is Florence, not the Colombian town. Before, the global term silently won and the
row was dead."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import _rows
from streams.core.geo.text import fold

from .conftest import tag_language


def test_every_language_row_is_read_as_written(tagger: GeoTagger) -> None:
    lang_terms = tagger._gaz.lang_terms
    for row in _rows("names_i18n.tsv"):
        kind = row[3] if len(row) > 3 and row[3] else "country"
        if kind == "nonplace" or row[0] == "ar":
            continue  # nonplaces carry no country; Arabic rows also add article forms
        for name in row[2].split("|"):
            key = " ".join(fold(name).split())
            term = lang_terms.get(row[0], {}).get(key)
            if term is None:
                continue  # shorter than a language name's minimum, or a higher-priority row
            if row[1] != "-":
                assert row[1] in term.countries, (row, term.countries)


def test_turkish_jerusalem_is_no_indonesian_town(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Kudüs'te yeni yerleşim planına tepki",
        "Kudüs'ün doğusundaki mahallede planlanan konutlar için belediye onay verdi.",
        "tr",
        weighted=True,
    )
    assert regions == ["middle-east"]
    assert {country for country, _ in evidence.values()} == {"IL"}


def test_turkish_somalia_in_the_locative_is_where_the_story_happens(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Somali'de liman kuran Türkiye bölgedeki etkisini artırıyor",
        "Türkiye, Somali'nin başkentinde yeni bir liman inşa ediyor. Somali hükümeti anlaşmayı "
        "onayladı. Ankara projeye 200 milyon dolar ayırdı.",
        "tr",
    )
    assert regions[0] == "africa"
    assert evidence["Somali"][0] == "SO"


def test_spanish_florence_is_the_italian_city(tagger: GeoTagger) -> None:
    regions, _ = tag_language(
        tagger,
        "Florencia limita los pisos turísticos en el centro histórico",
        "El ayuntamiento de Florencia aprobó el martes nuevas normas para el alquiler.",
        "es",
    )
    assert regions == ["europe"]
