"""Stage 2 by splicing: the routed record is the stage-1 bytes up to the routing tail plus the
encoded routing fields, decided from the headers alone; any header that does not fit its
record exactly sends the record down the parsed path, never onto a topic malformed."""

from __future__ import annotations

import hashlib
import random
import struct
import zlib

import orjson
import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, handoff
from streams.core.model import WireItem
from streams.core.pipeline import Outbound, Pipeline
from streams.core.schema import validate_item
from streams.settings import Settings
from tests.unit.core.dedup.test_handoff import STREAM, T, full_path, ninjs, stage1


def pipe(key: str = "") -> Pipeline:
    return build_pipeline(Settings(handoff_key=key), MemoryStore())


def headers(record: Outbound) -> dict[str, bytes]:
    return dict(record.headers)


def dedup(record: Outbound) -> bytes:
    """The record's ``wire-dedup`` header, which the splice digest covers too."""
    return headers(record)[handoff.HEADER]


def forge(value: bytes, offset: int, key: bytes = b"", nuri: int = 0, dedup: bytes = b"") -> bytes:
    """A splice header for ``value`` claiming ``offset``, with a digest that verifies (what
    a writer who knows the layout and the key can make)."""
    nuri = nuri or value.index(b",", handoff.URI_AT) - handoff.URI_AT
    head = struct.pack("<3sIqBIB", handoff._SPLICE_MAGIC, offset, 1, 0, nuri, 0)
    head += bytes(handoff.VIEW_SIZE)
    return head + handoff._digest(head, dedup, value, key)


def route_all(p: Pipeline, records: list[Outbound]) -> list[tuple[str, list[Outbound]]]:
    out = []
    for i, record in enumerate(records):
        r = p.routable(record.value, headers(record))
        decision, got = p.decide_routable(r, T + i)
        p.remember_routable(r, decision, T + i)
        out.append((decision.status, got))
    return out


def test_every_stage_one_record_carries_a_splice_header_that_verifies() -> None:
    p = pipe()
    for record in stage1(p):
        data = headers(record)[handoff.SPLICE_HEADER]
        splice = handoff.splice_decode(data, record.value, dedup(record))
        assert splice is not None
        doc = orjson.loads(record.value)
        assert splice.uri == doc["uri"] and splice.version == doc["version"]
        assert splice.regions == tuple(doc["wirestream"]["regions"])
        assert record.value == splice.head + handoff.stage1_tail(splice.regions)


def test_spliced_records_are_the_full_paths_bytes_for_every_decision() -> None:
    full, cheap = pipe(), pipe()
    records = stage1(full)
    statuses = []
    for i, record in enumerate(records):
        want = full_path(full, record, T + i)
        r = cheap.routable(record.value, headers(record))
        assert r.doc is None and r.item is None and r.head is not None  # nothing parsed
        decision, got = cheap.decide_routable(r, T + i)
        cheap.remember_routable(r, decision, T + i)
        statuses.append(decision.status)
        assert [(o.topic, o.key, o.value) for o in got] == [(o.topic, o.key, o.value) for o in want]
        for o in got:
            validate_item(orjson.loads(o.value))
        assert r.document() == orjson.loads(got[0].value)
    assert {"routed", "duplicate", "update"} <= set(statuses)


def test_a_duplicate_and_an_update_carry_their_routing_fields() -> None:
    routed = route_all(pipe(), stage1(pipe()))
    dup = next(out for status, out in routed if status == "duplicate")
    [record] = dup
    ext = orjson.loads(record.value)["wirestream"]
    assert record.topic.endswith("duplicates") and ext["duplicate_of"].endswith(":a")
    assert 0 <= ext["similarity"] <= 1
    upd = next(out for status, out in routed if status == "update")
    ext = orjson.loads(upd[0].value)["wirestream"]
    assert ext["status"] == "update" and ext["update_of"].endswith(":a")


