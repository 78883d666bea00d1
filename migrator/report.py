"""Findings as text or JSON. Returns strings; the command line prints them."""

from __future__ import annotations

import json

from migrator.rule import Safety
from migrator.runner import RunReport


def text_findings(report: RunReport) -> list[str]:
    """``path:line:col CODE message [fix]`` lines, in path and position order.

    A notebook's position is ``path:cell N:line L:col C``.
    """
    return [f"{f.location} {f.rule} {f.message} [{f.fix.value}]" for f in sorted(report.findings)]


def summary_line(report: RunReport) -> str:
    findings = report.findings
    if not findings and not report.errors:
        return f"No legacy Text Completions calls found ({report.files_seen} files checked)."
    files = len({finding.path for finding in findings})
    parts = [
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}",
        f"{report.count(Safety.SAFE)} safe, {report.count(Safety.REVIEW)} review, "
        f"{report.count(Safety.MANUAL)} manual",
    ]
    if report.errors:
        parts.append(f"{len(report.errors)} error{'s' if len(report.errors) != 1 else ''}")
    return "Found " + "; ".join(parts) + f" ({report.files_seen} files checked)."


def json_report(report: RunReport) -> str:
    document = {
        "findings": [finding.as_dict() for finding in sorted(report.findings)],
        "summary": {
            "files_checked": report.files_seen,
            "files_with_findings": len({finding.path for finding in report.findings}),
            "findings": len(report.findings),
            "safe": report.count(Safety.SAFE),
            "review": report.count(Safety.REVIEW),
            "manual": report.count(Safety.MANUAL),
            "files_changed": report.files_changed,
            "sites_migrated": report.migrated_sites,
            "sites_manual": report.manual_sites,
            "errors": report.errors,
        },
    }
    return json.dumps(document, indent=2)
