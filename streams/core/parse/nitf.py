"""NITF 3.x documents → one item.

``management-status="embargoed"`` (PA) is an embargo, not a withholding: the item is
usable, routed, and carries ``embargoed`` (``date.release``, the time it may run). AAP's
``<meta name="anpa-keyword">`` is the slug. EFE writes a timestamp in ``<dateline>``:
a dateline text holding a digit is not taken as a place.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from streams.core.model import AltId, Place
from streams.core.parse.build import Fields, pubstatus_of, to_int
from streams.core.parse.contract import Format, xml_reader, xml_root
from streams.core.parse.dates import to_iso
from streams.core.parse.places import MAX_RAW_PLACES, iso_code, place
from streams.core.parse.xmlsafe import (
    attr,
    child,
    descendant,
    kids,
    local,
    paragraphs,
    spaced_text,
    text,
)

NAME = "nitf"


def read_nitf(root: ET.Element) -> list[Fields]:
    """Fields of the single story a NITF document holds."""
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    bhead = child(body, "body.head")
    hedline = child(bhead, "hedline")
    f = Fields()
    title = text(child(head, "title"))
    f.headline = text(child(hedline, "hl1")) or title
    if title:
        f.unused.append(title)
    subs = [v for v in (text(h) for h in kids(hedline, "hl2")) if v]
    f.subheadline = subs[0] if subs else None
    f.unused += subs[1:]  # a second hl2 (a kicker, a deck): reported unless held
    f.native_id = attr(child(docdata, "doc-id"), "id-string")
    f.versioncreated = to_iso(attr(child(docdata, "date.issue"), "norm"))
    f.firstcreated = to_iso(attr(child(docdata, "date.release"), "norm")) or f.versioncreated
    f.urgency = to_int(attr(child(docdata, "urgency"), "ed-urg"))
    f.ednote = attr(child(docdata, "ed-msg"), "info")
    f.pubstatus = pubstatus_of(attr(docdata, "management-status"))
    f.embargoed = embargo(docdata)
    if f.embargoed:
        # date.release is the embargo's end here, not when the story was first written.
        f.firstcreated = f.versioncreated
    f.language = attr(root, "lang") or attr(body, "lang")
    copyright_el = child(docdata, "doc.copyright")
    if copyright_el is not None:
        holder = attr(copyright_el, "holder")
        year = attr(copyright_el, "year")
        if holder:
            f.copyrightnotice = f"Copyright {year} {holder}" if year else f"Copyright {holder}"
    f.usageterms = attr(child(docdata, "doc.rights"), "usage") or text(child(docdata, "doc.rights"))
    key = attr(child(docdata, "du-key"), "key") or anpa_keyword(head)
    if key:
        f.altids.append(AltId("slug", key))
    version = to_int(attr(child(docdata, "du-key"), "version"))
    if version:
        f.version = version
    dateline = child(bhead, "dateline")
    f.located = _location(child(dateline, "location")) or text(descendant(dateline, "city"))
    if f.located is None and dateline is not None:
        f.located = _dateline_place(dateline)
    f.byline = byline_text(child(bhead, "byline"))
    distributor = text(child(bhead, "distributor"))
    if distributor:
        f.providers.append(distributor)
    for source in kids(child(head, "docdata"), "doc.source"):
        name = attr(source, "name")
        if name:
            f.providers.append(name)
    if dateline is not None:
        f.unused.append(spaced_text(dateline) or "")
    f.description = paragraphs(child(bhead, "abstract"))
    f.body = paragraphs(child(body, "body.content"))
    if f.byline is None:
        f.byline, f.body = split_byline(f.body)
    # body.end: a tagline ("Reporting by ...") and a bibliography close the story as sent.
    end = "\n\n".join(filter(None, (paragraphs(c) for c in child(body, "body.end") or ())))
    if end:
        f.body = f"{f.body}\n\n{end}" if f.body else end
    f.places = docdata_places(docdata)
    return [f]


def docdata_places(docdata: ET.Element | None) -> list[Place]:
    """The story's places in NITF ``docdata``: ``<evloc>`` (where the event happened: ``city``,
    ``state-prov``, ``county-dist`` and ``iso-cc`` attributes) and the ``<location>``,
    ``<country>``, ``<region>``, ``<state>`` and ``<city>`` of ``<identified-content>``. Place
    names inline in the body are not read: the text already holds them."""
    out: list[Place] = []
    for ev in kids(docdata, "evloc"):
        name = attr(ev, "city") or attr(ev, "county-dist") or attr(ev, "state-prov") or text(ev)
        out.append(place(name, _cc(ev), None) or Place())
        if len(out) >= MAX_RAW_PLACES:
            break
    for content in kids(docdata, "identified-content"):
        for node in content:
            kind = local(node.tag)
            if kind == "location":
                country = next((c for c in node.iter() if local(c.tag) == "country"), None)
                name = _location(node)
                code = _cc(node) or _cc(country)
            elif kind in ("country", "region", "state", "city"):
                name, code = text(node), _cc(node) if kind == "country" else None
            else:
                continue
            out.append(place(name, code, attr(node, "location-code")) or Place())
            if len(out) >= MAX_RAW_PLACES:
                break
    return [p for p in out[:MAX_RAW_PLACES] if p.name or p.code]


def _cc(el: ET.Element | None) -> str | None:
    """An element's ``iso-cc`` attribute as an ISO 3166-1 alpha-2 code (alpha-3 accepted)."""
    return iso_code(attr(el, "iso-cc"), scheme_known=True)