def test_a_kill_reaches_its_originals_regions() -> None:
    p = pipe()
    kill_raw = ninjs("a", [], version=3, pubstatus="canceled", headline="KILL - withdrawn")
    records = [*p.stage1_records(STREAM[0]), *p.stage1_records(kill_raw)]
    assert orjson.loads(records[1].value)["wirestream"]["regions"] in ([], ["unlocated"])
    original_regions = orjson.loads(records[0].value)["wirestream"]["regions"]
    r = p.routable(records[1].value, headers(records[1]))
    assert r.head is not None
    [(_, _), (_, out)] = route_all(p, records)
    ext = orjson.loads(out[0].value)["wirestream"]
    assert ext["regions"] == original_regions and original_regions not in (
        [],
        ["unlocated"],
    )  # rewritten to the original's
    assert {o.topic for o in out} == {p.topics.region(x) for x in original_regions}
    validate_item(orjson.loads(out[0].value))


def test_an_old_format_record_takes_the_parsed_path_with_the_same_document() -> None:
    old, new = pipe(), pipe()
    for i, record in enumerate(stage1(old)):
        want = full_path(old, record, T + i)
        dedup_only = {handoff.HEADER: headers(record)[handoff.HEADER]}
        r = new.routable(record.value, dedup_only)
        assert r.head is None and r.doc is not None
        decision, got = new.decide_routable(r, T + i)
        new.remember_routable(r, decision, T + i)
        assert [orjson.loads(o.value) for o in got] == [orjson.loads(o.value) for o in want]


@pytest.mark.parametrize("delta", [-1, 1, -10, 10**6])
def test_a_lying_offset_is_not_spliced_even_with_a_digest_that_verifies(delta: int) -> None:
    p = pipe()
    record = stage1(p)[0]
    good = handoff.splice_decode(
        headers(record)[handoff.SPLICE_HEADER], record.value, dedup(record)
    )
    assert good is not None
    lie = forge(record.value, len(good.head) + delta, dedup=dedup(record))
    assert handoff.splice_decode(lie, record.value, dedup(record)) is None
    r = p.routable(record.value, {**headers(record), handoff.SPLICE_HEADER: lie})
    assert r.head is None and r.doc is not None


def test_a_truncated_or_rewritten_value_is_not_spliced() -> None:
    p = pipe()
    record = stage1(p)[0]
    data = headers(record)[handoff.SPLICE_HEADER]
    cut = record.value[:-7]
    assert handoff.splice_decode(data, cut, dedup(record)) is None
    with pytest.raises(ValueError):  # the parsed path: a dead letter, not a routed record
        p.routable(cut, headers(record))
    # same length, same tail, another text: the digest catches it
    doc = orjson.loads(record.value)
    doc["headlines"][0]["value"] = doc["headlines"][0]["value"].swapcase()
    rewritten = orjson.dumps(doc)
    assert len(rewritten) == len(record.value) and rewritten.endswith(b'"routed"}}')
    assert handoff.splice_decode(data, rewritten, dedup(record)) is None
    r = p.routable(rewritten, headers(record))
    assert r.head is None and r.doc == doc


def test_a_header_truncated_or_of_another_version_is_not_spliced() -> None:
    record = stage1(pipe())[0]
    data = headers(record)[handoff.SPLICE_HEADER]
    for bad in (data[:-1], data[:10], b"WS\x01" + data[3:], b"", data + b"x"):
        assert handoff.splice_decode(bad, record.value, dedup(record)) is None
    good = handoff.splice_decode(data, record.value, dedup(record))
    assert good is not None
    for nuri in (1, 2, 5, 40):  # a uri length that lies, with a digest that verifies
        lie = forge(record.value, len(good.head), nuri=nuri, dedup=dedup(record))
        assert handoff.splice_decode(lie, record.value, dedup(record)) is None


