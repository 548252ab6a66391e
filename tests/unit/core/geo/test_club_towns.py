"""A town named after one of its club's articles is the club, evidence of the club's country
(``club_towns.tsv``, rule ``club``): Lusa's "o Vitória" is Vitória SC of Guimarães, not
Vitória, Brazil, and the headline's bare "Vitória" with it (session 23, agency probe r52).
Every text was written for these tests.

"The city of Ashdod" is the town, though a club named after it ("Hapoel Ashdod") came first
(session 21, hgeo31)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read, tag_language


@pytest.mark.parametrize(
    ("headline", "body", "language", "name", "country", "regions"),
    [
        (
            "Vitória vence Santa Clara e sobe ao terceiro lugar",
            "O Vitória venceu em casa por 1-0 o Santa Clara, que somou a quarta derrota "
            "seguida na I Liga.",
            "pt",
            "Vitória",
            "PT",
            ["europe"],
        ),
        (
            "Toluca golea y se afianza en la cima",
            "El Toluca goleó 4-0 al Puebla y suma siete victorias seguidas en el torneo.",
            "es",
            "Puebla",
            "MX",
            ["americas"],
        ),
        (
            "Napoli, tre punti con il Torino",
            "Il Napoli batte il Torino 2-0 e resta in scia della capolista.",
            "it",
            "Torino",
            "IT",
            ["europe"],
        ),
    ],
)
def test_a_town_after_its_clubs_article_is_the_club_of_its_country(
    tagger: GeoTagger,
    headline: str,
    body: str,
    language: str,
    name: str,
    country: str,
    regions: list[str],
) -> None:
    got, evidence = tag_language(tagger, headline, body, language)
    assert got == regions
    assert evidence[name] == (country, "club")


@pytest.mark.parametrize(
    ("body", "language", "name", "country", "region"),
    [
        # The town itself, with its preposition and no article: still the Brazilian city.
        (
            "A chuva deixou desalojados em Vitória, no Espírito Santo.",
            "pt",
            "Vitória",
            "BR",
            "americas",
        ),
        (
            "La feria abrió sus puertas en Puebla con récord de visitantes.",
            "es",
            "Puebla",
            "MX",
            "americas",
        ),
    ],
)
def test_the_town_without_the_article_stays_the_town(
    tagger: GeoTagger, body: str, language: str, name: str, country: str, region: str
) -> None:
    got, evidence = tag_language(tagger, "", body, language)
    assert got[0] == region
    assert evidence[name][0] == country
    assert evidence[name][1] != "club"


@pytest.mark.parametrize(
    ("headline", "body", "language", "country"),
    [
        # Brazil's EC Vitória (Salvador) in Brazilian copy: not Guimarães's club.
        (
            "Vitória vence o Bahia no Barradão",
            "O Vitória venceu o Bahia por 2 a 1 no Barradão, em Salvador, e deixou a zona de "
            "rebaixamento do Brasileirão.",
            "pt",
            "BR",
        ),
        # Brazil's Santos in Spanish copy: not Santos Laguna.
        (
            "Neymar vuelve a jugar con el Santos",
            "El delantero brasileño Neymar volvió a jugar con el Santos en la Vila Belmiro, en el "
            "litoral de São Paulo.",
            "es",
            "BR",
        ),
    ],
)
def test_a_club_name_of_two_countries_takes_the_storys_country(
    tagger: GeoTagger, headline: str, body: str, language: str, country: str
) -> None:
    regions, evidence = tag_language(tagger, headline, body, language)
    name = headline.split()[0] if language == "pt" else "Santos"
    assert evidence[name][0] == country
    assert regions == ["americas"]


def test_the_city_of_a_club_is_a_place(tagger: GeoTagger) -> None:
    # A club named after its town reads the town as a surname; "the city of" names the town.
    headline = "League leaders lose at home"
    club = "Hapoel Ashdod lost 2-0 to Bnei Sakhnin on Monday"
    regions, evidence = read(tagger, headline, club + " in the southern city of Ashdod.")
    assert regions == ["middle-east"]
    town = [(r, w) for t, r, _c, w in evidence if t == "Ashdod"][1]
    assert town[0] != "person-surname" and town[1] > 0
    _, evidence = read(tagger, headline, club + ". Ashdod said it would appeal.")
    assert [r for t, r, _c, _w in evidence if t == "Ashdod"] == ["person-name", "person-surname"]


@pytest.mark.parametrize(
    ("headline", "body", "club", "country", "regions"),
    [
        # English copy names clubs after a town abroad by their full name: the club's country,
        # not the city its first word shares (Vitória in Brazil, Barcelona); "Sundowns" alone is
        # the South African club. Session 26, hgeo65 (sports probe a65).
        (
            "Porto held at home",
            "Porto drew 1-1 with Vitoria de Guimaraes on Saturday, Pepe scoring for the hosts "
            "before the visitors levelled late.",
            "Vitoria de Guimaraes",
            "PT",
            ["europe"],
        ),
        (
            "Barcelona SC edge Emelec in the derby",
            "Barcelona SC beat Emelec 1-0 on Sunday to stay top of the league table.",
            "Barcelona SC",
            "EC",
            ["americas"],
        ),
        (
            "Sundowns sign striker",
            "Sundowns have signed a striker on a three-year deal, the champions said on Friday.",
            "Sundowns",
            "ZA",
            ["africa"],
        ),
    ],
)
def test_a_club_named_after_a_town_abroad_is_its_own_countrys(
    tagger: GeoTagger, headline: str, body: str, club: str, country: str, regions: list[str]
) -> None:
    got, evidence = tag_language(tagger, headline, body, "en")
    assert got == regions
    assert evidence[club][0] == country


def test_the_dakar_rally_is_no_news_from_dakar(tagger: GeoTagger) -> None:
    # The rally kept the name of its old finish; it has been run in South America and, since
    # 2020, in Saudi Arabia. "Wins the Dakar" is the race.
    got, evidence = tag_language(
        tagger,
        "Saudi driver wins the Dakar at his tenth attempt",
        "The Saudi driver won the Dakar Rally on Friday after 12 stages through the desert of "
        "Saudi Arabia, ahead of a Qatari rival.",
        "en",
    )
    assert got == ["middle-east"]
    assert "Dakar" not in evidence or evidence["Dakar"][0] != "SN"
    # The city itself still counts, "the Dakar suburb" too.
    got, _ = tag_language(
        tagger, "Floods in Dakar", "Heavy rain flooded streets in Dakar on Monday.", "en"
    )
    assert got == ["africa"]
    got, _ = tag_language(
        tagger, "Suspect held", "Police arrested the suspect in the Dakar suburb on Monday.", "en"
    )
    assert got == ["africa"]


@pytest.mark.parametrize(
    "body",
    [
        "Ministers and army chiefs gathered for this year's Dakar Forum on peace and security, "
        "which opened on Monday with a warning about armed groups moving south.",
        "Organisers said 40,000 visitors had seen last year's Dakar Biennale; this edition "
        "opened on Friday with work by 60 artists.",
    ],
)
def test_the_citys_own_yearly_event_is_the_city(tagger: GeoTagger, body: str) -> None:
    # "This year's Dakar" opens the city's own forum or biennale as often as the rally: the
    # city (review hrev26b; hgeo65's rows made both stories unlocated).
    got, evidence = tag_language(tagger, "Forum opens", body, "en")
    assert got == ["africa"]
    assert evidence["Dakar"][0] == "SN"


@pytest.mark.parametrize(
    ("headline", "body", "club", "country", "regions"),
    [
        (
            "Vitoria held by Porto",
            "Vitoria drew 1-1 with Porto in the Portuguese league on Sunday after their striker "
            "missed a penalty.",
            "Vitoria",
            "PT",
            ["europe"],
        ),
        (
            "Santos beat Tigres in Liga MX",
            "Santos beat Tigres 2-0 in Torreon on Saturday as their striker scored twice.",
            "Santos",
            "MX",
            ["americas"],
        ),
    ],
)
def test_english_sports_copy_names_a_club_by_its_bare_town(
    tagger: GeoTagger, headline: str, body: str, club: str, country: str, regions: list[str]
) -> None:
    # English writes the club with no article: a club town read as a town of a country nothing
    # else names is the club of the club country the story's towns and leagues name (session
    # 30, hgeo80: the "Vitoria" class; Vitoria SC of Guimaraes was Brazil's city).
    got, evidence = tag_language(tagger, headline, body, "en")
    assert got == regions
    assert evidence[club] == (country, "club")


@pytest.mark.parametrize(
    ("headline", "body", "town", "country"),
    [
        # a nationality is no club country: Brazil's Santos signs a Mexican
        (
            "Santos sign Mexican striker",
            "Santos have signed Mexican striker Julian Quinones on a two-year deal.",
            "Santos",
            "BR",
        ),
        # the town's own country is named: Colombia's Cartagena, not the Spanish club
        (
            "Cartagena to host the league final",
            "Cartagena will host the Colombian league final on Sunday, and Real Madrid's striker "
            "will watch.",
            "Cartagena",
            "CO",
        ),
        # no sports story: the town
        (
            "Vitoria port strike ends",
            "Dock workers in Vitoria ended their strike on Monday, and ships left for Porto.",
            "Vitoria",
            "BR",
        ),
    ],
)
def test_a_bare_club_town_stays_the_town_without_its_clubs_country(
    tagger: GeoTagger, headline: str, body: str, town: str, country: str
) -> None:
    _, evidence = tag_language(tagger, headline, body, "en")
    assert evidence[town][0] == country and evidence[town][1] != "club"
