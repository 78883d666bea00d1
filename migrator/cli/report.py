"""Findings as text, JSON, SARIF or GitHub annotations. Returns strings; the CLI prints them.

The JSON document's shape is a published interface: ``JSON_VERSION`` changes when a key is
removed or changes meaning, and ``docs/check-output.schema.json`` describes it (a test
validates the output against it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from migrator.cli.docs import page_url, source_url
from migrator.contract.rule import Rule
from migrator.core.findings import Finding, Safety
from migrator.core.manual_kinds import count_by_kind, finding_document, finding_kind
from migrator.core.wording import clean_summary, plural
from migrator.run.run_report import RunReport

JSON_VERSION = 1


def text_findings(report: RunReport) -> list[str]:
    """``path:line:col CODE message [fix]`` lines, in path and position order.

    A notebook's position is ``path:cell N:line L:col C``.
    """
    return [f"{f.location} {f.rule} {f.message} [{f.fix.value}]" for f in sorted(report.findings)]


def text_tail(report: RunReport) -> list[str]:
    """What the text format prints after the findings and errors: the hint, the manual
    findings by kind, the summary."""
    hint = explain_hint(report)
    return [*([hint] if hint else []), *manual_kind_lines(report.findings), summary_line(report)]


def manual_kind_lines(findings: Sequence[Finding]) -> list[str]:
    """How many manual findings fall under each kind of ``docs/manual-reasons.md``, each with
    the section to read; nothing when none is manual.

    The kinds say what sort of work is left (a request built out of sight, a test double),
    which a long list of findings does not show at a glance.
    """
    counts = count_by_kind(findings)
    if not counts:
        return []
    lines = ["Left for a person, by kind:"]
    for kind, count in counts:
        if kind is None:
            lines.append(f"  {count:3d}  of no documented kind: please report them")
        else:
            lines.append(f"  {count:3d}  {kind.label} ({kind.doc})")
    return lines


def explain_hint(report: RunReport) -> str | None:
    """The line after the findings that leads to a rule's documentation, or None.

    It names a rule the run found, the one most in need of a person: manual work first,
    then review.
    """
    if not report.findings:
        return None
    order = (Safety.MANUAL, Safety.REVIEW, Safety.SAFE)
    first = min(sorted(report.findings), key=lambda finding: order.index(finding.fix))
    return f"`migrator explain {first.rule}` shows a rule's documentation, with its examples."


def summary_line(report: RunReport) -> str:
    findings = report.findings
    if not findings and not report.errors:
        return clean_summary(report.files_seen)
    files = len({finding.path for finding in findings})
    parts = [
        f"{plural(len(findings), 'finding')} in {plural(files, 'file')}",
        f"{report.count(Safety.SAFE)} safe, {report.count(Safety.REVIEW)} review, "
        f"{report.count(Safety.MANUAL)} manual",
    ]
    if report.errors:
        parts.append(plural(len(report.errors), "error"))
    return "Found " + "; ".join(parts) + f" ({plural(report.files_seen, 'file')} checked)."


def summary_counts(report: RunReport, findings: Sequence[Finding]) -> dict[str, object]:
    """The counts every JSON document's summary holds, of ``findings`` and of the run."""
    return {
        "files_checked": report.files_seen,
        "files_with_findings": len({finding.path for finding in findings}),
        "findings": len(findings),
        "safe": sum(finding.fix is Safety.SAFE for finding in findings),
        "review": sum(finding.fix is Safety.REVIEW for finding in findings),
        "manual": sum(finding.fix is Safety.MANUAL for finding in findings),
        "files_changed": report.files_changed,
        "sites_migrated": report.migrated_sites,
        "sites_manual": report.manual_sites,
        "errors": report.errors,
    }


def json_report(report: RunReport, baselined: int = 0, gone: int = 0) -> str:
    """``baselined`` and ``gone``: what ``check --baseline`` kept back and found missing."""
    document = {
        "version": JSON_VERSION,
        "findings": [finding_document(finding) for finding in sorted(report.findings)],
        "summary": {
            **summary_counts(report, report.findings),
            "baselined": baselined,
            "gone": gone,
        },
    }
    return json.dumps(document, indent=2)