def test_a_forged_record_needs_the_key() -> None:
    """Unkeyed, a forger can make a header that verifies for a malformed document; with
    ``WIRE_HANDOFF_KEY`` the workers share, such a record takes the parsed path."""
    p = pipe(key="s3cret")
    record = stage1(p)[0]
    assert p.routable(record.value, headers(record)).head is not None  # its own: spliced
    good = handoff.splice_decode(
        headers(record)[handoff.SPLICE_HEADER], record.value, dedup(record), p.splice_key
    )
    assert good is not None
    tail = record.value[len(good.head) :]
    broken = b'{"uri":"a","wirestream":{"format":' + tail  # not JSON
    lie = forge(broken, len(broken) - len(tail), dedup=dedup(record))
    assert handoff.splice_decode(lie, broken, dedup(record)) is not None  # unkeyed: would verify
    with pytest.raises(ValueError):
        p.routable(broken, {**headers(record), handoff.SPLICE_HEADER: lie})
    other = pipe()  # a worker with another (no) key: its records are parsed, still routed
    r = other.routable(record.value, headers(record))
    assert r.head is None and r.doc is not None


def test_the_document_key_order_puts_the_routing_fields_last() -> None:
    item = WireItem(uri="x")
    item.ext.duplicate_of = "y"
    item.ext.similarity = 0.5
    keys = list(item.to_json()["wirestream"])
    assert keys[-4:] == ["regions", "status", "duplicate_of", "similarity"]
    assert list(item.to_json())[-1] == "wirestream"


def test_every_optional_field_is_written_in_the_documented_order() -> None:
    """Each optional field is written where ``to_json`` always put it, set or left out alone,
    the routing fields in ``ROUTING_OPTIONAL``'s order (each is read by its own attribute)."""
    from streams.core.model import ROUTING_OPTIONAL

    top = [
        "versioncreated",
        "firstcreated",
        "located",
        "embargoed",
        "language",
        "urgency",
        "usageterms",
        "copyrightnotice",
        "ednote",
        "byline",
    ]
    ext_optional = ["fingerprint", "desk", "link"]
    assert ROUTING_OPTIONAL == ("duplicate_of", "update_of", "related_to", "similarity")
    for left_out in [None, *top, *ext_optional, *ROUTING_OPTIONAL]:
        item = WireItem(uri="x")
        for n, name in enumerate(top):
            setattr(item, name, n if name == "urgency" else f"v{n}")
        for name in [*ext_optional, *ROUTING_OPTIONAL]:
            setattr(item.ext, name, 0.5 if name == "similarity" else name)
        if left_out in top:
            setattr(item, left_out, None)
        elif left_out is not None:
            setattr(item.ext, left_out, None)
        doc = item.to_json()
        want = ["uri", "type", "version", "pubstatus", *top, "wirestream"]
        assert list(doc) == [k for k in want if k != left_out]
        ext = ["format", "focus", "evidence", "signals", *ext_optional, "regions", "status"]
        ext += list(ROUTING_OPTIONAL)
        assert list(doc["wirestream"]) == [k for k in ext if k != left_out]
        assert all(doc[k] == getattr(item, k) for k in top if k != left_out)
        named = [*ext_optional, *ROUTING_OPTIONAL]
        assert all(doc["wirestream"][k] == getattr(item.ext, k) for k in named if k != left_out)


def _view_by_search(item: WireItem, value: bytes) -> bytes:
    """``item_view`` as first written: each anchor sought from the document's start."""
    from streams import jsonio

    def span(anchor: bytes, enc: bytes, after: int = 0) -> tuple[int, int]:
        at = value.find(anchor, after)
        if at < 0 or value[at + len(anchor) : at + len(anchor) + len(enc)] != enc:
            raise LookupError(anchor)
        return at + len(anchor), at + len(anchor) + len(enc)

    lineage = item.ext.lineage
    try:
        spans = [(0, 0), (0, 0), (0, 0)]
        if item.headline:
            spans[0] = span(b',"headlines":[{"value":', jsonio.dumps(item.headline))
        if lineage is not None:
            at = value.find(b',"lineage":{"topic":')
            if at < 0:
                raise LookupError("lineage")
            if lineage.received is not None:
                spans[1] = span(b',"received":', jsonio.dumps(lineage.received), at)
            spans[2] = span(b',"source":', jsonio.dumps(lineage.source), at)
        return handoff.VIEW.pack(
            *spans[0], *spans[1], *spans[2], len(item.ext.dropped), item.body_chars
        )
    except (LookupError, struct.error):
        return bytes(handoff.VIEW_SIZE)


