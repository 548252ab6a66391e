"""Item identity: a uri in the namespace of the source that sent the item.

Every uri is ``urn:wirestream:<namespace>:<rest>``, where the namespace is the source's slug
(or the name of its alias group, ``WIRE_SOURCE_ALIASES``) and ``<rest>`` is:

- ``id:<native id>`` when the format carries its own id (ninjs uri, NewsML guid, RSS guid ...),
  percent-encoded where it is not URI-safe; ``idh:<sha256>`` when that is over
  :data:`MAX_NATIVE_CHARS` (a multi-megabyte id must not grow every record keyed by it);
- a hash of a story key (slug + story number), the same for every version of a story;
- else a hash of headline and body, the same for the same item re-sent.

The namespace is what stops one source from taking over another's story: a native id is
only unique within its sender, and dedup decides repeats and updates by uri. So the same item
re-sent by the same source keeps its uri, and the same native id from another source is
another story, unless the two sources are declared aliases.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import quote

PREFIX = "urn:wirestream:"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
#: Kept as is in a native id: RFC 3986 unreserved and sub-delims, ':', '/', '@', '?'.
_URI_SAFE = "-._~!$&'()*+,;=:/@?"
#: What ``quote(..., safe=_URI_SAFE)`` leaves as it is: its always-safe ASCII letters, digits
#: and "_.-~", and ``_URI_SAFE``. A native id of these alone is its own quoted form.
_URI_PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~" + _URI_SAFE
#: Longest native id (percent-encoded) kept readable in a uri; a longer one is hashed.
MAX_NATIVE_CHARS = 512


#: :func:`source_slug`'s answers: a feed sends under a handful of source names, and each
#: item's uri and namespace read the slug again (about 5 k instructions a read: a strip, a
#: lower-case copy and a regex substitution; bench/README.md, session 32, hperf85). Names
#: of up to :data:`_SLUG_CHARS` characters, at most :data:`_SLUG_ENTRIES` of them, emptied
#: when full.
_SLUGS: dict[str, str] = {}
_SLUG_ENTRIES = 256
_SLUG_CHARS = 64


def _source_slug(source: str) -> str:
    slug = _UNSAFE.sub("-", source.strip().lower()).strip("-")
    return slug or "unknown"


def source_slug(source: str) -> str:
    """A source name safe inside a urn (lower-case, ``[a-z0-9._-]``)."""
    if len(source) > _SLUG_CHARS:
        return _source_slug(source)
    memo = _SLUGS
    got = memo.get(source)
    if got is not None:
        return got
    slug = _source_slug(source)
    if len(memo) >= _SLUG_ENTRIES:
        memo.clear()
    memo[source] = slug
    return slug


@dataclass(frozen=True, slots=True)
class SourceAliases:
    """Groups of sources sharing one uri namespace, read from ``WIRE_SOURCE_ALIASES``.

    ``"reuters=rtrs,reuters-ftp;ap=apnews"``: items from ``rtrs`` and ``reuters-ftp`` get uris
    in the ``reuters`` namespace, so each can update or kill the other's stories.
    """

    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> SourceAliases:
        """Raise ``ValueError`` (naming the fault) on a malformed or ambiguous declaration."""
        names: dict[str, str] = {}
        for group in filter(None, (g.strip() for g in text.split(";"))):
            head, sep, rest = group.partition("=")
            canonical = source_slug(head)
            members = [source_slug(m) for m in rest.split(",") if m.strip()]
            if not sep or not head.strip() or not members:
                raise ValueError(f"{group!r} is not NAME=ALIAS[,ALIAS...]")
            for name in (canonical, *members):
                if names.get(name, canonical) != canonical:
                    raise ValueError(f"source {name!r} is in two alias groups")
                names[name] = canonical
        return cls(names)

    def namespace(self, source: str) -> str:
        """The uri namespace of a source: its group's name, else its own slug."""
        slug = source_slug(source)
        return self.names.get(slug, slug)


NO_ALIASES = SourceAliases()


#: ASCII whitespace (what ``str.split()`` splits ASCII text on) to a space, other bytes kept.
_SPACES = bytes(32 if chr(c).isspace() else c for c in range(128)) + bytes(range(128, 256))


def _native_words() -> Callable[[str], bytes] | None:
    """The compiled :func:`_words_utf8` (``native/src/text.rs``, ``words_utf8``), or None:
    not built, or ``WIRE_NATIVE=0`` (read once, at import)."""
    if os.environ.get("WIRE_NATIVE", "1") == "0":
        return None
    try:
        from wirestream_native import words_utf8
    except ImportError:
        return None
    return words_utf8


_WORDS_UTF8: Final = _native_words()


def _words_utf8(text: str) -> bytes:
    """``" ".join(text.split())`` in UTF-8; ASCII text by byte translation (a third of the
    cost on a 3 KB body: no string per word). Natively one pass that copies runs of word
    bytes (the translation, the double-space searches and replaces were three to five
    passes, about 5% of the parse stage's instructions). A lone surrogate (no UTF-8) takes
    the Python code, which raises its own ``UnicodeEncodeError``."""
    native = _WORDS_UTF8
    if native is not None:
        try:
            return native(text)
        except ValueError:
            pass
    if not text.isascii():
        return " ".join(text.split()).encode("utf-8")
    data = text.encode("ascii").translate(_SPACES)
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    return data.strip(b" ")


def _digest(*parts: str) -> str:
    joined = b"\x1f".join(map(_words_utf8, parts))
    return hashlib.sha256(joined).hexdigest()[:24]


def content_uri(source: str, *content: str) -> str:
    """Uri derived from content (headline, body ...); whitespace differences are ignored."""
    return f"{PREFIX}{source_slug(source)}:{_digest(*content)}"


def story_uri(source: str, fmt: str, *key: str) -> str:
    """Uri derived from a story key (e.g. slug + story number), stable across versions."""
    normal = [k.strip().lower() for k in key]
    return f"{PREFIX}{source_slug(source)}:{_digest(fmt, *normal)}"


def native_uri(value: str | None) -> str | None:
    """The format's own id, trimmed; ``None`` when absent or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def scoped_uri(source: str, native: str) -> str:
    """A native id inside the source's namespace (``urn:wirestream:<source>:id:<native>``)."""
    # Most native ids need no quoting: then ``quote`` (two interpreted frames, an encode and
    # a decode under this compiled caller) would return an equal string; its own test is
    # the same ``rstrip`` over the same characters.
    quoted = native if not native.rstrip(_URI_PLAIN) else quote(native, safe=_URI_SAFE)
    if len(quoted) > MAX_NATIVE_CHARS:
        digest = hashlib.sha256(native.encode("utf-8")).hexdigest()
        return f"{PREFIX}{source_slug(source)}:idh:{digest}"
    return f"{PREFIX}{source_slug(source)}:id:{quoted}"


def namespace_of(uri: str) -> str | None:
    """The namespace of a uri built here; ``None`` for any other (state from older versions)."""
    if not uri.startswith(PREFIX):
        return None
    parts = uri[len(PREFIX) :].split(":", 1)
    return parts[0] if len(parts) == 2 else None
