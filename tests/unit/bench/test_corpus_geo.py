"""Geo on the shared real-news corpus (``../shared/corpus``) must not fall below what was reached.

The floors are the dev figures measured when the rules were last changed (``bench/corpus_geo.py``,
2026-12-02) minus a margin of 0.02, so one or two items may change either way but a regression
fails. Only the dev part is scored here; the held-out part is for reporting, not for tests.
"""

from __future__ import annotations

import pytest

from bench import corpus, corpus_geo
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.pipeline import Pipeline
from streams.settings import Settings

pytestmark = pytest.mark.skipif(
    not (corpus.available("geo_en") and corpus.available("geo_multilingual")),
    reason=f"the shared real-news corpus is not at {corpus.CORPUS_DIR} (set WIRE_CORPUS)",
)

MARGIN = 0.02
#: (micro-F1, primary accuracy) reached on the dev part.
REACHED = {"geo_en": (0.970, 0.949), "geo_multilingual": (0.970, 0.953)}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return build_pipeline(Settings.from_env({}), MemoryStore())


@pytest.mark.parametrize("name", sorted(REACHED))
def test_dev_figures_hold(pipeline: Pipeline, name: str) -> None:
    score = corpus_geo.score(pipeline, name, "dev")
    f1, primary = REACHED[name]
    assert score.rows > 100
    assert score.f1 >= f1 - MARGIN, f"{name} dev micro-F1 {score.f1:.3f}"
    assert score.primary >= primary - MARGIN, f"{name} dev primary {score.primary:.3f}"


def test_every_row_gets_a_language(pipeline: Pipeline) -> None:
    """Items without ``language`` leave the pipeline with the guessed one; it is right almost
    everywhere on the corpus (the guess only picks geo's inflection rules)."""
    rows = list(corpus.rows("geo_multilingual", "dev"))
    right = sum(corpus_geo.run_item(pipeline, row)[0].language == row["lang"] for row in rows)
    assert right >= 0.95 * len(rows)


def test_unseen_drops_the_list_names_no_other_row_uses() -> None:
    """``geo_cv.py --unseen``: a row loses exactly the list names that only it fires."""
    from bench import geo_cv
    from streams.core.geo.text import fold

    own = build_pipeline(Settings.from_env({}), MemoryStore())  # its matcher gets wrapped
    unseen = geo_cv._Unseen(own)
    rows = list(corpus.rows("geo_en", "dev"))
    banned = geo_cv._banned_per_row(own, unseen, rows)
    n = next(i for i, keys in enumerate(banned) if keys)
    assert all(not (banned[n] & keys) for i, keys in enumerate(banned) if i != n)
    before = {
        " ".join(fold(e.text).split()) for e in corpus_geo.run_item(own, rows[n])[0].ext.evidence
    }
    unseen.banned = banned[n]
    after = {
        " ".join(fold(e.text).split()) for e in corpus_geo.run_item(own, rows[n])[0].ext.evidence
    }
    assert after != before
    assert not banned[n] & after
