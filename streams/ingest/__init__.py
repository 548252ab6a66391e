"""``wire ingest``: producers that run by themselves (drop folders, feed polling, HTTP push).

Pure modules (no faust, no aiokafka; unit-tested without a broker): :mod:`.config`
(the sources file), :mod:`.entries` (feed splitting, content hashes, keys),
:mod:`.policy` (settling, backoff, jitter, staleness). Shell modules: :mod:`.fetch`
(guarded HTTP GET), :mod:`.ledger` (feed memory on a compacted topic),
:mod:`.folder`, :mod:`.feed`, :mod:`.push` and :mod:`.service` (the process).
Why a process of its own and not a worker role: ``docs/ingest.md``.
"""
