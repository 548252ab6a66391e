"""The home of an outlet by its web address: local copy names no place its readers know.

A story the text does not locate ("nurses begin strike at the teaching hospital") is placed by
a reader through the outlet that ran it. Its web address (``ext.link``: a feed entry's link, a
JSON item's url) names the outlet, and the outlet's home comes from, in order:

1. ``web_domains.tsv``: the longest row ending the host ("haaretz.com" -> IL; "co" -> none,
   a country code sold as a brand; "bbc.com" -> none, an outlet of world reach);
2. the host's country-code domain (".ng" -> NG, ".co.za" -> ZA);
3. a country's name in the outlet's own label ("newsroompanama.com", "basketballghana.com",
   "bequal-laos.org": a hyphen-separated part, however short), or
   its nationality at the label's start ("irishtimes.com"), or a town's name followed only by
   masthead words ("steinbachonline.com", "miamitimesonline.com", and a national capital's
   English-language paper, "praguemonitor.com", since session 21: :func:`town_outlet`);
4. a US broadcaster's call sign ("wlbt.com", "kare11.com": W or K and two or three letters).

Before the outlet, the page's own path: a slug often repeats the story's first headline, and
one that names a country ("/ghana-secures-delayed-interest-payments", "/report/somalia/
cholera-situation-somalia") says what the story is about where a rewritten headline and
body say only "the government" (:func:`slug_country`, session 18).

The caller reads it only for a story nothing else locates (``GeoTagger._outlet_home``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

#: Country names shorter than this must open the outlet's label ("omanobserver"): inside a
#: word they are other words ("woman", "scuba", "malibu").
MIN_INNER_NAME = 6
#: ... but a name of five letters may close the label ("basketballghana", "newskenya"): no
#: English word ends in a country's name that long but "Assyria", "romaine" and "Indochina",
#: while four-letter ones do ("woman", "scuba", "Somali").
MIN_END_NAME = 5
#: Over a country-code domain or a suffix row, a name opening or inside the label must be this
#: long: shorter ones open other words and the domain's own country is the better guess
#: ("nigerdeltapost.com.ng" is Nigeria's, "malibutimes", "chadwellgazette", "jordanstown").
MIN_OVER_SUFFIX_NAME = 7
#: The shortest town name an outlet's label is read for ("bath", "york"; "ely" is a word).
MIN_TOWN_LABEL = 4
#: Second-level labels of a country-code domain ("co.uk", "com.ng", "org.za"): no outlet's name.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go", "ltd"})
#: A US station's call sign as its domain: K or W, two or three letters, an optional "tv" or
#: channel number (FCC call signs; "wlbt", "kobi5", "wsbtv").
_CALL_SIGN = re.compile(r"[kw][a-z]{2,3}(?:tv|\d{1,2})?")
#: Host labels that name no outlet.
_SERVICE = frozenset({"www", "www1", "www2", "www3", "m", "mobile", "amp", "edition", "en", "news"})
#: A slug's words: runs of letters ("cholera-situation-somalia-november-2017").
_SLUG_WORD = re.compile(r"[a-z]+")
#: The most words a country's name spans ("saint-vincent-and-the-grenadines").
_SLUG_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class OutletWords:
    """Folded country names and nationalities (spaces and hyphens removed), longest first."""

    names: tuple[tuple[str, str], ...]
    nationalities: tuple[tuple[str, str], ...]
    #: Folded towns of one clear reading in a country where English is at home, by label
    #: ("steinbach" -> CA, "siouxcity" -> US), and the masthead words that may follow them
    #: (``press_words.txt``: "online", "times"): "steinbachonline" is Steinbach's outlet.
    towns: Mapping[str, str] = field(default_factory=dict)
    press: frozenset[str] = frozenset()


#: Path sections of an outlet's foreign desk ("lemonde.fr/afrique/...", "publico.pt/.../mundo/",
#: "europapress.es/latam/", ``foreign_sections.txt``): copy filed there is about abroad, so its
#: home words ("le gouvernement", "impostos") are another country's (``GeoTagger._home_outlet``,
#: session 22).
FOREIGN_SECTIONS = frozenset(
    line.strip()
    for line in (Path(__file__).resolve().parents[2] / "data" / "geo" / "foreign_sections.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


def foreign_section(link: str) -> bool:
    """Whether the path of ``link`` files the page under a foreign desk
    (:data:`FOREIGN_SECTIONS`)."""
    try:
        path = urlsplit(link).path.lower()
    except ValueError:
        return False
    return not FOREIGN_SECTIONS.isdisjoint(path.split("/")[:-1])


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
    # The outlet's own label: the one before the public suffix ("newsdzezimbabwe" of
    # "newsdzezimbabwe.co.uk", "example" of "omanobserver.om.example.com").
    mine = len(labels) - 2
    while mine > 0 and labels[mine] in _SECOND_LEVEL:
        mine -= 1
    for n in range(len(labels)):
        row = domains.get(".".join(labels[n:]))
        if row is not None:
            if (
                row != "-"
                and n > mine
                and (named := _named(labels[mine], words, MIN_OVER_SUFFIX_NAME)) is not None
            ):
                # Session 24 (a57-015): a suffix row ("uk" GB) says where the outlet
                # registered; a country its own label names ("newsdzezimbabwe.co.uk", a
                # diaspora outlet) says whose news it is.
                return named, host
            return (row, host) if row != "-" else None
    cc = labels[-1].upper()
    if cc in known:
        return _named(labels[mine], words, MIN_OVER_SUFFIX_NAME) or cc, host
    named = _named(labels[-2], words)
    if named is not None:
        return named, host
    own = labels[-2].replace("-", "")
    bare = own[3:] if own.startswith("the") else own
    for name, iso in words.nationalities:
        if bare.startswith(name):
            return iso, host
    town = town_outlet(bare, words)
    if town is not None:
        return town, host
    if labels[-1] in ("com", "tv") and _CALL_SIGN.fullmatch(own) and "US" in known:
        return "US", host
    return None


def _named(label: str, words: OutletWords, opening: int = 0) -> str | None:
    """ISO2 of a country whose name ``label`` holds ("newsroompanama", "basketballghana",
    "bequal-laos"), or None; a name opening the label or inside it counts when at least
    ``opening`` letters long (``MIN_OVER_SUFFIX_NAME`` over a country's domain)."""
    own = label.replace("-", "")
    bare = own[3:] if own.startswith("the") else own
    # A hyphen makes each part a word of its own ("bequal-laos"): a short name there ends no
    # other word, as it may inside a joined label ("woman", "scuba").
    parts = frozenset(label.split("-")) if "-" in label else frozenset()
    for name, iso in words.names:
        if (
            (bare.startswith(name) and len(name) >= opening)
            or (len(name) >= max(MIN_INNER_NAME, opening) and name in own)
            or (len(name) >= MIN_END_NAME and own.endswith(name))
            or name in parts
        ):
            return iso
    return None


def town_outlet(label: str, words: OutletWords) -> str | None:
    """ISO2 of the town that opens ``label`` when only masthead words follow it ("steinbach" +
    "online", "miami" + "times" + "online", "york" + "fm" + "107": a number may close it), or
    None. Local papers and stations are named after their town; the masthead word is the
    context that tells the outlet's town from a word or a brand ("readingchronicle" stays
    out: Reading is a stop-listed word, ``words.towns`` holds none)."""
    for cut in range(len(label) - 2, MIN_TOWN_LABEL - 1, -1):
        iso = words.towns.get(label[:cut])
        if iso is not None and _masthead(label[cut:].rstrip("0123456789"), words.press):
            return iso
    return None


def _masthead(rest: str, press: frozenset[str]) -> bool:
    """``rest`` is one or two masthead words ("online", "timesonline")."""
    if rest in press:
        return True
    return any(rest[:n] in press and rest[n:] in press for n in range(2, len(rest) - 1))


def slug_country(
    link: str, names: Mapping[str, str], after: frozenset[str] = frozenset()
) -> tuple[str, str] | None:
    """(ISO2, name) of the one country the path of ``link`` names in whole words, or None.

    A page's slug is its first headline or its section ("/ghana-secures-delayed-interest-
    payments", "/report/somalia/..."): a reader of the address takes its country as the
    story's. ``names``: country names as words joined by spaces ("south africa" -> ZA); one
    with another reading maps to "" and makes no home, for a slug gives no context to settle
    "turkey" or "jordan", and a longer place name around a country's maps to "-", its words
    spent on no country ("new-mexico", "latin-america"; the tagger's ``_slug_names``), as is a
    name followed by a word of ``after`` ("london-ont", "rome-tex": a namesake's state). Words
    are matched whole and in order, longest first, so "to-go" is not Togo and "south-africa"
    is no "africa"; two countries named make no home either (a slug naming both sides of a
    match or a deal)."""
    try:
        path = urlsplit(link).path.lower()
    except ValueError:
        return None
    tokens = _SLUG_WORD.findall(path)
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        step = 1
        for n in range(min(_SLUG_NAME_WORDS, len(tokens) - i), 0, -1):
            name = " ".join(tokens[i : i + n])
            iso = names.get(name)
            if iso is not None:
                if i + n < len(tokens) and tokens[i + n] in after:
                    iso, n = "-", n + 1  # "london-ont": a namesake and its state, no country
                if iso != "-":  # "-": a longer place name ("new-mexico"), no country's
                    found.setdefault(iso, name)
                step = n
                break
        i += step
    if len(found) != 1 or "" in found:
        return None
    ((iso, name),) = found.items()
    return iso, name
