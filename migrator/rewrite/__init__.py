"""Rewrites several rules share: the adapter call around a migrated call, a request
built by a function or splatted from a dict of the same module, a JSON request body,
stop sequences, the one loop over a stream, and the net that reports what no rule
migrated.

Imports the layers below the rules and ``migrator.doubles``; the rules import it.
"""
