"""What a module says, read without changing it: its names and clients, the legacy
prompts and where responses and streams are read, the evidence of the legacy API
(the prefilter's bytes test and the ``ast`` tier included), the rest of the project
as far as one module needs it, and which binding of a name a read sees.

Imports ``migrator.core``, ``migrator.code`` and ``migrator.runtime``; never the rule
contract, the rules, the engine or anything that reads files or prints.
"""
