"""Finding the rules and putting them in their run order.

Rules are found by walking the ``migrator.rules`` package, so a new module is
picked up without registration; ``migrator.core.catalog`` fixes the order they run in
and their codes, and a test checks that the two agree.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import overload

from migrator.contract.rule import Rule
from migrator.core.catalog import ORDER, name_of


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
    return discovered()[name_of(identifier)]


def selected(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Selection:
    return Selection(tuple(select), tuple(ignore))


class Selection(Sequence[type[Rule]]):
    """The rules a run uses, in run order.

    Rule modules import libcst, and a run whose files all fail the prefilter must
    not: with no ``select``/``ignore`` the rules are imported when first used.
    A selection naming rules is resolved at once, so an unknown code is an error
    before any file is read.
    """

    def __init__(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> None:
        self._rules: list[type[Rule]] | None = None
        if select or ignore:
            chosen = {resolve(item) for item in select} if select else set(all_rules())
            dropped = {resolve(item) for item in ignore}
            self._rules = [rule for rule in all_rules() if rule in chosen and rule not in dropped]

    @property
    def names(self) -> tuple[str, ...]:
        """The rules' names, known without importing them when every rule runs."""
        if self._rules is None:
            return ORDER
        return tuple(rule.name() for rule in self._rules)

    def _loaded(self) -> list[type[Rule]]:
        if self._rules is None:
            self._rules = all_rules()
        return self._rules

    @overload
    def __getitem__(self, index: int) -> type[Rule]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[type[Rule]]: ...

    def __getitem__(self, index: int | slice) -> type[Rule] | Sequence[type[Rule]]:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(self._loaded())
