"""The format contract: one registry, every format sniffed, read and built the same way."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from streams.core.model import RawMessage
from streams.core.parse import FORMATS, detect_format, parse, resolve_format
from streams.core.parse.contract import Format, Head
from streams.core.parse.registry import REGISTRY

WIRE = Path(__file__).parents[3] / "fixtures" / "wire"
AGENCY = Path(__file__).parent / "fixtures"
PARSE = Path(__file__).parents[4] / "streams" / "core" / "parse"

#: One fixture per registered format, in that format's real layout. A new format needs one.
FIXTURES = {
    "plain": WIRE / "plain" / "digest.txt",
    "ninjs": AGENCY / "ninjs_cms.json",
    "nitf": AGENCY / "nitf_doctype_ntb.xml",
    "newsml-g2": AGENCY / "reuters_g2_v1.xml",
    "newsml-1": AGENCY / "newsml12_afp.xml",
    "iptc7901": AGENCY / "dpa_iptc7901.txt",
    "anpa1312": AGENCY / "ap_anpa1312.txt",
    "rss": AGENCY / "wxr.xml",
    "atom": WIRE / "atom" / "feed.xml",
}


def test_every_registered_format_has_a_name_a_sniff_a_reader_and_a_fixture() -> None:
    assert tuple(f.name for f in REGISTRY) == FORMATS
    assert len(set(FORMATS)) == len(FORMATS)
    assert set(FIXTURES) == set(FORMATS)
    for fmt in REGISTRY:
        assert isinstance(fmt, Format)
        assert fmt.name and callable(fmt.sniff) and callable(fmt.read) and fmt.spec
        assert FIXTURES[fmt.name].is_file()


@pytest.mark.parametrize("name", FORMATS)
def test_each_fixture_is_sniffed_as_its_format_and_parses(name: str) -> None:
    data = FIXTURES[name].read_bytes()
    assert detect_format(data.decode("utf-8")[:4096]) == name
    result = parse(RawMessage(value=data, headers={"wire-source": b"reg"}))
    assert result.format == name
    assert result.items and all(i.ext.format == name for i in result.items)


@pytest.mark.parametrize("name", FORMATS)
def test_a_fixture_sniffs_as_exactly_one_format(name: str) -> None:
    """Sniffs are exclusive, so the registry's order never decides detection."""
    head = Head(FIXTURES[name].read_bytes().decode("utf-8")[:4096])
    assert [f.name for f in REGISTRY if f.sniff(head)] == [name]


def test_every_alias_resolves_to_its_format() -> None:
    for fmt in REGISTRY:
        for alias in (fmt.name, *fmt.aliases):
            assert resolve_format(alias.upper()) == fmt.name


def test_build_is_the_only_item_constructor() -> None:
    """No reader builds a WireItem itself: markers, datelines and identity live in build()."""
    for module in PARSE.glob("*.py"):
        if module.name == "build.py":
            continue
        tree = ast.parse(module.read_text("utf-8"))
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "WireItem"
        ]
        assert not calls, f"{module.name} constructs WireItem"


def test_every_format_module_follows_the_pattern() -> None:
    """Each format is a module-level ``Format`` of one module of the parse package, and every
    one declared is registered: adding a flavour is one module plus one registry line."""
    declared = []
    for module in sorted(PARSE.glob("*.py")):
        mod = importlib.import_module(f"streams.core.parse.{module.stem}")
        declared += [v for v in vars(mod).values() if isinstance(v, Format)]
    assert {f.name for f in declared} == set(FORMATS)
    assert all(f in REGISTRY for f in declared)