def embargo(docdata: ET.Element | None) -> str | None:
    """The embargo time of an embargoed NITF ``docdata`` (``date.release``), else None."""
    if (attr(docdata, "management-status") or "").strip().lower() != "embargoed":
        return None
    release = child(docdata, "date.release")
    return to_iso(attr(release, "norm") or text(release))


def anpa_keyword(head: ET.Element | None) -> str | None:
    """AAP's slug: ``<meta name="anpa-keyword" content="...">`` in the NITF head."""
    for meta in kids(head, "meta"):
        if (attr(meta, "name") or "").lower() == "anpa-keyword":
            value = (attr(meta, "content") or "").strip()
            if value:
                return value
    return None


#: A first paragraph that is only a byline (``By A Writer``): short, no sentence end.
MAX_BYLINE_CHARS = 80


def split_byline(body: str | None) -> tuple[str | None, str | None]:
    """``(byline, rest)`` when the body opens with a ``By ...`` paragraph, else ``(None, body)``."""
    if not body:
        return None, body
    first, _, rest = body.partition("\n\n")
    if (
        first[:3].lower() == "by "
        and len(first) <= MAX_BYLINE_CHARS
        and not first.rstrip().endswith((".", "!", "?"))
        and rest.strip()
    ):
        return first.strip(), rest
    return None, body


#: Parts of a NITF ``<location>``, joined with commas (``Oslo, Norway``).
_LOCATION_PARTS = ("sublocation", "city", "state", "region", "country")


def byline_text(byline: ET.Element | None) -> str | None:
    """A NITF ``<byline>``: ``<person>`` and ``<byttl>`` (the writer's title) read apart
    (``Carmen Invented, Science Correspondent``), not run together."""
    if byline is None:
        return None
    parts = [byline.text or ""]
    for node in byline:
        value = text(node) or ""
        before = "".join(parts).strip()
        if local(node.tag) == "byttl" and value and before and not before.endswith(","):
            parts.append(", ")  # the only comma added; the sender's are kept as sent
        parts += [value, " ", node.tail or ""]
    return " ".join("".join(parts).split()).replace(" ,", ",") or None


def _location(location: ET.Element | None) -> str | None:
    """A dateline ``<location>``: its ``city``/``state``/``country`` parts joined by commas
    (their text run together read ``OsloNorway``), else its whole text."""
    if location is None:
        return None
    parts = [text(c) for c in location if local(c.tag) in _LOCATION_PARTS]
    if any(parts):
        return ", ".join(p for p in parts if p)
    return text(location)


def _dateline_place(dateline: ET.Element) -> str | None:
    """The place of a free-text dateline, or None when it is a timestamp (EFE)."""
    parts = [dateline.text or ""]
    for node in dateline:
        if node.tag != "story.date":
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    place = "".join(parts).split(",")[0].strip()
    if not place or any(ch.isdigit() for ch in place):
        return None
    return place


FORMAT: Format = Format(
    NAME,
    sniff=xml_root("nitf"),
    read=xml_reader(NAME, read_nitf),
    spec="IPTC NITF 3.x (iptc.org/std/NITF)",
)
