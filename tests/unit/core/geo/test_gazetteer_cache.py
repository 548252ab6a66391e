"""The gazetteer cache: a second start loads what the first built, and only that build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from streams.core.geo import gazetteer
from streams.core.geo.matcher import Matcher

TEXT = "Talks in Geneva on Ukraine: the Kremlin and Washington, D.C. sent envoys to Venäjä."


def _hits(gaz: gazetteer.Gazetteer) -> list[tuple[int, int, str, str]]:
    m = Matcher(gaz)
    return [
        (h.start, h.end, h.term.text, h.term.kind)
        for lang in ("", "fi")
        for h in m.find(TEXT, lang=lang)
    ]


def test_second_build_loads_the_first_and_matches_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIRE_CACHE", str(tmp_path))
    built = gazetteer.build()
    cached = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(cached) == 1
    loaded = gazetteer.build()
    assert loaded is not built
    assert loaded.terms == built.terms
    assert loaded.lang_terms == built.lang_terms
    assert loaded.ambiguities == built.ambiguities
    assert _hits(loaded) == _hits(built)
    assert _hits(built), "the sample text names places"
    # The automaton's values are the gazetteer's own terms, not copies (one pickle).
    term = loaded.terms["geneva"]
    found = [v for _, v in loaded.automaton.iter(" geneva ")]
    assert found and found[0][1] is term

    # A damaged file is built again and replaced.
    cached[0].write_bytes(b"not a pickle")
    again = gazetteer.build()
    assert again.terms == built.terms
    assert cached[0].read_bytes() != b"not a pickle"


def test_key_follows_the_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gazetteer.cache_key()
    data = tmp_path / "geo"
    shutil.copytree(gazetteer.DATA_DIR, data)
    monkeypatch.setattr(gazetteer, "DATA_DIR", data)
    assert gazetteer.cache_key() == before
    with (data / "places.tsv").open("a", encoding="utf-8") as out:
        out.write("Newtown Test\tGB\n")
    assert gazetteer.cache_key() != before


def test_unwritable_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    monkeypatch.setenv("WIRE_CACHE", str(blocked / "sub"))
    assert gazetteer.build().automaton is not None


def test_a_build_of_another_shape_is_built_again(tmp_path: Path) -> None:
    # A process whose code changed under it (a merge while it started) stored a build
    # without a field the new code reads; loading it made every later start fail.
    gaz = gazetteer.Gazetteer()
    gaz.automaton = "an automaton"
    path = tmp_path / "gazetteer-x.pickle"
    gazetteer._store(path, gaz)
    assert isinstance(gazetteer._load(path), gazetteer.Gazetteer)
    del gaz.shared_currencies
    gazetteer._store(path, gaz)
    assert gazetteer._load(path) is None


def test_key_follows_the_code_imported_not_the_files_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = gazetteer.cache_key()
    monkeypatch.setattr(gazetteer, "_CODE_DIGEST", b"other code")
    assert gazetteer.cache_key() != before