# --- SARIF 2.1.0, as GitHub code scanning reads it -------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Code scanning shows error, warning and note; what migrate cannot do is the one to act on.
_SARIF_LEVEL = {Safety.SAFE: "warning", Safety.REVIEW: "warning", Safety.MANUAL: "error"}


def sarif_report(report: RunReport, rules: Sequence[type[Rule]], version: str) -> str:
    """One SARIF log with one run: every rule in ``tool.driver.rules``, every finding a result.

    Paths below the current folder become relative URIs against ``%SRCROOT%`` (what code
    scanning needs to place them in the repository); others stay absolute ``file:`` URIs.
    """
    index = {rule.code: position for position, rule in enumerate(rules)}
    descriptors = [_sarif_rule(rule, version) for rule in rules]
    results = []
    for finding in sorted(report.findings):
        result: dict[str, object] = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVEL[finding.fix],
            "message": {"text": f"{_in_cell(finding)}{finding.message} [{finding.fix.value}]"},
            "locations": [{"physicalLocation": _physical(finding)}],
            "properties": {"fix": finding.fix.value, "name": finding.name},
        }
        if finding.cell is not None:
            result["properties"]["cell"] = finding.cell  # type: ignore[index]
        kind = finding_kind(finding)
        if kind is not None:
            result["properties"]["kind"] = kind.id  # type: ignore[index]
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    invocation: dict[str, object] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message}} for message in report.errors
        ]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _sarif_driver(version, descriptors)},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2)


def _sarif_driver(version: str, descriptors: list[dict[str, object]]) -> dict[str, object]:
    driver: dict[str, object] = {
        "name": "migrator",
        "version": version,
        "semanticVersion": version,
        "rules": descriptors,
    }
    source = source_url()
    if source is not None:
        driver["informationUri"] = source
    return driver


def _sarif_rule(rule: type[Rule], version: str) -> dict[str, object]:
    """A rule's descriptor, with ``helpUri``: its page in the repository, when known."""
    descriptor: dict[str, object] = {
        "id": rule.code,
        "name": rule.name(),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.documentation().strip().partition("\n")[0]},
        "help": {"text": rule.summary, "markdown": rule.documentation().strip()},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"fix": rule.safety.value, "since": rule.since},
    }
    url = page_url(rule, version)
    if url is not None:
        descriptor["helpUri"] = url
    return descriptor


def _artifact(path: str) -> dict[str, str]:
    where = Path(path)
    if where.is_absolute():
        try:
            where = where.relative_to(Path.cwd())
        except ValueError:
            return {"uri": where.as_uri()}
    parts = [quote(part) for part in where.parts if part not in ("", ".")]
    return {"uri": "/".join(parts), "uriBaseId": "%SRCROOT%"}


# --- GitHub Actions workflow commands ----------------------------------------------------------


def _in_cell(finding: Finding) -> str:
    return "" if finding.cell is None else f"cell {finding.cell}, line {finding.line}: "


def _physical(finding: Finding) -> dict[str, object]:
    """Where the finding is; a notebook's lines are its cell's, not the file's: cell and line go
    into the message instead of a region of the JSON file."""
    location: dict[str, object] = {"artifactLocation": _artifact(finding.path)}
    if finding.cell is None:
        location["region"] = {"startLine": finding.line, "startColumn": finding.column}
    return location


_GITHUB_LEVEL = {Safety.SAFE: "warning", Safety.REVIEW: "warning", Safety.MANUAL: "error"}


def github_annotations(report: RunReport) -> list[str]:
    """``::warning file=...,line=...,col=...,title=...::message`` lines, errors last."""
    lines = []
    for finding in sorted(report.findings):
        where = [("file", finding.path)]
        message = finding.message
        if finding.cell is None:
            where += [("line", str(finding.line)), ("col", str(finding.column))]
        else:  # a notebook's lines are its cell's, not the file's
            message = f"{_in_cell(finding)}{message}"
        title = ("title", f"{finding.rule} {finding.name} ({finding.fix.value})")
        properties = ",".join(f"{key}={_escape_property(value)}" for key, value in [*where, title])
        lines.append(f"::{_GITHUB_LEVEL[finding.fix]} {properties}::{_escape_data(message)}")
    lines.extend(f"::error::{_escape_data(message)}" for message in report.errors)
    return lines


def _escape_data(text: str) -> str:
    # The workflow-commands spec: a message may not hold a raw %, CR or LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Property values are also split on ':' and ','.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
