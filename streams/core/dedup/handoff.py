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
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

from streams.core.dedup.deduper import Features
from streams.core.dedup.sketch import Sketch

HEADER = "wire-dedup"
_MAGIC = b"WD\x01"
_HEAD = struct.Struct("<3sBHBqIBHHH")


def encode(f: Features, shingle: int, size: int) -> bytes:
    """``f`` as the header value; ``shingle`` and ``size``: the sketch shape it was made with."""
    fp = f.fingerprint.encode()
    mins = f.sketch.mins.astype("<u4", copy=False)
    facts = f.sketch.facts.astype("<u4", copy=False)
    agree = np.asarray(f.agreement, dtype="<u4")
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
        agree.size,
    )
    return b"".join((head, fp, mins.tobytes(), facts.tobytes(), agree.tobytes()))


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
    if not data or len(data) < _HEAD.size or not data.startswith(_MAGIC):
        return None
    try:
        _, sh, k, flags, clock, count, nfp, nmins, nfacts, nagree = _HEAD.unpack_from(data)
        if sh != shingle or k != size:
            return None
        at = _HEAD.size
        fp = data[at : at + nfp].decode()
        at += nfp
        ends = (at + 4 * nmins, at + 4 * (nmins + nfacts), at + 4 * (nmins + nfacts + nagree))
        if ends[2] != len(data):
            return None
        mins = np.frombuffer(data, "<u4", nmins, at).astype(np.uint32)
        facts = np.frombuffer(data, "<u4", nfacts, ends[0]).astype(np.uint32)
        agree = np.frombuffer(data, "<u4", nagree, ends[1]).tolist()
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
