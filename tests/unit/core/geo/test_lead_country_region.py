"""The region of the country a story is most about is one of its regions (issue #16, session
18, ``GeoTagger._lead_country_region``): a list of other countries, or Egypt's own second
region plus an actor, may outscore it, but a reader still files the story there."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import make_item


def _tag(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], list[str]]:
    item = make_item(headline, body)
    item.language = "en"
    result = tagger.tag(item)
    return result.regions, [f.country for f in result.focus]


def test_a_gulf_law_listing_labour_source_countries_keeps_the_gulf(tagger: GeoTagger) -> None:
    # Invented, in the layout of a Gulf daily's labour-market item.
    regions, focus = _tag(
        tagger,
        "Recruitment offices told to cut maid fees",
        "Kuwait's Public Authority for Manpower told recruitment offices to cut their fees for "
        "domestic workers from the Philippines, Indonesia, India, Sri Lanka, Nepal, Ethiopia, "
        "Kenya and Uganda.\n\nOffices that bring workers from India, the Philippines, Indonesia, "
        "Ethiopia or Kenya must refund fees if a worker leaves in the first three months, the "
        "authority said.",
    )
    assert focus[0] == "KW"
    assert "middle-east" in regions
    assert regions[0] == "asia-pacific"  # the primary is left as it was: only a region added


def test_egypt_named_by_demonyms_keeps_africa(tagger: GeoTagger) -> None:
    # Egypt maps to africa and middle-east; its middle-east share plus Hamas outscored africa,
    # and demonyms alone never made africa a second region.
    regions, focus = _tag(
        tagger,
        "Egyptian authorities to revoke citizenship of 12,000 Palestinians",
        "Egyptian authorities intend to revoke the citizenship of 12,000 Palestinians "
        "naturalised under the previous president, an Egyptian newspaper reported.\n\nThe step "
        "may be taken over the citizens' links to Hamas, the report said.",
    )
    assert focus[0] == "EG"
    assert set(regions) == {"africa", "middle-east"}


def test_a_story_of_one_region_is_unchanged(tagger: GeoTagger) -> None:
    regions, _ = _tag(
        tagger,
        "Floods cut roads around Nairobi",
        "Heavy rain cut three highways around Nairobi on Tuesday, Kenya's roads agency said.",
    )
    assert regions == ["africa"]
