"""Dedup features carried from stage 1 to stage 2 in one compact ``wire.items`` header.

Stage 1 already holds the item's text, so it computes the sketch, fingerprint and agreement
keys there (the CPU-heavy part, and stage 1 scales with ``wire.raw``'s partitions) and sends
them as :data:`HEADER`; stage 2 decides from them and never re-reads the text. The header
holds only what is not in the document's cheap top-level fields (uri, version, pubstatus,
regions and signals are read from the document itself).

Layout, little-endian: ``b"WD"``, format version (1), shingle size, sketch size, flags (bit 0:
the item has a clock), the clock in ms, the shingle count, then lengths and bytes of the
fingerprint (UTF-8), the sketch, the facts and the agreement keys (``uint32`` each): about
800 bytes for a long story. A record without it, or with another version or sketch shape (an
older or newer writer), is decided the full way, from the parsed item.

The second header, :data:`SPLICE_HEADER` (:func:`splice_encode`), carries what stage 2 would
otherwise parse the document for, and where its routing tail starts, bound to the document by
a digest: with it stage 2 writes its record by splicing, never parsing the item
(``docs/architecture.md``, "Hand-off"). A record whose header does not verify is parsed.
"""

from __future__ import annotations

import array
import hashlib
import hmac
import os
import struct
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from streams import jsonio
from streams.core.dedup.deduper import Features
from streams.core.dedup.sketch import Sketch

HEADER: Final = "wire-dedup"
_MAGIC: Final = b"WD\x01"
_HEAD: Final = struct.Struct("<3sBHBqIBHHH")
_HEAD_SIZE: Final = _HEAD.size
_U4: Final = np.dtype("<u4")
#: ``array("I")`` writes the agreement keys as ``<u4`` would (cheaper than a numpy array
#: of a few values) where its items are 4 bytes in little-endian order.
_ARRAY_U4: Final = sys.byteorder == "little" and array.array("I").itemsize == 4
#: ``<u4`` is the native ``uint32`` (numpy's dtypes are singletons): a copy of the bytes is
#: what ``astype(np.uint32)`` gave, and ``array("I")`` reads the agreement keys alike.
_NATIVE_U4: Final = _ARRAY_U4 and _U4 is np.dtype(np.uint32)


def encode(f: Features, shingle: int, size: int) -> bytes:
    """``f`` as the header value; ``shingle`` and ``size``: the sketch shape it was made with."""
    fp = f.fingerprint.encode()
    mins = f.sketch.mins
    facts = f.sketch.facts
    # The sketch's arrays are little-endian uint32 already (native order on every build
    # machine): the dtype test by identity skips a conversion that would return them as is.
    if mins.dtype is not _U4:
        mins = mins.astype(_U4, copy=False)
    if facts.dtype is not _U4:
        facts = facts.astype(_U4, copy=False)
    agreement = f.agreement
    agree = (
        array.array("I", agreement).tobytes()
        if _ARRAY_U4
        else np.asarray(agreement, dtype=_U4).tobytes()
    )
    head = _HEAD.pack(
        _MAGIC,
        shingle,
        size,
        1 if f.clock_ms is not None else 0,
        f.clock_ms or 0,
        f.sketch.count,
        len(fp),
        mins.size,
        facts.size,
        len(agreement),
    )
    return b"".join((head, fp, mins.tobytes(), facts.tobytes(), agree))


