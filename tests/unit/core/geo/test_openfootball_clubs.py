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
