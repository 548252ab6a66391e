"""Human-readable evidence for ``wire explain``: why the item went where it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streams.core.model import WireItem

if TYPE_CHECKING:
    from streams.core.geo.tagger import GeoResult


def explain(item: WireItem, result: GeoResult) -> str:
    lines = [f"regions: {', '.join(result.regions) or 'unlocated'}"]
    if result.focus:
        lines.append(
            "focus:   " + ", ".join(f"{f.country} {f.name} ({f.score:.2f})" for f in result.focus)
        )
    if result.evidence:
        lines.append("evidence:")
        for e in result.evidence:
            lines.append(
                f"  {e.field:<8} [{e.start:>5}:{e.end:<5}] {e.text!r:<28} "
                f"{e.country or '-':<3} {e.rule:<22} {e.weight:5.2f}"
            )
    else:
        lines.append(f"evidence: none (item {item.uri})")
    return "\n".join(lines)
