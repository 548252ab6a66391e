"""Issue #16, session 19 (hgeo25, ``bench/data/geo_real_en_a36.jsonl`` spent): Iranian
cities in the spellings English copy writes (``places.tsv``), and a regional body that is a
real headline's actor ("EU ministers clear ...") making its region a candidate second region.
Every text here is invented, in the layout of the copy it stands for."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import make_item


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    item = make_item(headline, body)
    item.language = "en"
    return tagger.tag(item).regions


def test_an_iranian_city_in_its_press_spelling_outweighs_a_list_of_guests(
    tagger: GeoTagger,
) -> None:
    # A state agency's conference report: the host city in the headline, the guests listed once.
    assert _regions(
        tagger,
        "Handicrafts forum opens in Hamedan with guests from nine countries",
        "A handicrafts forum has opened in Hamedan, in western Iran, with about 30 guests and "
        "Iranian officials.\n\n"
        "The city's governor said he hoped the forum would bring more visitors to Hamedan.\n\n"
        "The guest countries are China, Japan, India, Nepal, Bhutan, Kazakhstan, Kyrgyzstan, "
        "Tajikistan and Uzbekistan.",
    ) == ["middle-east"]


def test_a_lake_and_a_nuclear_site_in_english_spelling_are_iranian(tagger: GeoTagger) -> None:
    assert _regions(
        tagger,
        "Farmers blame dams as Urmia shrinks again",
        "Farmers around Lake Urmia said on Monday the water had fallen to its lowest level in "
        "a decade.",
    ) == ["middle-east"]
    assert _regions(
        tagger,
        "Inspectors due at Natanz next week",
        "Inspectors are due to visit Natanz next week, a spokesman said on Tuesday.",
    ) == ["middle-east"]


def test_a_regional_body_acting_in_the_headline_keeps_its_region(tagger: GeoTagger) -> None:
    # A Brussels trade story: the EU ministers act, the partner countries are the object.
    regions = _regions(
        tagger,
        "EU ministers approve trade pact with Chile and Uruguay",
        "European Union trade ministers meeting in Brussels on Monday approved a trade pact "
        "with Chile and Uruguay. The deal still needs the consent of the European Parliament "
        "and of the parliaments of EU member states.\n\nTalks began in 2019. Paraguay and "
        "Argentina may join later, and Chile already has trade deals with the US, China, Japan "
        "and South Korea.",
    )
    assert regions[0] == "americas" and "europe" in regions


def test_a_headline_body_alone_makes_no_region(tagger: GeoTagger) -> None:
    # The EU in a headline supports only a region the story names: Europe has no place here.
    regions = _regions(
        tagger,
        "EU envoy praises Chile's pension reform",
        "An envoy praised Chile's pension reform on Monday, saying the changes passed by "
        "Chile's Congress in Santiago would protect retirees.",
    )
    assert regions == ["americas"]


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


def test_a_government_named_after_its_head_is_no_town(tagger: GeoTagger) -> None:
    # "Bush" is also a town in Egypt; "the Bush administration" names a US government, and
    # the bare surname later in the story is that person too.
    evidence = _evidence(
        tagger,
        "Allies split over Iraq road map",
        "The statement followed the Bush administration's line on Iraq. Bush left early for "
        "talks in Egypt with regional leaders.",
    )
    assert evidence["Bush"][1] in ("person-name", "person-surname")
    assert all(e[1] != "city+confirmed" for e in evidence.values())
