"""Python code as code, knowing nothing of Anthropic's API: reading source text,
parsing it once (``ast`` and libcst), walking it, printing nodes, and laying out the
lines a migration writes as black would.

Imports only ``migrator.core``.
"""
