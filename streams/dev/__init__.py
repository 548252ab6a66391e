"""Development-only tools: the local KRaft broker, a local cluster, test PKI and the demo.

Not in the wheel (they need ``deploy/kafka`` from a source checkout). Only tests, bench
and the ``wire broker`` / ``wire demo`` commands (lazily) import this package; a unit test
checks that no runtime module does.
"""
