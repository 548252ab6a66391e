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


def _rules(tagger: GeoTagger, headline: str, body: str) -> dict[str, str]:
    return {e.text: e.rule for e in tagger.tag(_item(headline, body)).evidence}


#: Invented results copy: the venue's country, the winners' country, and three medallists
#: named by a possessive nationality.
RESULTS = (
    "Japan top the medal table as world karate championships close in Denver",
    "DENVER, Colorado, May 4 -- The world karate championships closed on Sunday in Denver, "
    "with Japan top of the medal table on nine golds.\n\n"
    "Japan won both team events, and South Korea and Kazakhstan took two golds each.\n\n"
    "Germany's Lena Hoffmann, silver medallist in the women's 61kg, said a bad knee had slowed "
    "her. Spain's Carlos Ruiz, who won bronze, said the hall in Denver had been loud all week, "
    "and Germany's Tim Weber thanked his coach.",
)


def test_a_possessive_before_a_competitors_name_is_her_nationality(tagger: GeoTagger) -> None:
    rules = _rules(tagger, *RESULTS)
    assert rules["Spain"] == "nationality"
    # Three nationalities make no second region, as "Lena Hoffmann of Germany" would not.
    assert tagger.tag(_item(*RESULTS)).regions == ["americas", "asia-pacific"]


def test_outside_sports_copy_a_possessive_before_a_name_stays_the_country(
    tagger: GeoTagger,
) -> None:
    rules = _rules(
        tagger,
        "Talks on grain corridor resume in Istanbul",
        "Negotiators met in Istanbul on Monday. Ukraine's Andriy Sybiha said the corridor had "
        "to stay open, and Turkey's Hakan Fidan said talks would go on.",
    )
    assert rules["Ukraine"] == "country"


def test_a_possessive_before_a_title_or_a_place_is_no_nationality(tagger: GeoTagger) -> None:
    rules = _rules(
        tagger,
        "Hosts win the relay at the world athletics championships",
        "The hosts took gold in the relay, and the silver medallists were led home by "
        "Britain's Prince William, who presented the medals. Kenya's Nairobi Marathon winner "
        "was third.",
    )
    assert rules["Britain"].startswith("country")
    assert rules["Kenya"] == "country"


def test_a_medal_table_makes_a_sports_story() -> None:
    from streams.core.geo import context

    assert context.is_sport("China tops medal table in Fort Worth", "")
    assert context.is_sport("", "The silver medallist said she was proud.")
    assert not context.is_sport("Veteran receives gold medal for bravery", "")


#: Invented copy of a labour-source country's press: its own country named once, the
#: destination written with its abbreviation defined in brackets.
RECRUITERS = (
    "Recruiters cleared to send cleaners to the Gulf again",
    "The labour ministry has lifted its ban on recruiting cleaners for Gulf states, a month "
    "after it was imposed.\n\n"
    "About 40 agencies may resume work, the permanent secretary said. Housemaids stay barred "
    "until the United Arab Emirates (UAE) agrees a new contract for workers from Kenya, he "
    "said; Kenyan maids have complained of abuse for years.",
)


def test_a_names_own_abbreviation_in_brackets_is_counted_once(tagger: GeoTagger) -> None:
    result = tagger.tag(_item(*RECRUITERS))
    uae = [(e.rule, e.weight) for e in result.evidence if e.text == "UAE"]
    assert uae == [("abbreviation", 0.0)]
    # Kenya, named once with its nationals, is the country the story is most about.
    assert result.regions == ["middle-east", "africa"]


def test_a_qualifier_in_brackets_is_no_abbreviation(tagger: GeoTagger) -> None:
    rules = _rules(
        tagger,
        "Heatwave closes schools",
        "Schools in Dubai (UAE) closed early on Monday, and Villena (Alicante) shut its pools.",
    )
    assert rules["UAE"] == "country"
    assert rules["Alicante"] != "abbreviation"


def test_front_line_and_disaster_towns_in_english_spelling(tagger: GeoTagger) -> None:
    # Conflict and aid copy names the town alone, in the spelling the English press uses.
    assert _regions(
        tagger,
        "Aid convoy reaches El Geneina after weeks of fighting",
        "Trucks carrying food and medicine arrived on Thursday, an aid group said.",
    ) == ["africa"]
    assert _regions(
        tagger,
        "Shelling cuts power in Chasiv Yar and Kostiantynivka",
        "Local officials said repair crews could not reach the substations.",
    ) == ["europe"]
    assert _regions(
        tagger,
        "Derna buries its dead as flood toll rises",
        "Rescue teams pulled more bodies from the mud on Wednesday.",
    ) == ["africa"]


def test_a_possessive_before_an_event_or_venue_stays_the_host(tagger: GeoTagger) -> None:
    rules = _rules(
        tagger,
        "Verstappen fastest in practice",
        "The Dutchman topped the timesheets in the first session of the weekend, and the "
        "tournament organisers said Japan's Grand Prix would start on time. Bahrain's Sakhir "
        "Circuit hosts the next race.",
    )
    assert rules["Japan"].startswith("country")
    assert rules["Bahrain"].startswith("country")
