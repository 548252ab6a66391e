"""The canonical wire item and the raw envelope, declared once.

Field names follow IPTC ninjs 2.x (``uri``, ``headlines``, ``bodies``,
``located``, ``altids`` ...). Everything Wirestream adds lives in one
extension object, :class:`Ext`, serialised under the ``wirestream`` key so a
ninjs consumer can ignore it wholesale.

Every class writes out its ``__init__`` instead of letting ``dataclasses`` generate it: the
module is compiled by mypyc (``streams/compiled.py``), which compiles a written-out
``__init__`` but runs a generated one interpreted (about 40 k constructions of these classes
per 1,000 items, 1-3 k instructions each; bench/README.md, session 26, hperf57). Each takes the
fields in order with their defaults, a default factory's field taking ``None`` for a new
container; ``tests/unit/core/test_dataclass_inits.py`` checks that against the fields.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from streams import jsonio

PubStatus = Literal["usable", "withheld", "canceled"]
Status = Literal["routed", "update", "duplicate", "dead-letter"]

#: Raw envelope header names (Kafka headers on ``wire.raw``), declared once.
H_SOURCE = "wire-source"
H_FILENAME = "wire-filename"
H_CONTENT_TYPE = "content-type"
H_FORMAT = "wire-format"
H_PUBLISHED = "wire-published"
#: Dead-letter headers.
H_REASON = "wire-reason"
H_ERROR = "wire-error"
H_RAW_TOPIC = "wire-raw-topic"
H_RAW_PARTITION = "wire-raw-partition"
H_RAW_OFFSET = "wire-raw-offset"

#: Longest source name and file name taken from the headers (characters). Both are copied
#: into every item of a payload (lineage, the uri namespace), so they are capped, not copied
#: at full size into each of up to WIRE_MAX_ITEMS items; the raw record keeps them whole.
MAX_SOURCE_CHARS = 200
MAX_FILENAME_CHARS = 1000


def clip(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, an ellipsis marking a cut."""
    if len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


@dataclass(slots=True, frozen=True)
class RawMessage:
    """A raw payload exactly as received, plus where it came from."""

    value: bytes
    headers: Mapping[str, bytes] = field(default_factory=dict)
    topic: str = ""
    partition: int = -1
    offset: int = -1
    timestamp_ms: int | None = None

    def __init__(
        self,
        value: bytes,
        headers: Mapping[str, bytes] | None = None,
        topic: str = "",
        partition: int = -1,
        offset: int = -1,
        timestamp_ms: int | None = None,
    ) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "headers", {} if headers is None else headers)
        object.__setattr__(self, "topic", topic)
        object.__setattr__(self, "partition", partition)
        object.__setattr__(self, "offset", offset)
        object.__setattr__(self, "timestamp_ms", timestamp_ms)

    def header(self, name: str, limit: int | None = None) -> str | None:
        """A header as text; with ``limit``, at most that many characters (decoding only
        the bytes that can make them)."""
        raw = self.headers.get(name)
        if raw is None:
            return None
        if limit is None:
            return raw.decode("utf-8", "replace")
        return clip(raw[: 4 * limit + 4].decode("utf-8", "replace"), limit)

    @property
    def size(self) -> int:
        """Bytes of the record as the parser sees it: value plus every header name and value
        (headers count against WIRE_MAX_RAW_BYTES: they end up in items too)."""
        return len(self.value) + sum(len(k) + len(v) for k, v in self.headers.items())

    @property
    def source(self) -> str:
        return self.header(H_SOURCE, MAX_SOURCE_CHARS) or "unknown"

    @property
    def filename(self) -> str | None:
        return self.header(H_FILENAME, MAX_FILENAME_CHARS)

    @property
    def content_type(self) -> str | None:
        return self.header(H_CONTENT_TYPE)

    @property
    def forced_format(self) -> str | None:
        return self.header(H_FORMAT)


@dataclass(slots=True)
class Headline:
    value: str
    role: str = "main"

    def __init__(self, value: str, role: str = "main") -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.value = value
        self.role = role


