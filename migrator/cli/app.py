"""The command line: the app and its commands. It and the rest of ``migrator.cli`` alone print.

Exit codes (documented in ``--help`` and the README):
``check``: 0 no legacy call, 1 legacy calls found, 2 error.
``migrate``: 0 done, 1 manual work remains, 2 error.
``migrate --diff``: 0 nothing would change, 1 something would, 2 error.
``--exit-zero`` turns 1 into 0; an error still exits 2.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migrator import __version__
from migrator.cli.baseline_command import (
    compare_with_baseline,
    read_baseline,
    record_baseline,
    refuse_baseline_clash,
)
from migrator.cli.console import EXIT_ERROR, EXIT_FOUND, EXIT_OK, err, fail, out
from migrator.cli.options import (
    AllowUnknownModel,
    ConfigFile,
    Exclude,
    ExitZero,
    ForceExclude,
    Format,
    Ignore,
    Jobs,
    NoCache,
    NoProgress,
    Paths,
    Quiet,
    Sampling,
    Select,
    TargetModel,
    Verbose,
    option_overrides,
    settings,
)
from migrator.cli.output import (
    print_details,
    print_diffs,
    print_errors,
    print_finding,
    print_findings,
    print_migrate_document,
    print_next_steps,
    print_review,
    print_summary,
    run_with_progress,
    warn_uncommitted,
)
from migrator.contract.rule import Rule
from migrator.core.catalog import UnknownRule
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine.registry import all_rules, resolve
from migrator.run.run_report import Mode, Reviewer, RunReport

if TYPE_CHECKING:
    from migrator.cli.interactive import Review

# rich's Table, Syntax and Markdown (and libcst, pydantic) are imported where they are
# used: a pre-commit run over clean files pays for none of them.

app = typer.Typer(
    name="migrator",
    help=(
        "Move Python code from Anthropic's legacy Text Completions API "
        "(completions.create, prompt=, max_tokens_to_sample=) to the Messages API.\n\n"
        "Start with `migrator check .` to list legacy calls, review with "
        "`migrator migrate --diff .`, then `migrator migrate .` to rewrite in place."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        out.print(f"migrator {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Migrate Anthropic Text Completions code to the Messages API."""


def _run(
    paths: list[Path],
    config: Config,
    rules: list[type[Rule]],
    mode: Mode,
    quiet: bool,
    no_progress: bool,
    jobs: int | None = None,
    no_cache: bool = False,
    verbose: bool = False,
    watch_uncommitted: bool = False,
    review: Reviewer | None = None,
) -> RunReport:
    started = time.perf_counter()
    report = run_with_progress(
        paths, config, rules, mode, quiet or no_progress, jobs, no_cache, watch_uncommitted, review
    )
    if verbose and not quiet:
        print_details(report, mode, time.perf_counter() - started)
    return report


