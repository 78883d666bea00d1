"""The contract between the engine and the rules: the ``Rule`` base class, the plans
the engine hands a rule (a call site, a module, a requirement), the result of one
file, the changes a run may leave out, and the ``# migrator: ignore`` directives.

Imports ``migrator.core``, ``migrator.code``, ``migrator.runtime`` and
``migrator.analysis``. Nothing here imports a rule or the engine.
"""