def decode(
    data: bytes | None,
    *,
    uri: str,
    version: int,
    pubstatus: str,
    revises: bool,
    regions: Sequence[str],
    shingle: int,
    size: int,
) -> Features | None:
    """The features in ``data``, or ``None`` when absent, malformed or of another shape."""
    if not data or len(data) < _HEAD_SIZE or not data.startswith(_MAGIC):
        return None
    try:
        # Typed, so that the compiled core does the arithmetic and slicing on machine ints.
        head = _HEAD.unpack_from(data)
        sh: int = head[1]
        k: int = head[2]
        flags: int = head[3]
        clock: int = head[4]
        count: int = head[5]
        nfp: int = head[6]
        nmins: int = head[7]
        nfacts: int = head[8]
        nagree: int = head[9]
        if sh != shingle or k != size:
            return None
        at = _HEAD_SIZE + nfp
        fp = data[_HEAD_SIZE:at].decode()
        if at + 4 * (nmins + nfacts + nagree) != len(data):
            return None
        cut = nmins + nfacts
        if _NATIVE_U4:
            # The sketch's two arrays as views of one writable copy (a ``bytearray``: no
            # numpy cast), the agreement keys through ``array``: in the pipeline each numpy
            # call costs far more than its work (cold code between items; session 30).
            stop = at + 4 * cut
            words = np.frombuffer(bytearray(data[at:stop]), _U4)
            agree = array.array("I", data[stop:]).tolist()
        else:
            # One copy of the three arrays (native order: what ``astype(np.uint32)`` of
            # each gave), the sketch's two as views of it.
            words = np.frombuffer(data, "<u4", cut + nagree, at).astype(np.uint32)
            agree = words[cut:].tolist()
        mins = words[:nmins]
        facts = words[nmins:cut]
    except (struct.error, UnicodeDecodeError, ValueError):
        return None
    return Features(
        uri=uri,
        version=version,
        pubstatus=pubstatus,
        revises=revises,
        regions=tuple(regions),
        fingerprint=fp,
        sketch=Sketch(mins, count, facts, ""),
        agreement=tuple(agree),
        clock_ms=clock if flags & 1 else None,
    )


# -- the splice header: stage 2 writes its record without parsing the item ------------------
#: The header that lets stage 2 route a record from the header alone (see :func:`splice_encode`).
SPLICE_HEADER: Final = "wire-splice"
#: ``WS\x02``: the digest covers the ``wire-dedup`` header too (``WS\x01`` did not); SHA-256,
#: or HMAC-SHA-256 keyed. Keyed workers still write it; every worker still reads it (records
#: of the previous release, unkeyed, on ``wire.items`` during a rolling upgrade).
_SPLICE_MAGIC_SHA: Final = b"WS\x02"
#: ``WS\x03``: what an unkeyed worker writes: the same fields, the check a CRC-32 over the same
#: bytes (then 12 zero bytes: the header keeps its size). Unkeyed, the digest guards against
#: accidents alone (a forger recomputes any unkeyed digest), which a CRC-32 catches too, at
#: under half SHA-256's time here (bench/README.md, session 31). A keyed reader refuses it.
_SPLICE_MAGIC: Final = b"WS\x03"
#: magic, tail offset, version, flags (bit 0: revises), the uri's encoded length, pubstatus
#: (its index in :data:`PUBSTATUSES`), then the view (:data:`VIEW_SIZE` bytes) and the digest.
_SPLICE: Final = struct.Struct("<3sIqBIB")
_SPLICE_SIZE: Final = _SPLICE.size
_DIGEST: Final = 16
#: Every document starts so: ``uri`` is its first key, its encoded value follows.
URI_AT: Final = len(b'{"uri":')
PUBSTATUSES: Final = ("usable", "withheld", "canceled")
#: The view: offsets into the document (start, end) of the headline, ``received`` and
#: ``source`` values as JSON strings (0, 0: none), the dropped-text count and body characters.
VIEW: Final = struct.Struct("<IIIIIIII")
VIEW_SIZE: Final = VIEW.size
#: The document's tail as stage 1 writes it: ``wirestream`` is the last top-level key and
#: ``regions``, ``status`` its last keys (``WireItem.to_json``), status not decided yet.
TAIL_REGIONS: Final = b',"regions":'
TAIL_STATUS: Final = b',"status":"routed"}}'
#: A header's size: its fields, the view, the digest.
_SPLICE_BYTES: Final = _SPLICE_SIZE + VIEW_SIZE + _DIGEST
_COMMA: Final = 44  # ord(","): the uri's value ends before it
#: Region lists :func:`splice_decode` found canonical, by their encoding (a pure function of
#: the bytes, so kept: a deployment has a few dozen distinct lists); at most
#: :data:`_REGIONS_KEPT`, then forgotten all at once, and only lists of at most
#: :data:`_REGION_BYTES_KEPT` bytes (a list may be as long as a record: 1,024 of those kept
#: were gigabytes; review hrev28a). Longer ones are read and checked each time.
_regions_read: Final[dict[bytes, tuple[str, ...]]] = {}
_REGIONS_KEPT: Final = 1024
_REGION_BYTES_KEPT: Final = 1024


