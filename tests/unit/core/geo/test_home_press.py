"""Stories that name no place, only the home paper or agency they credit (issue #16, session
16): the outlets of ``home_press.tsv`` report mainly their own country's news and are weak
evidence of it (kind leader): alone they locate the story, beside a place of another region they
add no region, and names several countries' outlets share stay out."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text

_tag = evidence_by_text


@pytest.mark.parametrize(
    ("headline", "body", "name", "country", "region"),
    [
        (
            "Ministry plans sweep for visa overstayers",
            "The interior ministry will check labour camps next month for 40,000 workers whose "
            "permits have lapsed, according to Al-Qabas daily.",
            "Al-Qabas",
            "KW",
            "middle-east",
        ),
        (
            "Budget deficit could reach 40%, committee says",
            "A member of the finance committee told Shafaq News that the draft budget assumes "
            "oil at $60 a barrel.",
            "Shafaq News",
            "IQ",
            "middle-east",
        ),
        (
            "Fares to rise from March, regulator says",
            "Bus operators may raise fares only with its approval, the transport regulator told "
            "The PUNCH on Tuesday.",
            "The PUNCH",
            "NG",
            "africa",
        ),
        (
            "Pass rate falls in secondary exams",
            "The pass rate dropped to 78 per cent this year across the nine education boards, "
            "UNB reports.",
            "UNB",
            "BD",
            "asia-pacific",
        ),
    ],
)
def test_a_home_outlet_alone_locates_the_story(
    tagger: GeoTagger, headline: str, body: str, name: str, country: str, region: str
) -> None:
    regions, ev = _tag(tagger, headline, body)
    assert ev[name][:2] == (country, "leader")
    assert regions == [region]


def test_a_home_outlet_of_another_region_adds_no_region(tagger: GeoTagger) -> None:
    # A Chilean story that an Israeli paper also reported: the paper is no second place.
    regions, ev = _tag(
        tagger,
        "Quake shakes northern Chile",
        "A magnitude 6.1 earthquake struck near Antofagasta in Chile on Monday, Haaretz and "
        "local radio reported.",
    )
    assert ev["Haaretz"][:2] == ("IL", "leader")
    assert regions == ["americas"]


@pytest.mark.parametrize(
    "body",
    [
        "The Guardian said the figures were revised.",
        "According to the Daily Star, the plant will close in May.",
        "The Nation reported that the talks had stalled.",
        "Reuters and Al Jazeera reported the figures first.",
    ],
)
def test_shared_and_world_outlets_stay_unlocated(tagger: GeoTagger, body: str) -> None:
    regions, _ev = _tag(tagger, "Figures revised", body)
    assert regions == []
