"""Finding the rules and putting them in their run order.

Rules are found by walking the ``migrator.rules`` package, so a new module is
picked up without registration; ``ORDER`` fixes the order they run in, and a
test checks that the two agree.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache

from migrator.rule import Rule

# Each rule may rely on the ones before it: the prompt is decomposed before
# system and prefill are placed, and the prefill is known before a model is chosen.
ORDER = (
    "completions_create",
    "client_completion",
    "prompt",
    "system_prompt",
    "prefill",
    "max_tokens_to_sample",
    "model",
    "sampling_parameters",
    "stop_sequences",
    "completion",
    "stream",
    "stop_reason",
    "completion_type",
    "prompt_constants",
    "count_tokens",
    "raw_http",
    "invoke_model",
    "anthropic_pin",
    # Last: it judges the suppressions once every other rule has reported.
    "unused_suppression",
)


class UnknownRule(ValueError):
    pass


@cache
def discovered() -> dict[str, type[Rule]]:
    """Every rule class in ``migrator.rules``, by module name."""
    import migrator.rules as package

    found: dict[str, type[Rule]] = {}
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        classes = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value.__module__ == module.__name__
        ]
        if len(classes) != 1:
            raise RuntimeError(
                f"{module.__name__} must define exactly one rule, found {len(classes)}"
            )
        found[module_info.name] = classes[0]
    return found


def all_rules() -> list[type[Rule]]:
    rules = discovered()
    return [rules[name] for name in ORDER if name in rules]


def resolve(identifier: str) -> type[Rule]:
    """A rule by code (``TCM002``) or name (``prompt``), case-insensitively for codes."""
    for rule in all_rules():
        if identifier.upper() == rule.code or identifier == rule.name():
            return rule
    known = ", ".join(f"{rule.code} ({rule.name()})" for rule in all_rules())
    raise UnknownRule(f"unknown rule {identifier!r}; known rules: {known}")


def selected(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    chosen = {resolve(item) for item in select} if select else set(all_rules())
    dropped = {resolve(item) for item in ignore}
    return [rule for rule in all_rules() if rule in chosen and rule not in dropped]
