"""The package layout's import rules (docs/architecture.md, "Layers"), checked on the source.

Imports point down only: core <- kafka <- worker / commands. A rule broken here is a part
that has lost its home, the thing issue #19 cleaned up.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "streams"


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at top level?) for every import in the file."""
    tree = ast.parse(path.read_text(), str(path))
    top = {id(node) for node in tree.body}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((a.name, id(node) in top) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top))
            found.extend((f"{node.module}.{a.name}", id(node) in top) for a in node.names)
    return found


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violations(allowed: dict[str, tuple[str, ...]]) -> list[str]:
    """Every import from a package to one it may not import (any depth, lazy ones too)."""
    bad = []
    for module, path in MODULES.items():
        for package, forbidden in allowed.items():
            if not _in(module, package):
                continue
            for name, _top in _imports(path):
                if any(_in(name, f) for f in forbidden):
                    bad.append(f"{module} imports {name}")
    return bad


def test_the_core_imports_no_kafka_faust_or_http() -> None:
    assert _violations({"streams.core": ("faust", "mode", "aiokafka", "aiohttp")}) == []


def test_imports_point_down_only() -> None:
    upper = ("streams.worker", "streams.commands", "streams.cli", "streams.dev")
    assert (
        _violations(
            {
                "streams.core": ("streams.kafka", "streams.ingest", *upper),
                "streams.kafka": ("faust", "mode", "streams.ingest", *upper),
                "streams.settings": ("streams.kafka", *upper),
                "streams.errors": ("streams.kafka", *upper),
                "streams.hosts": ("streams.kafka", *upper),
                "streams.worker": ("streams.commands", "streams.cli", "streams.dev"),
                "streams.ingest": upper,
                "streams.client": ("faust", *upper),
            }
        )
        == []
    )


def test_no_runtime_module_imports_the_dev_broker() -> None:
    """Only the ``wire broker`` / ``wire demo`` commands may, and only in a function."""
    bad = []
    for module, path in MODULES.items():
        if _in(module, "streams.dev"):
            continue
        for name, top in _imports(path):
            if _in(name, "streams.dev") and (top or not _in(module, "streams.commands")):
                bad.append(f"{module} imports {name}{' at import time' if top else ''}")
    assert bad == []


def test_the_rules_see_a_bad_import(tmp_path: Path) -> None:
    """The checker itself: a lazy upward import is found."""
    src = tmp_path / "bad.py"
    src.write_text("def f():\n    from streams.worker.app import build\n")
    assert ("streams.worker.app", False) in _imports(src)


@pytest.mark.parametrize("module", ["streams.client", "streams.cli", "streams.core.assemble"])
def test_importing_loads_no_faust(module: str) -> None:
    code = f'import {module}, sys; assert "faust" not in sys.modules, "faust loaded"'
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_a_dev_command_outside_a_source_checkout_says_so() -> None:
    """The wheel has no streams.dev: ``wire broker``/``wire demo`` explain, not crash."""
    from streams.commands import dev
    from streams.errors import ConfigError

    assert dev("broker").__name__ == "streams.dev.broker"
    with pytest.raises(ConfigError, match="source checkout"):
        dev("not_in_this_wheel")