@dataclass(slots=True)
class Body:
    value: str
    role: str = "main"
    contenttype: str = "text/plain"

    def __init__(self, value: str, role: str = "main", contenttype: str = "text/plain") -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.value = value
        self.role = role
        self.contenttype = contenttype


@dataclass(slots=True)
class AltId:
    role: str
    value: str

    def __init__(self, role: str, value: str) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.role = role
        self.value = value


@dataclass(slots=True)
class InfoSource:
    name: str
    role: str = "originatingsource"

    def __init__(self, name: str, role: str = "originatingsource") -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.name = name
        self.role = role


@dataclass(slots=True)
class Place:
    """A place the producer labelled the story with (ninjs 2.x ``places``): its ``name``,
    ``code`` as ISO 3166-1 alpha-2 when the file gives a country code, and ``uri`` (the
    producer's identifier: a qcode or uri). Geo weighs them as the agency's own evidence."""

    name: str = ""
    code: str | None = None
    uri: str | None = None

    def __init__(self, name: str = "", code: str | None = None, uri: str | None = None) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.name = name
        self.code = code
        self.uri = uri

    def to_json(self) -> dict[str, str]:
        out = {"name": self.name} if self.name else {}
        if self.code:
            out["code"] = self.code
        if self.uri:
            out["uri"] = self.uri
        return out


@dataclass(slots=True)
class Evidence:
    """Why a place was picked: matched text, where, by which rule, how much it weighed."""

    text: str
    field: str
    start: int
    end: int
    rule: str
    country: str
    weight: float

    def __init__(
        self, text: str, field: str, start: int, end: int, rule: str, country: str, weight: float
    ) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.text = text
        self.field = field
        self.start = start
        self.end = end
        self.rule = rule
        self.country = country
        self.weight = weight


@dataclass(slots=True)
class Focus:
    """A country the story is about (ISO 3166-1 alpha-2), with its score."""

    country: str
    score: float
    name: str = ""

    def __init__(self, country: str, score: float, name: str = "") -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.country = country
        self.score = score
        self.name = name


@dataclass(slots=True)
class Lineage:
    """Where the item came from, back to the raw offset."""

    topic: str
    partition: int
    offset: int
    index: int
    raw_sha256: str
    received: str | None = None
    source: str = "unknown"
    filename: str | None = None

    def __init__(
        self,
        topic: str,
        partition: int,
        offset: int,
        index: int,
        raw_sha256: str,
        received: str | None = None,
        source: str = "unknown",
        filename: str | None = None,
    ) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.index = index
        self.raw_sha256 = raw_sha256
        self.received = received
        self.source = source
        self.filename = filename


#: The optional routing fields stage 2 sets, in the order they end an item's ``wirestream``.
ROUTING_OPTIONAL = ("duplicate_of", "update_of", "related_to", "similarity")


@dataclass(slots=True)
class Ext:
    """Wirestream's own fields, kept apart from ninjs."""

    format: str = "unknown"
    status: Status = "routed"
    regions: list[str] = field(default_factory=list)
    focus: list[Focus] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    lineage: Lineage | None = None
    #: Evidence entries left out (the weakest) beyond the tagger's cap; 0 = none.
    evidence_omitted: int = 0
    #: Where the item was filed or edited (Reuters' ``<located>`` is the editing desk, e.g.
    #: Bangalore), kept apart from ``located`` so geo can weigh it below story evidence.
    desk: str | None = None
    #: Where the item was published on the web (a feed entry's link, a JSON item's url): geo
    #: reads its outlet's home only for a story the text does not locate (rule ``outlet-url``).
    link: str | None = None
    duplicate_of: str | None = None
    update_of: str | None = None
    related_to: str | None = None
    similarity: float | None = None
    #: Input text the parser left out of every field (end markers, stripped desk prefixes,
    #: page furniture, AP/7901 keyword lines): reported on the item so nothing goes silently.
    dropped: list[str] = field(default_factory=list)

    def __init__(
        self,
        format: str = "unknown",
        status: Status = "routed",
        regions: list[str] | None = None,
        focus: list[Focus] | None = None,
        evidence: list[Evidence] | None = None,
        signals: list[str] | None = None,
        fingerprint: str | None = None,
        lineage: Lineage | None = None,
        evidence_omitted: int = 0,
        desk: str | None = None,
        link: str | None = None,
        duplicate_of: str | None = None,
        update_of: str | None = None,
        related_to: str | None = None,
        similarity: float | None = None,
        dropped: list[str] | None = None,
    ) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.format = format
        self.status = status
        self.regions = [] if regions is None else regions
        self.focus = [] if focus is None else focus
        self.evidence = [] if evidence is None else evidence
        self.signals = [] if signals is None else signals
        self.fingerprint = fingerprint
        self.lineage = lineage
        self.evidence_omitted = evidence_omitted
        self.desk = desk
        self.link = link
        self.duplicate_of = duplicate_of
        self.update_of = update_of
        self.related_to = related_to
        self.similarity = similarity
        self.dropped = [] if dropped is None else dropped


