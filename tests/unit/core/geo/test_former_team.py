"""A team named after "former" or "ex-" and before a player's or coach's role ("former Wales
manager Chris Coleman", "former Barcelona star Javier Mascherano", "ex-Nigeria international")
is the person's old side, their past, not a place of the story (issue #16, session 24, a53-007:
a Shanghai report on Hebei China Fortune sacking Coleman added europe from his career). The
role nouns are ``team_roles.txt``. Every text was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, read


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Shenzhen sacked head coach Lee Wan on Monday and named former Wales manager Chris "
            "Coleman as his replacement, the club said.",
            "Wales",
        ),
        (
            "Shenzhen have signed former Barcelona star Javier Mascherano on a one-year deal, "
            "the club said on Monday.",
            "Barcelona",
        ),
        (
            "Shenzhen have appointed ex-Nigeria international John Obi as assistant coach, "
            "the club said on Monday.",
            "Nigeria",
        ),
    ],
)
def test_a_former_team_before_a_role_is_no_place(tagger: GeoTagger, body: str, name: str) -> None:
    regions, ev = evidence_by_text(tagger, "Club names new staff", body)
    assert ev[name][1:] == ("former-team", 0.0)
    assert regions == ["asia-pacific"]


def test_the_same_name_as_a_place_still_counts(tagger: GeoTagger) -> None:
    # Not before a role noun ("a former Wales resident" is a person of Wales; "former Wales"
    # alone is nothing the rule reads), and without "former" the team is no career mention.
    # (Review of session 24: the text held no "former" at all, so the test could not fail.)
    regions, mentions = read(
        tagger,
        "Lottery winner named",
        "A former Wales resident who moved to Cardiff won the jackpot, the operator said on "
        "Monday; former Wales, the old county, is now Gwynedd.",
    )
    rules = [rule for text, rule, _c, _w in mentions if text == "Wales"]
    assert len(rules) == 2 and "former-team" not in rules
    assert regions == ["europe"]


@pytest.mark.parametrize(
    ("headline", "body", "name", "country", "region"),
    [
        (
            "Former Zambia striker opens football academy",
            "A former Zambia striker has opened a football academy for girls, saying the "
            "women's game needs more coaches. The former Zambia captain said 120 players had "
            "signed up.",
            "Zambia",
            "ZM",
            "africa",
        ),
        (
            "Pilot charged over crash",
            "A former Kenya Airways captain was charged on Monday over a drink-driving crash, "
            "police said.",
            "Kenya",
            "KE",
            "africa",
        ),
    ],
)
def test_a_former_side_locates_a_story_that_names_nothing_else(
    tagger: GeoTagger, headline: str, body: str, name: str, country: str, region: str
) -> None:
    """A profile or obituary of a former international at home names only the old side: it
    is where the story is, as a dateline alone is. The rule keeps the side from adding a
    region to a story located elsewhere, not from locating one (review of session 24)."""
    regions, ev = evidence_by_text(tagger, headline, body)
    assert regions == [region]
    assert ev[name][0] == country and ev[name][2] > 0
