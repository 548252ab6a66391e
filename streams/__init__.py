"""Wirestream: raw news-wire items in, canonical geo-routed items out, on Kafka."""

__version__ = "0.1.0"