@app.command()
def check(
    paths: Paths = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="Output format: text lines, one JSON document, SARIF 2.1.0 (GitHub code "
            "scanning), or GitHub Actions annotations.",
        ),
    ] = Format.text,
    select: Select = None,
    ignore: Ignore = None,
    exclude: Exclude = None,
    force_exclude: ForceExclude = False,
    target_model: TargetModel = None,
    allow_unknown_model: AllowUnknownModel = False,
    config_file: ConfigFile = None,
    quiet: Quiet = False,
    no_progress: NoProgress = False,
    exit_zero: ExitZero = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    verbose: Verbose = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report, and exit 1 on, only the findings this baseline (written by "
            "--write-baseline) does not hold; say how many of its entries are gone.",
            show_default=False,
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record every finding in FILE, for --baseline, and exit 0 (2 on an error).",
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[
        bool,
        typer.Option("--no-baseline", help="Ignore the baseline set in [tool.migrator]."),
    ] = False,
) -> None:
    """List every legacy call site as `path:line:col CODE message [fix]`.

    fix is what `migrate` would do: safe (same behaviour), review (migrated, look
    at it), manual (left untouched, with the reason).

    Exit status: 0 no legacy call, 1 legacy calls found (with --baseline: calls
    the baseline does not hold), 2 error (unreadable path, bad configuration, a
    file that does not parse, a missing or broken baseline).
    """
    refuse_baseline_clash(baseline, write_baseline, no_baseline)
    paths, config, rules = settings(
        paths,
        config_file,
        option_overrides(select, ignore, exclude, target_model, force_exclude, allow_unknown_model),
    )
    if baseline is None and config.baseline and not no_baseline and write_baseline is None:
        baseline = Path(config.baseline)
    entries = read_baseline(baseline) if baseline is not None else None
    report = _run(paths, config, rules, Mode.CHECK, quiet, no_progress, jobs, no_cache, verbose)
    if write_baseline is not None:
        record_baseline(write_baseline, report, paths, rules, quiet)
    comparison = None
    if baseline is not None and entries is not None:
        comparison = compare_with_baseline(report, entries, baseline, paths, rules)
        report = comparison.report
    from migrator.cli import report as formats

    if output_format is Format.json:
        counts = (comparison.baselined, comparison.gone) if comparison is not None else (0, 0)
        out.print(formats.json_report(report, *counts), markup=False)
    elif output_format is Format.sarif:
        out.print(formats.sarif_report(report, all_rules(), __version__), markup=False)
    elif output_format is Format.github:
        for line in formats.github_annotations(report):
            out.print(line, markup=False)
    else:
        for line in formats.text_findings(report):
            print_finding(line)
        print_errors(report)
        if not quiet:
            if comparison is not None and not report.findings and not report.errors:
                out.print(comparison.nothing_new(), markup=False)
            else:
                for line in formats.text_tail(report):
                    out.print(line, markup=False)
    if comparison is not None and baseline is not None and not quiet:
        # Beside machine-readable output, the notes go where they cannot corrupt it.
        console = out if output_format is Format.text else err
        for note in comparison.notes(baseline):
            console.print(note, markup=False)
    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FOUND if report.findings and not exit_zero else EXIT_OK)


@app.command()
def migrate(
    paths: Paths = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff and write nothing (a dry run).")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Show each change as a hunk and ask: migrate it [y], skip it [n], migrate "
            "the rest of the file [a], or quit [q], writing what was accepted so far. "
            "Needs a terminal.",
        ),
    ] = False,
    select: Select = None,
    ignore: Ignore = None,
    exclude: Exclude = None,
    force_exclude: ForceExclude = False,
    target_model: TargetModel = None,
    allow_unknown_model: AllowUnknownModel = False,
    sampling: Annotated[
        Sampling | None,
        typer.Option(
            "--sampling",
            help="temperature/top_p/top_k: remove them with a comment (default), or keep "
            "them on the wire in extra_body with anthropic-version 2023-06-01 pinned.",
            show_default=False,
        ),
    ] = None,
    update_pins: Annotated[
        bool,
        typer.Option(
            "--update-pins",
            help="Also widen dependency pins that keep anthropic below 1.0 (requirements "
            "files, pyproject.toml, setup.cfg) to >=1.0,<3; without it they are reported.",
        ),
    ] = False,
    config_file: ConfigFile = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="Output format: text (the diff with --diff, then a summary), one JSON "
            "document of what changed, per file and per site, or SARIF 2.1.0 / GitHub Actions "
            "annotations of the findings left for a person (review, manual). Findings are at "
            "their positions in the file as written. Other than text, stdout holds only that "
            "document.",
        ),
    ] = Format.text,
    quiet: Quiet = False,
    no_progress: NoProgress = False,
    exit_zero: ExitZero = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    verbose: Verbose = False,
    allow_dirty: Annotated[
        bool,
        typer.Option(
            "--allow-dirty",
            help="Do not warn about files written over changes git does not hold "
            "(unstaged or untracked); for scripts that manage their own backups.",
        ),
    ] = False,
) -> None:
    """Rewrite legacy calls in place, or show the diff with --diff.

    A call is migrated whole or left exactly as it was, with a `# migrator:
    manual` comment saying why. Running it twice changes nothing the second
    time.

    With --interactive, each change is shown and asked about first, as in `git
    add -p`; a skipped change stays exactly as written.

    Exit status: 0 done, 1 manual work remains or (-i) a change was skipped
    (with --diff: something would change), 2 error (the other files are still
    processed).
    """
    review = _reviewer(diff, output_format) if interactive else None
    overrides = option_overrides(
        select, ignore, exclude, target_model, force_exclude, allow_unknown_model
    )
    overrides["sampling"] = sampling.value if sampling else None
    overrides["update_pins"] = True if update_pins else None
    paths, config, rules = settings(paths, config_file, overrides)
    mode = Mode.DIFF if diff else Mode.WRITE
    asked = review.file if review is not None else None
    report = _run(
        paths,
        config,
        rules,
        mode,
        quiet,
        no_progress,
        jobs,
        no_cache,
        verbose,
        not allow_dirty,
        asked,
    )
    if output_format is not Format.text:
        print_migrate_document(report, output_format, dry_run=diff)
    else:
        if diff:
            print_diffs(report)
        print_errors(report)
        if quiet:  # what still needs a person, and nothing else (the pre-commit hook's mode)
            print_findings(report, (Safety.MANUAL,))
        else:
            print_summary(report, diff)
            if review is not None:
                print_review(review)
            print_next_steps(report, diff, paths)
    warn_uncommitted(report.uncommitted_written)
    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    if exit_zero:
        raise typer.Exit(EXIT_OK)
    if diff:
        raise typer.Exit(EXIT_FOUND if report.files_changed else EXIT_OK)
    # Skipped changes leave legacy code behind, as manual work does.
    left = review is not None and (review.skipped or review.stopped)
    raise typer.Exit(EXIT_FOUND if report.count(Safety.MANUAL) or left else EXIT_OK)


