"""A Canadian city's police service names Canada (session 34, hgeo93, probe a93-027).

Ontario's city and regional forces are "<town> Police Service" (London, Windsor, Hamilton,
Peterborough) or "<region> Regional Police" (York, Durham, Waterloo, Halifax), and local
crime copy names the force and the town and never the province. The town alone is a world
city or a British place; its force is Canadian only (``national_bodies.tsv``): a London,
Ontario stabbing had read as London, England.
"""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_the_city_police_service_reads_the_town_as_canadian(tagger: GeoTagger) -> None:
    item, regions, rules = tagged(
        tagger,
        "London man charged in stabbing",
        "A 28-year-old London man has been charged with aggravated assault, the London Police "
        "Service said on Sunday. Officers arrested him at a nearby home shortly after the "
        "attack.",
    )
    assert regions == ["americas"]
    assert rules["London Police Service"] == "leader"
    result = tagger.tag(item)
    assert {e.country for e in result.evidence if e.weight} == {"CA"}


def test_a_regional_force_named_after_a_british_place_is_canadian(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(
        tagger,
        "Two charged after break-in",
        "York Regional Police said two men were charged after a break-in at a home on Tuesday.",
    )
    assert regions == ["americas"]


def test_the_british_town_keeps_its_own_police(tagger: GeoTagger) -> None:
    _, regions, _ = tagged(
        tagger,
        "Man charged in stabbing",
        "A man has been charged after a stabbing in London, the Metropolitan Police said.",
    )
    assert regions == ["europe"]
