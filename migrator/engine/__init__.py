"""The engine: parse a module once, run the rules in order on every call site,
render, check the output, and report; the registry that finds the rules, and the
changes a person chose to leave out.

Imports every layer below it and, through the registry, the rules; never files,
the command line or anything that prints.
"""
