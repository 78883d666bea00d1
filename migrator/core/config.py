"""Settings: ``[tool.migrator]`` in ``pyproject.toml``, then the command line.

Validated with pydantic so that a typo is an error naming the key, never a
setting silently ignored. :class:`Config` itself is a plain frozen dataclass:
a run with nothing to validate (no ``[tool.migrator]`` table, no options) uses
the defaults without importing pydantic, which costs more than checking a
clean file does.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from migrator.core import catalog, models

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_MODEL_NAME = re.compile(r"^[a-z0-9][a-z0-9.:@_-]*$")


class ConfigError(Exception):
    """The configuration is unusable; the message names the file and the key."""


def _check_model_name(value: str, what: str) -> str:
    if not _MODEL_NAME.match(value):
        raise ValueError(f"{what} {value!r} is not a model name")
    if models.is_legacy(value):
        raise ValueError(f"{what} {value!r} is a retired Text Completions model")
    return value


class _Check:
    """A check pydantic runs on one field after its type is validated (``Annotated`` metadata).

    Built as a core schema only when pydantic validates, so defining the dataclass
    imports nothing.
    """

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


def _dotted(value: str | None) -> str | None:
    if value is not None and not all(part.isidentifier() for part in value.split(".")):
        raise ValueError(f"{value!r} is not a dotted module name such as 'myapp.llm_compat'")
    return value


def _live_model(value: str) -> str:
    return _check_model_name(value, "model")


def _model_table(table: dict[str, str]) -> dict[str, str]:
    for legacy, target in table.items():
        if not legacy.strip():
            raise ValueError("an empty model name cannot be mapped")
        _check_model_name(target, f"the target of {legacy!r},")
    return table


def _bedrock_table(table: dict[str, str]) -> dict[str, str]:
    for legacy, target in table.items():
        if not legacy.strip():
            raise ValueError("an empty model id cannot be mapped")
        if not _MODEL_NAME.match(target) or "anthropic." not in target:
            raise ValueError(
                f"the target of {legacy!r}, {target!r}, is not a Bedrock Claude model id "
                "(such as 'us.anthropic.claude-sonnet-4-6')"
            )
        if models.is_legacy_bedrock(target):
            raise ValueError(f"the target of {legacy!r}, {target!r}, is a retired model")
    return table


def _known_rules(value: tuple[str, ...]) -> tuple[str, ...]:
    for item in value:
        try:
            catalog.name_of(item)
        except catalog.UnknownRule as error:
            raise ValueError(str(error)) from None
    return value


def _positive(value: int) -> int:
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


@dataclasses.dataclass(frozen=True)
class Config:
    """Everything a run can be told. Field names are the ``[tool.migrator]`` keys.

    Built directly (tests, defaults) it is taken as given; :func:`load_config`
    validates what users write.
    """

    __pydantic_config__ = {"extra": "forbid"}

    # Run only these rules (codes or names).
    select: Annotated[tuple[str, ...], _Check(_known_rules)] = ()
    # Never run these rules (codes or names).
    ignore: Annotated[tuple[str, ...], _Check(_known_rules)] = ()
    # Glob patterns of paths to skip.
    exclude: tuple[str, ...] = ()
    # Apply `exclude` and the default excludes to paths named on the command line too,
    # as pre-commit names every staged file (ruff's force-exclude).
    force_exclude: bool = False
    respect_gitignore: bool = True
    target_model: Annotated[str, _Check(_live_model)] = models.DEFAULT_TARGET
    instant_model: Annotated[str, _Check(_live_model)] = models.DEFAULT_INSTANT_TARGET
    prefill_model: Annotated[str, _Check(_live_model)] = models.DEFAULT_PREFILL_TARGET
    prefill_models: tuple[str, ...] = models.DEFAULT_PREFILL_MODELS
    # Take a `claude-` name that neither the tool nor the installed SDK knows as a live
    # model (one newer than both); otherwise such a name is an error.
    allow_unknown_model: bool = False
    models: Annotated[dict[str, str], _Check(_model_table)] = dataclasses.field(
        default_factory=dict
    )
    # Bedrock model ids (anthropic.claude-v2, ...) and the current Bedrock model each
    # becomes; an id with no entry is kept and reported.
    bedrock_models: Annotated[dict[str, str], _Check(_bedrock_table)] = dataclasses.field(
        default_factory=dict
    )
    sampling: Literal["remove", "extra_body"] = "remove"
    # Rewrite dependency pins that keep `anthropic` below 1.0 (requirements files,
    # pyproject.toml, setup.cfg); otherwise they are only reported.
    update_pins: bool = False
    # Characters of source above which a file that may hold legacy calls is reported
    # instead of parsed (parsing takes about 500 bytes of memory per character).
    max_file_size: Annotated[int, _Check(_positive)] = 2_000_000
    # Dotted name of one module (relative to the project root) that holds the runtime
    # converter; migrated modules import it instead of each getting a copy.
    runtime_module: Annotated[str | None, _Check(_dotted)] = None
    # The file of findings `check` accepts for now (see migrator.cli.baseline); relative to the
    # folder of the pyproject.toml that names it.
    baseline: str | None = None

    def target_for(self, legacy_model: str) -> str | None:
        """The live model for a Text Completions model name, or None if unknown."""
        if legacy_model in self.models:
            return self.models[legacy_model]
        if models.is_instant(legacy_model):
            return self.instant_model
        if models.is_legacy(legacy_model):
            return self.target_model
        return None

    def accepts_prefill(self, model: str) -> bool:
        return model in self.prefill_models

    def bedrock_target_for(self, model_id: str, prefill: bool | None) -> tuple[str, str] | None:
        """The Bedrock model for a retired Bedrock id, and what the finding must add.

        ``prefill``: the request keeps one (True), has none (False), or may (None).
        The table decides when it has the id; else a retired id gets the default
        global inference profile, a prefill-capable one when the request may keep
        a prefill. None: not a retired id, and no entry.
        """
        if model_id in self.bedrock_models:
            return self.bedrock_models[model_id], ""
        if not models.is_legacy_bedrock(model_id):
            return None
        if models.is_instant_bedrock(model_id):
            target, why = models.BEDROCK_INSTANT_TARGET, ""
        elif prefill is not False:
            target = models.BEDROCK_PREFILL_TARGET
            why = f", which takes the prefill that {models.BEDROCK_TARGET!r} would refuse"
        else:
            target, why = models.BEDROCK_TARGET, ""
        return target, (
            f" (the default for a retired id with no entry in [tool.migrator.bedrock_models]"
            f"{why}; a global inference profile may serve the request from any commercial "
            "AWS Region: for data residency map the id to a `us.`, `eu.` or `apac.` profile "
            "there)"
        )

    def fingerprint(self) -> str:
        """Every setting that can change a file's result, as one canonical string (part of the
        result cache's key): the baseline filters results afterwards, so it is left out."""
        import json

        settings = dataclasses.asdict(self)
        del settings["baseline"]
        return json.dumps(settings, sort_keys=True)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(pyproject: Path | None, overrides: dict[str, object] | None = None) -> Config:
    """Read ``[tool.migrator]`` from ``pyproject`` and apply command-line overrides."""
    data: dict[str, object] = {}
    where = "command line"
    if pyproject is not None:
        where = str(pyproject)
        try:
            with pyproject.open("rb") as handle:
                document = tomllib.load(handle)
        except OSError as error:
            raise ConfigError(f"{pyproject}: cannot read: {error.strerror}") from error
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{pyproject}: not valid TOML: {error}") from error
        section = document.get("tool", {}).get("migrator", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{pyproject}: [tool.migrator] must be a table")
        data = {key.replace("-", "_"): value for key, value in section.items()}
        if isinstance(data.get("baseline"), str):
            # Named in the file, so read from its folder, whatever the working folder.
            data["baseline"] = str(pyproject.parent / data["baseline"])  # type: ignore[operator]
    for key, value in (overrides or {}).items():
        if value is not None:
            data[key] = value
    if not data:
        return Config()  # nothing to validate: the defaults, without pydantic
    from pydantic import TypeAdapter, ValidationError

    try:
        config = TypeAdapter(Config).validate_python(data)
    except ValidationError as error:
        raise ConfigError(_describe(where, error.errors())) from None
    _check_live_models(config, where, given=overrides or {})
    return config


def _check_live_models(config: Config, where: str, given: dict[str, object]) -> None:
    """Every model a setting names must be one a request can use (:func:`models.is_current`).

    A name from ``--target-model`` is reported as the option, one from the file as its key.
    """
    named = [
        ("target_model", config.target_model),
        ("instant_model", config.instant_model),
        ("prefill_model", config.prefill_model),
        *((f"models.{legacy}", target) for legacy, target in config.models.items()),
    ]
    option, keys = [], []
    for key, model in named:
        if models.is_current(model) or (config.allow_unknown_model and models.may_be_newer(model)):
            continue
        if key in ("target_model", "instant_model") and given.get(key) == model:
            if not option:  # --target-model sets both
                option.append(f"--target-model {_not_current(model, '--allow-unknown-model')}")
        else:
            keys.append(f"  {key}: {_not_current(model, 'allow_unknown_model = true')}")
    if keys:
        option.insert(0, "\n".join([f"{where}: invalid [tool.migrator] settings:", *keys]))
    if option:
        raise ConfigError("\n".join(option))


def _not_current(model: str, escape_hatch: str) -> str:
    names = ", ".join(models.suggestions(model))
    if not models.may_be_newer(model):
        return f"{model!r} is not a Claude model name (valid names include {names})"
    return (
        f"{model!r} is not a Claude model that this tool or the installed anthropic SDK knows "
        f"(valid names include {names}); for a Claude model newer than both, add {escape_hatch}"
    )


def _describe(where: str, errors: list[Any]) -> str:
    lines = [f"{where}: invalid [tool.migrator] settings:"]
    for problem in errors:
        key = ".".join(str(part) for part in problem["loc"]) or "(table)"
        message = problem["msg"]
        if problem["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            known = ", ".join(sorted(field.name for field in dataclasses.fields(Config)))
            message = f"unknown key (known keys: {known})"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)
