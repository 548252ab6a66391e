"""Initials a story defines in brackets after a name. After a country's body ("the Central Bank
of Nigeria (CBN)") they are that country's body wherever the story uses them again, headline
included (issue #16, session 20, a35 spent); a name's own abbreviation ("the United Arab
Emirates (UAE)") counts once, and a qualifier in brackets is no abbreviation (session 21,
hgeo30). Sentences written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.tagger import _defined_acronym

from .conftest import english_item as _item
from .conftest import evidence_by_text, make_item
from .conftest import rules_of as _rules

CRYPTO = (
    "Two months after the Central Bank of Nigeria (CBN) told lenders to stop card payments for "
    "crypto trading, Vietnam's central bank has ordered its own banks to do the same.\n\n"
    "The CBN had given banks a week to close such accounts. The order issued in Hanoi on "
    "Monday covers wallets, exchanges and payment firms, and Vietnam's banks must report any "
    "account that breaks it."
)


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        ("after the Central Bank of Nigeria (CBN) told", "Nigeria", "CBN"),
        ("the Nigerian National Petroleum Corporation (NNPC) said", "Nigerian", "NNPC"),
        ("the Kenya Revenue Authority (KRA) and", "Kenya", "KRA"),
        # a dateline's agency is no definition: its letters are not the name's initials
        ("LAGOS, Nigeria (AP) - Police said", "Nigeria", ""),
        # initials that leave the country out name something else in the run
        ("the Ghana Football Association President (FAP) said", "Ghana", ""),
        # a lower-case word between the name and the bracket ends the name
        ("Nigeria said on Monday (CBN)", "Nigeria", ""),
        # mixed case and digits are no initials
        ("the Bank of Ghana (BoG)", "Ghana", ""),
        ("the Nigeria (N2) route", "Nigeria", ""),
    ],
)
def test_initials_in_brackets_after_a_country_name(text: str, name: str, acronym: str) -> None:
    start = text.index(name)
    end = start + len(name)
    assert _defined_acronym(text, start, end, text.index("(", end)) == acronym


def test_defined_initials_count_for_their_country(tagger: GeoTagger) -> None:
    headline = "Vietnam follows CBN in curbing card payments for crypto"
    regions, evidence = evidence_by_text(tagger, headline, CRYPTO)
    assert evidence["CBN"][:2] == ("NG", "acronym")
    # the earlier ban is the story's second place: named in the headline by its initials
    assert regions == ["asia-pacific", "africa"]


def test_initials_in_a_headline_that_opens_the_body_weigh_as_headline(tagger: GeoTagger) -> None:
    # The headline repeated as the body's first sentence is read once, in the body, where it
    # keeps the headline's weight.
    headline = "Vietnam follows CBN in curbing card payments for crypto"
    result = tagger.tag(make_item(headline, headline + ".\n\n" + CRYPTO))
    uses = [(e.field, e.weight) for e in result.evidence if e.rule == "acronym"]
    assert uses[0] == ("body", 2.4)
    assert len(uses) == 2
    assert "africa" in result.regions


def test_undefined_initials_count_for_nobody(tagger: GeoTagger) -> None:
    # "CBN" is also broadcasters' initials: without the story's own definition it is nothing.
    body = CRYPTO.replace("the Central Bank of Nigeria (CBN)", "the CBN")
    regions, evidence = evidence_by_text(tagger, "Vietnam follows CBN on crypto", body)
    assert "CBN" not in evidence
    assert regions == ["asia-pacific"]


def test_initials_the_gazetteer_reads_are_not_counted_twice(tagger: GeoTagger) -> None:
    body = (
        "Fighting spread in the east of the Democratic Republic of Congo (DRC) on Monday, the "
        "army said. The DRC has asked its neighbours for help."
    )
    _, evidence = evidence_by_text(tagger, "Fighting spreads in the east", body)
    assert evidence.get("DRC", ("", ""))[1] != "acronym"


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