def test_the_view_is_what_a_search_from_the_start_finds() -> None:
    """``item_view`` seeks the lineage from the document's end and reads ``source`` right
    after ``received``: the same offsets as a search from the start, for documents whose
    text holds the anchors (escaped), without a received time, headline or lineage."""
    from streams.core.model import Lineage
    from streams.core.pipeline import item_view

    p = pipe()
    items = [item for raw in STREAM for item in p.prepare(raw)]
    tricky = ',"lineage":{"topic":"x","source":"y","received":"z"} "headlines":[{"value":'
    cases = []
    for n, item in enumerate(items):
        lineage = item.ext.lineage
        assert lineage is not None
        if n % 3 == 0:
            item.headlines[0].value = tricky + item.headline
        if n % 4 == 1:
            item.ext.dropped = [*item.ext.dropped, tricky]
        if n == 2:
            item.ext.lineage = Lineage("t", 0, 1, 0, "0" * 64, None, tricky, "f")
        if n == 3:
            item.ext.lineage = None
        if n == 4:
            item.headlines = []
        if n == 5:
            item.ext.lineage = Lineage("t", 0, 1, 0, "0" * 64, "2026-01-01T00:00:00Z", "", "")
        cases.append(item)
    for item in cases:
        value = p.encode(item)
        got = item_view(item, value)
        assert got == _view_by_search(item, value) != bytes(handoff.VIEW_SIZE)
    # ``source`` not right after ``received`` (no stage-1 document is so): sought, found
    value = p.encode(items[1]).replace(b',"source":', b',"x":1,"source":')
    assert item_view(items[1], value) == _view_by_search(items[1], value)
    assert handoff.VIEW.unpack(item_view(items[1], value))[4] > 0
    # a value that is not the item's document: nothing found, all zeros both ways
    assert item_view(items[0], b"{}") == _view_by_search(items[0], b"{}") == bytes(32)


def test_region_lists_are_read_once_and_only_canonical_ones() -> None:
    read = handoff._read_regions
    assert read(b'["europe","asia-pacific"]') == ("europe", "asia-pacific")
    assert read(b'["europe","asia-pacific"]') == ("europe", "asia-pacific")  # kept
    assert read(b"[]") == ()
    for bad in (b'[ "europe"]', b'["\\u0065urope"]', b'["a",1]', b'{"a":1}', b"[", b'"a"'):
        assert read(bad) is None
        assert read(bad) is None  # a refusal is not kept as an answer
    assert read('["é"]'.encode()) == ("é",)
    for n in range(handoff._REGIONS_KEPT + 10):  # bounded: forgotten all at once
        assert read(orjson.dumps([f"r{n}"])) == (f"r{n}",)
        assert len(handoff._regions_read) <= handoff._REGIONS_KEPT


def test_region_lists_kept_are_bounded_in_bytes_not_only_in_number() -> None:
    """Review hrev28a: the memo was bounded by count alone, keyed by the list's bytes. An
    unkeyed digest is recomputed by anyone who writes the topic, so a canonical list may be
    as long as a record (16 MB): 1,024 of them kept were gigabytes. A long list is read (and
    checked) every time, and not kept."""
    handoff._regions_read.clear()
    long = [f"region-{n}" for n in range(20_000)]  # about 300 kB
    for n in range(5):
        raw = orjson.dumps([*long, f"r{n}"])
        assert handoff._read_regions(raw) == (*long, f"r{n}")
    kept = sum(len(k) for k in handoff._regions_read)
    assert kept <= handoff._REGION_BYTES_KEPT * handoff._REGIONS_KEPT
    assert kept < len(long) * 10  # none of the long lists
    assert handoff._read_regions(b'["europe"]') == ("europe",)
    assert b'["europe"]' in handoff._regions_read  # a real list still kept


