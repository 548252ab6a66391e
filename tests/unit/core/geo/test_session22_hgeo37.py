"""Session 22 (issue #16, hgeo37): the rules and data of the a45/a46 round. Every text here
was written for these tests, in the layouts of such stories."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import linked, read

#: A South African analyst's piece that names no place, opening on the word "Mobile".
MOBILE_DATA = (
    "Data is still too dear for the poor, analyst says",
    "Mobile operators say data has become cheaper, but only big bundles fell in price, an"
    " analyst said on Tuesday.\n\nUsers who buy small bundles pay far more per megabyte, he"
    " said, and only the regulator can change that.",
)
#: An Indian mill story whose only capitalised word that is a town is "Union".
UNION_LEADERS = (
    "Mill workers end strike after pay deal",
    "Union leaders at the spinning mill called off the strike on Monday after the owners"
    " agreed to a pay rise.\n\nWork will resume on Wednesday, they said.",
)
#: An Indian trade story that names only a "Union" ministry.
UNION_MINISTRY = (
    "Cotton yarn prices ease on weak demand",
    "Cotton yarn prices fell this week after the Union textiles ministry eased export rules,"
    " traders said.\n\nMill owners expect prices to stay soft until the new crop arrives.",
)


def _rules(result: object) -> dict[str, tuple[str, str]]:
    evidence = getattr(result, "evidence", [])
    return {e.text: (e.rule, e.country) for e in evidence}


def test_a_stop_listed_english_word_keeps_no_outlet_out(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(MOBILE_DATA, "https://www.example.co.za/business/data-prices"))
    assert result.regions == ["africa"]
    assert _rules(result)["Mobile"] == ("home-word", "US")
    result = tagger.tag(linked(UNION_LEADERS, "https://www.example.co.in/city/mill-strike"))
    assert result.regions == ["asia-pacific"]
    assert _rules(result)["Union"][0] == "home-word"


def test_the_word_alone_still_locates_nothing(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *MOBILE_DATA)
    assert regions == []
    assert all(weight == 0 for _t, _r, _c, weight in evidence)
    regions, _ = read(tagger, *UNION_LEADERS)
    assert regions == []


def test_the_town_where_a_place_stands_still_keeps_the_outlet_out(tagger: GeoTagger) -> None:
    # "in Mobile" is the Alabama port: a foreign outlet's story about it is no home news.
    text = (
        "Shipbuilder to close yard",
        "The company will close its yard in Mobile next year, it said on Monday.",
    )
    result = tagger.tag(linked(text, "https://www.example.co.za/business/yard"))
    assert result.regions != ["africa"]
    assert _rules(result)["Mobile"][0] == "unconfirmed"


def test_a_stop_listed_name_that_is_no_word_still_keeps_the_outlet_out(
    tagger: GeoTagger,
) -> None:
    # Hollywood is stop-listed as a metonym, not as an English word: still a place reading.
    text = (
        "Streaming deal for local thriller",
        "Hollywood studios are bidding for the rights to the thriller, its producer said.",
    )
    result = tagger.tag(linked(text, "https://www.example.co.za/entertainment/thriller"))
    assert result.regions == []


def test_guyanas_dailies_by_their_address(tagger: GeoTagger) -> None:
    text = (
        "Association stages dominoes final",
        "Players won the final by two games, the association said. The next tournament is in"
        " September.",
    )
    for host in ("kaieteurnewsonline.com", "demerarawaves.com"):
        result = tagger.tag(linked(text, f"https://www.{host}/2026/08/10/dominoes-final/"))
        assert result.regions == ["americas"], host
        assert _rules(result)[host] == ("outlet-url", "GY")


def test_indias_market_papers_stay_homeless(tagger: GeoTagger) -> None:
    # Their web copy is largely placeless world markets: a bitcoin slide is no Indian news.
    text = (
        "Bitcoin slides below key level",
        "Bitcoin fell 6 percent on Monday as traders sold risky assets, dealers said.",
    )
    for host in ("business-standard.com", "livemint.com"):
        result = tagger.tag(linked(text, f"https://www.{host}/markets/bitcoin-slides"))
        assert result.regions == [], host


def test_west_bank_towns_below_the_city_list(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Prize for restored houses in Birzeit's old quarter",
        "The jury praised the restoration of stone houses in Birzeit, north of Ramallah. Similar"
        " work has begun in Beit Sahour and Sinjil, the architects said.",
    )
    assert regions == ["middle-east"]
    assert {(t, c) for t, _r, c, w in evidence if w > 0} >= {
        ("Birzeit", "PS"),
        ("Beit Sahour", "PS"),
        ("Sinjil", "PS"),
    }


def test_west_bank_names_that_are_words_or_other_places_stay_out(tagger: GeoTagger) -> None:
    # A garment, a beer and a Kenyan constituency: none is listed as a Palestinian place.
    regions, evidence = read(
        tagger,
        "Designers show a modern burqa",
        "The Burqa collection and a Taybeh beer stall drew crowds at the fair, organisers said.",
    )
    assert regions == []
    assert not [c for _t, _r, c, _w in evidence if c == "PS"]


def test_indias_union_ministries_locate_a_placeless_story(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *UNION_MINISTRY)
    assert regions == ["asia-pacific"]
    assert ("Union textiles ministry", "leader", "IN") in {(t, r, c) for t, r, c, _w in evidence}
    regions, evidence = read(
        tagger,
        "Jute mills wait for packaging order",
        "Mill owners said the Union Textiles Ministry had yet to decide on the order. The Union"
        " Finance Minister is expected to announce support next month.",
    )
    assert regions == ["asia-pacific"]
    assert ("Union Textiles Ministry", "leader", "IN") in {(t, r, c) for t, r, c, _w in evidence}


def test_a_trade_unions_officers_in_title_case_stay_placeless(tagger: GeoTagger) -> None:
    for headline in (
        "Union Minister Says Strike Will Go On",
        "Union Cabinet Votes To Strike",
        "Union Budget Cuts Hit Members",
        "Union Government Of The Civil War Era Revisited",
    ):
        regions, _ = read(tagger, headline, "The union said its members would meet on Monday.")
        assert regions == [], headline


def test_a_company_named_like_a_stop_listed_town_is_no_english_word(tagger: GeoTagger) -> None:
    # World business copy an outlet abroad runs: the company's name is not read as the word,
    # so it keeps the outlet's home out as before (Delta Air Lines, Orange the telecoms group).
    for body in (
        "Delta cancelled 300 flights on Monday after a computer outage, the airline said.",
        "Orange reported higher quarterly profit on Tuesday, the telecoms group said.",
        "Metro said it would refit its wholesale stores this year.",
    ):
        result = tagger.tag(linked(("Company news", body), "https://www.example.co.za/biz/x"))
        assert result.regions == [], body
        assert "home-word" not in {e.rule for e in result.evidence}, body
