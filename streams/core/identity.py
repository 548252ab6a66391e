"""Item identity: the format's own id when it has one, else a deterministic uri.

The derived form is ``urn:wirestream:<source>:<hash>``: the same raw item re-sent
by the same source gets the same uri, and a story key (slug + story number) gives
the same uri to every version of a story, so updates can find what they update.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def source_slug(source: str) -> str:
    """A source name safe inside a urn (lower-case, ``[a-z0-9._-]``)."""
    slug = _UNSAFE.sub("-", source.strip().lower()).strip("-")
    return slug or "unknown"


def _digest(*parts: str) -> str:
    joined = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:24]


def content_uri(source: str, *content: str) -> str:
    """Uri derived from content (headline, body ...); whitespace differences are ignored."""
    return f"urn:wirestream:{source_slug(source)}:{_digest(*content)}"


def story_uri(source: str, fmt: str, *key: str) -> str:
    """Uri derived from a story key (e.g. slug + story number), stable across versions."""
    normal = [k.strip().lower() for k in key]
    return f"urn:wirestream:{source_slug(source)}:{_digest(fmt, *normal)}"


def native_uri(value: str | None) -> str | None:
    """The format's own id, trimmed; ``None`` when absent or blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None