@dataclass(slots=True)
class WireItem:
    """One canonical news item (ninjs-based)."""

    uri: str
    headlines: list[Headline] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    version: int = 1
    versioncreated: str | None = None
    firstcreated: str | None = None
    pubstatus: PubStatus = "usable"
    located: str | None = None
    language: str | None = None
    urgency: int | None = None
    altids: list[AltId] = field(default_factory=list)
    usageterms: str | None = None
    copyrightnotice: str | None = None
    ednote: str | None = None
    byline: str | None = None
    infosources: list[InfoSource] = field(default_factory=list)
    type: str = "text"
    #: Not for publication before this instant (ninjs ``embargoed``); the item is routed anyway.
    embargoed: str | None = None
    #: The producer's summary (ninjs ``description_text``): kept next to the body, never for it.
    description: str | None = None
    #: The producer's own geography (ninjs 2.x ``places``): subjects of type geoArea, NITF
    #: ``evloc`` ... (:mod:`streams.core.parse.places`); empty when the format carries none.
    places: list[Place] = field(default_factory=list)
    ext: Ext = field(default_factory=Ext)

    def __init__(
        self,
        uri: str,
        headlines: list[Headline] | None = None,
        bodies: list[Body] | None = None,
        version: int = 1,
        versioncreated: str | None = None,
        firstcreated: str | None = None,
        pubstatus: PubStatus = "usable",
        located: str | None = None,
        language: str | None = None,
        urgency: int | None = None,
        altids: list[AltId] | None = None,
        usageterms: str | None = None,
        copyrightnotice: str | None = None,
        ednote: str | None = None,
        byline: str | None = None,
        infosources: list[InfoSource] | None = None,
        type: str = "text",
        embargoed: str | None = None,
        description: str | None = None,
        places: list[Place] | None = None,
        ext: Ext | None = None,
    ) -> None:
        """Written out, not generated: see the module docstring (checked by
        ``tests/unit/core/test_dataclass_inits.py``)."""
        self.uri = uri
        self.headlines = [] if headlines is None else headlines
        self.bodies = [] if bodies is None else bodies
        self.version = version
        self.versioncreated = versioncreated
        self.firstcreated = firstcreated
        self.pubstatus = pubstatus
        self.located = located
        self.language = language
        self.urgency = urgency
        self.altids = [] if altids is None else altids
        self.usageterms = usageterms
        self.copyrightnotice = copyrightnotice
        self.ednote = ednote
        self.byline = byline
        self.infosources = [] if infosources is None else infosources
        self.type = type
        self.embargoed = embargoed
        self.description = description
        self.places = [] if places is None else places
        self.ext = Ext() if ext is None else ext

    @property
    def headline(self) -> str:
        return self.headlines[0].value if self.headlines else ""

    @property
    def body_chars(self) -> int:
        """The bodies' length in characters (the dashboard keeps an item's JSON under a cap)."""
        return sum(len(b.value) for b in self.bodies)

    @property
    def body(self) -> str:
        return "\n\n".join(b.value for b in self.bodies)

    def to_json(self) -> dict[str, Any]:
        """The wire shape: ninjs fields with ``None`` and empty lists left out."""
        return self.to_json_typed()[0]

    def to_json_typed(self, fragments: bool = False) -> tuple[dict[str, Any], bool]:
        """:meth:`to_json`, and whether the objects of ``wirestream``'s ``evidence``,
        ``focus`` and ``lineage`` surely meet the item schema by their values' exact types
        (:data:`TYPED_PARTS`; ``Pipeline.encode`` then validates only the rest).

        ``fragments``: when typed, ``evidence`` may be its JSON already written (an
        ``orjson.Fragment``, :func:`_ext_json`): for ``jsonio.dumps`` only, not to be read."""
        out: dict[str, Any] = {
            "uri": self.uri,
            "type": self.type,
            "version": self.version,
            "pubstatus": self.pubstatus,
        }
        # Each optional field read as an attribute, not by ``getattr`` of a name: a compiled
        # class's attribute is a field of its struct, a ``getattr`` a type lookup and a
        # descriptor call (17 an item here and in ``_ext_json``; session 30).
        if self.versioncreated is not None:
            out["versioncreated"] = self.versioncreated
        if self.firstcreated is not None:
            out["firstcreated"] = self.firstcreated
        if self.located is not None:
            out["located"] = self.located
        if self.embargoed is not None:
            out["embargoed"] = self.embargoed
        if self.language is not None:
            out["language"] = self.language
        if self.urgency is not None:
            out["urgency"] = self.urgency
        if self.usageterms is not None:
            out["usageterms"] = self.usageterms
        if self.copyrightnotice is not None:
            out["copyrightnotice"] = self.copyrightnotice
        if self.ednote is not None:
            out["ednote"] = self.ednote
        if self.byline is not None:
            out["byline"] = self.byline
        if self.description is not None:
            out["descriptions"] = [
                {"value": self.description, "role": "summary", "contenttype": "text/plain"}
            ]
        if self.headlines:
            out["headlines"] = [{"value": h.value, "role": h.role} for h in self.headlines]
        if self.bodies:
            out["bodies"] = [
                {"value": b.value, "role": b.role, "contenttype": b.contenttype}
                for b in self.bodies
            ]
        if self.altids:
            out["altids"] = [{"role": a.role, "value": a.value} for a in self.altids]
        if self.infosources:
            out["infosources"] = [{"name": s.name, "role": s.role} for s in self.infosources]
        if self.places:
            out["places"] = [p.to_json() for p in self.places]
        ext, typed = _ext_json(self.ext, fragments)
        out["wirestream"] = ext
        return out, typed

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> WireItem:
        ext = data.get("wirestream") or {}
        lineage = ext.get("lineage")
        return cls(
            uri=data["uri"],
            type=data.get("type", "text"),
            version=int(data.get("version", 1)),
            pubstatus=data.get("pubstatus", "usable"),
            versioncreated=data.get("versioncreated"),
            firstcreated=data.get("firstcreated"),
            embargoed=data.get("embargoed"),
            description=next(
                (d["value"] for d in data.get("descriptions", ()) if d.get("role") == "summary"),
                None,
            ),
            located=data.get("located"),
            language=data.get("language"),
            urgency=data.get("urgency"),
            usageterms=data.get("usageterms"),
            copyrightnotice=data.get("copyrightnotice"),
            ednote=data.get("ednote"),
            byline=data.get("byline"),
            headlines=[Headline(**h) for h in data.get("headlines", ())],
            bodies=[Body(**b) for b in data.get("bodies", ())],
            altids=[AltId(**a) for a in data.get("altids", ())],
            infosources=[InfoSource(**s) for s in data.get("infosources", ())],
            places=[Place(**p) for p in data.get("places", ())],
            ext=Ext(
                format=ext.get("format", "unknown"),
                status=ext.get("status", "routed"),
                regions=list(ext.get("regions", ())),
                focus=[Focus(**f) for f in ext.get("focus", ())],
                evidence=[Evidence(**e) for e in ext.get("evidence", ())],
                signals=list(ext.get("signals", ())),
                fingerprint=ext.get("fingerprint"),
                lineage=Lineage(**lineage) if lineage else None,
                evidence_omitted=int(ext.get("evidence_omitted", 0)),
                desk=ext.get("desk"),
                link=ext.get("link"),
                duplicate_of=ext.get("duplicate_of"),
                update_of=ext.get("update_of"),
                related_to=ext.get("related_to"),
                similarity=ext.get("similarity"),
                dropped=list(ext.get("dropped", ())),
            ),
        )


