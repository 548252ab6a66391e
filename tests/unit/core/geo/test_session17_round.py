"""Session 17 (issue #16, a28 spent): a pound amount locates a story nothing else does, and
"House of Representatives", the lower house of many parliaments (Egypt, Nigeria, Japan, the
Philippines, Australia, New Zealand ...), counts for the US only beside American cues."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context

from .conftest import evidence_by_text, make_item, tag_language


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("raised £12,400 for the ward", ["£"]),
        ("a £3.5m extension", ["£"]),
        # Another sign that ends in a pound sign: Egypt's and Lebanon's pounds.
        ("tickets at E£250 and L£9,000", []),
        ("the £ fell", []),
    ],
)
def test_the_pound_sign_before_an_amount(text: str, signs: list[str]) -> None:
    assert [sign for _, _, sign, _ in context.money_signs(text)] == signs


def test_a_pound_amount_alone_locates_a_placeless_story(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Fun run in the park raises £41,000 for hospice",
            "About 300 runners in fancy dress lapped Hollowmere Park on Sunday for the "
            "hospice's first night run. Organiser Jo Pennick said entrants had raised £41,000 "
            "so far.",
        )
    )
    assert result.regions == ["europe"]
    # One vote per country: the second amount is "money-extra", weightless.
    assert [(e.country, e.rule) for e in result.evidence if e.text == "£" and e.weight] == [
        ("GB", "money")
    ]


def test_a_pound_amount_never_outweighs_a_named_place(tagger: GeoTagger) -> None:
    # The money pass runs only for a story nothing else locates: a British outlet's price of a
    # story abroad leaves it where it is.
    result = tagger.tag(
        make_item(
            "Cruise passengers stranded in Lisbon",
            "Passengers who paid up to £4,000 for the cruise were stranded in Lisbon on "
            "Tuesday when the ship's engine failed, Portugal's port authority said.",
        )
    )
    assert result.regions == ["europe"]
    assert [f.country for f in result.focus][:1] == ["PT"]
    assert "£" not in {e.text for e in result.evidence}


def test_house_of_representatives_alone_is_no_american_evidence(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(
        tagger,
        "Bail is no right to be assumed, minister tells lawmakers",
        "The minister for legal affairs told a plenary session of the House of "
        "Representatives that the draft code sets clear grounds for holding a suspect.",
    )
    assert regions == []
    assert evidence["House of Representatives"][2] == 0.0


def test_house_of_representatives_counts_beside_american_cues(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(
        tagger,
        "Spending bill clears the House",
        "The House of Representatives passed the bill 218-214, with Republicans split and "
        "Democrats voting against it as a bloc.",
    )
    assert regions == ["americas"]
    assert evidence["House of Representatives"][0] == "US"
    assert evidence["House of Representatives"][2] > 0


@pytest.mark.parametrize(
    ("headline", "body", "region", "country"),
    [
        (
            "Lawmakers threaten to impeach minister over unpaid salaries",
            "Members of parliament said they would impeach finance minister Salvatore Garang "
            "Mabiordit if civil servants' arrears were not cleared by the second reading.",
            "africa",
            "SS",
        ),
        (
            "Minister defends the draft code before deputies",
            "Counsel Mahmoud Fawzi, the minister for parliamentary affairs, told deputies the "
            "draft code sets out when a suspect may be held.",
            "africa",
            "EG",
        ),
    ],
)
def test_a_named_minister_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, region: str, country: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert result.regions[:1] == [region]
    assert [f.country for f in result.focus][:1] == [country]
    assert {e.rule for e in result.evidence if e.country == country} == {"leader"}


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


@pytest.mark.parametrize(
    "headline",
    [
        "Forty guests share the chapel's Big Wedding",
        "A Torrent of Abuse Online",
        "Simmering Tensions at Council",
        "Oral History Project Launched",
        "Worms Found in Salad",
    ],
)
def test_a_town_abroad_named_like_an_english_word_needs_its_country(
    tagger: GeoTagger, headline: str
) -> None:
    regions, _ = tag_language(tagger, headline, "Residents said so on Monday.", "en")
    assert regions == []


def test_such_a_town_counts_beside_its_country(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Police raid flat in Wedding",
        "Officers searched a flat in the Berlin district on Monday.",
        "en",
        weighted=True,
    )
    assert regions == ["europe"]
    assert evidence["Wedding"][0] == "DE"


def test_home_copy_keeps_such_a_town(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Polizei durchsucht Wohnung in Wedding",
        "Beamte haben am Montag eine Wohnung durchsucht.",
        "de",
        weighted=True,
    )
    assert regions == ["europe"]
    assert evidence["Wedding"][0] == "DE"
