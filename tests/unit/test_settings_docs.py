"""README's Settings section names every variable the code reads, and only those.

A ``Settings`` field added without a line in the README, a documented variable whose field
was renamed or removed, and an ``os.environ`` read elsewhere in ``streams/`` that the section
does not name all fail here.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
VAR = re.compile(r"\b(?:WIRE|KAFKA)_[A-Z0-9_]+\b")
#: An environment read outside ``Settings``: ``os.environ.get("WIRE_X"`` and the like.
READ = re.compile(r"""environ(?:\.get\(|\[)\s*["']((?:WIRE|KAFKA)_[A-Z0-9_]+)["']""")


def documented() -> set[str]:
    text = README.read_text()
    section = text[text.index("\n## Settings\n") :]
    section = section[: section.index("\n## ", 1)]
    return set(VAR.findall(section))


def settings_vars() -> set[str]:
    return {"WIRE_" + f.name.upper() for f in fields(Settings)} | {"KAFKA_BOOTSTRAP"}


def read_elsewhere() -> set[str]:
    """Variables read straight from the environment by modules other than settings.py."""
    found: set[str] = set()
    for path in (ROOT / "streams").rglob("*.py"):
        if path.name != "settings.py" or path.parent.name != "streams":
            found |= set(READ.findall(path.read_text()))
    return found


def test_every_setting_is_documented() -> None:
    assert sorted(settings_vars() - documented()) == []


def test_every_variable_read_outside_settings_is_documented() -> None:
    assert sorted(read_elsewhere() - documented()) == []


def test_every_documented_variable_is_read() -> None:
    assert sorted(documented() - settings_vars() - read_elsewhere()) == []
