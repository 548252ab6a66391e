"""A gazetteer hit, in a module of its own so the compiled core builds it.

:class:`Hit` was a slots dataclass of ``matcher.py``, which stays interpreted (``bench/geo_cv.py``
wraps ``Matcher.find`` on the instance). Every hit was then built by the dataclass's
interpreted ``__init__`` and every ``hit.start`` the tagger read went through the generic
attribute lookup; as a class of a compiled module (``streams/compiled.py``) it is built in C
and its fields are read as a C struct's (bench/README.md, "Geo's boundary costs").
"""

from __future__ import annotations

from streams.core.geo.gazetteer import Term


class Hit:
    """A gazetteer term found at ``text[start:end]`` of one field."""

    __slots__ = ("end", "start", "term")

    def __init__(self, start: int, end: int, term: Term) -> None:
        self.start = start
        self.end = end
        self.term = term

    def __repr__(self) -> str:
        return f"Hit(start={self.start!r}, end={self.end!r}, term={self.term!r})"
