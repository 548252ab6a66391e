"""Session 21 (issue #16, lead): "RBI" in baseball copy is runs batted in, not the Reserve
Bank of India; read from the words around it. Every text here was written for these tests, in
the layouts of game stories and Indian business copy."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Ohtani's RBI double lifts Dodgers", "The Dodgers beat the Padres 4-3 on Sunday."),
        ("Walk-off RBI single wins it for Cubs", "Swanson singled home the winning run."),
        ("Soto's 100th RBI of season", "He reached it with a sacrifice fly in the sixth."),
        ("Rookie drives in runs", "He finished with three RBI, and the bullpen held on."),
    ],
)
def test_runs_batted_in_are_no_indian_bank(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, evidence = read(tagger, headline, body)
    assert "asia-pacific" not in regions, headline
    assert [(t, r) for t, r, c, w in evidence if c == "IN"] == [("RBI", "sport-stat")], headline
    assert all(w == 0 for _t, _r, c, w in evidence if c == "IN"), headline


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("RBI holds rates", "The central bank held its key rate, the RBI said on Friday."),
        ("RBI Governor warns on prices", "Food inflation stays sticky, the governor said."),
        ("Lenders told to report frauds", "An RBI circular asked banks to report within a week."),
        ("Two RBI officials join board", "The board named two RBI officials as observers."),
    ],
)
def test_the_reserve_bank_stays_india(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, evidence = read(tagger, headline, body)
    assert regions[:1] == ["asia-pacific"], headline
    assert ("RBI", "metonym", "IN") in [(t, r, c) for t, r, c, _w in evidence], headline