#: The ``wirestream`` keys whose objects our own typed code builds (the tagger's evidence and
#: focus, the stage's lineage): :func:`_ext_json` tells whether their values' types vouch for
#: them against the item schema, so that ``Pipeline.encode`` validates only the rest.
TYPED_PARTS = ("evidence", "focus", "lineage")
#: The digits of a ``raw_sha256``, deleted by ``bytes.translate``: 64 lowercase hex digits
#: leave nothing (``str.strip`` by the 16 letters searched them once a character, about 5 k
#: instructions a digest).
_HEX = b"0123456789abcdef"


def _number(value: object) -> bool:
    """An ``int``, or a finite ``float`` (exact types): what the schema's ``number`` surely
    takes (a bool is no number there, NaN and infinities are refused, a subclass is an
    error)."""
    if type(value) is float:
        # NaN less NaN, and an infinity less itself, are NaN: the unboxed float's arithmetic in
        # C, where ``math.isfinite`` was a module lookup and a generic call on a reboxed float
        # (about 370 instructions; bench/README.md, session 29, hperf70)
        return value - value == 0.0
    return type(value) is int


def _native_evidence_json() -> Callable[[list[object]], bytes | None] | None:
    """``wirestream_native.evidence_json``, or None: not built (or built before it had it),
    or ``WIRE_NATIVE=0`` (read once, at import)."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import evidence_json
    except ImportError:
        return None
    return evidence_json


#: The evidence array's JSON from its objects' fields, seven an object (see :func:`_ext_json`).
_EVIDENCE_JSON: Final = _native_evidence_json()


def _evidence_dicts(flat: list[object]) -> list[dict[str, Any]]:
    """The evidence objects whose fields are ``flat``, seven an object, in order."""
    return [
        {
            "text": flat[at],
            "field": flat[at + 1],
            "start": flat[at + 2],
            "end": flat[at + 3],
            "rule": flat[at + 4],
            "country": flat[at + 5],
            "weight": flat[at + 6],
        }
        for at in range(0, len(flat), 7)
    ]


def _ext_json(ext: Ext, fragments: bool = False) -> tuple[dict[str, Any], bool]:
    """``ext``'s JSON object, and whether its :data:`TYPED_PARTS` surely meet the schema: every
    string of type ``str``, offsets an ``int`` of at least 0, scores and weights an ``int`` or
    a finite ``float``, a country two ASCII capitals, ``raw_sha256`` 64 lowercase hex digits.
    Exact types only (``False`` for a subclass, a bool, NaN ...): then the whole document
    goes to the validator, which decides as before (``tests/unit/core/test_schema.py``).

    With ``fragments`` and the native core, a typed object's ``evidence`` is its JSON array
    written natively (``evidence_json``: the bytes ``orjson`` writes of the dicts) in an
    ``orjson.Fragment``, which ``jsonio.dumps`` copies in: about 24 seven-key dicts an item
    are not built, walked and freed (bench/README.md, session 34). The validator never sees
    it: a typed document is validated without its evidence; an untyped one, or a value the
    native writer does not write exactly as orjson, gets the dicts."""
    typed = True
    evidence: list[dict[str, Any]] = []
    native = _EVIDENCE_JSON if fragments else None
    # Sized up front and filled by index: seven ``append``s an object cost about 340
    # instructions against about 140 for the stores (bench/README.md, session 35).
    flat: list[object] = [None] * (7 * len(ext.evidence)) if native is not None else []
    at = 0
    for e in ext.evidence:
        text: object = e.text
        where: object = e.field
        start: object = e.start
        end: object = e.end
        rule: object = e.rule
        country: object = e.country
        weight: object = e.weight
        if typed and not (
            type(text) is str
            and type(where) is str
            and type(rule) is str
            and type(country) is str
            and type(start) is int
            and type(end) is int
            and start >= 0
            and end >= 0
            and _number(weight)
        ):
            typed = False
        if native is not None:
            flat[at] = text
            flat[at + 1] = where
            flat[at + 2] = start
            flat[at + 3] = end
            flat[at + 4] = rule
            flat[at + 5] = country
            flat[at + 6] = weight
            at += 7
            continue
        evidence.append(
            {
                "text": text,
                "field": where,
                "start": start,
                "end": end,
                "rule": rule,
                "country": country,
                "weight": weight,
            }
        )
    focus: list[dict[str, Any]] = []
    for f in ext.focus:
        code: object = f.country
        score: object = f.score
        name: object = f.name
        if typed and not (
            type(code) is str
            and len(code) == 2
            and code.isascii()
            and code.isalpha()
            and code.isupper()
            and _number(score)
            and type(name) is str
        ):
            typed = False
        focus.append({"country": code, "score": score, "name": name})
    out: dict[str, Any] = {
        "format": ext.format,
        "focus": focus,
        "evidence": evidence,
        "signals": ext.signals,
    }
    if ext.lineage is not None:
        lin = ext.lineage
        topic: object = lin.topic
        partition: object = lin.partition
        offset: object = lin.offset
        index: object = lin.index
        sha: object = lin.raw_sha256
        received: object = lin.received
        source: object = lin.source
        filename: object = lin.filename
        out["lineage"] = {
            "topic": topic,
            "partition": partition,
            "offset": offset,
            "index": index,
            "raw_sha256": sha,
            "received": received,
            "source": source,
            "filename": filename,
        }
        if typed:
            # the values themselves, not read back from the dict (eight lookups)
            typed = (
                type(topic) is str
                and type(partition) is int
                and type(offset) is int
                and type(index) is int
                and index >= 0
                and _digest(sha)
                and (received is None or type(received) is str)
                and type(source) is str
                and (filename is None or type(filename) is str)
            )
    if ext.dropped:
        out["dropped"] = ext.dropped
    if ext.evidence_omitted:
        out["evidence_omitted"] = ext.evidence_omitted
    if ext.fingerprint is not None:
        out["fingerprint"] = ext.fingerprint
    if ext.desk is not None:
        out["desk"] = ext.desk
    if ext.link is not None:
        out["link"] = ext.link
    # What stage 2 sets comes last, so its record is the stage-1 bytes up to ``regions``
    # plus the routing fields (``Pipeline.decide_routable``, ``dedup/handoff.py``), in the
    # order of :data:`ROUTING_OPTIONAL`.
    out["regions"] = ext.regions
    out["status"] = ext.status
    if ext.duplicate_of is not None:
        out["duplicate_of"] = ext.duplicate_of
    if ext.update_of is not None:
        out["update_of"] = ext.update_of
    if ext.related_to is not None:
        out["related_to"] = ext.related_to
    if ext.similarity is not None:
        out["similarity"] = ext.similarity
    if native is not None:
        # Decided last: ``typed`` depends on focus and lineage too. The key keeps its place.
        written = native(flat) if typed else None
        out["evidence"] = _evidence_dicts(flat) if written is None else jsonio.fragment(written)
    return out, typed


def _digest(sha: object) -> bool:
    """Whether ``sha`` is a ``str`` of 64 lowercase hex digits (the schema's ``raw_sha256``)."""
    return (
        type(sha) is str
        and len(sha) == 64
        and sha.isascii()
        and not sha.encode("ascii").translate(None, _HEX)
    )
