"""NITF 3.x documents → one item."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from streams.core.model import AltId
from streams.core.parse.build import Fields, pubstatus_of, to_int
from streams.core.parse.dates import to_iso
from streams.core.parse.xmlsafe import attr, child, descendant, kids, paragraphs, text

FORMAT = "nitf"


def read_nitf(root: ET.Element) -> list[Fields]:
    """Fields of the single story a NITF document holds."""
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    bhead = child(body, "body.head")
    hedline = child(bhead, "hedline")
    f = Fields()
    f.headline = text(child(hedline, "hl1")) or text(child(head, "title"))
    f.subheadline = text(child(hedline, "hl2"))
    f.native_id = attr(child(docdata, "doc-id"), "id-string")
    f.versioncreated = to_iso(attr(child(docdata, "date.issue"), "norm"))
    f.firstcreated = to_iso(attr(child(docdata, "date.release"), "norm")) or f.versioncreated
    f.urgency = to_int(attr(child(docdata, "urgency"), "ed-urg"))
    f.ednote = attr(child(docdata, "ed-msg"), "info")
    f.pubstatus = pubstatus_of(attr(docdata, "management-status"))
    f.language = attr(root, "lang") or attr(body, "lang")
    copyright_el = child(docdata, "doc.copyright")
    if copyright_el is not None:
        holder = attr(copyright_el, "holder")
        year = attr(copyright_el, "year")
        if holder:
            f.copyrightnotice = f"Copyright {year} {holder}" if year else f"Copyright {holder}"
    f.usageterms = attr(child(docdata, "doc.rights"), "usage") or text(child(docdata, "doc.rights"))
    key = attr(child(docdata, "du-key"), "key")
    if key:
        f.altids.append(AltId("slug", key))
    version = to_int(attr(child(docdata, "du-key"), "version"))
    if version:
        f.version = version
    dateline = child(bhead, "dateline")
    f.located = text(child(dateline, "location")) or text(descendant(dateline, "city"))
    if f.located is None and dateline is not None:
        f.located = (text(dateline) or "").split(",")[0].strip() or None
    distributor = text(child(bhead, "distributor"))
    if distributor:
        f.providers.append(distributor)
    for source in kids(child(head, "docdata"), "doc.source"):
        name = attr(source, "name")
        if name:
            f.providers.append(name)
    f.body = paragraphs(child(body, "body.content"))
    return [f]
