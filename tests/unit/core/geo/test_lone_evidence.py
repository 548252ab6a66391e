"""Stories that name no place (issue #16, a15/a16 rounds): weak evidence of one country with
nothing competing locates the story (``scoring.LONE_ACTOR_MIN``); national titles
(``titles.tsv``) and a country's own bodies named without the country (``metonyms.tsv``) are
such evidence; none of them adds a second region to a story about somewhere else.

India's "Director General of Police" title locates a state story but never outweighs a named
town (a17 round, session 13); a Gulf ruling family's name locates a story naming nothing else,
while "Sabah" alone stays the Malaysian state (a12 round)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context, scoring

from .conftest import evidence_of, make_item, read


def _tag(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], dict[str, str]]:
    result = tagger.tag(make_item(headline, body))
    return result.regions, {e.text: e.rule for e in result.evidence if e.weight}


def test_lone_leader_in_the_body_locates_the_story(tagger: GeoTagger) -> None:
    # One body mention of a ruling family's name: 1.0 x 0.6, below MIN_REGION_SCORE.
    regions, rules = _tag(
        tagger,
        "Minister orders inquiry into delayed projects",
        "A committee will look into the stalled projects, the minister said.\n\n"
        "The delays go against orders from Prime Minister Sheikh Fahad Al-Sabah, he added.",
    )
    assert rules == {"Al-Sabah": "leader"}
    assert scoring.LONE_ACTOR_MIN < scoring.MIN_REGION_SCORE
    assert regions == ["middle-east"]


def test_weak_evidence_of_two_regions_stays_unlocated(tagger: GeoTagger) -> None:
    # Competing weak evidence (a Brazilian engineer): neither region is the story's.
    regions, rules = _tag(
        tagger,
        "Minister orders inquiry into delayed projects",
        "A committee will look into the stalled projects, the minister said.\n\n"
        "The delays go against orders from Prime Minister Sheikh Fahad Al-Sabah, said a "
        "Brazilian engineer on the site.",
    )
    assert set(rules) == {"Al-Sabah", "Brazilian"}
    assert regions == []


def test_a_lone_demonym_stays_unlocated(tagger: GeoTagger) -> None:
    # A nationality is no place: "a Greek tanker" alone says nothing of where the story is.
    regions, rules = _tag(
        tagger,
        "Tanker refloated after grounding",
        "Salvage crews refloated the ship on Tuesday.\n\nThe Greek tanker was carrying crude.",
    )
    assert rules == {"Greek": "demonym"}
    assert regions == []


@pytest.mark.parametrize(
    ("body", "title", "region"),
    [
        (
            "The ministry will meet on Friday.\n\nHealth Minister Datuk Seri Dr Ahmad Zaki said "
            "the meeting would deal with the shortage of doctors.",
            "Datuk Seri",
            "asia-pacific",
        ),
        (
            "The bill was read a third time.\n\nSpeaker Ratu Jone Tabua thanked members for "
            "their contributions.",
            "Ratu",
            "asia-pacific",
        ),
        (
            "The results were released on Monday.\n\nThe Ceann Comhairle adjourned the debate.",
            "Ceann Comhairle",
            "europe",
        ),
    ],
)
def test_a_national_title_alone_locates_the_story(
    tagger: GeoTagger, body: str, title: str, region: str
) -> None:
    regions, rules = _tag(tagger, "Budget passed after long debate", body)
    assert rules == {title: "leader"}
    assert regions == [region]


def test_a_national_title_adds_no_second_region(tagger: GeoTagger) -> None:
    regions, rules = _tag(
        tagger,
        "France signs defence deal",
        "France signed the deal in Paris on Monday, officials said.\n\n"
        "Tan Sri Abdul Rahman, who chairs the Malaysian side, attended the signing in Paris.",
    )
    assert rules["Tan Sri"] == "leader"
    assert regions == ["europe"]


@pytest.mark.parametrize(
    ("body", "name", "region"),
    [
        (
            "Fuel prices rise on Wednesday.\n\nThe Department of Mineral Resources and Energy "
            "announced the increase late on Monday.",
            "Department of Mineral Resources and Energy",
            "africa",
        ),
        (
            "Inflation eased in March.\n\nDestatis said prices rose 2.1 percent on the year.",
            "Destatis",
            "europe",
        ),
        (
            "Workers walked out on Monday.\n\nCosatu said the strike would go on until the "
            "offer improved.",
            "Cosatu",
            "africa",
        ),
        (
            "The budget passed after four days.\n\nFijiFirst members voted against the bill.",
            "FijiFirst",
            "asia-pacific",
        ),
    ],
)
def test_a_national_body_alone_locates_the_story(
    tagger: GeoTagger, body: str, name: str, region: str
) -> None:
    regions, rules = _tag(tagger, "Figures released", body)
    assert rules == {name: "metonym"}
    assert regions == [region]


def test_a_national_body_adds_no_second_region(tagger: GeoTagger) -> None:
    regions, rules = _tag(
        tagger,
        "Germany's unions plan strikes",
        "German unions will strike in Berlin next week, Germany's biggest federation said.\n\n"
        "The AFL-CIO sent a message of support, and Cosatu did the same.",
    )
    assert rules["AFL-CIO"] == "metonym"
    assert regions == ["europe"]


@pytest.mark.parametrize(
    ("body", "sign", "region"),
    [
        (
            "The former minister denies the charges.\n\nHe is accused of taking RM2.5 million "
            "in bribes and a further RM300,000 in cash.",
            "RM",
            "asia-pacific",
        ),
        ("The rise takes the minimum wage to NZ$23.15 an hour.", "NZ$", "asia-pacific"),
        ("The oil price climbed to $79.75 (R1425) a barrel.", "R", "africa"),
        ("O déficit previsto é de R$ 231,5 bilhões.", "R$", "americas"),
        # Gulf signs and ISO codes (session 15).
        ("The firm won an AED 1.2 billion contract for the tower.", "AED", "middle-east"),
        ("Fines of up to KD 1,500 await offenders, the ministry said.", "KD", "middle-east"),
        ("The levy raised PKR 12 billion in its first year.", "PKR", "asia-pacific"),
        ("Farmers were paid KES 4,500 a bag this season.", "KES", "africa"),
    ],
)
def test_a_currency_sign_alone_locates_the_story(
    tagger: GeoTagger, body: str, sign: str, region: str
) -> None:
    result = tagger.tag(make_item("Figures released", body))
    money = [e for e in result.evidence if e.text == sign]
    # Every amount in the same money is one vote.
    assert [e.rule for e in money][:1] == ["money"]
    assert all(e.rule == "money-extra" and e.weight == 0 for e in money[1:])
    assert result.regions == [region]


@pytest.mark.parametrize(
    "body",
    [
        "The film is rated R18 and opens on the R101 road's drive-in.",
        "The 2020 R32 engine sold for 5,000 dollars, more than the R8.",
        "Prices rose 3% to $12.50.",
        # Codes with another reading before a number are strict (session 15).
        "Designers can now export CAD 3D models and KD 5 scores.",
        "Delegates gathered for COP 28 as RON 95 petrol prices held.",
        # A currency pair is a world forex quote, not money counted.
        "The USD/JPY 150.20 level held as traders waited.",
    ],
)
def test_numbers_that_are_no_money_stay_unlocated(tagger: GeoTagger, body: str) -> None:
    result = tagger.tag(make_item("Figures released", body))
    assert not [e for e in result.evidence if e.rule.startswith("money")]
    assert result.regions == []


def test_money_in_a_located_story_is_not_read(tagger: GeoTagger) -> None:
    # A Malaysian outlet converting a Portuguese transfer fee: Portugal's story, and money
    # signs are read only in a story nothing else locates.
    result = tagger.tag(
        make_item(
            "Striker moves within Portugal",
            "The club sold the striker to a rival in Lisbon for 20 million euros "
            "(RM93.3 million), officials in Portugal said.",
        )
    )
    assert "RM" not in {e.text for e in result.evidence}
    assert result.regions == ["europe"]


def test_money_with_other_weak_evidence_of_another_region_stays_unlocated(
    tagger: GeoTagger,
) -> None:
    # Weak evidence of two regions (a Brazilian engineer, a ringgit amount): no region.
    result = tagger.tag(
        make_item(
            "Contract signed",
            "The firm signed the contract on Monday.\n\n"
            "A Brazilian engineer will lead the RM40 million project.",
        )
    )
    assert {e.text: e.rule for e in result.evidence if e.weight} == {
        "RM": "money",
        "Brazilian": "demonym",
    }
    assert result.regions == []


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("US$5 and NZ$12", ["NZ$"]),  # "S$" inside "US$" is no Singapore dollar
        ("aR1425 or R1425", ["R"]),
        ("CA$5, KSh 2,000", ["CA$", "KSh"]),
        ("R13.25 to R13.45", ["R", "R"]),
        ("no amount: RM, R$ and NZ$", []),
    ],
)
def test_money_signs_only_as_whole_signs_before_an_amount(text: str, signs: list[str]) -> None:
    assert [sign for _, _, sign, _ in context.money_signs(text)] == signs


@pytest.mark.parametrize(
    ("body", "noun", "region"),
    [
        ("Offenders now pay a fine of 300 naira each, officials said.", "naira", "africa"),
        (
            "A basin now sells for 4,500 shillings, down from 25,000 shillings.",
            "shillings",
            "africa",
        ),
        ("The council set aside 3.9 billion lei for roads next year.", "lei", "europe"),
        ("The boat ride costs 150 baht, up from 120 baht last year.", "baht", "asia-pacific"),
    ],
)
def test_an_amount_in_a_currency_noun_alone_locates_the_story(
    tagger: GeoTagger, body: str, noun: str, region: str
) -> None:
    # Like a currency sign: the copy counts in that money (session 15).
    result = tagger.tag(make_item("Prices go up again", body))
    assert [e.rule for e in result.evidence if e.text == noun][:1] == ["money"]
    assert result.regions == [region]


def test_a_shared_currency_amount_names_its_region_but_no_country(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item("Prices go up again", "A basin now sells for 4,500 shillings in the market.")
    )
    assert result.regions == ["africa"]
    assert result.focus == []


def test_a_currency_noun_without_an_amount_stays_support(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Prices go up again", "Traders said the shilling was weak."))
    assert result.regions == []


def test_amount_nouns_are_read_in_english_copy_only(tagger: GeoTagger) -> None:
    item = make_item("Prisene stiger", "Billetten koster nå 150 baht, sier turistene.")
    item.language = "no"
    result = tagger.tag(item)
    assert not [e for e in result.evidence if e.rule.startswith("money")]


def test_sterling_after_a_number_is_no_amount() -> None:
    assert context.amount_nouns("She sold 3 sterling silver rings and 300 naira of beads.") == [
        (41, 46, "naira", "NG", False)
    ]


def test_a_shilling_sign_before_an_amount_locates_a_placeless_east_african_story(
    tagger: GeoTagger,
) -> None:
    # Kenyan papers write shillings as "Sh" before the amount ("Sh6.3 billion"); a county
    # budget story names no county and no country (issue #16, session 24, a53-020). Tanzanian
    # copy writes "Sh" too: the same region. Sheikh's "Sh Mohammed" has no amount after it.
    result = tagger.tag(
        make_item(
            "Roads win most in county budget",
            "The assembly passed the Sh6.3 billion estimates, of which Sh4.9 billion comes "
            "from the national government. Sh30 million was set aside for the residence.",
        )
    )
    assert [e.rule for e in result.evidence if e.text == "Sh"][:1] == ["money"]
    assert result.regions == ["africa"]
    assert [sign for _, _, sign, _ in context.money_signs("Sh Mohammed met 12 envoys")] == []


def test_a_leone_sign_before_an_amount_locates_a_placeless_sierra_leone_story(
    tagger: GeoTagger,
) -> None:
    # Sierra Leonean outlets write leones as "Le" (old) or "NLe" (since 2022) before the amount;
    # a market story names no town (issue #16, session 25, a59-015). French and Italian copy
    # write the article "Le" before a day or a count, never before a money-shaped amount.
    result = tagger.tag(
        make_item(
            "Fish prices double in five weeks",
            "A portion that used to sell for Le10,000 now costs Le20,000, a trader said. "
            "Dealers expect NLe 250 a carton by the end of the month.",
        )
    )
    assert [e.rule for e in result.evidence if e.text == "Le"][:1] == ["money"]
    assert result.regions == ["africa"]
    assert [s for _, _, s, _ in context.money_signs("Le 15 mars, Le 10.000 persone")] == []


# --- "Director General of Police": India's title, weak evidence ---------------------------------


def test_a_police_chief_title_does_not_outweigh_the_town_the_story_names(
    tagger: GeoTagger,
) -> None:
    body = (
        "The Director General of Police said officers had arrested two men in Madrid after a "
        "months-long inquiry into a drug network."
    )
    regions, evidence = read(tagger, "Two held after drug raid", body)
    assert regions == ["europe"]
    assert [rule for text, rule, _, _ in evidence if text == "Director General of Police"] == [
        "leader"
    ]


def test_the_title_alone_still_locates_an_indian_state_story(tagger: GeoTagger) -> None:
    body = "The Director General of Police ordered an inquiry into a death in custody."
    regions, _ = read(tagger, "Inquiry ordered into custodial death", body)
    assert regions == ["asia-pacific"]


def test_the_title_agrees_with_an_indian_town(tagger: GeoTagger) -> None:
    body = "The Director General of Police visited the police station in Lucknow on Friday."
    regions, _ = read(tagger, "Police chief visits station", body)
    assert regions == ["asia-pacific"]


def test_a_gulf_ruling_family_name_locates_a_story_naming_nothing_else(tagger: GeoTagger) -> None:
    body = (
        "Ministers led by Sheikh Fahad Salem Al-Sabah agreed the draft at their weekly "
        "meeting and sent it to the emir's office."
    )
    regions, evidence = evidence_of(tagger, "Cabinet backs draft", body)
    assert regions == ["middle-east"]
    assert ("Al-Sabah", "leader", "KW") in evidence


def test_sabah_alone_stays_the_malaysian_state(tagger: GeoTagger) -> None:
    regions, _ = evidence_of(tagger, "Floods in Sabah", "Rivers burst their banks in Sabah.")
    assert regions == ["asia-pacific"]


def test_an_indian_police_chief_title_locates_a_state_story(tagger: GeoTagger) -> None:
    body = "The Director General of Police ordered extra pickets at government hospitals."
    regions, _ = read(tagger, "Hospitals get police cover", body)
    assert regions == ["asia-pacific"]
