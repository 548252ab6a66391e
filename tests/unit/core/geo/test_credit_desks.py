"""A wire sign-off's credits name the bureaus that reported, wrote and edited the copy ("(Reporting
by Aizhu Chen in BEIJING; additional reporting by Henning Gloystein in SINGAPORE; Editing by
...)"): desks, like a dateline far from the story, and no place of it (issue #16's "desk taken
for the story place"; session 24, a53-015: a Saudi-Russian oil deal's credits added Singapore).
Every text was written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_the_places_of_a_credit_line_are_desks(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger,
        "Kenya and Ghana agree cocoa pact",
        "Kenya and Ghana signed a cocoa trade pact in Nairobi on Monday, ministers said.\n\n"
        "(Reporting by Jane Doe in Singapore; additional reporting by John Roe in Bengaluru "
        "and London; Editing by Sam Poe)",
    )
    assert {name: ev[name][1:] for name in ("Singapore", "Bengaluru", "London")} == {
        "Singapore": ("credit-desk", 0.0),
        "Bengaluru": ("credit-desk", 0.0),
        "London": ("credit-desk", 0.0),
    }
    assert regions == ["africa"]


def test_a_place_in_the_story_text_still_counts(tagger: GeoTagger) -> None:
    # "reporting by" in the story's own words, with no credit after it, changes nothing.
    regions, ev = evidence_by_text(
        tagger,
        "Reporters honoured",
        "The prize rewards reporting by local papers in Singapore, the jury said on Monday.",
    )
    assert ev["Singapore"][1] != "credit-desk"
    assert regions == ["asia-pacific"]


def test_a_credit_line_locates_a_story_that_names_nothing_else(tagger: GeoTagger) -> None:
    """A brief with no dateline whose text names no place ("Lawmakers passed ...") is where its
    reporter filed from: the credit's bureau counts when nothing else locates the story, as a
    dateline alone does (review of session 24)."""
    regions, ev = evidence_by_text(
        tagger,
        "Lawmakers pass budget with record defence spending",
        "Lawmakers on Tuesday passed next year's budget with record defence spending, the "
        "speaker said.\n\n(Reporting by Olena Harmash in Kyiv; Editing by Sam Poe)",
    )
    assert regions == ["europe"]
    assert ev["Kyiv"][0] == "UA" and ev["Kyiv"][2] > 0


def test_a_credit_place_that_is_the_dateline_keeps_the_dateline(tagger: GeoTagger) -> None:
    """ "KYIV ... (Reporting by ... in Kyiv)": the credit is the desk again, weight 0; the
    dateline, the story's place, locates it."""
    from .conftest import make_item

    item = make_item(
        "Lawmakers pass budget",
        "Lawmakers on Tuesday passed next year's budget, the speaker said.\n\n"
        "(Reporting by Olena Harmash in Kyiv; Editing by Sam Poe)",
        located="KYIV",
    )
    result = tagger.tag(item)
    assert result.regions == ["europe"]
    assert [(e.rule, e.weight) for e in result.evidence if e.text == "Kyiv"] == [
        ("credit-desk", 0.0)
    ]


def test_a_credit_clause_in_any_case_is_read() -> None:
    """The cheap test before the clause is read looks for "by" as sign-offs write it: lower,
    title or upper case (review of session 24)."""
    from streams.core.geo import context

    for text in (
        "(Reporting by Jane Doe in London",
        "(Reporting By Jane Doe in London",
        "(REPORTING BY JANE DOE in London",
    ):
        assert context.credit_place(text, text.index("London")), text
    text = "Prices rose.\nShops in London said on Monday that stocks were low."
    assert not context.credit_place(text, text.index("London"))
