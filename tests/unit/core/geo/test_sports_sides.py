"""National sides in sports copy are sides, not places. A country beaten in a result, a side
after "v"/"vs" in a sports story in any agency language, a possessive nationality before a
competitor's name and another country's league of a shared name ("the Kenyan Premier League")
are no place of the story; policy goals, the Arab League and a court case "vs" make no sports
story (issue #16, a12 round; session 10 review; session 21, hgeo30 and hgeo31). Texts written
for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.tagger import _league_of
from streams.core.geo.terms import Hit, Term

from .conftest import english_item as _item
from .conftest import evidence_of, make_item, read, tag_language
from .conftest import rules_of as _rules


@pytest.mark.parametrize(
    ("headline", "regions"),
    [
        ("Kenyan Premier League resumes after winter break", ["africa"]),
        ("Austrian Bundesliga leaders drop points at home", ["europe"]),
    ],
)
def test_another_countrys_league(tagger: GeoTagger, headline: str, regions: list[str]) -> None:
    body = "Play resumes on Friday with four matches, the league said in a statement."
    got, evidence = read(tagger, headline, body)
    assert got == regions
    assert "league" in {rule for _t, rule, _c, _w in evidence}


def test_a_sport_word_between_and_a_possessive() -> None:
    league = Term("Premier League", "leader", ("GB",))
    demonym = Term("Israeli", "demonym", ("IL",))
    country = Term("Algeria", "country", ("DZ",))
    text = "The Israeli football Premier League resumed."
    assert _league_of(text, Hit(4, 11, demonym), Hit(21, 35, league))
    text = "Algeria's Premier League resumed."
    assert _league_of(text, Hit(0, 7, country), Hit(10, 24, league))
    english = Term("English", "demonym", ("GB",))
    text = "The English Premier League resumed."
    assert not _league_of(text, Hit(4, 11, english), Hit(12, 26, league))
    text = "Israeli officials and the Premier League met."
    assert not _league_of(text, Hit(0, 7, demonym), Hit(26, 40, league))


def test_the_premier_league_alone_is_still_english(tagger: GeoTagger) -> None:
    regions, _ = read(
        tagger,
        "Premier League clubs vote on spending cap",
        "Clubs voted 14-6 for the cap at a shareholders' meeting on Thursday.",
    )
    assert regions == ["europe"]


#: Invented results copy: the venue's country, the winners' country, and three medallists
#: named by a possessive nationality.
RESULTS = (
    "Japan top the medal table as world karate championships close in Denver",
    "DENVER, Colorado, May 4 -- The world karate championships closed on Sunday in Denver, "
    "with Japan top of the medal table on nine golds.\n\n"
    "Japan won both team events, and South Korea and Kazakhstan took two golds each.\n\n"
    "Germany's Lena Hoffmann, silver medallist in the women's 61kg, said a bad knee had slowed "
    "her. Spain's Carlos Ruiz, who won bronze, said the hall in Denver had been loud all week, "
    "and Germany's Tim Weber thanked his coach.",
)


def test_a_possessive_before_a_competitors_name_is_her_nationality(tagger: GeoTagger) -> None:
    rules = _rules(tagger, *RESULTS)
    assert rules["Spain"] == "nationality"
    # Three nationalities make no second region, as "Lena Hoffmann of Germany" would not.
    assert tagger.tag(_item(*RESULTS)).regions == ["americas", "asia-pacific"]


def test_outside_sports_copy_a_possessive_before_a_name_stays_the_country(
    tagger: GeoTagger,
) -> None:
    rules = _rules(
        tagger,
        "Talks on grain corridor resume in Istanbul",
        "Negotiators met in Istanbul on Monday. Ukraine's Andriy Sybiha said the corridor had "
        "to stay open, and Turkey's Hakan Fidan said talks would go on.",
    )
    assert rules["Ukraine"] == "country"


def test_a_possessive_before_a_title_or_a_place_is_no_nationality(tagger: GeoTagger) -> None:
    rules = _rules(
        tagger,
        "Hosts win the relay at the world athletics championships",
        "The hosts took gold in the relay, and the silver medallists were led home by "
        "Britain's Prince William, who presented the medals. Kenya's Nairobi Marathon winner "
        "was third.",
    )
    assert rules["Britain"].startswith("country")
    assert rules["Kenya"] == "country"


def test_a_medal_table_makes_a_sports_story() -> None:
    from streams.core.geo import context

    assert context.is_sport("China tops medal table in Fort Worth", "")
    assert context.is_sport("", "The silver medallist said she was proud.")
    assert not context.is_sport("Veteran receives gold medal for bravery", "")


def test_a_possessive_before_an_event_or_venue_stays_the_host(tagger: GeoTagger) -> None:
    rules = _rules(
        tagger,
        "Verstappen fastest in practice",
        "The Dutchman topped the timesheets in the first session of the weekend, and the "
        "tournament organisers said Japan's Grand Prix would start on time. Bahrain's Sakhir "
        "Circuit hosts the next race.",
    )
    assert rules["Japan"].startswith("country")
    assert rules["Bahrain"].startswith("country")


def test_a_country_beaten_in_a_result_is_a_side_not_the_place(tagger: GeoTagger) -> None:
    body = (
        "The Springboks beat France 37-15 in Pretoria on Saturday to take the series, coach "
        "Allister Coetzee said."
    )
    regions, evidence = evidence_of(tagger, "Boks beat France again", body)
    assert regions[0] == "africa"
    assert ("France", "opponent", "FR") in evidence


def test_a_country_against_something_stays_a_place(tagger: GeoTagger) -> None:
    body = "Protesters marched against France's pension law in Lyon and Paris on Tuesday."
    regions, evidence = evidence_of(tagger, "Marches against pension law", body)
    assert regions == ["europe"]
    assert all(rule != "opponent" for _, rule, _ in evidence)


# --- "v"/"vs" and the sports words ------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Each body holds one word the first list took for sport; none of these is a sports story.
        (
            "US vs China: tariffs in the new year",
            "The goal of the new duties is to cut the trade deficit, officials said.",
        ),
        (
            "Iran vs Israel: what the Arab League wants",
            "The Arab League met in Cairo on Sunday and called for restraint.",
        ),
        (
            "Gambia v Myanmar: court hears the genocide case",
            "The judges gave Myanmar extra time to file its answer, the court said.",
        ),
        (
            "Russia v Ukraine: the war in its third winter",
            "A bomb squad cleared the street after the strike, police said.",
        ),
        (
            "UK v France: the Channel crossings row",
            "Twelve people were hurt when a coach overturned near Calais, police said.",
        ),
        (
            "Mexico vs Canada: the auto rules dispute",
            "Carmakers met at the stadium in Monterrey where the president held his rally.",
        ),
    ],
)
def test_policy_goals_leagues_and_squads_make_no_sports_story(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert "opponent" not in {e.rule for e in result.evidence}


@pytest.mark.parametrize(
    ("headline", "body", "language", "side"),
    [
        (
            "España vs Italia: la selección busca el pase",
            "El entrenador confía en sus delanteros para el partido del sábado en Sevilla.",
            "es",
            "Italia",
        ),
        (
            "Brasil vs Argentina",
            "O treinador convocou dois atacantes novos para o clássico do futebol sul-americano.",
            "pt",
            "Argentina",
        ),
        (
            "England v Germany",
            "The Premier League's top scorer leads the line on Saturday night.",
            "en",
            "Germany",
        ),
    ],
)
def test_a_side_after_vs_in_a_sports_story_in_any_agency_language(
    tagger: GeoTagger, headline: str, body: str, language: str, side: str
) -> None:
    _, evidence = tag_language(tagger, headline, body, language)
    assert evidence[side][1] == "opponent"


def test_the_arab_league_in_spanish_makes_no_sports_story(tagger: GeoTagger) -> None:
    # "La Liga" opens "La Liga Árabe" at the start of a sentence: only "LaLiga" is the league.
    _, evidence = tag_language(
        tagger,
        "Irán vs Israel: la región en vilo",
        "La Liga Árabe pidió el domingo contención a ambas partes.",
        "es",
    )
    assert evidence["Israel"][1] != "opponent"


def test_a_court_case_vs_in_spanish_keeps_both_places(tagger: GeoTagger) -> None:
    _, evidence = tag_language(
        tagger,
        "Sudáfrica vs Israel",
        "La Corte Internacional de Justicia escuchó el jueves los argumentos de ambas partes.",
        "es",
    )
    assert evidence["Israel"][1] != "opponent"
