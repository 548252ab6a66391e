"""Rivers, lakes, seas and deserts whose shores lie in one region, and provinces copy names
without their country (issue #16, session 31, hgeo82, probe a82). A story placed only on the
Mekong, Lake Chad or the Dead Sea, or only in Chubut, had no evidence at all (a82-022, 014, 012
and 027 held their gold through other names); "Lake Chad" read as a person named Chad and "Lake
Victoria" as Hong Kong's Victoria. The waters are world areas (``areas.tsv``: they vote for a
representative country's region and name no focus country); bare ``Nile`` is also a first name
and a brand, so it counts only as English writes the river ("the Nile", "Nile delta",
``company_areas.tsv``), and the Dead Sea Scrolls are no news from the Dead Sea.
Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


@pytest.mark.parametrize(
    ("body", "name", "region"),
    [
        (
            "Fishermen on the Mekong say the river fell three metres in a week.",
            "Mekong",
            "asia-pacific",
        ),
        (
            "Herders around Lake Chad lost cattle to the drought, officials said.",
            "Lake Chad",
            "africa",
        ),
        (
            "A ferry carrying 200 people capsized on Lake Victoria on Sunday.",
            "Lake Victoria",
            "africa",
        ),
        (
            "The Dead Sea fell by another metre this year, hydrologists said.",
            "Dead Sea",
            "middle-east",
        ),
        ("Barges on the Danube were halted as the water level dropped.", "Danube", "europe"),
        (
            "Pilgrims bathed in the Ganges at dawn on the festival's last day.",
            "Ganges",
            "asia-pacific",
        ),
        ("Floods along the Zambezi cut off three villages, rescuers said.", "Zambezi", "africa"),
        ("Reed boats crossed Lake Titicaca for the festival.", "Lake Titicaca", "americas"),
        ("The Nile burst its banks after a week of rain upstream.", "Nile", "africa"),
    ],
)
def test_a_water_alone_places_the_story_in_its_region(
    tagger: GeoTagger, body: str, name: str, region: str
) -> None:
    regions, evidence = read(tagger, "Water levels change", body)
    assert regions == [region]
    assert [(text, rule) for text, rule, _, weight in evidence if weight] == [(name, "area")]


@pytest.mark.parametrize(
    "body",
    [
        "Chic founder Nile Rodgers announced a tour on Monday.",
        "Nile Breweries raised the price of its lager by a tenth.",
        "The Dead Sea Scrolls will go on show at the museum next month.",
    ],
)
def test_a_first_name_a_brand_and_the_scrolls_are_no_water(tagger: GeoTagger, body: str) -> None:
    regions, evidence = read(tagger, "Announcement", body)
    assert regions == []
    assert not [text for text, _, _, weight in evidence if weight]


@pytest.mark.parametrize(
    ("body", "country", "region"),
    [
        ("Wildfires in Chubut have burned 10,000 hectares of forest.", "AR", "americas"),
        ("Rain cut power to 40,000 homes in Araucania on Tuesday.", "CL", "americas"),
        ("Blackouts hit Zulia again on Wednesday, the state governor said.", "VE", "americas"),
        ("A cyclone brought floods to Dhofar, the governorate's office said.", "OM", "middle-east"),
        ("Ferries to Musandam were cancelled because of high winds.", "OM", "middle-east"),
    ],
)
def test_a_province_named_without_its_country_places_the_story(
    tagger: GeoTagger, body: str, country: str, region: str
) -> None:
    regions, evidence = read(tagger, "Weather disrupts services", body)
    assert regions == [region]
    assert country in {c for _, _, c, weight in evidence if weight}
