"""A story that names no place, placed by the outlet at its web address (issue #16, session
17, rule ``outlet-url``): ``web_domains.tsv``, then the country-code domain, then a country's
name or nationality in the outlet's label, then a US call sign. English copy only, and only
for a story nothing else locates.

More outlets by their address: a national capital's English-language outlet
("budapesttimes.com"), home outlets on generic domains (Somalia's, Guyana's); India's market
papers stay homeless; a stop-listed English word keeps no outlet out, a town where a place
stands does (sessions 21 and 22, hgeo30 to hgeo37)."""

from __future__ import annotations

import json

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.geo import GeoTagger
from streams.core.geo.outlet import OutletWords, host_of, outlet_home
from streams.core.model import H_SOURCE, RawMessage
from streams.settings import Settings

from .conftest import english_item as _item
from .conftest import linked, make_item, read
from .test_outlet_home import PLACED, PLACELESS

KNOWN = frozenset(
    {"NG", "ZA", "GB", "US", "PA", "IE", "IL", "OM", "GE", "IN", "CO", "NZ", "GH", "ZW"}
)
WORDS = OutletWords(
    names=(
        ("indiana", "US"),
        ("georgia", "US"),
        ("panama", "PA"),
        ("india", "IN"),
        ("ghana", "GH"),
        ("oman", "OM"),
        ("zimbabwe", "ZW"),
        ("nigeria", "NG"),
        ("jordan", "JO"),
        ("niger", "NE"),
        ("mali", "ML"),
        ("chad", "TD"),
    ),
    nationalities=(("irish", "IE"),),
)
DOMAINS = {"co": "-", "uk": "GB", "bbc.co.uk": "-", "haaretz.com": "IL", "com.co": "CO"}


@pytest.mark.parametrize(
    ("link", "home"),
    [
        ("https://www.haaretz.com/israel-news/2026-01-01/ty-article/x", "IL"),
        ("https://punchng.ng/story", "NG"),
        ("https://www.dispatch.co.za/news/x", "ZA"),
        ("https://www.example.co.uk/news", "GB"),
        ("https://newsroompanama.com/news/x", "PA"),
        # a name of five letters or more may close the label (session 18)
        ("https://www.netballghana.com/2026/05/x", "GH"),
        ("https://www.omanobserver.om.example.com/x", None),  # the label is "example"
        ("https://omanobserver.com/x", "OM"),
        ("https://www.irishtimes.com/news/x", "IE"),
        ("https://georgiarecorder.com/2026/x", "US"),
        ("https://indianagazette.com/x", "US"),
        ("https://www.wlbt.com/2026/x", "US"),
        ("https://www.kare11.com/article/x", "US"),
        ("https://eltiempo.com.co/x", "CO"),
        # a hyphen-separated part is a word of its own, however short (session 19)
        ("https://bequal-oman.org/x", "OM"),
        ("https://oman-daily.example.org/x", None),  # the label is "example"
        # session 24 (hgeo57, a57-015): a country named in the outlet's own label is its home
        # before the country-code domain it registered under: a diaspora outlet's ".co.uk"
        ("https://www.newsdzezimbabwe.co.uk/2023/02/x", "ZW"),
        ("https://www.zimbabwe-news.co.za/x", "ZW"),
        ("https://www.ghana.example.co.uk/x", "GB"),  # the label is "example"
        # review hrev24c: over a country's domain a short name opening the label is a word's
        # start ("Niger Delta" is Nigeria's, "Malibu", "Chadwell"), not the outlet's country
        ("https://www.nigerdeltapost.com.ng/x", "NG"),
        ("https://www.malibutimes.co.uk/x", "GB"),
        ("https://www.chadwellgazette.co.uk/x", "GB"),
        ("https://www.jordanstownnews.co.uk/x", "GB"),
    ],
)
def test_the_outlet_home_by_its_address(link: str, home: str | None) -> None:
    found = outlet_home(link, DOMAINS, WORDS, KNOWN)
    assert (found[0] if found else None) == home


@pytest.mark.parametrize(
    "link",
    [
        "https://www.bbc.co.uk/news/x",  # world reach: no home, though .uk
        "https://startup.co/x",  # a country code sold as a brand
        "https://www.womansday.com/x",  # "oman" inside a word is no country
        "https://www.superwoman.com/x",  # nor closing one: four letters end English words
        "https://www.super-woman.com/x",  # a part that holds the name is no name
        "https://www.wired.com/x",  # five letters: no call sign
        "https://example.com/x",
        "not a url",
        "https://[::1/x",
    ],
)
def test_addresses_that_name_no_home(link: str) -> None:
    assert outlet_home(link, DOMAINS, WORDS, KNOWN) is None


def test_service_labels_are_not_the_outlet() -> None:
    assert host_of("https://www3.cnc3.co.tt/x") == "cnc3.co.tt"
    assert host_of("https://m.example.com") == "example.com"


def test_the_link_locates_a_placeless_english_story(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(PLACELESS, "https://www.punchng.com/nurses-strike/"))
    assert result.regions == ["africa"]
    assert [(e.rule, e.field, e.country) for e in result.evidence][-1:] == [
        ("outlet-url", "link", "NG")
    ]


def test_the_link_never_moves_a_located_story(tagger: GeoTagger) -> None:
    assert tagger.tag(linked(PLACED, "https://www.haaretz.com/x")).regions == ["africa"]


