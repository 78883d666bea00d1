"""What a run shows: its progress bar, its --verbose details, diffs, summary and next steps.

Every renderer rich has beyond its console (progress, syntax, table, text) is imported
where it is used: a run over clean files pays for none of them.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from migrator import __version__
from migrator.cli.console import err, out
from migrator.cli.options import Format
from migrator.contract.rule import Rule
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.core.wording import plural
from migrator.engine.registry import all_rules
from migrator.run.run_report import Mode, Reviewer, RunReport
from migrator.run.runner import run

if TYPE_CHECKING:
    from migrator.cli.interactive import Review


def print_details(report: RunReport, mode: Mode, seconds: float) -> None:
    """One line per file that passed the prefilter, then what the run cost."""
    for file in report.files:
        if file.error is not None:
            state = "error (see below)"
        else:
            change = {Mode.WRITE: "changed"}.get(mode, "would change")
            parts = [
                change if file.changed else "no change",
                _count(file.migrated_sites, "site migrated", "sites migrated"),
                _count(
                    file.manual_sites, "site left for manual work", "sites left for manual work"
                ),
                _count(len(file.findings), "finding", "findings"),
            ]
            state = ", ".join(part for part in parts if part)
        err.print(f"{file.path}: {state}", markup=False)
    skipped = report.files_seen - len(report.files)
    err.print(
        f"{plural(report.files_seen, 'file')} in {seconds:.2f} s; {skipped} ruled out by their "
        "bytes alone, without parsing",
        markup=False,
    )


def _count(number: int, one: str, many: str) -> str:
    return "" if number == 0 else plural(number, one, many)


def run_with_progress(
    paths: list[Path],
    config: Config,
    rules: list[type[Rule]],
    mode: Mode,
    no_progress: bool,
    jobs: int | None,
    no_cache: bool,
    watch_uncommitted: bool = False,
    review: Reviewer | None = None,
) -> RunReport:
    options = {
        "jobs": jobs,
        "use_cache": not no_cache,
        "watch_uncommitted": watch_uncommitted,
        "review": review,
    }
    if no_progress or review is not None or not err.is_terminal:  # a bar would hide questions
        return run(paths, config, rules, mode, **options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("Scanning", total=None)
        return run(
            paths,
            config,
            rules,
            mode,
            progress=lambda _path: bar.advance(task),
            on_total=lambda total: bar.update(task, total=total),
            **options,
        )


def print_errors(report: RunReport) -> None:
    for message in report.errors:
        err.print(f"error: {message}", markup=False)


def print_review(review: Review) -> None:
    migrated = plural(review.accepted, "change")
    said = f"interactive review: {migrated} migrated, {review.skipped} skipped"
    if review.stopped:
        said += "; quit before the rest, which is left as it was"
    err.print(said, markup=False)


# Colours only (no bold): NO_COLOR then leaves the line exactly as it is in a pipe.
_FIX_STYLE = {Safety.SAFE: "green", Safety.REVIEW: "yellow", Safety.MANUAL: "red"}


def print_finding(line: str) -> None:
    """A text finding with its fix safety, the closing ``[safe]``, coloured on a terminal.

    The line's text stays the one tools parse; rich drops the colour in a pipe and
    under ``NO_COLOR``.
    """
    from rich.text import Text

    text = Text(line)
    for fix, style in _FIX_STYLE.items():
        if line.endswith(f"[{fix.value}]"):
            text.stylize(style, len(line) - len(fix.value) - 2)
    out.print(text)


def print_migrate_document(report: RunReport, output_format: Format, dry_run: bool) -> None:
    """The document alone on stdout, for a machine: no table, no diff, errors inside it."""
    from migrator.cli import migrate_report
    from migrator.cli import report as formats

    if output_format is Format.json:
        document = migrate_report.json_report(report, dry_run)
    elif output_format is Format.sarif:
        left = migrate_report.left_for_a_person(report)
        document = formats.sarif_report(left, all_rules(), __version__)
    else:
        document = "\n".join(formats.github_annotations(migrate_report.left_for_a_person(report)))
    # Written as it is: rich would turn a `:name:` in a message or a diff into an emoji.
    if document:
        sys.stdout.write(document + "\n")
    sys.stdout.flush()


def print_diffs(report: RunReport) -> None:
    for file in report.files:
        if not file.diff:
            continue
        if out.is_terminal:
            from rich.syntax import Syntax

            out.print(Syntax(file.diff, "diff", theme="ansi_dark", background_color="default"))
        else:
            sys.stdout.write(file.diff)
    sys.stdout.flush()


def warn_uncommitted(written: list[str]) -> None:
    """Say which writes git cannot show or take back (even under --quiet: it is about undo)."""
    if not written:
        return
    shown = ", ".join(written[:3]) + (", ..." if len(written) > 3 else "")
    err.print(
        f"warning: {plural(len(written), 'file')} had changes that git does not hold "
        f"(unstaged, or untracked) when migrate wrote over them ({shown}): the migration of "
        "those cannot be reviewed with `git diff` or undone with `git restore` alone. Commit "
        "or stage your changes before migrating; --allow-dirty turns this warning off.",
        markup=False,
    )


def print_summary(report: RunReport, dry_run: bool) -> None:
    from rich.table import Table

    table = Table(
        title="Dry run: nothing written" if dry_run else "Migration summary", show_header=False
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("files checked", str(report.files_seen))
    table.add_row(
        "files that would change" if dry_run else "files changed", str(report.files_changed)
    )
    table.add_row("sites migrated", str(report.migrated_sites))
    table.add_row("findings needing review", str(report.count(Safety.REVIEW)))
    table.add_row("sites left for manual work", str(report.manual_sites))
    table.add_row("errors", str(len(report.errors)))
    err.print(table)
    for module, importers in report.shared_helpers:
        err.print(
            f"{module}: the runtime helpers, one copy for the {importers} modules of its "
            "package that call them; yours to keep or edit",
            markup=False,
        )
    print_findings(report, (Safety.REVIEW, Safety.MANUAL))
    from migrator.cli.report import manual_kind_lines

    for line in manual_kind_lines(report.findings):
        err.print(line, markup=False)


def print_findings(report: RunReport, kinds: tuple[Safety, ...]) -> None:
    for finding in sorted(report.findings):
        if finding.fix in kinds:
            err.print(
                f"{finding.location} {finding.rule} [{finding.fix.value}] {finding.message}",
                markup=False,
            )


def print_next_steps(report: RunReport, dry_run: bool, paths: list[Path]) -> None:
    """What to do now, from what the run found: a short list, only what applies."""
    where = " ".join(shlex.quote(str(path)) for path in paths)
    steps = []
    if dry_run and report.files_changed:
        steps.append(f"write these changes: `migrator migrate {where}`")
    elif report.files_changed:
        steps.append("run your tests: the migrated code now calls the Messages API")
    review = report.count(Safety.REVIEW)
    if review:
        steps.append(f"look at the {plural(review, 'change')} marked [review] above")
    pins = (f for f in report.findings if f.name == "anthropic_pin" and f.fix is Safety.MANUAL)
    if any(pins):
        steps.append(f"widen the anthropic pins found: `migrator migrate --update-pins {where}`")
    if report.inline_helpers > 1:
        got = "would each get" if dry_run else "each got"
        steps.append(
            f"{report.inline_helpers} modules {got} a copy of the runtime helpers; "
            '`runtime_module = "yourpackage._legacy_anthropic"` under [tool.migrator] writes '
            "one shared module for them instead"
        )
    manual = report.manual_sites
    if manual and dry_run:
        steps.append(
            f"{plural(manual, 'site')} would be left for manual work, each with a "
            "`# migrator: manual` comment saying why (listed above)"
        )
    elif manual:
        steps.append(
            f"finish the {plural(manual, 'site')} left for manual work, marked "
            f"`# migrator: manual` in the code: `migrator check {where}` lists them"
        )
    if steps:
        err.print("Next steps:", markup=False)
        for step in steps:
            err.print(f"  - {step}", markup=False)
