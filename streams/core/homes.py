"""Where an ingest source's outlet is at home: ``WIRE_SOURCE_HOMES`` (``punch-feed=NG,jpost=IL``).

A local outlet's stories often name no place at all (a nurses' strike "at the Health Ministry",
a council vote): its readers know where it is. When the operator knows it too, the source's
home country locates such a story, as weak evidence only (``GeoTagger``, rule ``source-home``).
"""

from __future__ import annotations

from streams.core.identity import source_slug

#: Codes the gazetteer knows that ISO 3166-1 has not assigned: Kosovo (``country_aliases.tsv``).
_EXTRA = frozenset({"XK"})


def _known(iso: str) -> bool:
    """Whether ISO 3166-1 assigns ``iso``; pycountry is imported only when the setting is set,
    so reading settings stays cheap for every ``wire`` command."""
    import pycountry

    return pycountry.countries.get(alpha_2=iso) is not None


def parse_source_homes(text: str) -> dict[str, str]:
    """``"punch-feed=NG,jpost=IL"`` -> ``{"punch-feed": "NG", "jpost": "IL"}``: source slugs
    (as ``identity.source_slug`` writes them, so ``Punch Feed`` and ``punch-feed`` are one) to
    ISO 3166-1 alpha-2 codes. Raise ``ValueError`` naming the fault on a malformed pair, an
    unknown country code or a source given two homes: a typo must stop the worker at start, not
    route a feed's stories to the wrong desk."""
    homes: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        name, sep, code = pair.partition("=")
        slug, iso = source_slug(name), code.strip().upper()
        if not sep or not name.strip() or not iso:
            raise ValueError(f"{pair!r} is not SOURCE=CC (an ISO 3166-1 alpha-2 country code)")
        if len(iso) != 2 or not iso.isalpha() or (iso not in _EXTRA and not _known(iso)):
            raise ValueError(
                f"{pair!r}: {code.strip()!r} is no ISO 3166-1 alpha-2 country code (e.g. NG, IL)"
            )
        if homes.get(slug, iso) != iso:
            raise ValueError(f"source {slug!r} is given two homes ({homes[slug]} and {iso})")
        homes[slug] = iso
    return homes
