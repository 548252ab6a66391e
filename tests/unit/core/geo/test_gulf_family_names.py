"""The Gulf ruling families' names as the wires write them, with a lower-case "al" (issue #16,
session 32, hgeo88, a88-009): "Emir Sheikh Sabah al-Ahmad al-Sabah" is Kuwait's emir, not the
Malaysian state of Sabah. ``leaders.tsv`` held the names with a capital only ("Al-Sabah"), and a
capitalised term matches capitalised words only, so the lower-case spelling found nothing and
both Sabahs read as Malaysia. Fixtures are written for these tests; none is copied from a news
item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


def test_a_lower_case_family_name_is_the_emir_not_the_malaysian_state(tagger: GeoTagger) -> None:
    body = (
        "Emir Sheikh Sabah al-Ahmad al-Sabah dissolved parliament on Tuesday after the cabinet "
        "resigned, state television said."
    )
    regions, evidence = read(tagger, "Emir dissolves parliament", body)
    assert regions == ["middle-east"]
    assert ("al-Sabah", "leader", "KW") in [(t, rule, c) for t, rule, c, _ in evidence]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("al-Sabah", "KW"),
        ("Al-Sabah", "KW"),
        ("al Nahyan", "AE"),
        ("al-Maktoum", "AE"),
        ("al-Qasimi", "AE"),
        ("al-Saud", "SA"),
        ("al-Khalifa", "BH"),
        ("al-Thani", "QA"),
        ("Al Thani", "QA"),
    ],
)
def test_each_family_name_is_found_in_either_case(
    tagger: GeoTagger, name: str, country: str
) -> None:
    body = f"A statement from Sheikh Ahmed {name} was read out on Monday, officials said."
    _, evidence = read(tagger, "Statement read out", body)
    assert [(t, c) for t, rule, c, _ in evidence if rule == "leader"] == [(name, country)]


def test_sabah_alone_stays_the_malaysian_state(tagger: GeoTagger) -> None:
    body = "Floods cut roads in Sabah on Monday, the state's disaster agency said."
    regions, _ = read(tagger, "Floods cut roads", body)
    assert regions == ["asia-pacific"]
