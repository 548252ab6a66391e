"""Second regions and primary order (issue #16, sixth round): a country that only modifies
another subject ("the US economy", "the US Federal Reserve", "Russia-led producers") is
background, not a second place of the story. Sentences written for these tests.

A regional body acting in the headline ("EU ministers approve ...") makes its region a candidate
second region, never a region alone (session 19, hgeo25); regions of equal weight rank as the
story names them (session 17). A demonym before its state's forces or office-holders in a
headline ("Kenyan police contingent lands in Haiti") is that state acting, weighed like its
country's name there and a candidate second region (session 28, hgeo71, a71-010 and a71-025)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, explain
from streams.core.geo.context import is_state_actor

from .conftest import make_item


def _rules(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], list[tuple[str, str]]]:
    result = tagger.tag(make_item(headline, body))
    return result.regions, [(e.text, e.rule) for e in result.evidence]


def test_country_before_a_backdrop_noun_is_no_second_region(tagger: GeoTagger) -> None:
    body = (
        "Kenya's central bank kept its key rate at 12% in Nairobi on Tuesday. Its governor said "
        "the US economy was slowing and that US tariffs weighed on Kenyan tea exports to Kenya's "
        "main buyers."
    )
    regions, rules = _rules(tagger, "Kenya holds rates", body)
    assert regions == ["africa"]
    assert [r for t, r in rules if t == "US"] == ["backdrop", "backdrop"]
    # The same country as an actor of the story still counts as a place.
    regions, rules = _rules(
        tagger, "Kenya holds rates", body.replace("the US economy was", "the US was")
    )
    assert [r for t, r in rules if t == "US"] == ["country", "backdrop"]


def test_country_naming_its_institution_counts_once(tagger: GeoTagger) -> None:
    body = (
        "Nigeria's naira fell in Lagos on Friday as traders waited for the US Federal Reserve's "
        "decision. Nigerian officials said the decision would set the tone for Nigeria's "
        "bond market."
    )
    item = make_item("Naira falls in Nigeria", body)
    result = tagger.tag(item)
    assert result.regions == ["africa"]
    first = next(e for e in result.evidence if e.text == "US")
    assert first.rule == "institution"
    assert "institution" in explain(item, result)
    # Without the institution's name after it the country is a place mention again.
    _, rules = _rules(tagger, "Naira falls in Nigeria", body.replace("US Federal", "US and the"))
    assert ("US", "country") in rules


def test_leader_or_sponsor_before_led_or_backed_is_no_place(tagger: GeoTagger) -> None:
    body = (
        "Troops of a Nigeria-led regional force patrolled Niamey in Niger on Sunday, a week "
        "after a France-backed mission left Niger."
    )
    regions, rules = _rules(tagger, "Niger patrols resume", body)
    assert regions == ["africa"]
    assert ("France", "origin") in rules
    assert ("Nigeria", "origin") in rules


def test_recent_past_leader_locates_a_story_that_names_no_place(tagger: GeoTagger) -> None:
    body = (
        "Prime Minister Chris Hipkins gave the housing portfolio to a junior minister on Monday. "
        "Hipkins said the change would take effect next week."
    )
    regions, rules = _rules(tagger, "Cabinet changes announced", body)
    assert regions == ["asia-pacific"]
    assert ("Hipkins", "leader") in rules


def test_country_pair_modifying_a_joint_thing_is_no_second_region(tagger: GeoTagger) -> None:
    body = (
        "Japan's coast guard said a Chinese vessel entered waters near the Senkaku islands on "
        "Sunday. Japan lodged a protest with Beijing, and Japan-U.S. naval drills planned for "
        "next week in Japan will go ahead, officials said, after the Japan-U.S. talks."
    )
    regions, rules = _rules(tagger, "Japan protests vessel incursion", body)
    assert regions == ["asia-pacific"]
    assert [r for t, r in rules if t == "U.S"] == ["pair", "pair"]
    # Apart, the same names are two place mentions of the story.
    _, rules = _rules(
        tagger, "Japan protests vessel incursion", body.replace("Japan-U.S.", "Japan and the U.S.")
    )
    assert [r for t, r in rules if t == "U.S"] == ["country", "country"]


def test_modifiers_alone_do_not_locate_a_story(tagger: GeoTagger) -> None:
    # Market instruments only: a backdrop noun ("the U.S. space agency said") locates again
    # since the review of the sixth round ("Iran media reported", test_review_regressions).
    body = (
        "Oil prices settled higher on Friday as U.S. crude stocks fell and the US dollar "
        "eased, traders said, and refiners bought more."
    )
    assert _rules(tagger, "Oil settles higher", body)[0] == []
    located = body.replace("refiners bought", "refiners in Texas bought")
    assert _rules(tagger, "Oil settles higher", located)[0] == ["americas"]


def test_country_after_a_full_name_is_a_nationality(tagger: GeoTagger) -> None:
    body = (
        "The squash open in Toronto ended on Sunday. Carlos Mendes of Portugal beat Tomas Novak "
        "of Poland in the final, and Lena Fischer of Austria took third place in Toronto."
    )
    regions, rules = _rules(tagger, "Toronto squash open ends", body)
    assert regions == ["americas"]
    assert [r for t, r in rules if t in ("Portugal", "Poland", "Austria")] == ["nationality"] * 3
    # After an ordinary noun or a title the country is a place again.
    _, rules = _rules(tagger, "Toronto squash open ends", "Officials of Portugal met in Toronto.")
    assert ("Portugal", "country") in rules
    _, rules = _rules(tagger, "Toronto squash open ends", "President Costa of Portugal spoke.")
    assert ("Portugal", "country") in rules


def test_country_before_people_it_qualifies_is_their_nationality(tagger: GeoTagger) -> None:
    body = (
        "Serbia's president met a US envoy in Belgrade on Tuesday to discuss energy supplies, "
        "and Serbian officials said US officials would return next month."
    )
    regions, rules = _rules(tagger, "Serbia hosts envoy", body)
    assert regions == ["europe"]
    assert [r for t, r in rules if t == "US"] == ["attributive", "attributive"]
    # The same country as a place of the story.
    _, rules = _rules(
        tagger, "Serbia hosts envoy", body.replace("a US envoy", "an envoy in the US")
    )
    assert [r for t, r in rules if t == "US"] == ["country", "attributive"]


def test_lead_opens_with_the_subject_when_the_headline_names_no_place(tagger: GeoTagger) -> None:
    body = (
        "Japanese carmaker Hoshida cut its yearly outlook on Tuesday after weak sales abroad.\n\n"
        "Its new model will sell for $30,000 in Canada, where a Chinese rival priced lower, "
        "and in Toronto dealers said demand was soft."
    )
    result = tagger.tag(make_item("Carmaker cuts outlook", body))
    first = result.evidence[0]
    assert (first.text, first.rule, first.weight) == ("Japanese", "demonym+subject", 1.8)
    assert result.regions[0] == "asia-pacific"
    # A headline that names a place keeps the subject there.
    result = tagger.tag(make_item("Carmaker cuts outlook in Canada", body))
    assert [e.rule for e in result.evidence if e.text == "Japanese"] == ["demonym"]


def test_possessive_in_a_time_clause_is_background(tagger: GeoTagger) -> None:
    body = (
        "Egypt's wheat imports rose in Cairo's port last month. Prices have doubled since "
        "Argentina's harvest failed, and after Brazil's drought, traders in Egypt said."
    )
    _, rules = _rules(tagger, "Egypt wheat imports rise", body)
    assert ("Argentina", "background") in rules
    assert ("Brazil", "background") in rules
    # The same possessive outside a time clause is a place mention.
    _, rules = _rules(
        tagger, "Egypt wheat imports rise", body.replace("since Argentina", "as Argentina")
    )
    assert ("Argentina", "country") in rules


def test_institutions_of_one_country_are_one_place_mention(tagger: GeoTagger) -> None:
    body = (
        "Ghana's cedi firmed on Thursday after the Federal Reserve signalled a pause in its "
        "hikes.\n\nDealers expect the Fed to hold until spring."
    )
    assert _rules(tagger, "Cedi firms", body)[0] == ["africa"]
    # Named as a place as well, the country is a second region.
    named = body.replace("Dealers expect", "Dealers in the US expect")
    assert _rules(tagger, "Cedi firms", named)[0] == ["africa", "americas"]


@pytest.mark.parametrize(
    ("body", "regions"),
    [
        (
            "Villagers drew water from the new well on Tuesday. The director of Clearwater "
            "Kenya handed it to the village committee and thanked Clearwater UK, whose "
            "Christmas appeal paid for it.",
            ["africa", "europe"],
        ),
        (
            "Clearwater UK's Christmas appeal paid for the well, and the director of "
            "Clearwater Kenya handed it to the village committee on Tuesday.",
            ["europe", "africa"],
        ),
    ],
)
def test_regions_of_equal_weight_rank_as_the_story_names_them(
    tagger: GeoTagger, body: str, regions: list[str]
) -> None:
    result = tagger.tag(make_item("Charity hands over new well", body))
    assert result.regions[:1] == regions[:1]
    weights = {e.country: e.weight for e in result.evidence if e.weight}
    assert weights["KE"] == weights["GB"]  # a tie: only the order of mention decides


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    item = make_item(headline, body)
    item.language = "en"
    return tagger.tag(item).regions


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


@pytest.mark.parametrize(
    ("text", "demonym", "expected"),
    [
        ("Bangladeshi police unit lands in Haiti", "Bangladeshi", True),
        ("Indonesian Foreign Minister meets freed crew", "Indonesian", True),
        ("Egyptian military court upholds sentences", "Egyptian", True),
        ("Chadian troops cross into Niger", "Chadian", True),
        # Nationals a demonym only describes, and a longer word, are no state acting.
        ("Indonesian sailors freed by Houthis", "Indonesian", False),
        ("Greek tanker seized off Yemen", "Greek", False),
        ("Kenyan policeman wins marathon", "Kenyan", False),
        # A judge sits on international courts and inquiries as a person (review hrev28b).
        ("Australian judge to head UN inquiry in Geneva", "Australian", False),
    ],
)
def test_a_demonym_before_forces_or_office_holders_is_the_state_acting(
    text: str, demonym: str, expected: bool
) -> None:
    assert is_state_actor(text, text.index(demonym) + len(demonym)) is expected


def test_a_foreign_force_in_the_headline_makes_a_second_region(tagger: GeoTagger) -> None:
    # A deployment abroad: where the force works leads, the sending state is the second party,
    # named only by its demonym.
    regions, rules = _rules(
        tagger,
        "Bangladeshi police unit lands in Haiti to join gang mission",
        "A unit of 180 Bangladeshi police officers arrived in Port-au-Prince on Sunday to join "
        "the multinational mission against Haiti's gangs, Haiti's national police said.\n\n"
        "The officers will guard the airport and the port of Haiti's capital, where gangs have "
        "fired on aircraft and blocked fuel deliveries for weeks.",
    )
    assert regions == ["americas", "asia-pacific"]
    assert ("Bangladeshi", "state-actor") in rules


def test_a_visiting_minister_in_the_headline_makes_a_second_region(tagger: GeoTagger) -> None:
    regions, _ = _rules(
        tagger,
        "Indonesian foreign minister meets sailors freed in Yemen",
        "Indonesian Foreign Minister Sugiono met 12 sailors in Muscat on Monday, a day after "
        "Yemen's Houthis freed the crew of a seized tanker following talks mediated by Oman.\n\n"
        "Oman's foreign ministry said the sailors, held in Yemen for eight months, would fly "
        "home from Muscat on Wednesday.",
    )
    assert regions[0] == "middle-east" and "asia-pacific" in regions


def test_nationals_a_demonym_describes_make_no_second_region(tagger: GeoTagger) -> None:
    # The same story told through the freed sailors: their nationality, no state acting.
    regions, rules = _rules(
        tagger,
        "Indonesian sailors freed in Yemen reach Muscat",
        "Twelve Indonesian sailors reached Muscat on Monday, a day after Yemen's Houthis freed "
        "the crew of a seized tanker following talks mediated by Oman.\n\n"
        "Oman's foreign ministry said the sailors, held in Yemen for eight months, would fly "
        "home from Muscat on Wednesday.",
    )
    assert regions == ["middle-east"]
    assert ("Indonesian", "state-actor") not in rules


_STRIKES = (
    "Iran's Revolutionary Guards fired missiles at two bases of a militant group in Pakistan's "
    "Balochistan province on Tuesday, Iranian state media said. Iran said the group had attacked "
    "Iranian border guards near Zahedan. Tehran said the strikes hit only the militants, and "
    "Iran's foreign ministry said Iran respected its neighbours."
)
_VISIT = (
    "Chinese Premier Li Qiang arrived in Nairobi on Monday to sign loans for a rail line. China's "
    "Exim Bank will lend the money, China's commerce ministry said in Beijing, and China will "
    "send engineers. Kenya's president met him at the airport."
)
_RAIDS = (
    "The U.S. military struck weapons depots of Iran-backed militias in Syria on Friday, U.S. "
    "officials said. The U.S. Central Command said the strikes near Deir el-Zour followed drone "
    "attacks on U.S. troops. The Pentagon said more U.S. strikes were possible."
)


def test_a_headline_place_after_inside_is_where_a_strike_lands(tagger: GeoTagger) -> None:
    regions, rules = _rules(
        tagger, "Iran fires missiles at militant bases inside Pakistan", _STRIKES
    )
    assert regions == ["asia-pacific", "middle-east"]
    assert ("Pakistan", "country+subject+where") in rules
    # Named in another clause the place is no locative: the striker leads, as before.
    regions, rules = _rules(
        tagger, "Iran fires missiles at militant bases, Pakistan says", _STRIKES
    )
    assert regions == ["middle-east", "asia-pacific"]
    assert ("Iran", "country+subject") in rules


def test_a_visits_host_after_in_leads_the_visitors_home(tagger: GeoTagger) -> None:
    regions, rules = _rules(tagger, "China's premier lands in Nairobi to sign rail loans", _VISIT)
    assert regions == ["africa", "asia-pacific"]
    assert ("Nairobi", "city+subject+where") in rules
    regions, _ = _rules(tagger, "China's premier signs rail loans with Kenya", _VISIT)
    assert regions == ["asia-pacific", "africa"]
    # Talks are placed by their parties: their venue takes no lead.
    regions, rules = _rules(
        tagger, "China's premier arrives in Nairobi for talks on rail loans", _VISIT
    )
    assert regions == ["asia-pacific", "africa"]
    assert ("Nairobi", "city") in rules


_BAN = (
    "Kenya's trade ministry said on Tuesday it would bar cheap imports from China to protect "
    "local makers. Kenyan traders in Nairobi and Mombasa said the ban would raise prices, and "
    "Kenya's manufacturers welcomed it."
)


def test_a_place_of_origin_after_made_in_is_no_event_place(tagger: GeoTagger) -> None:
    # "Made in China" labels goods by their origin: the ban happens in Kenya, which leads.
    regions, rules = _rules(tagger, "Kenya bans Made in China goods", _BAN)
    assert regions == ["africa", "asia-pacific"]
    assert ("Kenya", "country+subject") in rules
    assert not any(rule.endswith("+where") for _, rule in rules)


def test_the_event_place_leads_before_the_actors_capital_dateline(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item("US jets strike militia depots across Syria", _RAIDS, "WASHINGTON")
    )
    assert result.regions == ["middle-east", "americas"]
    # A name before a possessive is no locative ("in China's embassy" places no event): the
    # actor and its dateline keep the lead.
    result = tagger.tag(
        make_item("US jets strike militia depots in Syria's east", _RAIDS, "WASHINGTON")
    )
    assert result.regions == ["americas", "middle-east"]


_SPILLS = (
    "Judges in The Hague ordered Shell's Nigerian unit to pay damages to farmers in Nigeria's "
    "Niger Delta on Friday. The farmers said oil spills near Oruma in Nigeria had ruined their "
    "land. Nigeria's government welcomed the ruling, and Nigerian activists said more cases "
    "would follow from Bayelsa and Rivers states in Nigeria."
)


@pytest.mark.parametrize(
    "headline",
    [
        "Dutch court orders Shell to compensate Nigerian farmers",
        "Netherlands appeals court orders Shell to compensate Nigerian farmers",
    ],
)
def test_a_headline_courts_country_leads_the_cases_other_country(
    tagger: GeoTagger, headline: str
) -> None:
    regions, _ = _rules(tagger, headline, _SPILLS)
    assert regions == ["europe", "africa"]


def test_a_court_named_with_a_curly_apostrophe_leads_too(tagger: GeoTagger) -> None:
    regions, _ = _rules(tagger, "Dutch court\u2019s ruling orders Shell to pay Nigerians", _SPILLS)
    assert regions == ["europe", "africa"]


_LOANS = (
    "The government of Kenya said on Tuesday that officials from China and Kenya met in Nairobi "
    "to discuss the loans further. Kenyan ministers said Kenya would repay on time, and traders "
    "in Mombasa, Kenya welcomed the news."
)


def test_courts_the_verb_after_a_place_names_no_court(tagger: GeoTagger) -> None:
    # "China courts Kenya": China woos Kenya, the story's place; no Chinese court sits.
    courted, _ = _rules(tagger, "China courts Kenya with cheap loans", _LOANS)
    wooed, _ = _rules(tagger, "China woos Kenya with cheap loans", _LOANS)
    assert courted == wooed == ["africa", "asia-pacific"]


def test_without_the_court_the_case_is_the_other_countrys(tagger: GeoTagger) -> None:
    regions, _ = _rules(tagger, "Shell ordered to compensate Nigerian farmers over spills", _SPILLS)
    assert regions == ["africa"]


_TEA = (
    "Kenya's tea exports rose 12% last year, the Tea Board of Kenya said in Nairobi on Monday. "
    "Auctions in Mombasa drew more bids as buyers from the United States paid higher prices, "
    "and growers in Kericho said the rains had helped. Kenya's farmers expect a good harvest."
)


@pytest.mark.parametrize(
    "headline",
    [
        "Big US buyers circle Kenyan tea auctions",
        "Tea sales to America push Kenya's exports to a record",
        "Weak Chinese and US demand slows Kenya's tea auctions",
        "America's appetite lifts Kenya's tea exports to a record",
    ],
)
def test_a_headline_market_or_buyer_is_no_second_region(tagger: GeoTagger, headline: str) -> None:
    # A foreign market, buyer or donor the headline names (session 29, hgeo77, probe a74):
    # half weight and no place mention, so the body's one passing mention adds no region.
    regions, rules = _rules(tagger, headline, _TEA)
    assert regions == ["africa"]
    assert next(r for t, r in rules if t in ("US", "America", "Chinese")) == "market"


def test_a_headline_country_acting_keeps_its_region(tagger: GeoTagger) -> None:
    regions, rules = _rules(tagger, "US firm buys Kenyan tea auctions", _TEA)
    assert [r for t, r in rules if t == "US"] == ["country+subject"]
    assert "americas" in regions


_MEASURES = (
    "The U.S. government on Monday announced new measures, the White House said. The Treasury "
    "Department said Iran's central bank and Ukraine's defence buyers were covered, and U.S. "
    "officials in Washington said more U.S. steps were possible. The Pentagon and the State "
    "Department will report to Congress."
)


@pytest.mark.parametrize(
    ("headline", "place", "region"),
    [
        ("Pentagon unveils $600 million in weapons funding for Ukraine", "Ukraine", "europe"),
        ("US slaps fresh sanctions on Iran's central bank", "Iran", "middle-east"),
        ("Washington hits Iran's central bank with sanctions", "Iran", "middle-east"),
        ("Obama order takes aim at Iran's rial", "Iran", "middle-east"),
        ("White House sends more military aid to Ukraine", "Ukraine", "europe"),
    ],
)
def test_a_measures_target_leads_before_the_actors_capital_dateline(
    tagger: GeoTagger, headline: str, place: str, region: str
) -> None:
    # Sanctions, tariffs, aid and weapons land on their target as a strike does (session 30,
    # hgeo78, probe a78: 003, 009, 022): the target leads the actor and its WASHINGTON dateline.
    result = tagger.tag(make_item(headline, _MEASURES, "WASHINGTON"))
    assert result.regions == [region, "americas"]
    assert (place, "country+subject+where") in [(e.text, e.rule) for e in result.evidence]


@pytest.mark.parametrize(
    "headline",
    [
        # No measure: the Senate's own act keeps its country first (a72-029's label).
        "US Senate passes bill urging tougher response to Iran",
        # The measure in another clause, or a place after a preposition: no target.
        "US weighs new sanctions, Iran says",
        "US sanctions firms trading with Iran",
    ],
)
def test_without_a_measures_target_the_actors_dateline_leads(
    tagger: GeoTagger, headline: str
) -> None:
    result = tagger.tag(make_item(headline, _MEASURES, "WASHINGTON"))
    assert result.regions[0] == "americas"
    assert not any(e.rule.endswith("+where") for e in result.evidence)
