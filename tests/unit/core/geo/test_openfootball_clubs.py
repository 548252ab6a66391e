"""Football clubs of ``clubs.tsv``, generated from openfootball's club lists
(``bench/tools/build_clubs.py``; issue #16, session 36, hgeo98). Clubs outside Europe are weak
evidence of their country, like ``actors.tsv``'s: a story naming only two clubs of one league
is located there. A club named after a town abroad is the club, not the town. Names that are
common words, people's names or other bodies' names were left out by the generator. English
copy only. Every text was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language


def test_two_clubs_of_one_league_locate_the_story(tagger: GeoTagger) -> None:
    got, evidence = tag_language(
        tagger,
        "Huracán edge Argentinos Juniors in five-goal thriller",
        "Huracán came from behind twice to beat Argentinos Juniors 3-2 on Sunday night, "
        "their first win in six league games.",
        "en",
    )
    assert got == ["americas"]
    assert evidence["Huracán"][0] == "AR"
    assert evidence["Argentinos Juniors"][0] == "AR"


def test_a_club_named_after_a_town_abroad_is_the_clubs_country(tagger: GeoTagger) -> None:
    got, evidence = tag_language(
        tagger,
        "Paraná Clube climb to fourth",
        "Paraná Clube won 2-0 at home on Sunday and climbed to fourth in the table after a "
        "second straight clean sheet.",
        "en",
    )
    assert got == ["americas"]
    assert evidence["Paraná Clube"][0] == "BR"
    assert "Paraná" not in evidence


@pytest.mark.parametrize(
    ("headline", "body", "name"),
    [
        (
            "Bohemians of the old quarter",
            "The Bohemians of the old quarter gathered in a cafe to read poems aloud.",
            "Bohemians",
        ),
        (
            "Al-Shabab fighters attack army base",
            "Al-Shabab fighters attacked an army base before dawn, officials said.",
            "Al-Shabab",
        ),
        (
            "Airbus raises delivery target",
            "Airbus raised its delivery target for the year on Tuesday.",
            "Airbus",
        ),
    ],
)
def test_a_club_name_with_another_reading_is_no_club(
    tagger: GeoTagger, headline: str, body: str, name: str
) -> None:
    _, evidence = tag_language(tagger, headline, body, "en")
    assert evidence.get(name, ("", ""))[0] not in ("IE", "SA", "GB")


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "Trading app fined over outage",
            "Regulators fined Robinhood on Wednesday for an outage that locked customers out. "
            "Robinhood said it had since doubled its server capacity.",
        ),
        (
            "Firefighter honoured for bravery",
            "The Medal of Valour was presented on Tuesday. Valour, the chief said, is not the "
            "absence of fear.",
        ),
        (
            "Jewelled headdress stolen from cathedral",
            "A Mitre worn by bishops for a century was taken on Sunday, the dean said. The Mitre "
            "was insured.",
        ),
        (
            "Actor dies at 76",
            "Remo Giraldi, an actor best known for a television crime drama, has died. Remo "
            "had been ill for a year.",
        ),
        (
            "Language school opens library",
            "The Instituto said the library would open in the spring. Instituto staff said the "
            "funding was secured.",
        ),
    ],
)
def test_a_club_name_that_is_a_brand_word_or_first_name_locates_no_placeless_story(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    # Session 36 review (hrev36a): each of these located its story in the Americas by one
    # club name alone (the trading app in Suriname; 'valour' and 'mitre', British spellings
    # the American word list lacks, in Canada and Argentina).
    got, _ = tag_language(tagger, headline, body, "en")
    assert got == []


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "Amusement park marks 180 years",
            "Tivoli Gardens opened its gates on Friday for its 180th season. Tivoli Gardens "
            "expects four million visitors this year.",
        ),
        (
            "Prime minister meets union leaders",
            "The prime minister received union leaders at São Bento on Tuesday. Talks at São "
            "Bento lasted four hours, the government said.",
        ),
    ],
)
def test_a_club_name_that_is_a_place_abroad_moves_no_story_to_the_clubs_country(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    # Session 36 review (hrev36a): Copenhagen's park read as a Jamaican club, Lisbon's São
    # Bento (parliament, prime minister's residence) as a Brazilian one: both to the Americas.
    got, evidence = tag_language(tagger, headline, body, "en")
    assert "americas" not in got
    assert not {"Tivoli Gardens", "São Bento"} & set(evidence)
