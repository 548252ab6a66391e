"""Regions and sites that copy names instead of the country (``places.tsv``, issue #16):
South Africa's Zululand, which local copy and its institutions name where they name no province
or country (session 24, hgeo55, a55-020)."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_zululand_places_a_campus_story(tagger: GeoTagger) -> None:
    # Invented, in the layout of a press-agency campus story naming only the university.
    regions, ev = evidence_by_text(
        tagger,
        "Campus closed after protest",
        "Lectures were suspended at the University of Zululand on Tuesday after students "
        "ignored an order to return to class.",
    )
    assert ev["Zululand"][0] == "ZA"
    assert regions == ["africa"]

