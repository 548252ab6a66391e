"""Rule ``lang-town`` in Finnish and Turkish, which mark a place by a case ending instead of a
preposition (``town_case_endings.tsv``): a small home town with a place ending locates a story
that names nothing else. Every text was written for these tests, in local copy's layout."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language

# Sentences to make the texts read like copy (the tests set the item's language themselves).
FI = " Se on nyt selvää, ja kaikki on hyvin, mutta työ jatkuu, kun kevät tulee."
TR = " Çalışmalar bu hafta da sürecek ve yollar bir süre daha kapalı olacak."


@pytest.mark.parametrize(
    ("body", "language", "town", "country"),
    [
        # Adessive glued on; Somero has 8,000 people.
        ("Sillan liikenne katkaistaan keskiviikkona Somerolla." + FI, "fi", "Somerolla", "FI"),
        # Inessive, and a stem in "e" whose name ends in "i" (Kemijärvi).
        ("Valtuusto kokoontui tiistaina Kemijärvellä." + FI, "fi", "Kemijärvellä", "FI"),
        ("Kirjasto avataan uudelleen Sotkamossa." + FI, "fi", "Sotkamossa", "FI"),
        # Turkish locative after an ASCII apostrophe and after a typographic one.
        ("Yeni köprü Sarayönü'nde törenle açıldı." + TR, "tr", "Sarayönü", "TR"),
        ("Yeni köprü Sarayönü’nde törenle açıldı." + TR, "tr", "Sarayönü’nde", "TR"),
    ],
)
def test_a_small_town_with_a_place_ending_locates_local_copy(
    tagger: GeoTagger, body: str, language: str, town: str, country: str
) -> None:
    regions, evidence = tag_language(tagger, "", body, language)
    assert regions == [{"FI": "europe", "TR": "middle-east"}[country]]
    assert evidence[town] == (country, "lang-town")


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # Turkish months and weekdays are written with a capital; GeoNames has towns so named.
        ("Toplantı 5 Aralık'ta yapılacak." + TR, "tr"),
        ("Perşembe'de toplantı yapılacak." + TR, "tr"),
        # The dative is a person's case too ("Sarayönü'ne" stays out).
        ("Heyet Sarayönü'ne gitti." + TR, "tr"),
        # No ending: the bare name is no place position in Finnish.
        ("Sotkamo voitti ottelun." + FI, "fi"),
        # A Finnish ending on a town in German copy: the rule reads each language's own way.
        # (No word of home affairs such as "Etat": rule lang-home would place it.)
        ("Der Rat tagte in Somerolla am Dienstag und billigte den Plan.", "de"),
    ],
)
def test_no_town_without_its_languages_place_ending(
    tagger: GeoTagger, body: str, language: str
) -> None:
    regions, _ = tag_language(tagger, "", body, language)
    assert regions == []


def test_an_ended_town_never_competes_with_other_evidence(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger, "", "Valtuusto kokoontui Somerolla, ja Helsingissä odotetaan päätöstä." + FI, "fi"
    )
    assert regions == ["europe"]
    assert "Somerolla" not in evidence


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # The "from" cases are a person's source: Bozkurt, Dilek, Metsola and Jokela are towns
        # of 5,000-15,000 people and common names (review of session 23: all four were read).
        ("Bakan Bozkurt'tan yeni düzenlemeye ilişkin açıklama geldi." + TR, "tr"),
        ("Şarkıcı Dilek'ten hayranlarına duygusal bir paylaşım geldi." + TR, "tr"),
        ("Toimittajat kysyivät Metsolalta, aikooko hän jatkaa tehtävässään." + FI, "fi"),
        ("Hyökkääjä Jokelasta tuli joukkueen uusi kapteeni." + FI, "fi"),
    ],
)
def test_a_name_in_a_from_case_is_no_town(tagger: GeoTagger, body: str, language: str) -> None:
    regions, evidence = tag_language(tagger, "", body, language)
    assert regions == []
    assert not any(rule == "lang-town" for _c, rule in evidence.values())
