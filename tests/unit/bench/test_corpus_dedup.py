"""Dedup on the dev part of the shared real-news corpus stays where issue 16 left it.

Reads ``../shared/corpus/dedup_pairs.jsonl`` at run time (never copied into the project) and
runs it through the real pure pipeline, as ``bench/corpus_dedup.py`` does. Floors: what the
deduper reached on the dev part (27 of 28 republications with containment >= 0.5, 35 of 43 in
all, 11 of 20 updates recognised), minus a small margin; false duplicates of write-ups and links
across events must stay at zero.
"""

from __future__ import annotations

import pytest

from bench import corpus

pytestmark = pytest.mark.skipif(
    not corpus.available("dedup_pairs"),
    reason=f"the shared corpus is absent ({corpus.CORPUS_DIR}/dedup_pairs.jsonl)",
)


@pytest.fixture(scope="module")
def dev() -> dict[str, int]:
    from bench.corpus_dedup import evaluate

    counts, _ = evaluate("dev")
    return counts


def test_dev_part_has_the_expected_shape(dev: dict[str, int]) -> None:
    assert (dev["rep"], dev["rep c>=0.5"], dev["upd"], dev["wu"]) == (43, 28, 20, 63)


def test_republications_are_recorded_duplicate_or_update(dev: dict[str, int]) -> None:
    assert dev.get("rep c>=0.5 caught", 0) >= 26
    assert dev.get("rep caught", 0) >= 33


def test_updates_are_recognised(dev: dict[str, int]) -> None:
    assert dev.get("upd update", 0) >= 9


def test_no_write_up_is_dropped_and_no_link_crosses_events(dev: dict[str, int]) -> None:
    assert dev.get("wu false duplicate", 0) == 0
    assert dev.get("links to another event", 0) == 0
