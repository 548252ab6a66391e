"""Titles that never outweigh a named town, and national railways and conciliation services
(issue #16, session 13).

Fixtures are written for these tests; none is copied from a news item.
"""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read

# --- "Director General of Police": India's title, weak evidence ---------------------------------


def test_a_police_chief_title_does_not_outweigh_the_town_the_story_names(
    tagger: GeoTagger,
) -> None:
    body = (
        "The Director General of Police said officers had arrested two men in Madrid after a "
        "months-long inquiry into a drug network."
    )
    regions, evidence = read(tagger, "Two held after drug raid", body)
    assert regions == ["europe"]
    assert [rule for text, rule, _, _ in evidence if text == "Director General of Police"] == [
        "leader"
    ]


def test_the_title_alone_still_locates_an_indian_state_story(tagger: GeoTagger) -> None:
    body = "The Director General of Police ordered an inquiry into a death in custody."
    regions, _ = read(tagger, "Inquiry ordered into custodial death", body)
    assert regions == ["asia-pacific"]


def test_the_title_agrees_with_an_indian_town(tagger: GeoTagger) -> None:
    body = "The Director General of Police visited the police station in Lucknow on Friday."
    regions, _ = read(tagger, "Police chief visits station", body)
    assert regions == ["asia-pacific"]


# --- national railways and labour conciliation services ----------------------------------------


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Network Rail workers will walk out on Monday after talks at Acas failed.", "europe"),
        ("Renfe cancelled 300 trains as drivers struck, and Adif delayed track works.", "europe"),
        ("Amtrak will add ten daily trains between the two cities from June.", "americas"),
        (
            "KiwiRail said the line would reopen on Thursday after the slip was cleared.",
            "asia-pacific",
        ),
        ("Commuters faced delays as PRASA suspended services after cable theft.", "africa"),
        ("The CCMA will hear the wage dispute next week, the union said.", "africa"),
    ],
)
def test_a_national_railway_or_conciliation_service_locates_a_story_naming_no_place(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, _ = read(tagger, "Trains disrupted", body)
    assert regions == [region]


def test_a_foreign_railway_named_in_passing_adds_no_region(tagger: GeoTagger) -> None:
    body = (
        "JR East ordered 40 new trains from Hitachi in Tokyo on Tuesday, as Amtrak did last "
        "year, and said the first would run in 2028."
    )
    regions, evidence = read(tagger, "Japan orders new bullet trains", body)
    assert regions == ["asia-pacific"]
    assert ("Amtrak", "leader", "US", 1.2) in evidence


def test_a_railway_is_weaker_than_the_place_the_story_names(tagger: GeoTagger) -> None:
    body = "Deutsche Bahn engineers are helping to rebuild the line from Lviv to Kyiv."
    regions, _ = read(tagger, "Ukraine rail line to reopen", body)
    assert regions == ["europe"]
    body = "Amtrak is advising Saudi Arabia on its new line from Riyadh to Jeddah."
    regions, _ = read(tagger, "Saudi rail line takes shape", body)
    assert regions == ["middle-east"]


def test_letters_of_other_meanings_are_not_railways(tagger: GeoTagger) -> None:
    # CFR (the US Code of Federal Regulations, Romania's railway) and RFI (Radio France
    # Internationale, Italy's rail network) are left out.
    body = "The rule is set out in 49 CFR part 172, RFI reported, citing industry groups."
    regions, _ = read(tagger, "Hazardous goods rule explained", body)
    assert regions == []


# --- a world area that is also a company's name --------------------------------------------------


def test_the_company_amazon_is_no_evidence_of_the_rainforest(tagger: GeoTagger) -> None:
    body = (
        "The Federal Cartel Office in Bonn set a record for fines this year.\n\n"
        "The regulator earlier made Amazon, the online retailer, change its terms for sellers, "
        "and Amazon said it would comply."
    )
    regions, evidence = read(tagger, "Cartel office sets fines record", body)
    assert regions == ["europe"]
    assert {rule for text, rule, _, _ in evidence if text == "Amazon"} == {"company"}


@pytest.mark.parametrize(
    "body",
    [
        "Deforestation in the Brazilian Amazon rose by a fifth last year, officials said.",
        "Amazon deforestation hit a record as fires spread, the environment agency said.",
        "Gold miners have poured into the Amazon, where rivers are now polluted with mercury.",
    ],
)
def test_the_amazon_with_its_article_or_nouns_stays_the_area(tagger: GeoTagger, body: str) -> None:
    regions, evidence = read(tagger, "Losses grow", body)
    assert regions == ["americas"]
    assert {rule for text, rule, _, _ in evidence if text == "Amazon"} == {"area"}


def test_sahara_the_company_is_not_the_desert(tagger: GeoTagger) -> None:
    regions, _ = read(
        tagger, "Group chief held", "Sahara chief Subrata Roy was taken into custody in Lucknow."
    )
    assert regions == ["asia-pacific"]
    regions, _ = read(
        tagger, "Migrants die in desert", "Dozens of migrants died crossing the Sahara from Niger."
    )
    assert regions == ["africa"]


# --- heads of government of the G20, 2000-2019 ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "region"),
    [
        ("Prime Minister Gordon Brown moved three ministers in a reshuffle on Friday.", "europe"),
        ("Prime Minister François Fillon named four new ministers on Tuesday.", "europe"),
        ("President Susilo Bambang Yudhoyono named a new finance minister.", "asia-pacific"),
        ("Prime Minister Julia Gillard promoted two backbenchers to the cabinet.", "asia-pacific"),
        ("President Thabo Mbeki replaced his health minister on Monday.", "africa"),
    ],
)
def test_a_past_leader_alone_locates_a_reshuffle_story(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, _ = read(tagger, "Cabinet reshuffled", body)
    assert regions == [region]


def test_a_past_leaders_common_surname_alone_is_no_evidence(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, "Union talks", "Brown will meet union leaders on Monday.")
    assert regions == []
    assert not [e for e in evidence if e[3] > 0]
