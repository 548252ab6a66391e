"""Which world regions a story is about. Entry point: :class:`GeoTagger`.

(Walking-skeleton version: a handful of country names. Replaced by the gazetteer-based tagger.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from streams.core.model import Evidence, Focus, WireItem

UNLOCATED = "unlocated"

_COUNTRIES = {
    "Ukraine": ("UA", "europe"), "Russia": ("RU", "europe"), "France": ("FR", "europe"),
    "Germany": ("DE", "europe"), "Israel": ("IL", "middle-east"), "Iran": ("IR", "middle-east"),
    "Egypt": ("EG", "middle-east"), "Nigeria": ("NG", "africa"), "Kenya": ("KE", "africa"),
    "South Africa": ("ZA", "africa"), "Japan": ("JP", "asia-pacific"),
    "Pakistan": ("PK", "asia-pacific"), "China": ("CN", "asia-pacific"),
    "Brazil": ("BR", "americas"), "Mexico": ("MX", "americas"), "Canada": ("CA", "americas"),
}
_PATTERN = re.compile(r"\b(" + "|".join(re.escape(n) for n in _COUNTRIES) + r")\b")


@dataclass(slots=True)
class GeoResult:
    regions: list[str] = field(default_factory=list)
    focus: list[Focus] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


class GeoTagger:
    """Built once at start-up, then shared by every item."""

    def __init__(self, regions: tuple[str, ...]) -> None:
        self._regions = regions

    @classmethod
    def load(cls, region_table: Path | None = None) -> GeoTagger:
        return cls(("europe", "middle-east", "africa", "asia-pacific", "americas"))

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region name this tagger can emit, in table order (without ``unlocated``)."""
        return self._regions

    def tag(self, item: WireItem) -> GeoResult:
        result = GeoResult()
        scores: dict[str, float] = {}
        for fld, text in (("headline", item.headline), ("body", item.body)):
            for m in _PATTERN.finditer(text):
                iso, _region = _COUNTRIES[m.group(1)]
                weight = 3.0 if fld == "headline" else 1.0
                scores[iso] = scores.get(iso, 0.0) + weight
                result.evidence.append(Evidence(m.group(1), fld, m.start(), m.end(),
                                                "country-name", iso, weight))
        region_of = {iso: region for iso, region in _COUNTRIES.values()}
        for iso, score in sorted(scores.items(), key=lambda kv: -kv[1]):
            result.focus.append(Focus(iso, score))
            if region_of[iso] not in result.regions:
                result.regions.append(region_of[iso])
        return result
