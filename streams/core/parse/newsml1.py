"""NewsML 1.x (1.2), as AFP and several national agencies deliver it → one item per NewsItem.

Layout (IPTC NewsML 1.2): ``NewsML > NewsItem > Identification/NewsIdentifier`` (ProviderId,
DateId, NewsItemId, RevisionId, PublicIdentifier), ``NewsManagement`` (Status, Urgency,
FirstCreated, ThisRevisionCreated, Instruction, StatusWillChange), and a ``NewsComponent``
(nested ones too) with ``NewsLines`` (HeadLine, SubHeadLine, SlugLine, DateLine, ByLine,
CopyrightLine, NewsLine) and ``ContentItem``/``DataContent`` holding NITF or text.

The uri is the item without its revision (``urn:newsml:<provider>:<date>:<id>``), so each
revision is an update of the same story and ``RevisionId`` is its version. A ``Status``
of ``Canceled`` is a kill; ``Embargoed`` is routed with ``embargoed`` (the time
``StatusWillChange`` names). Pictures and other non-text components are not read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from streams.core.model import AltId, Place
from streams.core.parse.build import Fields, pubstatus_of, to_int
from streams.core.parse.contract import Format, xml_reader, xml_root
from streams.core.parse.dates import to_iso
from streams.core.parse.nitf import anpa_keyword, docdata_places
from streams.core.parse.places import MAX_RAW_PLACES, iso_code, place
from streams.core.parse.xmlsafe import attr, child, descendant, kids, paragraphs, text

NAME = "newsml-1"

#: ``Instruction FormalName`` values that are version signals.
_INSTRUCTIONS = {
    "correction": "correction",
    "update": "update",
    "kill": "kill",
    "rectification": "correction",
    "refile": "refile",
}


def read_newsml1(root: ET.Element) -> list[Fields]:
    """Fields of every NewsItem of a NewsML 1.x document."""
    items = [root] if root.tag == "NewsItem" else list(root.iter("NewsItem"))
    return [_item(el, root) for el in items]


def _formal(el: ET.Element | None) -> str | None:
    value = attr(el, "FormalName")
    return value.strip() if value and value.strip() else None


def _item(el: ET.Element, root: ET.Element) -> Fields:
    f = Fields()
    ident = child(el, "Identification", "NewsIdentifier")
    provider = text(child(ident, "ProviderId"))
    date_id = text(child(ident, "DateId"))
    item_id = text(child(ident, "NewsItemId"))
    if provider and date_id and item_id:
        f.native_id = f"urn:newsml:{provider}:{date_id}:{item_id}"
    else:
        public = text(child(ident, "PublicIdentifier"))
        f.native_id = public.rsplit(":", 1)[0] if public and public.count(":") > 4 else public
    f.version = to_int(text(child(ident, "RevisionId")))
    if f.native_id:
        f.altids.append(AltId("guid", f.native_id))
    mgmt = child(el, "NewsManagement")
    status = (_formal(child(mgmt, "Status")) or "").lower()
    f.pubstatus = pubstatus_of(status)
    f.urgency = to_int(_formal(child(mgmt, "Urgency")))
    f.firstcreated = to_iso(text(child(mgmt, "FirstCreated")))
    f.versioncreated = to_iso(text(child(mgmt, "ThisRevisionCreated"))) or to_iso(
        text(child(root, "NewsEnvelope", "DateAndTime"))
    )
    for instruction in kids(mgmt, "Instruction"):
        code = (_formal(instruction) or "").lower()
        if code in _INSTRUCTIONS:
            f.signals.append(_INSTRUCTIONS[code])
    if status == "embargoed":
        f.embargoed = to_iso(text(child(mgmt, "StatusWillChange", "DateAndTime")))
    component = child(el, "NewsComponent")
    f.language = attr(el, "lang") or _formal(descendant(component, "Language"))
    lines = descendant(component, "NewsLines")
    f.headline = text(child(lines, "HeadLine"))
    f.subheadline = text(child(lines, "SubHeadLine"))
    f.byline = text(child(lines, "ByLine"))
    f.copyrightnotice = text(child(lines, "CopyrightLine"))
    slug = text(child(lines, "SlugLine")) or text(child(el, "Identification", "NameLabel"))
    if slug:
        f.altids.insert(0, AltId("slug", slug))
    dateline = text(child(lines, "DateLine"))
    if dateline:
        place = dateline.split(",")[0].split("(")[0].strip()
        f.located = place if place and not any(c.isdigit() for c in place) else None
        f.unused.append(dateline)  # its date and credit, reported unless a field holds them
    for keyword_line in kids(lines, "KeywordLine"):
        f.unused.append(text(keyword_line) or "")
    for line in kids(lines, "NewsLine"):
        kind = (_formal(child(line, "NewsLineType")) or "").lower().replace(" ", "")
        value = text(child(line, "NewsLineText"))
        if value and kind in ("ednote", "editorialnote", "edsnote") and f.ednote is None:
            f.ednote = value
        elif value:
            f.unused.append(value)
    usage = descendant(component, "UsageRights")
    f.usageterms = text(child(usage, "Limitations"))
    party = descendant(descendant(component, "Provider"), "Party")
    if _formal(party):
        f.providers.append(str(_formal(party)))
    bodies, nitf = _bodies(component)
    # The first text ContentItem is the story; others (a caption, a box) are reported.
    f.body = bodies[0] if bodies else None
    f.unused += bodies[1:]
    if nitf is not None:
        head = child(nitf, "head")
        for value in (text(descendant(nitf, "hl1")), text(child(head, "title"))):
            if value and f.headline is None:
                f.headline = value
            elif value:
                f.unused.append(value)
        keyword = anpa_keyword(head)
        if keyword and not slug:
            f.altids.insert(0, AltId("slug", keyword))
        f.places += docdata_places(child(head, "docdata"))
    f.places = _places(component) + f.places
    f.headline_as_sent = True
    return f


#: ``Property FormalName`` values of a NewsML 1.x ``Location`` that name a place, most
#: precise first (the name kept); ``Country`` also gives the code (AFP sends ISO alpha-3).
_LOCATION_NAMES = ("city", "countryarea", "region", "country")


def _places(component: ET.Element | None) -> list[Place]:
    """The ``Location`` elements of ``DescriptiveMetadata`` (nested components too) that are
    not ``HowPresent="Origin"``: the origin is the dateline, read as ``located``."""
    out: list[Place] = []
    if component is None:
        return out
    locations = (
        loc for meta in component.iter("DescriptiveMetadata") for loc in kids(meta, "Location")
    )
    for loc in locations:
        if (attr(loc, "HowPresent") or "").strip().lower() == "origin":
            continue
        props: dict[str, str] = {}
        for prop in loc.iter("Property"):
            name, value = (_formal(prop) or "").lower(), (attr(prop, "Value") or "").strip()
            if name and value and name not in props:
                props[name] = value
        country = props.get("country")
        code = iso_code(country, scheme_known=True) if country else None
        label = next((props[k] for k in _LOCATION_NAMES if k in props), None)
        if label is not None and label == country and code is not None:
            label = None  # "FRA": a code, not a name
        found = place(label, code, None)
        if found is not None:
            out.append(found)
            if len(out) == MAX_RAW_PLACES:
                break
    return out


def _bodies(component: ET.Element | None) -> tuple[list[str], ET.Element | None]:
    """Text of every text ContentItem, in order (NITF body.content, XHTML or plain
    DataContent; nested NewsComponents too), and the first NITF document met."""
    if component is None:
        return [], None
    parts: list[str] = []
    first_nitf: ET.Element | None = None
    for item in component.iter("ContentItem"):
        media = (_formal(child(item, "MediaType")) or "text").lower()
        if media != "text":
            continue
        data = child(item, "DataContent")
        if data is None:
            continue
        nitf = descendant(data, "nitf")
        if nitf is not None:
            first_nitf = first_nitf if first_nitf is not None else nitf
            value = paragraphs(descendant(nitf, "body.content"))
        elif len(data):
            value = paragraphs(data)
        else:
            value = text(data)
        if value:
            parts.append(value)
    return parts, first_nitf


FORMAT: Format = Format(
    NAME,
    sniff=xml_root("NewsML"),
    read=xml_reader(NAME, read_newsml1),
    aliases=("newsml1", "newsml-1.2"),
    spec="IPTC NewsML 1.2 (iptc.org/std/NewsML 1.x)",
)
