"""The command line's side of a baseline: read it before the run, compare or record after.

Options that clash are refused first; :mod:`migrator.cli.baseline` itself is imported only
when a baseline is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from migrator.cli.console import EXIT_OK, fail, out
from migrator.cli.output import print_errors
from migrator.contract.rule import Rule
from migrator.core.wording import plural
from migrator.run.run_report import RunReport

if TYPE_CHECKING:
    from migrator.cli.baseline import Comparison, Entry


def refuse_baseline_clash(
    baseline: Path | None, write_baseline: Path | None, no_baseline: bool
) -> None:
    if baseline is not None and write_baseline is not None:
        fail(
            "--baseline and --write-baseline cannot be used together: --write-baseline records "
            "every finding, whatever a baseline holds; give only --write-baseline FILE"
        )
    if baseline is not None and no_baseline:
        fail("--baseline and --no-baseline cannot be used together; give one of them")


def read_baseline(path: Path) -> list[Entry]:
    """The baseline's entries, read before the run so that a broken one costs no scan."""
    from migrator.cli.baseline import BaselineError, read

    entries: list[Entry] = []
    try:
        entries = read(path)
    except BaselineError as error:
        fail(str(error))
    return entries


def compare_with_baseline(
    report: RunReport, entries: list[Entry], path: Path, paths: list[Path], rules: list[type[Rule]]
) -> Comparison:
    from migrator.cli.baseline import Scope, compare

    return compare(report, entries, path, Scope.of(paths, (rule.code for rule in rules)))


def record_baseline(
    path: Path, report: RunReport, paths: list[Path], rules: list[type[Rule]], quiet: bool
) -> None:
    """Record the run's findings at ``path``, unless the run could not see every file."""
    from migrator.cli.baseline import BaselineError, Scope, record

    print_errors(report)
    if report.errors:
        fail(
            f"{path}: the baseline was not written, as the files above could not be checked; "
            "fix or exclude them and run again"
        )
    try:
        recorded, kept = record(path, report.findings, Scope.of(paths, (r.code for r in rules)))
    except BaselineError as error:
        fail(str(error))
    if not quiet:
        message = f"Recorded {plural(recorded, 'finding')} in {path}"
        if kept:
            message += f"; kept {kept} for files or rules this run did not check"
        out.print(message + ".", markup=False)
    raise typer.Exit(EXIT_OK)
