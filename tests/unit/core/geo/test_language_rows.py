"""A hand-written row of ``names_i18n.tsv`` is its language's reading of the name, also where a
global term is spelled the same (session 17, issue #16): Turkish "Kudüs" is Jerusalem, not
Indonesia's Kudus; Turkish "Somali" is the country, not the English demonym; Spanish
"Florencia" is Florence, not the Colombian town. Before, the global term silently won and the
row was dead.

Also the Finnish names of US states, regions and compound countries the global lists miss
(session 24, hgeo54)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import _rows
from streams.core.geo.text import fold

from .conftest import make_item, tag_language


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


def test_finnish_plural_country_names_in_their_cases(tagger: GeoTagger) -> None:
    """Session 24 (hgeo56, xx_a56-022): Finnish names some countries in the plural
    ("Filippiinit", "Alankomaat"), and a plural's cases change its stem ("Filippiineillä",
    "Alankomaissa"), which the singular endings of inflections.tsv never reach: an STT quake
    story was right only through "Kaakkois-Aasiassa". The forms are written out in names_i18n."""
    regions, evidence = tag_language(
        tagger,
        "Voimakas maanjäristys Filippiineillä",
        "Järistys tapahtui Filippiinien keskiosassa. Pelastajat etsivät uhreja raunioista.",
        "fi",
    )
    assert regions == ["asia-pacific"]
    assert evidence["Filippiineillä"][0] == "PH"
    regions, evidence = tag_language(
        tagger,
        "Vaalit pidettiin keskiviikkona",
        "Alankomaissa äänestettiin parlamenttivaaleissa. Alankomaiden hallitus erosi keväällä.",
        "fi",
    )
    assert regions == ["europe"]
    assert evidence["Alankomaissa"][0] == "NL"


def test_home_time_zone_is_no_place(tagger: GeoTagger) -> None:
    """Session 24 (hgeo56, xx_a56-022): foreign copy gives the hour at home ("kello 3 Suomen
    aikaa", "kl. 8 norsk tid": Finnish, Norwegian time); the home country is no place of the
    story, so the phrase is a nonplace row in its language. Before, "Suomen" counted as Finland
    and outweighed a world area or a demonym, the only clue of where the quake was."""
    for language, headline, body in (
        (
            "fi",
            "Voimakas maanjäristys",
            "Kaakkois-Aasiassa maa järisi tiistaina kello 3 Suomen aikaa. Tsunamivaroitusta ei "
            "annettu.",
        ),
        (
            "fi",
            "Voimakas maanjäristys",
            "Maa järisi japanilaisella saarella tiistaina kello 3 Suomen aikaa. Tsunamivaroitusta "
            "ei annettu.",
        ),
        (
            "no",
            "Jordskjelv",
            "Et kraftig jordskjelv rammet Sørøst-Asia tirsdag kl. 8 norsk tid. Ingen "
            "tsunamivarsel ble sendt ut.",
        ),
    ):
        regions, _ = tag_language(tagger, headline, body, language)
        assert regions == ["asia-pacific"], body


def test_turkish_caribbean_before_a_noun_is_the_area(tagger: GeoTagger) -> None:
    """Session 24 (hgeo56, xx_a56-028): Turkish writes the Caribbean "Karayipler" alone but
    "Karayip" before a noun ("Karayip ülkesi", a Caribbean country; "Karayip Denizi"); a Haiti
    quake story naming only "Karayip ülkesindeki" was unlocated."""
    regions, evidence = tag_language(
        tagger,
        "Karayip ülkesindeki depremde ölü sayısı yükseldi",
        "Yetkililer cumartesi günkü depremde en az 1419 kişinin öldüğünü açıkladı.",
        "tr",
    )
    assert regions == ["americas"]
    assert evidence["Karayip"][0] == "JM"


# --- Finnish names of US states, regions and compound countries ---------------------------------


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Havaijilla", "US"),
        ("Kaliforniassa", "US"),
        ("Teksasissa", "US"),
        ("Pohjois-Carolinassa", "US"),
        ("Uudessa-Meksikossa", "US"),
        ("Pohjois-Irlannissa", "GB"),
        ("Uudessa-Seelannissa", "NZ"),
        ("Siperiassa", "RU"),
        ("Kamtšatkalla", "RU"),
        ("Krimillä", "UA"),
        ("Itä-Timorissa", "TL"),
    ],
)
def test_finnish_names_the_global_lists_miss(tagger: GeoTagger, place: str, country: str) -> None:
    item = make_item(
        "Myrsky katkaisi sähköt", f"Myrsky iski {place} tiistaina, viranomaiset kertoivat."
    )
    item.language = "fi"
    assert {e.country for e in tagger.tag(item).evidence if e.weight > 0} == {country}
