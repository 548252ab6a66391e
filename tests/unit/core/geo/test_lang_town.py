"""Rule ``lang-town`` reads a small home town after a place preposition, of one word or of
several ("in Zell am See"); some words before the preposition make the name after it a person
or a team instead ("rendre hommage à Keïta", "grazie a Rossi", "votou em Lula";
``town_prepositions.tsv``, third column). Every text was written for these tests.

The town decides the region, not the language, and it is read only for a story with no other
evidence (session 22, hgeo38)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language


@pytest.mark.parametrize(
    ("headline", "body", "language"),
    [
        # Keïta is a town in Niger and a common West African surname.
        (
            "Hommage à Keïta au stade",
            "Les supporters ont rendu hommage à Keïta samedi soir après son dernier match.",
            "fr",
        ),
        ("Grazie a Cariati, la squadra resta in corsa", "La squadra ringrazia il tecnico.", "it"),
        ("Confía en Urdinarrain para el clásico", "El técnico habló tras el entrenamiento.", "es"),
        # A name given as a person once is a person throughout: the body's passive puts no
        # head word right before "à" (review of session 23: Niger).
        ("Hommage à Keïta", "Un vibrant hommage a été rendu à Keïta samedi soir au stade.", "fr"),
        (
            "Lettera a Cariati",
            # (No word of home affairs such as "sindaco": rule lang-home would place it.)
            "Il presidente ha scritto una lettera aperta a Cariati chiedendo chiarimenti.",
            "it",
        ),
        # Towns named like a person, a first name and a surname: after "em"/"en" copy names
        # the person (review of session 23: Brazil and Argentina).
        ("Partido define candidato", "O partido investe em Alfredo Chaves para o governo.", "pt"),
        ("Premio del jurado", "El jurado votó en Carlos Tejedor por unanimidad.", "es"),
    ],
)
def test_a_name_read_as_a_person_is_no_town(
    tagger: GeoTagger, headline: str, body: str, language: str
) -> None:
    regions, evidence = tag_language(tagger, headline, body, language)
    assert regions == []
    assert not any(rule == "lang-town" for _c, rule in evidence.values())


@pytest.mark.parametrize(
    ("headline", "body", "language", "town", "country"),
    [
        (
            "Minute de silence",
            "Les habitants se sont réunis à Keïta samedi soir.",
            "fr",
            "Keïta",
            "NE",
        ),
        (
            "Seduta deserta",
            "Niente numero legale a Cariati: la prima convocazione è andata deserta.",
            "it",
            "Cariati",
            "IT",
        ),
    ],
)
def test_the_same_town_after_an_ordinary_word_is_still_read(
    tagger: GeoTagger, headline: str, body: str, language: str, town: str, country: str
) -> None:
    _regions, evidence = tag_language(tagger, headline, body, language)
    assert evidence[town] == (country, "lang-town")


@pytest.mark.parametrize(
    ("body", "language", "town", "country"),
    [
        ("Der Rat in Zell am See billigte den Etat ohne Gegenstimme.", "de", "Zell am See", "AT"),
        (
            "Niente numero legale a Serra San Bruno: la convocazione è andata deserta.",
            "it",
            "Serra San Bruno",
            "IT",
        ),
    ],
)
def test_a_town_of_several_words_is_read_whole(
    tagger: GeoTagger, body: str, language: str, town: str, country: str
) -> None:
    regions, evidence = tag_language(tagger, "Seduta deserta", body, language)
    assert regions == ["europe"]
    assert evidence[town] == (country, "lang-town")


# -- lang-town: a small home town after a place preposition --------------------------------


@pytest.mark.parametrize(
    ("headline", "body", "language", "town", "country", "region"),
    [
        (
            "Zum Schluss stimmten alle zu",
            "Der Rat in Ostbevern billigte den Etat ohne eine einzige Gegenstimme.",
            "de",
            "Ostbevern",
            "DE",
            "europe",
        ),
        (
            "Seduta deserta, manca il numero legale",
            "Niente numero legale a Cariati: la prima convocazione è andata deserta.",
            "it",
            "Cariati",
            "IT",
            "europe",
        ),
        (
            "Concejo aprueba las cuentas",
            "El concejo en Urdinarrain aprobó por unanimidad las cuentas del año.",
            "es",
            "Urdinarrain",
            "AR",
            "americas",
        ),
    ],
)
def test_small_home_town_after_a_preposition(
    tagger: GeoTagger,
    headline: str,
    body: str,
    language: str,
    town: str,
    country: str,
    region: str,
) -> None:
    # The town decides the region, not the language: Spanish copy is Spain's or Argentina's.
    regions, evidence = tag_language(tagger, headline, body, language)
    assert regions == [region]
    assert evidence[town] == (country, "lang-town")


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # An ordinary word of the language named like a town (Kirchen, Germany): Debian's
        # word lists keep it out (lang_town_words.tsv).
        ("In Kirchen und Schulen wird für die Flutopfer gesammelt.", "de"),
        # No place preposition before the name.
        ("Ostbevern billigte den Plan ohne Gegenstimme.", "de"),
        # English copy: the rule reads the home languages only.
        ("The council in Ostbevern approved its budget.", "en"),
    ],
)
def test_small_town_needs_its_language_and_its_position(
    tagger: GeoTagger, body: str, language: str
) -> None:
    # (No word of home affairs such as "Etat": rule lang-home would place it by its language.)
    regions, _ = tag_language(tagger, "Rat billigt Plan", body, language)
    assert regions == []


def test_a_small_town_never_competes_with_other_evidence(tagger: GeoTagger) -> None:
    # Read only for a story with no evidence at all: Berlin's story stays Berlin's.
    regions, evidence = tag_language(
        tagger,
        "Rat billigt Etat",
        "Der Rat in Ostbevern billigte den Etat; in Berlin wartet man noch.",
        "de",
    )
    assert regions == ["europe"]
    assert "Ostbevern" not in evidence
