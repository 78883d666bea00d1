"""Recorded HTTP cassettes (vcrpy, pytest-recording) that replay Text Completions.

A test that replays a cassette holding a ``/v1/complete`` exchange fails once
the code under test is migrated: it sends ``/v1/messages``, which the cassette
never recorded (vcrpy refuses the request, or a fake answer of the wrong shape
comes back). A recording cannot be rewritten (its answers came from a model
that is retired), only made again, so each recorded request is reported by
rule TCM020, at its line. Nothing here parses YAML: the request lines are found
by the endpoint they name.
"""

from __future__ import annotations

from collections.abc import Sequence

from migrator.analysis.evidence_nodes import ENDPOINT
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.core.findings import Finding, Safety

_REASON = (
    "a recorded Text Completions exchange (`/v1/complete`): a test that replays this "
    "cassette fails once the code under test sends Messages requests (`/v1/messages`); "
    "record it again with the migrated code (delete it and run the test in recording mode)"
)


def report_cassette(text: str, path: str, rules: Sequence[type[Rule]]) -> FileResult:
    """One manual finding per recorded request to the legacy endpoint."""
    rule = next((rule for rule in rules if rule.code == "TCM020"), None)
    if rule is None:
        return FileResult(path, text, text)
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = ENDPOINT.search(line)
        if found is not None:
            column = len(line) - len(line.lstrip()) + 1  # 1-based, as every finding
            findings.append(
                Finding(path, number, column, rule.code, rule.name(), _REASON, Safety.MANUAL)
            )
    return FileResult(path, text, text, findings, manual_sites=len(findings))
