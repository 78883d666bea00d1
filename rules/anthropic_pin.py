"""A dependency pin that keeps `anthropic` below 1.0.

## What it does

Finds requirements of the `anthropic` package that allow no version from 1.0
on: `anthropic<1`, `anthropic==0.34.2`, `anthropic~=0.34`, `anthropic<=0.49`,
`anthropic>=0.3,<0.50`, with extras (`anthropic[bedrock]`), environment
markers and comments, in `requirements*.txt` (also `*-requirements.txt`,
`requirements*.in` and `constraints*.txt`), in `pyproject.toml` (`[project]`
`dependencies` and `optional-dependencies`, `[dependency-groups]`, uv's and
PDM's development lists, and Poetry's `^0.34` / `~0.34` / `0.34.2`
constraints in `[tool.poetry.dependencies]`, its groups and
`dev-dependencies`), in `setup.cfg` (`install_requires`,
`[options.extras_require]`), and on the `%pip install` / `!pip install` lines
of notebooks.

With `migrator migrate --update-pins` (or `update_pins = true` in
`[tool.migrator]`) the version constraint becomes `>=1.0,<3`: the SDKs the
migrated code is tested against. Only the constraint's text changes; the
package name, extras, markers, comments and every other line stay byte for
byte. Without the option the pin is reported and left alone.

A constraint that allows 1.0 or later (`anthropic>=0.40`, `anthropic<2`,
`anthropic`) is fine and not reported. `anthropic-bedrock` is a separate,
older distribution with its own version numbers; its pins say nothing about
`anthropic` and are not reported either.

## Why is this bad?

The migrated code calls `client.messages.create(...)`, no longer imports
`HUMAN_PROMPT`, and is tested against `anthropic>=1.0`. A pin below 1.0
keeps the project on an SDK the new code was never run against, which may
predate parts of it (early 0.x releases have no `messages` at all); and as
long as 0.x is installed, `completions` still exists, so new legacy calls
keep working until the day the pin moves.

## Example

```text
anthropic[bedrock]==0.34.2  # the SDK
requests>=2
```

## Use instead

```text
anthropic[bedrock]>=1.0,<3  # the SDK
requests>=2
```

## Fix safety

Review. A major version changes more than Text Completions: other code of the
project that uses the SDK should be checked against 1.x, and a lock file
(`poetry.lock`, `uv.lock`, a compiled `requirements.txt`) must be made again.
A requirement pinned with `--hash` cannot be rewritten (the hash names one
file) and is reported for manual work, as is a constraint split over
continued lines and a notebook's install line (IPython syntax is left as
written). Lock files are not read.

## References

`MIGRATION.md`, "The SDK today": migrated code must run on `anthropic>=1.0`.
"""

from __future__ import annotations

import re

from migrator.contract.requirements import Clause, DependencyPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety

# The range the migrated code is tested against (see scripts/setup.sh).
UPDATED = ">=1.0,<3"
_VERSION = re.compile(
    r"^(?:(?P<epoch>\d+)!)?(?P<release>\d+(?:\.\d+)*)(?P<wildcard>\.\*)?"
    r"(?P<pre>[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?"
    r"(?P<post>[-_.]?(?:post|rev|r)[-_.]?\d*|-\d+)?(?P<dev>[-_.]?dev[-_.]?\d*)?(?:\+.*)?$",
    re.IGNORECASE,
)


class AnthropicPin(Rule):
    code = "TCM018"
    summary = "a dependency pin that keeps `anthropic` below 1.0 is widened to `>=1.0,<3`"
    safety = Safety.REVIEW
    since = "0.2.0"
    example_file = "requirements.txt"

    def apply_dependency(self, plan: DependencyPlan) -> None:
        requirement = plan.requirement
        if requirement.name != "anthropic" or not below_one(requirement.alternatives):
            return
        written = f"`{requirement.text}` keeps the SDK below 1.0"
        wanted = f"the migrated code is written for `anthropic{UPDATED}`"
        if requirement.frozen is not None:
            plan.report(
                type(self),
                f"{written}, and {wanted}; it cannot be rewritten because {requirement.frozen}",
                Safety.MANUAL,
            )
        elif plan.config.update_pins:
            plan.replace_constraint(UPDATED)
            plan.report(
                type(self),
                f"{written}; its constraint becomes `{UPDATED}`: check the project's other uses "
                "of the SDK against 1.x and update its lock file",
                Safety.REVIEW,
            )
        else:
            plan.report(
                type(self),
                f"{written}, and {wanted}; `migrator migrate --update-pins` rewrites it",
                Safety.MANUAL,
            )


def below_one(alternatives: tuple[tuple[Clause, ...], ...]) -> bool:
    """True when every alternative has a clause that no version from 1.0 on satisfies."""
    return bool(alternatives) and all(
        any(_excludes_one_and_later(operator, version) for operator, version in clauses)
        for clauses in alternatives
    )


def _excludes_one_and_later(operator: str, version: str) -> bool:
    match = _VERSION.match(version)
    if match is None or (match["epoch"] and int(match["epoch"])):
        return False  # not a version this can compare, or one above every 1.x
    release = tuple(int(part) for part in match["release"].split("."))
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]
    major = release[0]
    before_one = bool(match["pre"] or match["dev"]) and release == (1,)  # 1.0rc1 < 1.0
    if operator == "<":
        return major == 0 or (release == (1,) and not match["post"])
    if operator in ("<=", "==", "==="):
        if match["wildcard"]:
            return major == 0
        return major == 0 or before_one
    if operator == "~=":
        return major == 0  # ~=0.x allows below 1.0 only
    return False  # >, >=, != leave 1.0 and later open
