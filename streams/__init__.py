"""Wirestream: raw news-wire items in, canonical geo-routed items out, on Kafka."""

from streams import compiled as _compiled

__version__ = "0.1.0"

# Before any streams.core module is imported: the compiled core when its build matches the
# sources on disk, else the interpreted one (streams/compiled.py).
_compiled.install()
