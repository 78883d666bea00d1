"""The options the commands share, and the settings they add up to with the pyproject.toml.

Declared once so that ``check`` and ``migrate`` spell and document each option the same;
the settings are the paths, the validated configuration and the rules selected.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from migrator.cli.console import fail
from migrator.contract.rule import Rule
from migrator.core.catalog import UnknownRule
from migrator.core.config import Config, ConfigError, find_pyproject, load_config
from migrator.engine.registry import resolve, selected


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


def settings(
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
                fail(f"--{option} {item}: {error}")
    pyproject = config_file
    if pyproject is not None and not pyproject.is_file():
        fail(f"{pyproject}: no such configuration file; give the path of a pyproject.toml")
    if pyproject is None:
        pyproject = find_pyproject(paths[0] if paths[0].exists() else Path("."))
    try:
        config = load_config(pyproject, overrides)
        rules = selected(config.select, config.ignore)
    except (ConfigError, UnknownRule) as error:
        fail(str(error))
    return paths, config, rules


def option_overrides(
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