@dataclass(frozen=True, slots=True)
class Splice:
    """What stage 2 reads of a stage-1 document, and where its routing tail starts.

    ``head`` is the document up to the tail (``value[:offset]``): the routed record is
    ``head`` plus the routing fields plus the two closing braces. ``view`` is what the
    worker's dashboard shows of the item, as offsets into ``head`` (opaque here: stage 1
    writes it, the worker reads it), so that it need not parse the record either.
    """

    uri: str
    version: int
    pubstatus: str
    revises: bool
    regions: tuple[str, ...]
    head: bytes
    view: bytes

    def __init__(
        self,
        uri: str,
        version: int,
        pubstatus: str,
        revises: bool,
        regions: tuple[str, ...],
        head: bytes,
        view: bytes,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 9 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "uri", uri)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "pubstatus", pubstatus)
        object.__setattr__(self, "revises", revises)
        object.__setattr__(self, "regions", regions)
        object.__setattr__(self, "head", head)
        object.__setattr__(self, "view", view)


def stage1_tail(regions: Sequence[str]) -> bytes:
    """The bytes a stage-1 document ends with, for an item in ``regions``."""
    return b"".join((TAIL_REGIONS, jsonio.dumps(list(regions)), TAIL_STATUS))


def splice_key(secret: bytes) -> bytes:
    """The HMAC key for a shared ``secret`` (empty: no key, a plain digest)."""
    return hashlib.sha256(secret).digest() if secret else b""


def _splice_crc(fields: bytes, dedup: bytes, value: bytes) -> int:
    """A ``WS\x03`` header's CRC-32: over ``fields``, the length of ``dedup`` (4 bytes,
    little-endian), ``dedup``, then the document ``value``. The reference of the native
    ``splice_crc``, and the path without it."""
    crc = zlib.crc32(len(dedup).to_bytes(4, "little"), zlib.crc32(fields))
    return zlib.crc32(value, zlib.crc32(dedup, crc))