def previous_release_header(record: Outbound) -> bytes:
    """The ``wire-splice`` header the previous release (``WS\\x02``, unkeyed) wrote for
    ``record``: its fields, then SHA-256 over them, the ``wire-dedup`` header's length and
    bytes and the document, cut to 16 bytes (written out here, not taken from the module)."""
    data = headers(record)[handoff.SPLICE_HEADER]
    fields = b"WS\x02" + data[3 : len(data) - 16]
    bound = fields + len(dedup(record)).to_bytes(4, "little") + dedup(record)
    return fields + hashlib.sha256(bound + record.value).digest()[:16]


def test_records_of_the_previous_release_are_still_spliced_alike() -> None:
    """A rolling upgrade: ``wire.items`` still holds records whose splice header is SHA-256's
    (``WS\\x02``); they take the splice path and give the same records as the new layout."""
    new, old = pipe(), pipe()
    records = stage1(new)
    statuses = set()
    for i, record in enumerate(records):
        data = headers(record)[handoff.SPLICE_HEADER]
        assert data[:3] == b"WS\x03" and data[-12:] == bytes(12)
        previous = previous_release_header(record)
        assert len(previous) == len(data) and previous != data
        r_new = new.routable(record.value, headers(record))
        r_old = old.routable(record.value, {**headers(record), handoff.SPLICE_HEADER: previous})
        assert r_old.head is not None and r_old.doc is None  # spliced, not parsed
        assert r_old.head == r_new.head and r_old.view == r_new.view
        want, got = new.decide_routable(r_new, T + i), old.decide_routable(r_old, T + i)
        new.remember_routable(r_new, want[0], T + i)
        old.remember_routable(r_old, got[0], T + i)
        statuses.add(got[0].status)
        assert [(o.topic, o.key, o.value) for o in got[1]] == [
            (o.topic, o.key, o.value) for o in want[1]
        ]
        # the old layout's digest still guards its record: one byte changed, parsed instead
        bad = bytes([record.value[40] ^ 1])
        changed = record.value[:40] + bad + record.value[41:]
        assert handoff.splice_decode(previous, changed, dedup(record)) is None
    assert {"routed", "duplicate", "update"} <= statuses


def test_a_keyed_reader_splices_only_the_keyed_layout() -> None:
    """A CRC-32 proves nothing of who wrote a header: keyed, ``WS\\x03`` is parsed (the full
    path), and a keyed writer still writes ``WS\\x02`` (HMAC-SHA-256) for keyed readers of
    either release."""
    keyed, plain = pipe(key="s3cret"), pipe()
    mine = stage1(keyed)[0]
    assert headers(mine)[handoff.SPLICE_HEADER][:3] == b"WS\x02"
    assert keyed.routable(mine.value, headers(mine)).head is not None
    theirs = stage1(plain)[0]
    assert headers(theirs)[handoff.SPLICE_HEADER][:3] == b"WS\x03"
    assert plain.routable(theirs.value, headers(theirs)).head is not None
    r = keyed.routable(theirs.value, headers(theirs))
    assert r.head is None and r.item is not None
    # nor may a CRC header be passed off under the keyed layout's magic
    data = headers(theirs)[handoff.SPLICE_HEADER]
    assert handoff.splice_decode(b"WS\x02" + data[3:], theirs.value, dedup(theirs)) is None


def test_the_crc_layout_catches_any_one_changed_byte_and_its_padding() -> None:
    record = stage1(pipe())[0]
    data, value, extra = headers(record)[handoff.SPLICE_HEADER], record.value, dedup(record)
    assert handoff.splice_decode(data, value, extra) is not None
    for at in range(0, len(value), 97):
        changed = value[:at] + bytes([value[at] ^ 0x20]) + value[at + 1 :]
        assert handoff.splice_decode(data, changed, extra) is None
    for at in range(0, len(extra), 31):
        changed = extra[:at] + bytes([extra[at] ^ 1]) + extra[at + 1 :]
        assert handoff.splice_decode(data, value, changed) is None
    for at in range(3, len(data)):
        changed = data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]
        assert handoff.splice_decode(changed, value, extra) is None


