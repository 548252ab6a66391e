"""The country -> region(s) table: versioned data, swappable by configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from streams import jsonio

DEFAULT_TABLE = Path(__file__).resolve().parents[2] / "data" / "geo" / "regions" / "default-v1.json"


@dataclass(frozen=True, slots=True)
class RegionTable:
    """Which desk(s) each country's copy goes to; order of ``regions`` is the table's order."""

    name: str
    version: int
    regions: tuple[str, ...]
    countries: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: Path | None = None) -> RegionTable:
        data = jsonio.loads((path or DEFAULT_TABLE).read_bytes())
        regions = tuple(str(r) for r in data["regions"])
        countries: dict[str, tuple[str, ...]] = {}
        for iso, mapped in data["countries"].items():
            names = (mapped,) if isinstance(mapped, str) else tuple(mapped)
            unknown = [r for r in names if r not in regions]
            if unknown:
                raise ValueError(f"{path}: {iso} maps to unknown region(s) {unknown}")
            countries[str(iso).upper()] = names
        return cls(str(data.get("name", "custom")), int(data.get("version", 1)), regions, countries)

    def of(self, country: str) -> tuple[str, ...]:
        return self.countries.get(country, ())
