"""The home of an outlet by its web address: local copy names no place its readers know.

A story the text does not locate ("nurses begin strike at the teaching hospital") is placed by
a reader through the outlet that ran it. Its web address (``ext.link``: a feed entry's link, a
JSON item's url) names the outlet, and the outlet's home comes from, in order:

1. ``web_domains.tsv``: the longest row ending the host ("haaretz.com" -> IL; "co" -> none,
   a country code sold as a brand; "bbc.com" -> none, an outlet of world reach);
2. the host's country-code domain (".ng" -> NG, ".co.za" -> ZA);
3. a country's name in the outlet's own label ("newsroompanama.com", "basketballghana.com"), or
   its nationality at the label's start ("irishtimes.com");
4. a US broadcaster's call sign ("wlbt.com", "kare11.com": W or K and two or three letters).

The caller reads it only for a story nothing else locates (``GeoTagger._outlet_home``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Country names shorter than this must open the outlet's label ("omanobserver"): inside a
#: word they are other words ("woman", "scuba", "malibu").
MIN_INNER_NAME = 6
#: ... but a name of five letters may close the label ("basketballghana", "newskenya"): no
#: English word ends in a country's name that long but "Assyria", "romaine" and "Indochina",
#: while four-letter ones do ("woman", "scuba", "Somali").
MIN_END_NAME = 5
#: A US station's call sign as its domain: K or W, two or three letters, an optional "tv" or
#: channel number (FCC call signs; "wlbt", "kobi5", "wsbtv").
_CALL_SIGN = re.compile(r"[kw][a-z]{2,3}(?:tv|\d{1,2})?")
#: Host labels that name no outlet.
_SERVICE = frozenset({"www", "www1", "www2", "www3", "m", "mobile", "amp", "edition", "en", "news"})


@dataclass(frozen=True, slots=True)
class OutletWords:
    """Folded country names and nationalities (spaces and hyphens removed), longest first."""

    names: tuple[tuple[str, str], ...]
    nationalities: tuple[tuple[str, str], ...]


def host_of(link: str) -> str:
    """The lower-case host of ``link`` without service labels ("www"), "" when none."""
    try:
        host = urlsplit(link).hostname or ""
    except ValueError:
        return ""
    labels = host.lower().rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in _SERVICE:
        labels.pop(0)
    return ".".join(labels)


def outlet_home(
    link: str, domains: Mapping[str, str], words: OutletWords, known: frozenset[str]
) -> tuple[str, str] | None:
    """(ISO2, host) of the outlet at ``link``, or None when its address names no home;
    ``known`` holds the region table's countries."""
    host = host_of(link)
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return None
    for n in range(len(labels)):
        row = domains.get(".".join(labels[n:]))
        if row is not None:
            return (row, host) if row != "-" else None
    cc = labels[-1].upper()
    if cc in known:
        return cc, host
    own = labels[-2].replace("-", "")
    bare = own[3:] if own.startswith("the") else own
    for name, iso in words.names:
        if (
            bare.startswith(name)
            or (len(name) >= MIN_INNER_NAME and name in own)
            or (len(name) >= MIN_END_NAME and own.endswith(name))
        ):
            return iso, host
    for name, iso in words.nationalities:
        if bare.startswith(name):
            return iso, host
    if labels[-1] in ("com", "tv") and _CALL_SIGN.fullmatch(own) and "US" in known:
        return "US", host
    return None
