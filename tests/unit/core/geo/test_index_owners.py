"""A foreign stock index cited after its country's possessive is no place of the story (issue
#16, session 32, hgeo86, a86-013).

A market close rounds up other markets as "France's CAC 40 0.65%", "Japan's Nikkei 225 0.38%",
"Hong Kong's Hang Seng lost 1.07%": the possessive and the index (``market_indices.txt``) are one
market instrument. The country keeps half its weight and the index none, both under rule
``index``, which is no place mention: a region the round-up alone names makes no second region,
while a story naming nothing else is still located by it. An index named without the possessive
keeps its reading. Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, read

CLOSE = (
    "Nairobi shares ended higher on Thursday as banks gained, with the NSE 20 Share Index up "
    "0.4 percent. Safaricom rose 1.2 percent and Kenya Airways fell 2 percent, dealers in "
    "Nairobi said. Abroad, France's CAC 40 added 0.5 percent and Germany's DAX 0.3 percent, "
    "while Japan's Nikkei 225 lost 0.2 percent and Hong Kong's Hang Seng 0.9 percent."
)


def test_a_closes_round_up_of_foreign_indices_makes_no_second_region(
    tagger: GeoTagger,
) -> None:
    regions, evidence = evidence_by_text(tagger, "Kenyan shares close higher", CLOSE)
    assert regions == ["africa"]
    assert evidence["France"][1] == "index"
    assert evidence["CAC 40"][1:] == ("index", 0.0)
    assert evidence["Nikkei"][1:] == ("index", 0.0)
    assert evidence["Hang Seng"][1:] == ("index", 0.0)


def test_a_round_up_alone_still_locates_the_story(tagger: GeoTagger) -> None:
    body = (
        "Japan's Nikkei 225 rose 1.1 percent and South Korea's Kospi gained 0.6 percent on "
        "Tuesday as exporters climbed, dealers said."
    )
    regions, evidence = evidence_by_text(tagger, "Asian shares rise", body)
    assert regions == ["asia-pacific"]
    # the first market named is the report's own; the next one is its round-up
    assert evidence["Japan"][1] != "index"
    assert evidence["South Korea"][1] == "index"
    assert evidence["Kospi"][1:] == ("index", 0.0)


def test_the_storys_own_market_first_keeps_its_place(tagger: GeoTagger) -> None:
    """Review hrev32b: a lede on Japan's own index, with Wall Street named after it, had read
    Japan as no place and went to americas alone."""
    body = "Japan's Nikkei hit a record high on Tuesday, tracking gains on Wall Street overnight."
    regions, evidence = evidence_by_text(tagger, "Stocks hit record", body)
    assert regions[:1] == ["asia-pacific"]
    assert evidence["Japan"][1] != "index"
    assert evidence["Nikkei"][1] == "metonym"


def test_a_story_about_the_country_keeps_its_index_mention(tagger: GeoTagger) -> None:
    body = (
        "Japan's economy shrank 0.5 percent in the third quarter, the government said. "
        "Japan's Nikkei fell 2 percent as exporters slid."
    )
    _, evidence = read(tagger, "Economy shrinks", body)
    assert [rule for text, rule, _, _ in evidence if text in ("Japan", "Nikkei")] == [
        "country",
        "country",
        "metonym",
    ]


def test_a_citys_possessive_keeps_its_reading(tagger: GeoTagger) -> None:
    """ "London's FTSE 100", as the rule's docstring says: a city's possessive is how a report
    names its own market, not a country's instrument in a round-up."""
    body = (
        "Shares in Paris rose on Monday. Elsewhere, London's FTSE 100 fell 1.2 percent as "
        "miners slid."
    )
    _, evidence = evidence_by_text(tagger, "European shares mixed", body)
    assert evidence["London"][1] != "index"
    assert evidence["FTSE 100"][1] == "metonym"


def test_an_index_without_the_possessive_keeps_its_reading(tagger: GeoTagger) -> None:
    body = (
        "The CAC 40 fell 1.3 percent in Paris on Monday as luxury groups slid, and the DAX lost "
        "0.8 percent in Frankfurt."
    )
    _, evidence = evidence_by_text(tagger, "European shares fall", body)
    assert evidence["CAC 40"][1] == "metonym"
    assert evidence["DAX"][1] == "metonym"


def test_an_institution_after_a_possessive_is_no_index(tagger: GeoTagger) -> None:
    body = "France's central bank and France's finance ministry said growth would slow in Paris."
    _, evidence = evidence_by_text(tagger, "French growth to slow", body)
    assert evidence["France"][1] != "index"
