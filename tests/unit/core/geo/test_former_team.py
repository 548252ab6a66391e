"""A team named after "former" or "ex-" and before a player's or coach's role ("former Wales
manager Chris Coleman", "former Barcelona star Javier Mascherano", "ex-Nigeria international")
is the person's old side, their past, not a place of the story (issue #16, session 24, a53-007:
a Shanghai report on Hebei China Fortune sacking Coleman added europe from his career). The
role nouns are ``team_roles.txt``. Every text was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


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
    regions, ev = evidence_by_text(
        tagger,
        "Rail line reopens",
        "The line from Cardiff reopened in Wales on Monday, the operator said.",
    )
    assert ev["Wales"][1] != "former-team"
    assert regions == ["europe"]
