"""Human-readable evidence for ``wire explain``: why the item went where it went, and why a
name that looks like a place was not read as one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streams.core.geo.gazetteer import DATA_DIR
from streams.core.geo.text import fold
from streams.core.model import WireItem

if TYPE_CHECKING:
    from streams.core.geo.tagger import GeoResult

#: Why a rule set a name's weight to nothing (or cut it), in an editor's words.
REASONS = {
    "person-name": (
        "a person: a first name stands before it, or the name speaks or governs"
        ' ("Taylor said", "the Bush administration")'
    ),
    "person-surname": "a person: the same name follows a first name elsewhere in the story",
    "person-first": "a person: the same name opens a full name elsewhere in the story",
    "ner-person": "a person, by the entity model",
    "ner-org": "an organisation's name, by the entity model",
    "name-part": "inside a longer name (person, club, company): weak evidence at most",
    "compound-name": "part of a hyphenated name",
    "sport-stat": 'a baseball statistic ("an RBI double", "three RBI"), not the institution',
    "title": "a work's title in quotes after its noun (\"fifth album 'Austin'\"): no place",
    "street-name": (
        'names a street, park, mall or base ("Navarre Park", "Burma Camp"), not news from there'
    ),
    "river-name": (
        'names a river ("the River Lamia"), not the town or country it shares its name with '
        "(river_words.txt)"
    ),
    "street-form": (
        'a street by its form ("on Via España", "the intersection of Juba Spring and ..."): '
        "a street of the story's own town, not news from the place it is named after"
    ),
    "event": "a named agreement or event, not news from there",
    "origin": "where someone comes from or who leads them (-based, -born, -led), not the place",
    "route": (
        'where a journey was headed ("a boat bound for Italy", "trying to reach Europe"), not '
        "where the story happens (route_words.txt)"
    ),
    "institution": 'part of an institution\'s name ("US Federal Reserve"), counted there',
    "pair": 'one of two countries joined by a dash ("US-Iran talks"): modifies a joint thing',
    "nationality": 'a person\'s nationality ("Anish Giri of Holland"): weighed like a demonym',
    "attributive": 'the nationality of people it qualifies ("a US envoy"): like a demonym',
    "unnamed": (
        "a world area's people or one country the copy leaves unnamed (\"nationals of an Asian "
        'country"): no place'
    ),
    "background": 'a past event in a time clause ("since Russia\'s invasion"): background',
    "edition": 'a place before a year ("Athens 2004"): an event\'s edition, no second region',
    "opponent": 'a national side in a result ("the Boks beat France 37-15"): no place',
    "list": (
        'one of four or more countries enumerated ("Britain, China, France, Germany and Iran '
        'signed"): parties or members, a passing mention at half weight'
    ),
    "market": 'names a market instrument or data series ("US dollar", "U.S. crude stocks")',
    "market-report": (
        "a world market report (commodity headline, price per barrel or ounce): drives the price, "
        "not where it happens"
    ),
    "acronym": (
        'initials the story defined after a country\'s body ("Central Bank of Nigeria (CBN)"): '
        "that body wherever the story uses them"
    ),
    "backdrop": 'names a country\'s economy, policy or press ("the US economy"): no second region',
    "currency-sign": 'part of a currency\'s sign before an amount ("US$600"): no place',
    "site": 'a demonym before a fixed site ("a Mexican hospital"): a place mention',
    "state-actor": (
        'a demonym before its forces or office-holders in a headline ("Kenyan police"): '
        "the state acting, a candidate second region"
    ),
    "club": (
        'a town named after its football club\'s article ("o Vitória", "el Sevilla", "la '
        "Roma\"): the club, evidence of the club's country"
    ),
    "firm": (
        'a town that opens the full name of a firm the story gives ("Anchorage Capital '
        'Partners"), named alone ("Anchorage bought"): the firm, evidence of its home only'
    ),
    "league": (
        'another country\'s league of a shared name ("the Israeli Premier League"): not the '
        "league the name alone means"
    ),
    "short-city": "a city name under four letters: too often a word",
    "city-other": "qualified as being in another country",
    "home-word": "an ordinary word of the copy's language that is also a town (Big Wedding)",
    "unconfirmed": (
        "a common word or name, or a town named only in the text; its country has no other evidence"
    ),
    "lone-town": (
        "a town named only in the text, the one country the story names at all: its town, "
        "by the desk's reading (one reading of its size, no person's or word's name, in a "
        "place's position or before a noun it modifies)"
    ),
    "currency-subject": (
        "a currency of one country named in the headline: the story's subject, its money"
    ),
    "currency-region": (
        "a currency several countries of one region share, named in the headline: the "
        "story's subject, its region's money (no one country)"
    ),
    "dateline-extra": "second part of the dateline: one dateline, one vote",
    "money-extra": 'another amount in the same money ("R13.25 to R13.45"): one vote a country',
    "dateline-copy": "the dateline repeated at the top of the body: counted once",
    "abbreviation": (
        'the name\'s own abbreviation in brackets right after it ("United Arab Emirates (UAE)"): '
        "one mention, counted once"
    ),
    "desk": "the filing desk: the story itself is about somewhere else",
    "seat": (
        'an international body\'s seat ("a briefing in Geneva" in a WHO story): where the '
        "body sits, not where the story happens (body_seats.tsv)"
    ),
    "desk-signal": "the editing desk (wirestream.desk): only adds to a region the story names",
    "homonym-state": "a town of that name in the state the story names",
    "homonym-local": "a local town of that name: the story speaks of local government there",
    "agency-place": "the producer's own geography metadata (places): one vote per country",
    "agency-desk": "a producer's place the text never names, in a story about somewhere else",
    "agency-place-extra": "another of the producer's places in a country already counted",
    "city+civic": 'its own government is named ("Austin City Council"): the town itself',
    "city-qualified": 'placed by a qualifier ("Cairo, Ga.") here or earlier in the story',
    "county": 'an English county closing an address ("Blakeney Point, Norfolk")',
    "infosource": "a home outlet credited in infosources: locates a story naming no place",
    "signoff": "a national agency signing off the copy: locates a story naming no place",
    "outlet-url": "the home of the outlet at the item's web address: a story naming no place",
    "url-slug": "the one country the item's web address names in its path: a story naming no place",
    "source-home": "the home of the ingest source (WIRE_SOURCE_HOMES): a story naming no place",
    "outlet-home": (
        "the home of the outlet at the item's web address, speaking the copy's language: home "
        "news (words of home affairs) naming no place"
    ),
    "lang-home": (
        "home news (words of home affairs) in a language whose every home lies in one region, "
        "read without a web address: that region, no country"
    ),
    "service": "the readers' own police or agency by its common name: a story naming no place",
    "service-abroad": (
        "a home service's common name in a story naming another country: the police there"
    ),
    "small-town": (
        "a small town of a country where English is at home, in a place's position or before a "
        "noun it modifies (\"Staunton man held\"), one reading, no word's or person's name: a "
        "story naming nothing else"
    ),
    "lang-town": (
        "a small town of the copy's home country after a place preposition of its language "
        '("in Ostbevern") or with a place case ending ("Somerolla", "Sarayönü\'nde"): a story '
        "naming nothing else"
    ),
    "town-noun": (
        'a town named after a unit or institution noun ("جامعة سوهاج", Sohag University): a '
        "story naming nothing else"
    ),
}


#: What a ``leader`` mention found through ``legislators.tsv`` is (session 36, hgeo97).
LEGISLATOR = (
    "legislator: a member of a national legislature (legislators.tsv, EveryPolitician 2015): "
    "weak evidence, locates a story naming nothing else"
)
_legislator_names: list[frozenset[str]] = []


def legislators() -> frozenset[str]:
    """Folded names of ``legislators.tsv``, read once."""
    if not _legislator_names:
        lines = (DATA_DIR / "legislators.tsv").read_text(encoding="utf-8").splitlines()
        _legislator_names.append(
            frozenset(
                " ".join(fold(line.split("\t")[0]).split())
                for line in lines
                if line.strip() and not line.startswith("#")
            )
        )
    return _legislator_names[0]


def _reason(rule: str, text: str) -> str:
    if rule == "leader" and " ".join(fold(text).split()) in legislators():
        return LEGISLATOR
    return REASONS.get(rule, "")


def explain(item: WireItem, result: GeoResult) -> str:
    lines = [f"regions: {', '.join(result.regions) or 'unlocated'}"]
    if item.language:
        lines.append(f"language: {item.language}")
    if result.focus:
        lines.append(
            "focus:   " + ", ".join(f"{f.country} {f.name} ({f.score:.2f})" for f in result.focus)
        )
    if result.evidence:
        lines.append("evidence:")
        for e in result.evidence:
            why = _reason(e.rule, e.text)
            lines.append(
                f"  {e.field:<8} [{e.start:>5}:{e.end:<5}] {e.text!r:<28} "
                f"{e.country or '-':<3} {e.rule:<22} {e.weight:5.2f}"
                + (f"  ({'rejected: ' if e.weight == 0 else ''}{why})" if why else "")
            )
    else:
        lines.append(f"evidence: none (item {item.uri})")
    return "\n".join(lines)
