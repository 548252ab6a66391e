"""The agency's own geography (``item.places``) as geo evidence: strong, once per country,
never blind (a passing label does not outweigh the story's own place)."""

from __future__ import annotations

import time

from streams.core.geo import GeoTagger, explain, scoring
from streams.core.model import Place

from .conftest import make_item


def test_agency_place_decides_an_item_whose_text_names_no_place(tagger: GeoTagger) -> None:
    item = make_item(
        "Cabinet reshuffle: three ministers replaced",
        "The prime minister named a new finance minister on Tuesday and moved the interior"
        " minister to defence.",
    )
    assert tagger.tag(item).regions == []
    item.places = [Place("Finland", "FI", "iso3166-1a2:FI")]
    result = tagger.tag(item)
    assert result.regions == ["europe"]
    assert [f.country for f in result.focus] == ["FI"]
    assert [(e.field, e.rule, e.country) for e in result.evidence] == [
        ("places", "agency-place", "FI")
    ]


def test_agency_place_name_without_a_code_is_read_like_a_dateline(tagger: GeoTagger) -> None:
    item = make_item("Storm closes schools", "Schools closed on Monday as the storm hit.")
    item.places = [Place("Kentucky", None, "apgeography:x")]
    assert tagger.tag(item).regions == ["americas"]
    item.places = [Place("Xyzzy Islet")]
    assert tagger.tag(item).regions == []


def test_a_passing_agency_place_does_not_override_the_story_place(tagger: GeoTagger) -> None:
    item = make_item(
        "Kenya signs deal to expand Mombasa port",
        "Kenya signed a deal on Monday to expand the port of Mombasa, the transport ministry"
        " said.\n\nThe work is due to start next year, officials in Nairobi said. A similar"
        " project in Brazil took five years.",
    )
    before = tagger.tag(item).regions
    assert before == ["africa"]
    # The agency labels every country the story names, the passing one too.
    item.places = [Place("Kenya", "KE"), Place("Brazil", "BR")]
    assert tagger.tag(item).regions == ["africa"]
    item.places = [Place("Brazil", "BR")]  # even labelled alone
    assert tagger.tag(item).regions == ["africa"]


def test_one_vote_per_country_and_explain_shows_it(tagger: GeoTagger) -> None:
    item = make_item("Ferries sail again", "Ferries sailed again on Friday after the storm.")
    item.places = [Place("Bergen"), Place("Norway", "NO"), Place("Vestland", "NO")]
    result = tagger.tag(item)
    assert result.regions == ["europe"]
    weights = [(e.text, e.rule, e.weight) for e in result.evidence if e.field == "places"]
    assert weights[0][1] == "agency-place" and weights[0][2] > 0
    assert all(rule == "agency-place-extra" and w == 0 for _, rule, w in weights[1:])
    text = explain(item, result)
    assert "places" in text and "producer's own geography" in text


def test_agency_place_is_not_a_person_surname(tagger: GeoTagger) -> None:
    # "Jim Jordan ... Jordan said" makes the text's Jordan a person; the agency's label of the
    # country Jordan is still the country.
    item = make_item(
        "Congressman questions aid package",
        "Congressman Jim Jordan questioned the aid package on Tuesday. Jordan said the"
        " committee would vote next week.",
    )
    item.places = [Place("Jordan", "JO")]
    result = tagger.tag(item)
    assert "middle-east" in result.regions
    assert any(e.field == "places" and e.country == "JO" and e.weight > 0 for e in result.evidence)


def test_places_set_by_hand_stay_bounded(tagger: GeoTagger) -> None:
    # Items built by other code than the parser (which caps them) are bounded by geo too.
    item = make_item("Flood", "Water rose.")
    item.places = [Place("Paris " * 50_000)] + [Place(f"Town {n}", "FR") for n in range(50_000)]
    start = time.perf_counter()
    result = tagger.tag(item)
    assert time.perf_counter() - start < 1
    assert result.regions == ["europe"]
    assert sum(e.field == "places" for e in result.evidence) <= scoring.MAX_PLACES


def test_a_label_of_the_desk_country_does_not_hide_the_desk(tagger: GeoTagger) -> None:
    # Cairo desk, Sudan story: the agency labels Egypt (the dateline) and Sudan. The text never
    # names Egypt, so the dateline stays the desk and the Egypt label weighs as little.
    item = make_item(
        "Sudan's army retakes key bridge in Khartoum",
        "CAIRO, Dec 2 - Sudan's army said on Tuesday it had retaken a key bridge in Khartoum"
        " from the Rapid Support Forces.\n\nFighting in Sudan has displaced millions, and"
        " residents of Omdurman reported shelling overnight.",
        located="CAIRO",
    )
    item.places = [Place("Egypt", "EG"), Place("Sudan", "SD")]
    result = tagger.tag(item)
    assert result.regions == ["africa"]
    assert [f.country for f in result.focus] == ["SD"]
    rules = {(e.field, e.country): e.rule for e in result.evidence}
    assert rules[("located", "EG")] == "desk"
    assert rules[("places", "EG")] == "agency-desk"
    assert rules[("places", "SD")] == "agency-place"


def test_an_agency_state_label_places_a_world_city_homonym(tagger: GeoTagger) -> None:
    item = make_item(
        "Man arrested after Paris bar shooting",
        "A man was arrested on Saturday after a shooting outside a bar in Paris left two people"
        " wounded.",
    )
    assert tagger.tag(item).regions == ["europe"]
    item.places = [Place("Texas", None, "apgeography:invented-texas")]
    result = tagger.tag(item)
    assert result.regions == ["americas"]
    assert {e.rule for e in result.evidence if e.text == "Paris"} == {"homonym-state"}
