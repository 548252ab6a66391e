"""Hostile payloads for poison-input tests, generated here (no third-party text)."""

from __future__ import annotations

import json
import random


def hostile_payloads() -> list[tuple[str, bytes]]:
    """(name, bytes): at least 50 payloads that must each become one dead letter."""
    rng = random.Random(1312)
    out: list[tuple[str, bytes]] = []
    for i in range(12):
        out.append((f"random-{i}", rng.randbytes(rng.choice([16, 300, 4096, 65536]))))
    out.append(("empty", b""))
    out.append(("whitespace", b" \n\t\r\n   "))
    for i in range(5):
        out.append((f"nul-bytes-{i}", b"Headline\n" + b"\x00" * (50 * (i + 1)) + b"text"))
    for i in range(4):
        out.append((f"control-flood-{i}", bytes(rng.choice(range(1, 9)) for _ in range(5000))))
    for i in range(4):
        out.append((f"invalid-utf8-{i}", b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc" * (i + 3)))
    good_json = json.dumps({"uri": "urn:x:1", "headline": "A headline", "body_text": "Text " * 40})
    for cut in (5, 17, 40, 90):
        out.append((f"truncated-json-{cut}", good_json[:cut].encode()))
    out.append(("malformed-json", b'{"uri": "urn:x", "headlines": [,,]}'))
    out.append(("json-number", b"12345"))
    out.append(("json-null", b"null"))
    out.append(("deep-json", b'{"a":' * 5000 + b"1" + b"}" * 5000))
    out.append(("deep-array", b"[" * 100000 + b"]" * 100000))
    nitf = (
        b'<?xml version="1.0"?><nitf><head><title>Storm</title></head>'
        b"<body><body.content><p>Heavy rain.</p></body.content></body></nitf>"
    )
    for cut in (20, 60, 100):
        out.append((f"truncated-xml-{cut}", nitf[:cut]))
    out.append(("malformed-xml", b"<nitf><head><title>x</head></nitf>"))
    out.append(("xml-mismatched", b"<rss><channel><item><title>a</item></channel>"))
    out.append(
        (
            "xxe-file",
            b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<nitf><head><title>&x;</title></head></nitf>",
        )
    )
    out.append(
        (
            "xxe-http",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'
            b"<rss><channel><item><title>&x;</title></item></channel></rss>",
        )
    )
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    for i in range(1, 10):
        prev = b"lol" if i == 1 else b"lol%d" % (i - 1)
        laughs += b'<!ENTITY lol%d "' % i + (b"&" + prev + b";") * 10 + b'">'
    laughs += b"]><rss><channel><item><title>&lol9;</title></item></channel></rss>"
    out.append(("billion-laughs", laughs))
    out.append(
        (
            "quadratic-blowup",
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "'
            + b"A" * 50000
            + b'">]><rss><channel><item><title>'
            + b"&a;" * 2000
            + b"</title></item></channel></rss>",
        )
    )
    out.append(("ten-megabytes", b"Huge item\n" + b"word " * (2 * 1024 * 1024)))
    out.append(("binary-png-header", b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000)))
    out.append(("gzip-bytes", b"\x1f\x8b\x08\x00" + rng.randbytes(500)))
    out.append(("utf16-bom-garbage", b"\xff\xfe" + rng.randbytes(301)))
    out.append(("only-markup", b"<html><body><div></div></body></html>"))
    out.append(("anpa-unterminated", b"\x01\x16\x16\x02a0001 r BC-Storm 0123\n"))
    return out
