"""docs/architecture.md's module map matches the code, so it cannot drift again."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"


def listed() -> set[str]:
    text = DOC.read_text()
    table = text[text.index("## Module map") :]
    table = table[: table.index("\n## ", 1)]
    return set(re.findall(r"^\| `(streams/[^`]+\.py)` \|", table, re.M))


def modules() -> set[str]:
    return {
        str(p.relative_to(ROOT))
        for p in (ROOT / "streams").rglob("*.py")
        if p.name != "__init__.py"
    }


def test_every_module_is_in_the_map() -> None:
    assert sorted(modules() - listed()) == []


def test_every_module_in_the_map_exists() -> None:
    assert sorted(listed() - modules()) == []
