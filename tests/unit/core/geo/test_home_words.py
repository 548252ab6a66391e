"""Home towns and regions are read only in their language's main countries, and words that
are also towns do not place copy at home (second review of the non-English round): a
surname, a first name, a food named after a town or a word of the language is no place."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language


def tag(
    tagger: GeoTagger, headline: str, body: str, language: str
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    return tag_language(tagger, headline, body, language, weighted=True)


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        # A small Italian town that is the number word.
        ("it", "Cento anni di festa", "Il club ha compiuto cento anni e ha invitato i tifosi."),
        # A Spanish surname that is a town in Argentina.
        ("es", "Nuevo plan de tráfico", "Lo explicó ayer el edil Santiago Pérez en la sesión."),
        # A surname that is a province of Panama (a first-level region).
        ("es", "Jorge Herrera firma con el club", "El técnico llega por dos temporadas."),
        # Spanish is at home in the US by its own tag, not its first language there.
        ("es", "Gol de Martínez", "Martínez marcó en el último minuto y el equipo celebró."),
        # Danish first name, Finnish company, German words: short names are words.
        ("da", "Greve Frederik talte til gæsterne", "Han takkede for maden."),
        ("fi", "Nokia kertoi tuloksestaan", "Yhtiön liikevaihto kasvoi hieman."),
        ("de", "Heide und Moor", "Im Frühling blüht die Heide, sagte ein Förster."),
        # Words of the language that are towns of 15,000 to 50,000 at home (city_stoplist.txt).
        ("de", "Wetter: Regen am Wochenende", "Es bleibt wechselhaft, sagte ein Sprecher."),
        ("es", "Reforma judicial en debate", "Los diputados discutieron el texto durante horas."),
        ("pt", "Esperança para os pacientes", "Um tratamento novo foi aprovado nesta semana."),
        ("es", "Esperanza en la final", "El equipo confía en remontar el partido."),
        # French is no first language of Italy: "Marche" (the region) is not "Marché".
        ("fr", "Marché: les valeurs reculent", "Les actions ont baissé jeudi en fin de séance."),
        # Town adjectives that are food ("Hamburger", "Frankfurter Würstchen").
        ("de", "Ein Hamburger ist teurer", "Die Kantine verlangt jetzt sechs Euro dafür."),
        (
            "de",
            "Sommerfest im Verein",
            "Es gab Frankfurter Würstchen, Wiener Schnitzel und Berliner Pfannkuchen.",
        ),
    ],
)
def test_words_that_are_towns_place_nothing(
    tagger: GeoTagger, language: str, headline: str, body: str
) -> None:
    assert tag(tagger, headline, body, language)[0] == []


def test_town_keyed_with_a_qualifier_is_not_a_foreign_namesake(tagger: GeoTagger) -> None:
    # German is no first language of Belgium: "Halle" is not the Belgian town in German copy.
    _, found = tag(
        tagger, "Streik an der Uni Halle", "In Halle an der Saale fielen Vorlesungen aus.", "de"
    )
    assert "BE" not in {country for country, _ in found.values()}


def test_town_adjective_before_a_town_noun_or_with_its_town(tagger: GeoTagger) -> None:
    regions, found = tag(tagger, "", "Die Hamburger Polizei sperrte die Straße.", "de")
    assert regions == ["europe"]
    assert found["Hamburger"][0] == "DE"
    body = "Der Hamburger schmeckt. In Hamburg eröffnet ein neues Lokal am Hafen."
    assert tag(tagger, "", body, "de")[0] == ["europe"]
