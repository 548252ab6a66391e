"""Rule ``list``: four or more countries enumerated one after another ("Britain, China, France,
Germany and Iran signed") are parties or members of something, each a passing mention at half
weight and no place, so they no longer outweigh the country the story is about (issue #16,
session 20, a8 spent). Fewer than four, or countries apart in the text, keep their weight.
Sentences written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text

_TALKS = (
    "Negotiators met in Geneva on Tuesday for a new round of talks on Venezuela's disputed "
    "election, trying to restart a dialogue between Caracas and the opposition.\n\n"
    "It is the first meeting there since May. Venezuelan officials said they "
    "would not accept new conditions.\n\n"
    "Brazil, Colombia, Mexico, Norway, Spain and the United States back the process."
)


def test_an_enumeration_of_parties_is_a_passing_mention(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(tagger, "Venezuela talks resume", _TALKS)
    for name in ("Brazil", "Colombia", "Mexico", "Norway", "Spain", "United States"):
        assert evidence[name][1] == "list", name
    assert evidence["Norway"][2] == 0.5
    # Norway and Spain made Europe a second region before; the venue alone does not.
    assert regions == ["americas"]


def test_three_countries_are_no_enumeration(tagger: GeoTagger) -> None:
    body = "Ministers from Kenya, Uganda and Tanzania met in Arusha to agree on a rail link."
    _, evidence = evidence_by_text(tagger, "Rail link agreed", body)
    assert evidence["Uganda"][1] == "country"


def test_countries_apart_in_the_text_keep_their_weight(tagger: GeoTagger) -> None:
    body = (
        "France said it would send aid. Germany offered tents, Italy sent doctors, and Spain "
        "pledged money; Portugal sent a ship."
    )
    _, evidence = evidence_by_text(tagger, "Aid pledged", body)
    assert evidence["Italy"][1] == "country"
    assert evidence["Portugal"][1] == "country"


def test_an_enumeration_of_one_region_still_locates_it(tagger: GeoTagger) -> None:
    body = (
        "Drought has left millions short of food in Angola, Lesotho, Malawi, Namibia and "
        "Zimbabwe, the agency said, appealing for funds."
    )
    regions, evidence = evidence_by_text(tagger, "Appeal for drought aid", body)
    assert evidence["Malawi"][1] == "list"
    assert regions == ["africa"]
