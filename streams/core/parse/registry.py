"""The one table of wire formats. A new format or agency flavour is one module that declares
``FORMAT = Format(...)`` (:mod:`streams.core.parse.contract`) and one line here."""

from __future__ import annotations

from streams.core.parse import feeds, newsml, newsml1, ninjs, nitf, plaintext, transmission
from streams.core.parse.contract import Format, Head
from streams.errors import ParseError

#: Every format, in the order ``wire-format`` help lists them. Sniffs are exclusive (each
#: reads :attr:`Head.kind` and the XML root), so the order does not decide detection. Each
#: module annotates its ``Format`` constant (``FORMAT: Format = ...``): mypyc compiles
#: ``dispatch``, which imports this table, and in a clean build the parse modules' import
#: cycle left an inferred one "Cannot determine type" (session 25: every fresh clone's
#: compiled core failed to build and fell back to the interpreted core).
REGISTRY: tuple[Format, ...] = (
    plaintext.FORMAT,
    ninjs.FORMAT,
    nitf.FORMAT,
    newsml.FORMAT,
    newsml1.FORMAT,
    transmission.IPTC7901_FORMAT,
    transmission.ANPA1312_FORMAT,
    feeds.RSS,
    feeds.ATOM,
)

FORMATS: tuple[str, ...] = tuple(f.name for f in REGISTRY)
_BY_NAME: dict[str, Format] = {name: f for f in REGISTRY for name in (f.name, *f.aliases)}


def resolve(name: str) -> Format:
    """A forced format name (or alias) → its format; ParseError when unknown."""
    fmt = _BY_NAME.get(name.strip().lower())
    if fmt is None:
        raise ParseError(
            f"unknown wire-format {name!r}; use one of {', '.join(FORMATS)}",
            reason="unknown-format",
        )
    return fmt


def sniff(head: str) -> Format:
    """The format of a payload from its first characters (decoded)."""
    sniffed = Head(head)
    for fmt in REGISTRY:
        if fmt.sniff(sniffed):
            return fmt
    raise ParseError(
        f"XML with root element <{sniffed.root}> is not a supported wire format"
        " (NITF, NewsML-G2, NewsML 1.x, RSS, Atom)",
        reason="unknown-xml",
    )
