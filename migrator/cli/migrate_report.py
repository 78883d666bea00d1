"""What ``migrate --format json|sarif|github`` prints. Returns strings; the CLI prints them.

The JSON document says what the run changed (with ``--diff``: would change),
file by file: whether the file changed, how many call sites were migrated and
how many left for manual work, and each finding at its position in the file
as written (:mod:`migrator.run.remap`), with its fix safety. Its findings and its
summary have the shape of ``check --format json``'s, so one reader serves
both; ``command`` tells the two apart. Its shape is a published interface:
``JSON_VERSION`` changes when a key is removed or changes meaning, and
``docs/migrate-output.schema.json`` describes it (a test validates the output
against it).

SARIF and GitHub annotations carry only what is left for a person, the
``review`` and ``manual`` findings: a ``safe`` one is done once the file is
written, and code scanning or a pull request would show it as a problem.
"""

from __future__ import annotations

import dataclasses
import json

from migrator.cli.report import summary_counts
from migrator.core.findings import Safety
from migrator.core.manual_kinds import finding_document
from migrator.run.run_report import FileReport, RunReport

JSON_VERSION = 1


def json_report(report: RunReport, dry_run: bool) -> str:
    """The run as one JSON document (``docs/migrate-output.schema.json``)."""
    findings = report.findings
    document = {
        "version": JSON_VERSION,
        "command": "migrate",
        "dry_run": dry_run,
        "files": [_file(file, dry_run) for file in report.files if _has_news(file)],
        "summary": summary_counts(report, findings),
    }
    return json.dumps(document, indent=2)


def _has_news(file: FileReport) -> bool:
    """A file passed by the prefilter in which the run found nothing is left out."""
    return bool(
        file.changed or file.findings or file.error or file.migrated_sites or file.manual_sites
    )


def _file(file: FileReport, dry_run: bool) -> dict[str, object]:
    entry: dict[str, object] = {
        "path": file.path,
        "changed": file.changed,
        "sites_migrated": file.migrated_sites,
        "sites_manual": file.manual_sites,
        "findings": [finding_document(finding) for finding in sorted(file.findings)],
        "error": file.error,
    }
    if dry_run:
        entry["diff"] = file.diff
    return entry


def left_for_a_person(report: RunReport) -> RunReport:
    """The report with only the findings a person still has to act on (review, manual)."""
    files = [
        dataclasses.replace(
            file, findings=[finding for finding in file.findings if finding.fix is not Safety.SAFE]
        )
        for file in report.files
    ]
    return dataclasses.replace(report, files=files)
