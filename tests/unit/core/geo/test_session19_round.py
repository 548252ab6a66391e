"""Session 19 (issue #16, a31 spent): an event's edition named by its venue and year ("Athens
2004") is never a second region's place; a company of Britain and Ireland alone is europe.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context

from .conftest import evidence_by_text, make_item

JUDO = (
    "OSAKA - Japan's judoka won three finals on Friday, lifting the hosts to nine golds at the "
    "world championships, one more than their haul from Athens 2004.\n\n"
    "Their captain, whose mother is Japanese and whose father comes from the United States, "
    "wept on the podium in Osaka."
)


@pytest.mark.parametrize(
    ("text", "end", "edition"),
    [
        ("from Athens 2004.", len("from Athens"), True),
        ("at the Paris 2024 Games", len("at the Paris"), True),
        ("from Athens in 2004", len("from Athens"), False),
        ("the Athens 4x100m relay", len("the Athens"), False),
        ("Athens, 2004", len("Athens"), False),
        ("Athens 20041", len("Athens"), False),
    ],
)
def test_a_year_right_after_a_name(text: str, end: int, edition: bool) -> None:
    assert context.is_edition(text, end) is edition


def test_an_earlier_games_by_venue_and_year_is_no_second_region(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(tagger, "Hosts take three judo golds", JUDO)
    assert regions == ["asia-pacific"]
    assert evidence["Athens"][1] == "edition"
    # Named without its year, the same town is a place of the story: a second region.
    regions, evidence = evidence_by_text(
        tagger, "Hosts take three judo golds", JUDO.replace("Athens 2004", "Athens")
    )
    assert evidence["Athens"][1] != "edition"
    assert regions == ["asia-pacific", "americas"]


def test_a_town_awaiting_confirmation_stays_an_edition(tagger: GeoTagger) -> None:
    # Glasgow (under a million people) needs other evidence of Britain; confirmed by
    # "Scotland", it is still the 2014 Games, not a second place of the story.
    body = (
        "Japan's judoka won three finals in Osaka on Friday, one more than their haul from "
        "Glasgow 2014. Their captain, whose father is from Scotland, wept on the podium."
    )
    regions, evidence = evidence_by_text(tagger, "Hosts take three judo golds", body)
    assert evidence["Glasgow"][1] == "edition"
    assert regions == ["asia-pacific"]
    regions, evidence = evidence_by_text(
        tagger, "Hosts take three judo golds", body.replace("Glasgow 2014", "Glasgow")
    )
    assert evidence["Glasgow"][1] == "city+confirmed"
    assert regions == ["asia-pacific", "europe"]


def test_an_edition_keeps_its_weight_and_a_headline_keeps_its_event(tagger: GeoTagger) -> None:
    # The current Games go by the same form: the venue still ranks the story's regions ...
    result = tagger.tag(
        make_item(
            "Swimmers set three world records",
            "Three world records fell at Madrid 2031 on Sunday as Australia's swimmers took "
            "two golds and the United States one.",
        )
    )
    assert result.regions[:1] == ["europe"]
    # ... and a story naming nothing else is its own.
    result = tagger.tag(
        make_item("Ticket sales open", "Organisers of Rotterdam 2031 opened ticket sales today.")
    )
    assert result.regions == ["europe"]
    assert [e.rule for e in result.evidence if e.text == "Rotterdam"] == ["edition"]
    # In the headline the venue and year are the story's own event, a place as ever.
    regions, evidence = evidence_by_text(
        tagger, "Rotterdam 2031 opens ticket sales", "Organisers opened sales on Monday."
    )
    assert regions == ["europe"]
    assert evidence["Rotterdam"][1] != "edition"


def test_a_company_of_britain_and_ireland_alone_is_europe(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Broadband customers' details exposed",
            "Virgin Media apologised on Friday after a misconfigured database exposed the "
            "phone numbers of 40,000 customers, a security researcher said.",
        )
    )
    assert result.regions == ["europe"]
    # The representative carries only the region: no country is the story's focus.
    assert "GB" not in {f.country for f in result.focus}
    # "Virgin" alone is no evidence: the islands, the airline and the group are elsewhere.
    result = tagger.tag(make_item("Customers' details exposed", "Virgin apologised on Friday."))
    assert result.regions == []


@pytest.mark.parametrize(
    ("headline", "body", "regions"),
    [
        (
            "Engineers walk out over pay",
            "Openreach engineers began a two-day strike on Monday, delaying repairs to "
            "thousands of broadband lines, their union said.",
            ["europe"],
        ),
        (
            "Mobile network down for hours",
            "Telstra said on Tuesday its mobile network had been restored after an outage left "
            "customers unable to call emergency services.",
            ["asia-pacific"],
        ),
        (
            "Mobile money outage",
            "Safaricom customers could not send money for three hours on Friday, the company "
            "said, blaming a software update.",
            ["africa"],
        ),
    ],
)
def test_a_home_firm_alone_locates_an_outage(
    tagger: GeoTagger, headline: str, body: str, regions: list[str]
) -> None:
    assert tagger.tag(make_item(headline, body)).regions == regions


def test_a_home_firm_makes_no_second_region(tagger: GeoTagger) -> None:
    # Weak evidence, like a national body: the firm's country is no place of the story.
    body = (
        "SUVA - Fiji's government signed a cable deal in Suva on Monday. Telstra will lay the "
        "line, Fiji's communications minister said."
    )
    assert tagger.tag(make_item("Fiji signs cable deal", body)).regions == ["asia-pacific"]
    body = body.replace("Telstra will", "Verizon will")
    assert tagger.tag(make_item("Fiji signs cable deal", body)).regions == ["asia-pacific"]
