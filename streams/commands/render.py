"""One line per item or dead letter, the same in ``wire subscribe``, ``wire inspect`` and
``wire demo``, so a reader learns one format."""

from __future__ import annotations

from streams.core.model import WireItem

HEADLINE_CHARS = 90


def item_line(where: str, item: WireItem, status: str | None = None) -> str:
    """``where: status[ of uri] [regions] headline  uri``."""
    regions = ",".join(item.ext.regions) or "unlocated"
    extra = f" of {item.ext.duplicate_of}" if item.ext.duplicate_of else ""
    status = status or item.ext.status
    return f"{where}: {status}{extra} [{regions}] {item.headline[:HEADLINE_CHARS]}  {item.uri}"


def dead_letter_line(where: str, detail: str) -> str:
    """``where: dead-letter detail`` (the reason, the error, the item's uri if known)."""
    return f"{where}: dead-letter {detail}"
