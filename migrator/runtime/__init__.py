"""The run-time converter: the helper functions migrator writes into migrated code
where a value is only known when the program runs (a prompt built at run time, a
response handed to code that reads the legacy shape).

Imports only ``migrator.core``: the helpers' text depends on the settings alone.
"""
