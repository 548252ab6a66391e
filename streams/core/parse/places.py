"""The agency's own geography: the places a structured file labels the story with.

Real agency files say where a story is, apart from its text: NewsML-G2 ``<subject
type="cpnat:geoArea">`` (with ``<name>``, ``<sameAs>``/``<broader>`` ISO codes, AP's names in
``<assert>``; Reuters' ``N2:`` country codes), ninjs ``place`` (1.x) and ``places`` (2.x, 3.0)
and geography ``subject(s)``, NITF ``<evloc>`` and ``<identified-content>``, NewsML 1.x
``<Location>``, RSS and Atom ``<category>`` in a geography vocabulary. Each becomes a
:class:`~streams.core.model.Place` (ninjs 2.x style: ``name``, ``code`` as ISO 3166-1 alpha-2
when the file gives a country code, ``uri``); geo weighs them as evidence of the story's
countries (:mod:`streams.core.geo.tagger`). Places a reader collects are capped at
:data:`MAX_RAW_PLACES`; :func:`streams.core.parse.build.build` cleans, dedupes and caps them at
:data:`MAX_PLACES`.

What is not read: genres and non-geography subjects (people, organisations, topics); the
filing place (Reuters' ``<located>`` is the desk, NewsML 1.x ``HowPresent="Origin"`` is the
dateline, both read elsewhere, and a G2 ``<located>``'s ``<broader>`` country is not added:
counted beside the dateline it would escape the desk rule); place names inline in a NITF body
(the text already holds them).
"""

from __future__ import annotations

import re
from functools import cache

from streams.core.model import Place

#: Places an item carries. A story is labelled with a handful of places; AP's machine tagging
#: sends a dozen at most. Beyond this the rest are dropped (the output bound: a payload of
#: 100,000 subjects must not make an item of 100,000 places).
MAX_PLACES = 20
#: Longest place name and uri kept (characters).
MAX_PLACE_CHARS = 200
MAX_PLACE_URI_CHARS = 500
#: Places a reader collects per item before ``build`` cleans and caps them (duplicates and
#: blank ones are dropped there, so a reader keeps some more than ``MAX_PLACES``).
MAX_RAW_PLACES = 4 * MAX_PLACES

#: Code schemes whose values are ISO 3166 country codes (alpha-2, alpha-3 or a subdivision
#: such as ``US-NV``): IPTC's ``iso3166-1a2``/``iso3166-1a3`` (and their cv.iptc.org uris),
#: the ``ctry``/``cntry``/``country`` aliases producers declare for them, NITF's ``iso-cc``,
#: and Reuters' ``N2`` codes, whose two-letter values are ISO countries (longer ones, such as
#: ``N2:EUROP``, are topics and regions and are not read as countries).
_COUNTRY_SCHEMES = frozenset(
    {"iso3166-1a2", "iso3166-1a3", "iso3166", "iso3166-2", "ctry", "cntry", "country", "iso-cc"}
)
_SUBDIVISION = re.compile(r"^([A-Z]{2})-[A-Z0-9]{1,3}$")
#: Words in a scheme, uri or type that mark a geography vocabulary (``cpnat:geoArea``,
#: ``apgeography``, ``geonames``, ``http://cv.iptc.org/newscodes/iso3166-1a2/``).
_GEO_WORDS = ("geoarea", "geograph", "geonames", "iso3166", "country", "place", "location")


@cache
def _iso() -> tuple[frozenset[str], dict[str, str]]:
    """ISO 3166-1 alpha-2 codes, and alpha-3 -> alpha-2 (pycountry, loaded on first use)."""
    import pycountry

    alpha2 = frozenset(c.alpha_2 for c in pycountry.countries)
    alpha3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    return alpha2, alpha3


def _split(value: str) -> tuple[str, str]:
    """``iso3166-1a2:GB`` -> (``iso3166-1a2:``, ``GB``); a uri ``.../iso3166-1a2/GB`` too."""
    value = value.strip().rstrip("/")
    cut = max(value.rfind("/"), value.rfind(":"), value.rfind("#"))
    return (value[: cut + 1], value[cut + 1 :]) if cut >= 0 else ("", value)


def _scheme_name(scheme: str) -> str:
    """The vocabulary's own name in a scheme as written: ``iso3166-1a2:``,
    ``http://cv.iptc.org/newscodes/iso3166-1a2/`` -> ``iso3166-1a2``."""
    return scheme.strip().rstrip("/:#").rpartition("/")[2].rpartition(":")[2].lower()


def iso_code(code: str | None, *, scheme_known: bool = False) -> str | None:
    """An ISO 3166-1 alpha-2 code from a country code as producers write it: ``GB``, ``gbr``,
    ``US-NV`` (the subdivision's country). None when it is no country code."""
    if not code:
        return None
    value = code.strip().upper()
    if len(value) > 6:
        return None
    alpha2, alpha3 = _iso()
    m = _SUBDIVISION.match(value)
    if m is not None:
        value = m.group(1)
    if len(value) == 2:
        return value if value in alpha2 else None
    if len(value) == 3 and scheme_known:
        return alpha3.get(value)
    return None


def country_of(qcode: str | None) -> str | None:
    """The ISO alpha-2 code a qcode or uri names, when its scheme is a country scheme
    (``iso3166-1a2:GB``, ``iso3166-1a3:USA``, ``N2:FR``, ``http://cv.iptc.org/newscodes/
    iso3166-1a2/DE``); None otherwise (``geo:2643743``, ``N2:EUROP``, ``medtop:...``)."""
    if not qcode or len(qcode) > MAX_PLACE_URI_CHARS:
        return None
    scheme, code = _split(qcode)
    return country_in(scheme, code)


def country_in(scheme: str | None, code: str | None) -> str | None:
    """:func:`country_of` for a scheme and a code given apart (ninjs 1.x ``scheme``/``code``)."""
    if not scheme or not code or len(scheme) > MAX_PLACE_URI_CHARS:
        return None
    name = _scheme_name(scheme)
    if name == "n2":
        return iso_code(code) if len(code.strip()) == 2 else None
    known = name in _COUNTRY_SCHEMES or name.endswith("country")
    return iso_code(code, scheme_known=True) if known else None


def is_geo(*labels: str | None) -> bool:
    """Whether a type, scheme or uri names a geography vocabulary."""
    return any(label and any(w in label.lower() for w in _GEO_WORDS) for label in labels)


def place(name: str | None, code: str | None = None, uri: str | None = None) -> Place | None:
    """A place as read (not cleaned yet), or None when it has neither a name nor a code."""
    name = name.strip() if name else ""
    if not name and not code:
        return None
    return Place(name=name, code=code, uri=uri.strip() if uri and uri.strip() else None)
