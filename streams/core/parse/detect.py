"""Which wire format a payload is in: the forced header first, then a cheap sniff.

Both answer from the one table of formats (:mod:`streams.core.parse.registry`).
"""

from __future__ import annotations

from streams.core.parse.registry import FORMATS, resolve, sniff

__all__ = ["FORMATS", "detect_format", "resolve_format"]


def resolve_format(name: str) -> str:
    """A forced format name (or alias) → canonical name; ParseError when unknown."""
    return resolve(name).name


def detect_format(head: str) -> str:
    """Sniff the format from the first characters of the decoded payload.

    A framed transmission is named by its first header's flavour (``iptc7901`` or
    ``anpa1312``); each transmission of the payload is then read as its own header says.
    """
    return sniff(head).name
