"""Which wire format a payload is in: the forced header first, then a cheap sniff."""

from __future__ import annotations

import re

from streams.errors import ParseError

FORMATS: tuple[str, ...] = (
    "plain",
    "ninjs",
    "nitf",
    "newsml-g2",
    "newsml-1",
    "iptc7901",
    "anpa1312",
    "rss",
    "atom",
)

_ALIASES = {
    "plain": "plain",
    "text": "plain",
    "txt": "plain",
    "text/plain": "plain",
    "ninjs": "ninjs",
    "json": "ninjs",
    "application/json": "ninjs",
    "nitf": "nitf",
    "newsml": "newsml-g2",
    "newsml-g2": "newsml-g2",
    "g2": "newsml-g2",
    "newsmlg2": "newsml-g2",
    "newsml-1": "newsml-1",
    "newsml1": "newsml-1",
    "newsml-1.2": "newsml-1",
    "iptc7901": "iptc7901",
    "7901": "iptc7901",
    "anpa": "anpa1312",
    "anpa1312": "anpa1312",
    "anpa-1312": "anpa1312",
    "rss": "rss",
    "rss2": "rss",
    "atom": "atom",
}
_XML_ROOTS = {
    "nitf": "nitf",
    "newsMessage": "newsml-g2",
    "newsItem": "newsml-g2",
    "packageItem": "newsml-g2",
    "NewsML": "newsml-1",
    "rss": "rss",
    "RDF": "rss",
    "feed": "atom",
}
_ROOT = re.compile(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")


def resolve_format(name: str) -> str:
    """A forced format name (or alias) → canonical name; ParseError when unknown."""
    key = name.strip().lower()
    if key not in _ALIASES:
        raise ParseError(
            f"unknown wire-format {name!r}; use one of {', '.join(FORMATS)}",
            reason="unknown-format",
        )
    return _ALIASES[key]


def detect_format(head: str) -> str:
    """Sniff the format from the first characters of the decoded payload.

    The transmission formats are told apart later from their headers; this returns
    ``"transmission"`` for anything framed with SOH/STX.
    """
    lead = head.lstrip("\ufeff \t\r\n")
    if lead[:1] == "\x01" or ("\x01" in head[:256] and "\x02" in head):
        return "transmission"
    if lead[:1] == "{":
        return "ninjs"
    if lead[:1] == "[" and lead[1:].lstrip()[:1] in ("{", "[", "]", '"', ""):
        return "ninjs"
    if lead[:1] == "<":
        m = _ROOT.search(lead, 0, 4096)
        if m is None:
            raise ParseError(
                "the payload starts like XML but has no root element", reason="bad-xml"
            )
        root = m.group(1)
        if root in _XML_ROOTS:
            return _XML_ROOTS[root]
        if root.lower() in ("html", "body", "p", "div"):
            return "plain"
        raise ParseError(
            f"XML with root element <{root}> is not a supported wire format"
            " (NITF, NewsML-G2, NewsML 1.x, RSS, Atom)",
            reason="unknown-xml",
        )
    if "\x02" in head[:512] and "\x03" in head:
        return "transmission"
    return "plain"
