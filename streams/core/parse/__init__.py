"""Raw payload → canonical items. Entry points: :func:`parse_payload`, :func:`parse`.

Formats are auto-detected (the ``wire-format`` header forces one): plain-text dumps
(``plain``), ninjs JSON 1.x/2.x/3.0 (``ninjs``), NITF (``nitf``), NewsML-G2
(``newsml-g2``), NewsML 1.x (``newsml-1``), IPTC 7901 (``iptc7901``) and ANPA-1312
(``anpa1312``) transmissions, RSS 2.0 (``rss``) and Atom (``atom``). Every failure is a
:class:`~streams.errors.ParseError` subclass with a stable ``reason``:
``empty``, ``binary-payload``, ``bad-encoding``, ``too-large``, ``too-many-items``,
``too-deep``, ``truncated-json``, ``bad-json``, ``bad-ninjs``, ``truncated-xml``,
``bad-xml``, ``unknown-xml``, ``xml-dtd`` / ``xml-entities`` / ``xml-external``
(:class:`~streams.errors.UnsafeInput`), ``unknown-format``, ``no-items``.

One contract, one table. Every format is a :class:`~streams.core.parse.contract.Format`
(``name``, ``aliases``, ``sniff(head) -> bool``, ``read(payload) -> [(name, Fields)]``,
``spec``) declared by its own module and listed once in
:data:`~streams.core.parse.registry.REGISTRY`; ``dispatch.parse`` sniffs with the table
(sniffs are exclusive: they read ``Head.kind`` and the XML root, so order never decides),
calls ``read`` and hands every :class:`~streams.core.parse.build.Fields` to
:func:`~streams.core.parse.build.build`, the only item constructor. To add a format or an
agency flavour:

1. one module ``streams/core/parse/<name>.py`` whose reader fills ``Fields`` only (never a
   ``WireItem``): text it reads but puts in no field goes to ``Fields.dropped``, text that
   belongs to no item to ``Payload.dropped``; word lists go in ``streams/data/parse/``;
2. ``FORMAT = Format(NAME, sniff=..., read=..., aliases=..., spec=...)`` at its end
   (``xml_root``/``xml_reader`` for an XML root element);
3. one line in ``registry.py``, one fixture in the agency's real layout (your own text) in
   ``tests/unit/core/parse/test_parse_registry.py``'s ``FIXTURES``, its field-by-field test
   and its "no text lost" property (``test_parse_lossless.py``).

A flavour of an existing format (an agency's habits inside NITF or NewsML-G2) is a rule in
that format's reader, named after the agency in its docstring, with its own fixture.

Decisions, in one place:

* Datelines stay in the body (the text as sent; the geo tagger reads them there too)
  and are copied to ``located``; the dateline agency goes to ``infosources``
  (role ``provider``), as does a closing credit such as ``(ILKHA)``.
* Legal boilerplate of a plain-text dump goes to ``usageterms`` of every item of
  that payload, never into a body: built once, shared, capped at
  ``MAX_NOTICE_CHARS`` (the cut text is reported as dropped). Other payload-level
  fields copied into every item (a feed's channel copyright and title, the source and
  file name headers) are capped too, so one payload cannot make 1000 copies of 2 MB.
  Editor's notes (``Eds: ...``) go to ``ednote``.
* ``###``, ``(END)``, ``ENDS``, ``-30-`` end a story; ``-- more --`` does not (it
  means the take continues): both markers are reported in ``ParseResult.dropped``.
* Version markers (``UPDATE 2-``, ``CORRECTED-``, ``REFILE-``, ``REPEAT-``,
  ``2nd Ld-Writethru``, ``KILL``) are stripped from the headline into
  ``ext.signals``; numbered ones set ``version`` (UPDATE n → n + 1, nth Ld → n + 1).
  NewsML-G2 and NewsML 1.x keep the agency's headline as sent (``UPDATE 2-`` stays) and
  carry the same signals (plus ``update:2``).
  Kill notices, ``stat:canceled`` and ``canceled`` pubstatus give
  ``pubstatus="canceled"`` plus the ``kill`` signal.
* Nothing is dropped silently: every item carries, in ``ext.dropped`` (``wirestream.dropped``),
  the input text no field of it holds (end markers, stripped version markers, ANPA keyword
  lines, 7901 take keys and trailers, page furniture, a cut-off neighbour transmission),
  capped at ``MAX_DROPPED_CHARS`` with the rest counted; ``ParseResult.dropped`` is the union.
* 7901 / ANPA (``transmission.py``): AP's keyword line is the slug (altid ``slug``), never the
  headline; ``Eds:`` notes go to ``ednote``, ``By ... =`` / ``Associated Press=`` to ``byline``;
  AP's ``^`` and ``<`` and the 7901 `` =`` terminator are syntax; take keys (``REFILE``,
  ``1ST LEAD``, ``EXTRA``, ``(Achtung)``) are signals; service codes (``dpa-tns``) are altid
  ``service``. ``markers.py`` holds the one desk-prefix rule and headline shape.
* Text a reader finds beside the fields it fills (a NITF ``<title>`` unlike ``hl1``, a second
  headline, a dateline's date, a G2 second ``located``) goes to ``Fields.unused``; ``build``
  reports it in ``dropped`` unless a field of the item already holds it.
* Markup that reached the text escaped (``&lt;b&gt;``, ``&lt;/p&gt;``, ``&amp;quot;``, AAP's
  ``&lt;endash&gt;``) is read as markup in every XML format and in ninjs plain text
  (``xmlsafe.unescape_marks``, tag names in ``data/parse/escaped_tags.json``); ``x < y`` and
  any ``<`` not opening a well-formed known tag stay text.
* A headline made up from the first sentence carries the ``derived-headline``
  signal, so consumers (and the geo tagger's weights) can tell it from a real one.
* A headline or subheadline over ``MAX_HEADLINE_CHARS`` (1,000) after cleaning is text, not a
  headline: it opens the body and the headline is derived (``headline-as-body``).
* uri: always in the source's namespace (:mod:`streams.core.identity`):
  ``urn:wirestream:<source>:id:<native id>`` for the format's own id (ninjs uri/guid,
  NewsML guid, NITF doc-id, RSS guid/link, Atom id); 7901/ANPA use slug + header date (same
  for every writethru); otherwise ``urn:wirestream:<source>:<sha256(headline, body)[:24]>``.
* ``ext.lineage`` is left to the pipeline.
"""

from __future__ import annotations

from streams.core.model import RawMessage, WireItem
from streams.core.parse.base import DEFAULT_LIMITS, ParseLimits, ParseResult
from streams.core.parse.detect import FORMATS, detect_format, resolve_format
from streams.core.parse.dispatch import parse

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "ParseLimits",
    "ParseResult",
    "detect_format",
    "parse",
    "parse_payload",
    "resolve_format",
]


def parse_payload(
    raw: RawMessage, limits: ParseLimits = DEFAULT_LIMITS, namespace: str | None = None
) -> list[WireItem]:
    """Parse one raw payload into its items, or raise a :class:`ParseError`."""
    return parse(raw, limits, namespace).items