def test_a_crc_header_relabelled_padded_or_cut_is_parsed_alike_never_refused() -> None:
    """Review hrev31b: every bit of a ``WS\\x03`` header counts, the 12 pad bytes too (the
    check compares all 16 bytes), and a header relabelled either way, cut short or given a
    non-zero pad sends its record down the parsed path with the same output, never a crash or
    a dead letter. A keyed writer's ``WS\\x02`` relabelled ``WS\\x03`` fails the CRC too."""
    plain, keyed = pipe(), pipe(key="s3cret")
    records, theirs = stage1(plain), stage1(keyed)[0]
    want = route_all(pipe(), records)
    data = headers(records[0])[handoff.SPLICE_HEADER]
    assert data[:3] == b"WS\x03"
    bad = [
        data[:-12] + b"\x01" + data[-11:],  # a pad byte set
        data[:-1] + b"\x01",  # the last pad byte set
        b"WS\x02" + data[3:],  # relabelled to SHA's layout
        data[:-12],  # the pad cut off
        data[:-13],  # into the CRC
    ]
    for header in bad:
        assert handoff.splice_decode(header, records[0].value, dedup(records[0])) is None
    keyed_data = headers(theirs)[handoff.SPLICE_HEADER]
    relabelled = b"WS\x03" + keyed_data[3:]
    assert handoff.splice_decode(relabelled, theirs.value, dedup(theirs)) is None
    for header in bad:
        p = pipe()
        first = records[0]
        swapped = tuple((n, header if n == handoff.SPLICE_HEADER else v) for n, v in first.headers)
        mixed = [Outbound(first.topic, first.key, first.value, swapped), *records[1:]]
        assert plain.routable(first.value, dict(swapped)).head is None  # parsed, not spliced
        got = route_all(p, mixed)
        assert [(s, [(o.topic, o.value) for o in out]) for s, out in got] == [
            (s, [(o.topic, o.value) for o in out]) for s, out in want
        ]


def test_the_crc_layout_is_zlibs_crc32_over_fields_dedup_and_document() -> None:
    """The ``WS\\x03`` check, written out here with ``zlib``: what workers of session 31 wrote
    and read, so a native CRC (session 32) neither refuses their records nor writes one they
    refuse (a rolling upgrade either way)."""
    for record in stage1(pipe()):
        data, extra = headers(record)[handoff.SPLICE_HEADER], dedup(record)
        fields = data[:-16]
        crc = zlib.crc32(len(extra).to_bytes(4, "little"), zlib.crc32(fields))
        crc = zlib.crc32(record.value, zlib.crc32(extra, crc))
        assert data[-16:] == crc.to_bytes(4, "little") + bytes(12)


def test_the_native_splice_crc_is_zlibs_at_every_length_and_alignment() -> None:
    """``wirestream_native.splice_crc`` (PCLMULQDQ folding over 64-byte blocks, 16-byte
    steps, then table bytes) against the Python reference, at every document length around
    its steps and from every start a ``wire-dedup`` length and bytes leave it."""
    native = pytest.importorskip("wirestream_native")
    if not hasattr(native, "splice_crc"):
        pytest.skip("an extension built before session 32 (no splice_crc)")
    rng = random.Random(32)
    blob = rng.randbytes(9000)
    lengths = [*range(0, 300), 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 8999]
    for n in lengths:
        at = rng.randrange(0, 8)  # not 16-byte aligned
        value = blob[at : at + n] if at + n <= len(blob) else blob[:n]
        fields, extra = rng.randbytes(rng.randrange(0, 80)), rng.randbytes(rng.randrange(0, 900))
        want = handoff._splice_crc(fields, extra, value)
        assert native.splice_crc(fields, extra, value) == want, n
        assert native.splice_crc(b"", b"", value) == handoff._splice_crc(b"", b"", value), n
    big = rng.randbytes(1 << 20)
    assert native.splice_crc(b"x", b"y", big) == handoff._splice_crc(b"x", b"y", big)
