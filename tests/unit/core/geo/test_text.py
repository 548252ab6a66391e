from __future__ import annotations

from streams.core.geo.text import fold, is_acronym, keys


def test_fold_keeps_offsets_and_strips_accents_and_punctuation() -> None:
    text = "Gujranwala’s Côte d’Ivoire İstanbul U.S.—Kyiv"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("gujranwala s cote d ivoire istanbul u s  kyiv")


def test_keys_are_space_padded_with_collapsed_and_written_spacing() -> None:
    assert keys("Washington, D.C.") == {" washington d c ", " washington  d c "}
    assert keys("Guinea-Bissau") == {" guinea bissau "}


def test_acronyms() -> None:
    assert is_acronym("US") and is_acronym("U.S.") and is_acronym("G20")
    assert not is_acronym("Chad") and not is_acronym("United States")
