"""The pure core: parsing, normalising, geo-tagging, dedup decisions, routing.

Nothing under ``streams.core`` imports faust or aiokafka; every function here
can run in a unit test, in ``wire inspect`` or in a benchmark without Kafka.
"""
