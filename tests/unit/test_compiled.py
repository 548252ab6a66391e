"""The compiled core is used only when its build matches the sources on disk (streams/compiled.py).

The key and the finder are tested on a copy of the checkout with fake extension files; the
loading itself in subprocesses against the real build, skipped (with the reason) when this
checkout has none for its current sources (``python -m streams.dev.compile_core`` builds it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from streams import compiled

ROOT = compiled.ROOT
PROBE = (
    "import streams.compiled as c, streams.core.geo.tagger, streams.core.lang as lang;"
    "print(c.mode().compiled, c.is_compiled('streams.core.geo.tagger'), c.cache_tag());"
    "print(c.mode());"
    "assert lang._WORDS"
)


def _copy(tmp: Path) -> Path:
    """A checkout with the same sources (data linked, not copied)."""
    root = tmp / "checkout"
    shutil.copytree(
        ROOT / "streams",
        root / "streams",
        ignore=shutil.ignore_patterns("__pycache__", "data"),
    )
    (root / "streams" / "data").symlink_to(ROOT / "streams" / "data")
    (root / "native").mkdir()
    shutil.copy(ROOT / "native" / "wirestream_native.pyi", root / "native")
    return root


def _fake_build(root: Path) -> Path:
    build = compiled.build_root(root) / compiled.source_digest(root)
    for name in (*compiled.MODULES, f"{compiled.GROUP}__mypyc"):
        path = compiled.extension_path(build, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    (build / compiled.DONE).write_text("test\n")
    return build


def _probe(root: Path, **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k != "WIRE_COMPILED"}
    environ.update(PYTHONPATH=str(root), **env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return out.stdout.splitlines()


def test_the_digest_is_the_sources(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert compiled.source_digest(root) == compiled.source_digest(ROOT)
    source = root / "streams" / "core" / "geo" / "tagger.py"
    source.write_text(source.read_text() + "\n# edited\n")
    assert compiled.source_digest(root) != compiled.source_digest(ROOT)


def test_an_imported_module_counts_not_only_the_compiled_ones(tmp_path: Path) -> None:
    """mypyc reads the types of what the compiled modules import (model.py is not compiled)."""
    root = _copy(tmp_path)
    before = compiled.source_digest(root)
    model = root / "streams" / "core" / "model.py"
    model.write_text(model.read_text() + "\n# edited\n")
    assert compiled.source_digest(root) != before


def test_the_finder_maps_a_matching_build(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    build = _fake_build(root)
    finder, detail, _ = compiled.finder_for(root)
    assert finder is not None, detail
    spec = finder.find_spec("streams.core.geo.tagger", None)
    assert spec is not None and spec.origin == str(
        compiled.extension_path(build, "streams.core.geo.tagger")
    )
    assert finder.find_spec(f"{compiled.GROUP}__mypyc", None) is not None
    assert finder.find_spec("streams.core.geo.gazetteer", None) is None  # not compiled


def test_no_finder_when_a_source_changed(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _fake_build(root)
    source = root / "streams" / "core" / "text.py"
    source.write_text(source.read_text() + "\n# edited\n")
    finder, detail, _ = compiled.finder_for(root)
    assert finder is None
    assert detail.startswith("no build for sources")


def test_no_finder_for_an_unfinished_or_partial_build(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    build = _fake_build(root)
    compiled.extension_path(build, "streams.core.lang").unlink()
    assert compiled.finder_for(root)[0] is None
    (build / compiled.DONE).unlink()
    assert compiled.finder_for(root)[0] is None


def _real_build() -> Path:
    build = compiled.build_root(ROOT) / compiled.source_digest(ROOT)
    if not (build / compiled.DONE).is_file():
        pytest.skip("no compiled build for these sources: python -m streams.dev.compile_core")
    return build


def test_a_matching_build_is_loaded(tmp_path: Path) -> None:
    build = _real_build()
    root = _copy(tmp_path)
    (compiled.build_root(root)).mkdir(parents=True)
    (compiled.build_root(root) / build.name).symlink_to(build)
    first, mode = _probe(root)
    assert first == f"True True compiled:{build.name}"
    assert mode.startswith("compiled (build ")


def test_an_edited_source_runs_interpreted(tmp_path: Path) -> None:
    build = _real_build()
    root = _copy(tmp_path)
    (compiled.build_root(root)).mkdir(parents=True)
    (compiled.build_root(root) / build.name).symlink_to(build)
    source = root / "streams" / "core" / "geo" / "tagger.py"
    source.write_text(source.read_text() + "\n# edited\n")
    first, mode = _probe(root)
    assert first == "False False interpreted"
    assert mode.startswith("interpreted (no build for sources ")


def test_wire_compiled_0_runs_interpreted() -> None:
    _real_build()
    first, mode = _probe(ROOT, WIRE_COMPILED="0")
    assert first == "False False interpreted"
    assert mode == "interpreted (WIRE_COMPILED=0)"


def test_the_gazetteer_cache_key_names_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickle written by interpreted classes failed to load into compiled ones."""
    from streams.core.geo import gazetteer

    monkeypatch.setattr(compiled, "_mode", compiled.Mode(False, "test"))
    interpreted = gazetteer.cache_key()
    monkeypatch.setattr(compiled, "_mode", compiled.Mode(True, "test", "a" * 24))
    first_build = gazetteer.cache_key()
    monkeypatch.setattr(compiled, "_mode", compiled.Mode(True, "test", "b" * 24))
    assert len({interpreted, first_build, gazetteer.cache_key()}) == 3
