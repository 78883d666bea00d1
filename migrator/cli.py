"""The command line: the only module that prints.

Exit codes (documented in ``--help`` and the README):
``check``: 0 no legacy call, 1 legacy calls found, 2 error.
``migrate``: 0 done, 1 manual work remains, 2 error.
``migrate --diff``: 0 nothing would change, 1 something would, 2 error.
``--exit-zero`` turns 1 into 0; an error still exits 2.
"""

from __future__ import annotations

import enum
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from migrator import __version__
from migrator.config import Config, ConfigError, find_pyproject, load_config
from migrator.registry import UnknownRule, all_rules, resolve, selected
from migrator.rule import Rule, Safety
from migrator.run_report import Mode, Reviewer, RunReport
from migrator.runner import run
from migrator.wording import plural

if TYPE_CHECKING:
    from migrator.baseline import Comparison, Entry
    from migrator.interactive import Review

# rich's Table, Syntax and Markdown (and libcst, pydantic) are imported where they are
# used: a pre-commit run over clean files pays for none of them.

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

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
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class Sampling(str, enum.Enum):
    remove = "remove"
    extra_body = "extra_body"


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders to look at (default: the current folder).", show_default=False
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select", help="Run only these rules (code or name; repeatable).", show_default=False
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", help="Skip these rules (code or name; repeatable).", show_default=False
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude", help="Skip paths matching this glob (repeatable).", show_default=False
    ),
]
ForceExclude = Annotated[
    bool,
    typer.Option(
        "--force-exclude",
        help="Apply --exclude (and the default excludes: virtual environments, build "
        "output...) to paths named on the command line too, as pre-commit names each file.",
    ),
]
TargetModel = Annotated[
    str | None,
    typer.Option(
        "--target-model",
        help="Live model for every retired model name (default: claude-sonnet-5-5, "
        "claude-haiku-4-5 for Claude Instant); a current Claude model name.",
        show_default=False,
    ),
]
AllowUnknownModel = Annotated[
    bool,
    typer.Option(
        "--allow-unknown-model",
        help="Take a --target-model starting with claude- that neither this tool nor the "
        "installed anthropic SDK knows (a model newer than both).",
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="pyproject.toml to read [tool.migrator] from (default: the nearest one).",
        show_default=False,
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print findings and errors only.")]
ExitZero = Annotated[
    bool,
    typer.Option(
        "--exit-zero",
        help="Exit 0 even when legacy calls or manual work remain (errors still exit 2).",
    ),
]
NoProgress = Annotated[bool, typer.Option("--no-progress", help="Never show a progress bar.")]
Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Also say, on stderr, what happened to each file that could hold a legacy call, "
        "and how long the run took.",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes that parse files (default: one per core; 1 runs everything in this one).",
        show_default=False,
    ),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the .migrator_cache/ folder.")
]


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


def _settings(
    paths: list[Path] | None,
    config_file: Path | None,
    overrides: dict[str, object],
) -> tuple[list[Path], Config, list[type[Rule]]]:
    paths = paths or [Path(".")]
    for option in ("select", "ignore"):
        for item in overrides.get(option) or ():  # type: ignore[attr-defined]
            try:
                resolve(str(item))
            except UnknownRule as error:
                _fail(f"--{option} {item}: {error}")
    pyproject = config_file
    if pyproject is not None and not pyproject.is_file():
        _fail(f"{pyproject}: no such configuration file; give the path of a pyproject.toml")
    if pyproject is None:
        pyproject = find_pyproject(paths[0] if paths[0].exists() else Path("."))
    try:
        config = load_config(pyproject, overrides)
        rules = selected(config.select, config.ignore)
    except (ConfigError, UnknownRule) as error:
        _fail(str(error))
    return paths, config, rules


def _fail(message: str) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(EXIT_ERROR)


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
    report = _run_with_progress(
        paths, config, rules, mode, quiet or no_progress, jobs, no_cache, watch_uncommitted, review
    )
    if verbose and not quiet:
        _print_details(report, mode, time.perf_counter() - started)
    return report


def _print_details(report: RunReport, mode: Mode, seconds: float) -> None:
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


