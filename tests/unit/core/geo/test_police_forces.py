"""Police forces of England and Wales whose names hold no British gazetteer place, by the
names local copy gives them (``national_bodies.tsv``), locate a story whose town is a
stop-listed word; forces named after a British place keep the place's reading, those named
"<county> Police" after a North American town stay out, and "New South Wales Police" stays
Australian (issue #16, session 20, a8 spent). Sentences written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_a_force_alone_locates_a_local_crime_story(tagger: GeoTagger) -> None:
    body = (
        "Three men were arrested after a car was set alight outside a parade of shops in "
        "Reading overnight.\n\nThames Valley Police said nobody was hurt and appealed for "
        "dashcam footage from Bath Road."
    )
    regions, evidence = evidence_by_text(tagger, "Three held after car fire", body)
    assert evidence["Thames Valley Police"][:2] == ("GB", "leader")
    assert regions == ["europe"]


def test_a_constabulary_named_like_a_us_town_is_british(tagger: GeoTagger) -> None:
    # "Norfolk" alone reads as Norfolk, Virginia; the constabulary is England's.
    body = "Norfolk Constabulary said the road would stay shut while the scene was examined."
    regions, evidence = evidence_by_text(tagger, "Crash closes road", body)
    assert evidence["Norfolk Constabulary"][0] == "GB"
    assert regions == ["europe"]


def test_a_force_named_after_a_british_place_keeps_the_place(tagger: GeoTagger) -> None:
    body = "West Yorkshire Police said the man, 34, was charged with dangerous driving."
    regions, evidence = evidence_by_text(tagger, "Driver charged", body)
    assert "West Yorkshire Police" not in evidence
    assert evidence["Yorkshire"][:2] == ("GB", "place")
    assert regions == ["europe"]


def test_a_british_force_is_no_second_region_abroad(tagger: GeoTagger) -> None:
    body = (
        "Spanish police arrested a British fugitive in Marbella on Friday at the request of "
        "West Midlands Police, who want him over a shooting."
    )
    regions, _ = evidence_by_text(tagger, "Fugitive held in Spain", body)
    assert regions == ["europe"]


def test_new_south_wales_police_stay_australian(tagger: GeoTagger) -> None:
    body = "A man was charged after a crash in the town centre, New South Wales Police said."
    regions, evidence = evidence_by_text(tagger, "Driver charged", body)
    assert "South Wales Police" not in evidence
    assert evidence["New South Wales"][0] == "AU"
    assert regions == ["asia-pacific"]


def test_a_force_named_like_an_american_town_is_left_out(tagger: GeoTagger) -> None:
    body = (
        "Cleveland Police said two people were shot near a bus stop on Saturday night, and the "
        "Ohio department asked witnesses to call."
    )
    regions, evidence = evidence_by_text(tagger, "Two shot near bus stop", body)
    assert "Cleveland Police" not in evidence
    assert regions == ["americas"]
