"""The Faust worker: the composition root, agents, delivery, exactly-once, state, web.

The only package that imports faust.
"""
