"""Where an event is. An edition named by its venue and year ("Athens 2004") is never a second
region's place, though a story naming nothing else is its own and a headline's edition is the
story's event (issue #16, session 19, a31 spent); a summit's host, and "hosts England" before a
match, are where the event is, unlike the verb "England host France" (session 19, hgeo25).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context

from .conftest import evidence_by_text, make_item


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    item = make_item(headline, body)
    item.language = "en"
    return tagger.tag(item).regions


def _evidence(tagger: GeoTagger, headline: str, body: str) -> dict[str, tuple[str, str]]:
    item = make_item(headline, body)
    item.language = "en"
    return {e.text: (e.country, e.rule) for e in tagger.tag(item).evidence}


def test_a_summit_host_is_where_the_summit_is(tagger: GeoTagger) -> None:
    # A summit wrap whose venue is never named, only its host's president; the subjects are
    # elsewhere. The host's country is a place of the story, like a dateline.
    item_headline = "Summit ends with pledge to rebuild Syria"
    body = (
        "Leaders ended their annual summit on Monday pledging to rebuild Syria and to curb "
        "the threat of missiles from Yemen.\n\nIn a closing statement read by the summit host, "
        "Italian Prime Minister Mario Rossi, the leaders said Syria must hold elections. A "
        "Spanish delegate said Syria and Yemen would be discussed again at the next meeting."
    )
    assert _evidence(tagger, item_headline, body)["Italian"] == ("IT", "host")
    assert "europe" in _regions(tagger, item_headline, body)


def test_hosts_before_a_country_is_the_venue_but_the_verb_is_not(tagger: GeoTagger) -> None:
    # "hosts England" (the noun): the home side, the venue. "England host France" (the verb):
    # France is the visitor, no venue.
    assert _evidence(
        tagger,
        "Fiji edge Samoa in sevens final",
        "Fiji beat Samoa 19-17 in the final on Sunday. In the bronze match, hosts England beat "
        "Kenya 24-12.",
    )["England"] == ("GB", "host")
    evidence = _evidence(
        tagger,
        "Six Nations fixtures announced",
        "England host France at Twickenham in the opening round, and Ireland will host Wales "
        "in Dublin a day later.",
    )
    assert evidence["France"][1] != "host" and evidence["Wales"][1] != "host"


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


@pytest.mark.parametrize(
    ("headline", "body", "regions"),
    [
        (
            "Jordan prepare for the Asian Cup",
            "AMMAN - Jordan will play Lebanon in Beirut and then travel to Qatar for the Asian Cup, "
            "where they meet Bahrain in their opening game.",
            ["middle-east"],
        ),
        (
            "Al Hilal lift the Asian Champions League trophy",
            "Al Hilal beat Al Ain 2-0 in Riyadh on Saturday to win the AFC Asian Champions League.",
            ["middle-east"],
        ),
        (
            "Qatari sprinter wins gold at the Asian Games",
            "Qatari sprinter Femi Ogunode won the 100m at the Asian Games on Monday.",
            ["middle-east"],
        ),
    ],
)
def test_asias_sports_competitions_name_no_region(
    tagger: GeoTagger, headline: str, body: str, regions: list[str]
) -> None:
    # The AFC's and the Olympic Council of Asia's competitions are West Asia's and the Gulf's as
    # much as East Asia's: "Asian" in their names is no area evidence of asia-pacific (session
    # 30, hgeo80, a80-012: Jordan's build-up for the Asian Cup in Qatar gained asia-pacific).
    assert _regions(tagger, headline, body) == regions
    assert not any("Asian" in text for text in _evidence(tagger, headline, body))


def test_the_host_of_an_asian_competition_still_places_it(tagger: GeoTagger) -> None:
    body = "The Asian Games opened in Hangzhou on Saturday with 12,000 athletes taking part."
    assert _regions(tagger, "Asian Games open", body) == ["asia-pacific"]
    assert _regions(tagger, "Asian shares fall", "Asian shares fell on Monday.") == ["asia-pacific"]
