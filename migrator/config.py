"""Settings: ``[tool.migrator]`` in ``pyproject.toml``, then the command line.

Validated with pydantic so that a typo is an error naming the key, never a
setting silently ignored.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from migrator import models

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


class Config(BaseModel):
    """Everything a run can be told. Field names are the ``[tool.migrator]`` keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: tuple[str, ...] = Field(
        default=(), description="Run only these rules (codes or names)."
    )
    ignore: tuple[str, ...] = Field(
        default=(), description="Never run these rules (codes or names)."
    )
    exclude: tuple[str, ...] = Field(default=(), description="Glob patterns of paths to skip.")
    respect_gitignore: bool = True
    target_model: str = models.DEFAULT_TARGET
    instant_model: str = models.DEFAULT_INSTANT_TARGET
    prefill_model: str = models.DEFAULT_PREFILL_TARGET
    prefill_models: tuple[str, ...] = models.DEFAULT_PREFILL_MODELS
    models: dict[str, str] = Field(default_factory=dict)
    bedrock_models: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Bedrock model ids (anthropic.claude-v2, ...) and the current Bedrock model each "
            "becomes; an id with no entry is kept and reported."
        ),
    )
    sampling: Literal["remove", "extra_body"] = "remove"
    update_pins: bool = Field(
        default=False,
        description=(
            "Rewrite dependency pins that keep `anthropic` below 1.0 (requirements files, "
            "pyproject.toml, setup.cfg); otherwise they are only reported."
        ),
    )
    max_file_size: int = Field(
        default=2_000_000,
        gt=0,
        description=(
            "Characters of source above which a file that may hold legacy calls is reported "
            "instead of parsed (parsing takes about 500 bytes of memory per character)."
        ),
    )
    runtime_module: str | None = Field(
        default=None,
        description=(
            "Dotted name of one module (relative to the project root) that holds the runtime "
            "converter; migrated modules import it instead of each getting a copy."
        ),
    )

    @field_validator("select", "ignore")
    @classmethod
    def _known_rules(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from migrator.registry import UnknownRule, resolve

        for item in value:
            try:
                resolve(item)
            except UnknownRule as error:
                raise ValueError(str(error)) from None
        return value

    @field_validator("runtime_module")
    @classmethod
    def _dotted(cls, value: str | None) -> str | None:
        if value is not None and not all(part.isidentifier() for part in value.split(".")):
            raise ValueError(f"{value!r} is not a dotted module name such as 'myapp.llm_compat'")
        return value

    @field_validator("target_model", "instant_model", "prefill_model")
    @classmethod
    def _live_model(cls, value: str) -> str:
        return _check_model_name(value, "model")

    @field_validator("models")
    @classmethod
    def _model_table(cls, table: dict[str, str]) -> dict[str, str]:
        for legacy, target in table.items():
            if not legacy.strip():
                raise ValueError("an empty model name cannot be mapped")
            _check_model_name(target, f"the target of {legacy!r},")
        return table

    @field_validator("bedrock_models")
    @classmethod
    def _bedrock_table(cls, table: dict[str, str]) -> dict[str, str]:
        for legacy, target in table.items():
            if not legacy.strip():
                raise ValueError("an empty model id cannot be mapped")
            if not _MODEL_NAME.match(target) or "anthropic." not in target:
                raise ValueError(
                    f"the target of {legacy!r}, {target!r}, is not a Bedrock Claude model id "
                    "(such as 'anthropic.claude-sonnet-4-5-20250929-v1:0')"
                )
            if models.is_legacy_bedrock(target):
                raise ValueError(f"the target of {legacy!r}, {target!r}, is a retired model")
        return table

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
    for key, value in (overrides or {}).items():
        if value is not None:
            data[key] = value
    try:
        return Config(**data)
    except ValidationError as error:
        raise ConfigError(_describe(where, error)) from None


def _describe(where: str, error: ValidationError) -> str:
    lines = [f"{where}: invalid [tool.migrator] settings:"]
    for problem in error.errors():
        key = ".".join(str(part) for part in problem["loc"]) or "(table)"
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            known = ", ".join(sorted(Config.model_fields))
            message = f"unknown key (known keys: {known})"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)