def test_the_link_is_not_read_in_other_languages(tagger: GeoTagger) -> None:
    # On the multilingual dev files it cost more placeless stories than it located; since
    # session 22 only home news of an outlet whose home speaks the language reads it
    # (test_home_topics.py), and Nigeria's is no German-speaking home.
    assert tagger.tag(linked(PLACELESS, "https://www.punchng.com/x", "de")).regions == []


def test_a_world_outlet_gives_no_home(tagger: GeoTagger) -> None:
    assert tagger.tag(linked(PLACELESS, "https://www.bbc.co.uk/news/x")).regions == []


def test_a_json_items_url_reaches_geo_through_the_pipeline() -> None:
    """What ``wire inspect`` does with a JSON line that carries its page's url."""
    pipeline = build_pipeline(Settings.from_env(), MemoryStore())
    row = {"id": "n1", "headline": PLACELESS[0], "body": PLACELESS[1]}
    row["source_url"] = "https://www.vanguardngr.com/2026/01/nurses/"
    raw = RawMessage(json.dumps(row).encode(), {H_SOURCE: b"test"}, "wire.raw", 0, 1, 0)
    (item,) = pipeline.prepare(raw)
    assert item.ext.link == row["source_url"]
    assert list(item.ext.regions) == ["africa"]


#: Invented club copy that names no place: its only gazetteer names are people's ("Paris
#: Owusu", "Florence Boateng"), read as persons (session 18).
PEOPLE_ONLY = (
    "Newcomers take the netball league title at the first attempt",
    "Rising Stars won the league in their first season, beating the holders 41-30 in the last "
    "game of the year.\n\nTheir captain, Paris Owusu, was named the season's best player, and "
    "coach Florence Boateng said the squad would now aim to defend the title.",
)


def test_names_read_as_people_do_not_keep_the_link_out(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(PEOPLE_ONLY, "https://www.netballghana.com/2026/x"))
    assert result.regions == ["africa"]
    assert {(e.text, e.rule) for e in result.evidence} >= {
        ("Paris", "name-part"),
        ("Florence", "person-name"),
        ("netballghana.com", "outlet-url"),
    }


def test_a_weightless_place_reading_still_keeps_the_link_out(tagger: GeoTagger) -> None:
    # "Hollywood" waits for other US evidence (weight 0) but is a place, not a person: the
    # address stays out, as for an actor's interview on a British site.
    story = (PEOPLE_ONLY[0], PEOPLE_ONLY[1] + "\n\nThe final had a Hollywood ending.")
    result = tagger.tag(linked(story, "https://www.netballghana.com/2026/x"))
    assert result.regions == []
    assert ("Hollywood", "unconfirmed") in {(e.text, e.rule) for e in result.evidence}


def test_a_capitals_english_outlet(tagger: GeoTagger) -> None:
    towns = tagger._gaz.outlet_words.towns
    assert towns["prague"] == "CZ"
    assert towns["budapest"] == "HU"
    # a namesake where English is at home could own the masthead: Paris, Texas; Rome, New York
    assert "paris" not in towns
    assert "rome" not in towns
    result = tagger.tag(linked(PLACELESS, "https://www.budapesttimes.com/news/strike"))
    assert result.regions == ["europe"]
    assert (result.evidence[-1].rule, result.evidence[-1].country) == ("outlet-url", "HU")


def test_a_capital_needs_its_masthead_word(tagger: GeoTagger) -> None:
    known = frozenset({"CZ", "HU"})
    words = tagger._gaz.outlet_words
    assert outlet_home("https://praguemonitor.com/x", {}, words, known) == (
        "CZ",
        "praguemonitor.com",
    )
    assert outlet_home("https://pragueshop.com/x", {}, words, known) is None


def test_an_expat_outlet_on_a_generic_domain(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(PLACELESS, "https://www.surinenglish.com/local/strike"))
    assert result.regions == ["europe"]


#: A local story that names no place: commuters, the heat, the transport officials.
LOCAL = (
    "Commuters ask again for covered bus stops as the heat returns",
    "Passengers waiting in the sun at the busiest stops have asked the transport authority for "
    "shade, residents said.\n\nOfficials said road works had held the plans up.",
)


@pytest.mark.parametrize(
    ("link", "regions"),
    [
        ("https://www.gulf-times.com/story/1234/bus-shelters", ["middle-east"]),
        ("https://upnorthlive.com/news/local/bus-stops", ["americas"]),
        ("https://dailytrust.com/commuters-want-shade/", ["africa"]),
        ("https://www.myjoyonline.com/commuters-want-shade/", ["africa"]),
        ("https://www.deccanherald.com/city/bus-stops-shade", ["asia-pacific"]),
        # A national portal whose placeless copy is world showbiz and markets: no home.
        ("https://www.geo.tv/latest/12345-bus-stops", []),
        ("https://www.livemint.com/news/bus-stops-11637298035773.html", []),
    ],
)
def test_home_outlets_on_generic_domains(tagger: GeoTagger, link: str, regions: list[str]) -> None:
    assert tagger.tag(linked(LOCAL, link)).regions == regions


def test_home_outlets_by_address(tagger: GeoTagger) -> None:
    item = make_item("Quorum fails again", "Members did not turn up for the sitting on Monday.")
    item.language = "en"
    for link, region in (
        ("https://www.eyeradio.org/x", "africa"),
        ("https://www.informationng.com/2020/03/x.html", "africa"),
        ("https://parrotreporters.com/x", "africa"),
    ):
        item.ext.link = link
        assert tagger.tag(item).regions == [region], link


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
