"""A language may write as a name what the gazetteer holds as an acronym: Italian copy writes
"Usa" for the United States and "Inps" for the pension institute (``names_i18n.tsv``; the
matcher's ``_NAMED_ACRONYM`` case test, session 23, agency probe r52-015). Texts written for
these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language


def test_italian_copy_writes_usa_for_the_united_states(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Il dollaro cede terreno",
        "Il dollaro è sceso dopo i dati sul lavoro negli Usa, mentre i mercati aspettano la banca centrale.",
        "it",
    )
    assert regions == ["americas"]
    assert evidence["Usa"][0] == "US"


@pytest.mark.parametrize(
    ("headline", "body", "language", "region"),
    [
        # The Italian verb opening a sentence: "uses" the phone, not the United States.
        (
            "Usa il cellulare alla guida: multa da 400 euro",
            "Un automobilista è stato multato a Bologna dalla polizia locale.",
            "it",
            "europe",
        ),
        # Spanish and Portuguese hold no "Usa" of their own: the verb, written as a name.
        (
            "Usa tu móvil para pagar el autobús en Sevilla",
            "El Ayuntamiento de Sevilla estrena el pago sin contacto en sus autobuses.",
            "es",
            "europe",
        ),
        (
            "Usa o Pix com segurança",
            "O Banco Central orienta os clientes em Brasília sobre como evitar golpes.",
            "pt",
            "americas",
        ),
    ],
)
def test_usa_the_verb_is_no_united_states(
    tagger: GeoTagger, headline: str, body: str, language: str, region: str
) -> None:
    regions, evidence = tag_language(tagger, headline, body, language)
    assert "Usa" not in evidence
    assert regions == [region]


def test_italian_usa_opening_a_headline_is_still_the_country(tagger: GeoTagger) -> None:
    _, evidence = tag_language(
        tagger, "Usa e Cina firmano la tregua sui dazi", "Washington e Pechino trattano.", "it"
    )
    assert evidence["Usa"][0] == "US"


# An all-capital word opening a mixed-case headline and followed by a lower-case word is an
# acronym ("GUAM foreign ministers ...": the Organization for Democracy and Economic Development
# of Georgia, Ukraine, Azerbaijan and Moldova), not a dateline: headlines carry none. The matcher
# lets a short capitalised name written in capitals through only when it opens its field, for
# the body's "KABUL —" (session 25, hgeo61, a61-006). Texts written for these tests.


def test_a_capital_word_opening_a_mixed_case_headline_is_an_acronym(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "GUAM ministers condemn vote in Crimea",
        "Foreign ministers of Georgia, Ukraine, Azerbaijan and Moldova said the vote in Crimea "
        "was illegal and changed nothing about Ukraine's borders.",
        "en",
    )
    assert "GUAM" not in evidence
    assert regions == ["europe"]


@pytest.mark.parametrize(
    ("headline", "name", "country"),
    [
        # A desk's kicker: the name, then a colon.
        ("CHAD: Thousands flee fighting near the border", "CHAD", "TD"),
        # A global acronym is written in capitals anyway.
        ("UAE ministers approve the new budget", "UAE", "AE"),
        # A headline all in capitals reads every name in any case.
        ("CHAD TROOPS CROSS THE BORDER", "CHAD", "TD"),
    ],
)
def test_a_capital_name_opening_a_headline_can_still_be_the_place(
    tagger: GeoTagger, headline: str, name: str, country: str
) -> None:
    _, evidence = tag_language(tagger, headline, "Officials gave no figures on Tuesday.", "en")
    assert evidence[name][0] == country


@pytest.mark.parametrize(
    ("headline", "name", "country"),
    [
        ("KENYA floods kill 40 in the west", "KENYA", "KE"),
        ("GAZA ceasefire talks stall again", "GAZA", "PS"),
        ("IRAN warns of a firm response", "IRAN", "IR"),
        ("PERU protests turn deadly", "PERU", "PE"),
        ("PARIS attacks: trial opens", "PARIS", "FR"),
    ],
)
def test_a_place_written_in_capitals_as_a_headline_kicker_is_the_place(
    tagger: GeoTagger, headline: str, name: str, country: str
) -> None:
    # Outlets write the country or city opening a headline in capitals, a kicker without its
    # colon: only an organisation's acronym spelled like a place (acronym_places.txt: GUAM,
    # the UK's NICE) reads as the organisation there (session 25, hrev25a).
    regions, evidence = tag_language(
        tagger, headline, "Officials gave no figures on Tuesday.", "en"
    )
    assert evidence[name][0] == country
    assert regions != []


def test_nice_opening_a_headline_is_the_health_body(tagger: GeoTagger) -> None:
    _, evidence = tag_language(
        tagger, "NICE approves weight-loss jab", "The drug will be offered to patients.", "en"
    )
    assert "NICE" not in evidence
