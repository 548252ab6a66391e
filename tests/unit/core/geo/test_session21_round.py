"""Issue #16, session 21 (hgeo30, ``bench/data/geo_real_en_a38.jsonl`` spent): Somali towns in
the spellings English copy writes (``places.tsv``) and Somali home outlets (``web_domains.tsv``,
``home_press.tsv``). Every text here is invented, in the layout of the copy it stands for."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.model import WireItem

from .conftest import make_item


def _item(headline: str, body: str, link: str | None = None) -> WireItem:
    item = make_item(headline, body)
    item.language = "en"
    item.ext.link = link
    return item


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    return tagger.tag(_item(headline, body)).regions


def test_a_somali_town_in_its_english_spelling_locates_local_copy(tagger: GeoTagger) -> None:
    # Local copy of a Somali outlet names its town and "the country", never Somalia.
    assert _regions(
        tagger,
        "Traders in Galkayo protest over new market levy",
        "Hundreds of traders closed their stalls in Galkayo on Tuesday, saying the new levy "
        "would drive them out of business.\n\n"
        "The town's mayor said the money would pay for roads.",
    ) == ["africa"]
    assert _regions(
        tagger,
        "Floods cut the road between Jowhar and Beletweyne",
        "Trucks carrying food have been stuck for three days after the river burst its banks, "
        "drivers said.",
    ) == ["africa"]


def test_a_somali_federal_state_and_region_are_somalia(tagger: GeoTagger) -> None:
    assert _regions(
        tagger,
        "Galmudug elders agree on new council seats",
        "Clan elders in Mudug and Galgaduud signed the deal after a week of talks.",
    ) == ["africa"]


def test_a_somali_outlet_places_a_story_that_names_no_place(tagger: GeoTagger) -> None:
    placeless = (
        "Teachers begin strike over unpaid salaries",
        "Teachers at public schools downed tools on Sunday, saying they had not been paid for "
        "four months, their union said.\n\nThe ministry said talks would resume next week.",
    )
    result = tagger.tag(_item(*placeless, link="https://en.goobjoog.com/12345-2"))
    assert result.regions == ["africa"]
    assert [(e.rule, e.country) for e in result.evidence][-1:] == [("outlet-url", "SO")]
    credited = tagger.tag(_item(placeless[0], placeless[1] + " Goobjoog News has learnt."))
    assert credited.regions == ["africa"]