def _run_with_progress(
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


def _print_errors(report: RunReport) -> None:
    for message in report.errors:
        err.print(f"error: {message}", markup=False)


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
    _refuse_baseline_clash(baseline, write_baseline, no_baseline)
    paths, config, rules = _settings(
        paths,
        config_file,
        _overrides(select, ignore, exclude, target_model, force_exclude, allow_unknown_model),
    )
    if baseline is None and config.baseline and not no_baseline and write_baseline is None:
        baseline = Path(config.baseline)
    entries = _read_baseline(baseline) if baseline is not None else None
    report = _run(paths, config, rules, Mode.CHECK, quiet, no_progress, jobs, no_cache, verbose)
    if write_baseline is not None:
        _write_baseline(write_baseline, report, paths, rules, quiet)
    comparison = None
    if baseline is not None and entries is not None:
        comparison = _compare_with_baseline(report, entries, baseline, paths, rules)
        report = comparison.report
    from migrator import report as formats

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
            _print_finding(line)
        _print_errors(report)
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


def _refuse_baseline_clash(
    baseline: Path | None, write_baseline: Path | None, no_baseline: bool
) -> None:
    if baseline is not None and write_baseline is not None:
        _fail(
            "--baseline and --write-baseline cannot be used together: --write-baseline records "
            "every finding, whatever a baseline holds; give only --write-baseline FILE"
        )
    if baseline is not None and no_baseline:
        _fail("--baseline and --no-baseline cannot be used together; give one of them")


def _read_baseline(path: Path) -> list[Entry]:
    """The baseline's entries, read before the run so that a broken one costs no scan."""
    from migrator.baseline import BaselineError, read

    entries: list[Entry] = []
    try:
        entries = read(path)
    except BaselineError as error:
        _fail(str(error))
    return entries


def _compare_with_baseline(
    report: RunReport, entries: list[Entry], path: Path, paths: list[Path], rules: list[type[Rule]]
) -> Comparison:
    from migrator.baseline import Scope, compare

    return compare(report, entries, path, Scope.of(paths, (rule.code for rule in rules)))


def _write_baseline(
    path: Path, report: RunReport, paths: list[Path], rules: list[type[Rule]], quiet: bool
) -> None:
    """Record the run's findings at ``path``, unless the run could not see every file."""
    from migrator.baseline import BaselineError, Scope, record

    _print_errors(report)
    if report.errors:
        _fail(
            f"{path}: the baseline was not written, as the files above could not be checked; "
            "fix or exclude them and run again"
        )
    try:
        recorded, kept = record(path, report.findings, Scope.of(paths, (r.code for r in rules)))
    except BaselineError as error:
        _fail(str(error))
    if not quiet:
        message = f"Recorded {plural(recorded, 'finding')} in {path}"
        if kept:
            message += f"; kept {kept} for files or rules this run did not check"
        out.print(message + ".", markup=False)
    raise typer.Exit(EXIT_OK)


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
    overrides = _overrides(
        select, ignore, exclude, target_model, force_exclude, allow_unknown_model
    )
    overrides["sampling"] = sampling.value if sampling else None
    overrides["update_pins"] = True if update_pins else None
    paths, config, rules = _settings(paths, config_file, overrides)
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
        _print_migrate_document(report, output_format, dry_run=diff)
    else:
        if diff:
            _print_diffs(report)
        _print_errors(report)
        if quiet:  # what still needs a person, and nothing else (the pre-commit hook's mode)
            _print_findings(report, (Safety.MANUAL,))
        else:
            _print_summary(report, diff)
            if review is not None:
                _print_review(review)
            _print_next_steps(report, diff, paths)
    _warn_uncommitted(report.uncommitted_written)
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
        _fail(
            "--interactive and --diff do not go together: --diff writes nothing, and "
            "--interactive asks what to write; use one of them"
        )
    if output_format is not Format.text:
        _fail(
            f"--interactive asks its questions on standard output, where --format "
            f"{output_format.value} writes its document; review with --interactive, then "
            f"run `migrator check --format {output_format.value}` for the report"
        )
    if not sys.stdin.isatty():
        _fail(
            "--interactive asks its questions on a terminal, and standard input is not one; "
            "run it in a terminal, or review with `migrator migrate --diff` and then run "
            "`migrator migrate` without --interactive"
        )
    from migrator.interactive import Review

    return Review(sys.stdin, sys.stdout, color=out.is_terminal and not out.no_color)


def _print_review(review: Review) -> None:
    migrated = plural(review.accepted, "change")
    said = f"interactive review: {migrated} migrated, {review.skipped} skipped"
    if review.stopped:
        said += "; quit before the rest, which is left as it was"
    err.print(said, markup=False)


# Colours only (no bold): NO_COLOR then leaves the line exactly as it is in a pipe.
_FIX_STYLE = {Safety.SAFE: "green", Safety.REVIEW: "yellow", Safety.MANUAL: "red"}


def _print_finding(line: str) -> None:
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


def _overrides(
    select: list[str] | None,
    ignore: list[str] | None,
    exclude: list[str] | None,
    target_model: str | None,
    force_exclude: bool = False,
    allow_unknown_model: bool = False,
) -> dict[str, object]:
    overrides: dict[str, object] = {
        "select": tuple(select) if select else None,
        "ignore": tuple(ignore) if ignore else None,
        "exclude": tuple(exclude) if exclude else None,
        "force_exclude": True if force_exclude else None,
        "allow_unknown_model": True if allow_unknown_model else None,
    }
    if target_model:
        overrides["target_model"] = target_model
        overrides["instant_model"] = target_model
    return overrides


def _print_migrate_document(report: RunReport, output_format: Format, dry_run: bool) -> None:
    """The document alone on stdout, for a machine: no table, no diff, errors inside it."""
    from migrator import migrate_report
    from migrator import report as formats

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


def _print_diffs(report: RunReport) -> None:
    for file in report.files:
        if not file.diff:
            continue
        if out.is_terminal:
            from rich.syntax import Syntax

            out.print(Syntax(file.diff, "diff", theme="ansi_dark", background_color="default"))
        else:
            sys.stdout.write(file.diff)
    sys.stdout.flush()


def _warn_uncommitted(written: list[str]) -> None:
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


def _print_summary(report: RunReport, dry_run: bool) -> None:
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
    _print_findings(report, (Safety.REVIEW, Safety.MANUAL))
    from migrator.report import manual_kind_lines

    for line in manual_kind_lines(report.findings):
        err.print(line, markup=False)


def _print_findings(report: RunReport, kinds: tuple[Safety, ...]) -> None:
    for finding in sorted(report.findings):
        if finding.fix in kinds:
            err.print(
                f"{finding.location} {finding.rule} [{finding.fix.value}] {finding.message}",
                markup=False,
            )


def _print_next_steps(report: RunReport, dry_run: bool, paths: list[Path]) -> None:
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
        _fail(str(error))
    from migrator.docs import page

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
