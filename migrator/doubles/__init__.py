"""Test doubles of the legacy API, moved with the code they stand in for: mocks and
patches of ``completions.create``, fakes, ``Completion(...)`` objects built by hand,
``httpx`` transports and ``responses`` registrations, and what a test asserts the
double was called with.

Imports the layers below the rules (``core``, ``code``, ``runtime``, ``analysis``,
``contract``); the rules import it.
"""