def _native_splice_crc() -> Callable[[bytes, bytes, bytes], int]:
    """The native :func:`_splice_crc` (``native/src/lib.rs``, ``splice_crc``: the same value
    in one call, PCLMULQDQ folding over the document where the CPU has it, about 0.45
    instructions a byte against zlib's 3.5; bench/README.md, session 32), else the Python
    one: not built (or built before it had it), or ``WIRE_NATIVE=0`` (read once, at import)."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return _splice_crc
    try:
        from wirestream_native import splice_crc
    except ImportError:
        return _splice_crc
    return splice_crc


_SPLICE_CRC: Final = _native_splice_crc()


def _digest(fields: bytes, dedup: bytes, value: bytes, key: bytes) -> bytes:
    """The check of a header whose fields are ``fields``: by its layout (the magic that starts
    ``fields``) and ``key``; see :func:`_sha_digest` and :data:`_SPLICE_MAGIC`."""
    if key or fields.startswith(_SPLICE_MAGIC_SHA):
        return _sha_digest(fields, dedup, value, key)
    return _SPLICE_CRC(fields, dedup, value).to_bytes(4, "little") + _CRC_PAD


#: The rest of a ``WS\x03`` header's check field, after the CRC-32.
_CRC_PAD: Final = bytes(12)


def _sha_digest(fields: bytes, dedup: bytes, value: bytes, key: bytes) -> bytes:
    """Binds the header to the exact document and ``wire-dedup`` header it was written with
    (a genuine record sent with another story's features would be decided as that story: a
    new story recorded as a duplicate; found by review). Keyed (HMAC with a secret
    the workers share), only a worker can write a header that verifies; unkeyed (SHA-256), an
    accident, a rewritten value or an older writer is caught, a forger who recomputes it is
    not. SHA-256 rather than blake2b: with the CPU's SHA instructions it is about 4 us for a
    6 kB item here, blake2b 7 us, and stage 2 pays it for every record. Since session 31 an
    unkeyed worker writes a CRC-32 instead (``WS\x03``, :func:`_digest`): the same accidents
    caught, the same forgers not, 2 us against 4.6 for 6.3 kB; this one checks ``WS\x02``."""
    bound = b"".join((fields, len(dedup).to_bytes(4, "little"), dedup))
    if key:
        return hmac.digest(key, bound + value, "sha256")[:_DIGEST]
    h = hashlib.sha256(bound)
    h.update(value)
    return h.digest()[:_DIGEST]


def splice_encode(
    value: bytes,
    *,
    uri: str,
    version: int,
    pubstatus: str,
    revises: bool,
    regions: Sequence[str],
    dedup: bytes,
    view: bytes = bytes(VIEW_SIZE),
    key: bytes = b"",
) -> bytes | None:
    """The splice header for the stage-1 document ``value``; ``None`` when it cannot carry
    one (its tail is not the stage-1 tail, or a field does not fit the layout).

    About 70 bytes: the uri is not copied (the document starts with it) and the view holds
    offsets, so the header adds little to a record's size against its bounds.
    """
    tail = stage1_tail(regions)
    enc_uri = jsonio.dumps(uri)
    if (
        not value.endswith(tail)
        or value[URI_AT : URI_AT + len(enc_uri)] != enc_uri
        or not value.startswith(b'{"uri":')
        or pubstatus not in PUBSTATUSES
        or len(view) != VIEW_SIZE
    ):
        return None
    try:
        fields = _SPLICE.pack(
            _SPLICE_MAGIC_SHA if key else _SPLICE_MAGIC,
            len(value) - len(tail),
            version,
            1 if revises else 0,
            len(enc_uri),
            PUBSTATUSES.index(pubstatus),
        )
    except struct.error:
        return None
    fields += view
    return fields + _digest(fields, dedup, value, key)


def _read_regions(raw: bytes) -> tuple[str, ...] | None:
    """The regions ``raw`` encodes if it is the canonical encoding of a list of strings (the
    bytes :func:`stage1_tail` writes for it), else ``None``."""
    known = _regions_read.get(raw)
    if known is not None:
        return known
    try:
        regions = jsonio.loads(raw)
    except ValueError:
        return None
    if (
        not isinstance(regions, list)
        or not all(isinstance(r, str) for r in regions)
        or jsonio.dumps(regions) != raw
    ):
        return None
    out = tuple(regions)
    if len(raw) <= _REGION_BYTES_KEPT:
        if len(_regions_read) >= _REGIONS_KEPT:
            _regions_read.clear()
        _regions_read[raw] = out
    return out


def splice_decode(
    data: bytes | None, value: bytes, dedup: bytes, key: bytes = b""
) -> Splice | None:
    """The :class:`Splice` in ``data`` if it was written for exactly ``value`` and the
    ``wire-dedup`` header ``dedup``, else ``None``.

    Checked: the layout, the digest over the header and the whole document, that the uri
    is a JSON string where the document starts, and that the bytes at the offset are exactly
    the stage-1 tail of the regions found there. Anything else (no header, another version,
    a lying offset, a truncated or rewritten value) is ``None``: the caller takes the full path.
    """
    if not data or len(data) != _SPLICE_BYTES:
        return None
    if not data.startswith(_SPLICE_MAGIC_SHA) and (key or not data.startswith(_SPLICE_MAGIC)):
        return None  # keyed, only the keyed layout: a CRC proves nothing of who wrote it
    end = _SPLICE_SIZE + VIEW_SIZE
    # Typed, so that the compiled core compares and slices with machine ints.
    fields = _SPLICE.unpack_from(data)
    offset: int = fields[1]
    version: int = fields[2]
    flags: int = fields[3]
    nuri: int = fields[4]
    pub: int = fields[5]
    if pub >= len(PUBSTATUSES) or data[end:] != _digest(data[:end], dedup, value, key):
        return None
    start = offset + len(TAIL_REGIONS)
    stop = len(value) - len(TAIL_STATUS)
    if (
        not URI_AT + nuri < offset < start < stop
        or value[offset:start] != TAIL_REGIONS
        or not value.endswith(TAIL_STATUS)
        or not value.startswith(b'{"uri":')
        or value[URI_AT + nuri] != _COMMA
    ):
        return None
    regions = _read_regions(value[start:stop])
    if regions is None:
        return None
    try:
        uri = jsonio.loads(value[URI_AT : URI_AT + nuri])
    except ValueError:
        return None
    if not isinstance(uri, str):
        return None
    view = data[_SPLICE_SIZE:end]
    return Splice(uri, version, PUBSTATUSES[pub], bool(flags & 1), regions, value[:offset], view)