def _reviewer(diff: bool, output_format: Format) -> Review:
    """The questions of ``--interactive``, asked on this terminal; refused without one."""
    if diff:
        fail(
            "--interactive and --diff do not go together: --diff writes nothing, and "
            "--interactive asks what to write; use one of them"
        )
    if output_format is not Format.text:
        fail(
            f"--interactive asks its questions on standard output, where --format "
            f"{output_format.value} writes its document; review with --interactive, then "
            f"run `migrator check --format {output_format.value}` for the report"
        )
    if not sys.stdin.isatty():
        fail(
            "--interactive asks its questions on a terminal, and standard input is not one; "
            "run it in a terminal, or review with `migrator migrate --diff` and then run "
            "`migrator migrate` without --interactive"
        )
    from migrator.cli.interactive import Review

    return Review(sys.stdin, sys.stdout, color=out.is_terminal and not out.no_color)


@app.command("rules")
def list_rules() -> None:
    """Show every rule: code, name, fix safety and summary."""
    from rich.table import Table

    table = Table(title="Rules, in the order they run")
    for column in ("code", "name", "safety", "summary"):
        table.add_column(column)
    for rule in all_rules():
        table.add_row(rule.code, rule.name(), rule.safety.value, rule.summary)
    out.print(table)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (TCM002) or name (prompt).")],
) -> None:
    """Show a rule's documentation, with its before and after example."""
    try:
        found = resolve(rule)
    except UnknownRule as error:
        fail(str(error))
    from migrator.cli.docs import page

    text = page(found)
    if out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(text))
    else:
        sys.stdout.write(text)  # the Markdown of docs/rules/<name>.md, byte for byte


class _Interrupted(BaseException):
    """Ctrl-C or SIGTERM: unwinds like KeyboardInterrupt, so a write in progress cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: object) -> None:
    raise _Interrupted(signum)


def main() -> None:
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
    try:
        app()
    except _Interrupted as stop:
        # Every write is a rename of a complete file, so there is nothing half-written.
        err.print(
            "interrupted: every file is either as it was or completely migrated; "
            "run the same command again to finish.",
            markup=False,
        )
        raise SystemExit(128 + stop.signum) from None
