"""``bench/geo_lead.py``: the passing-lead count and the lead weight it swaps in and out."""

from __future__ import annotations

from bench.geo_lead import lead_weight, passing_lead_wins
from streams.core.geo import scoring

REGION_OF = {"FR": ("europe",), "KE": ("africa",), "EG": ("africa", "middle-east")}


def test_one_lead_mention_against_a_body_region_is_a_passing_lead_win() -> None:
    mentions = [("lead", "FR", "country"), ("body", "KE", "city"), ("body", "KE", "country")]
    assert passing_lead_wins(REGION_OF, ["europe", "africa"], mentions)


def test_a_lead_mention_named_again_is_no_passing_mention() -> None:
    mentions = [
        ("lead", "FR", "country"),
        ("body", "FR", "city"),
        ("body", "KE", "city"),
        ("body", "KE", "country"),
    ]
    assert not passing_lead_wins(REGION_OF, ["europe"], mentions)


def test_a_headline_or_a_thin_body_makes_no_passing_lead_win() -> None:
    headline = [("headline", "FR", "country"), ("lead", "FR", "country")]
    assert not passing_lead_wins(REGION_OF, ["europe"], headline + [("body", "KE", "city")] * 2)
    thin = [("lead", "FR", "country"), ("body", "KE", "city")]
    assert not passing_lead_wins(REGION_OF, ["europe"], thin)
    assert not passing_lead_wins(REGION_OF, [], thin)


def test_lead_weight_is_restored() -> None:
    before = scoring.FIELD_WEIGHT["lead"]
    with lead_weight(1.0):
        assert scoring.FIELD_WEIGHT["lead"] == 1.0
    assert scoring.FIELD_WEIGHT["lead"] == before
