"""Model names a settings module binds in a class body, for the modules that import it.

``config.py`` holds ``class Config: MODEL = "claude-2"`` and ``app.py`` sends
``model=Config.MODEL`` after ``from config import Config``. :mod:`migrator.analysis.shared` lets
the senders rewrite a literal where it is bound when they all agree on it; a class
attribute can take part under the name ``Config.MODEL`` when nothing in its own module
can give it another value or reads it: a plain class at the top (no base, decorator or
metaclass), its name not read in the module, the attribute bound once in the body and
named by no attribute read, assignment or ``setattr`` anywhere in the module. So can a
field's default read through an instance the module builds at its top (``settings =
Settings()``, sent as ``settings.model``, shared as ``settings.model``): a dataclass or
a pydantic ``BaseModel`` (a ``BaseSettings`` reads the environment first), only ever
built without that field or any positional or unpacked argument, the instance read
nowhere in its module. This is the cheap ``ast`` half of the check; the senders check
their own reads, and the run checks that no other module spells the attribute
(:func:`migrator.analysis.shared.grants`).
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable

# Methods through which a class may answer or store attributes its body does not show.
_ATTRIBUTE_HOOKS = frozenset(
    {"__getattr__", "__getattribute__", "__setattr__", "__init_subclass__"}
)


def class_literals(
    tree: ast.Module, source: str, is_model: Callable[[ast.expr], bool]
) -> dict[str, str]:
    """``{"Config.MODEL": '"claude-2"'}``: each model name (``is_model``) a plain class at
    the module's top binds once in its body, that nothing in the module reads or sets."""
    if not any(_may_bind_a_model(node, is_model) for node in tree.body):
        return {}  # most modules: no class at the top binds a model name
    uses = _Uses(tree)
    if uses.sets_any:
        return {}
    literals = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or not _plain(node) or node.name in uses.names:
            continue
        for name, value in _models_bound(node, is_model, uses.attributes):
            text = ast.get_source_segment(source, value)
            if text is not None:
                literals[f"{node.name}.{name}"] = text
    for instance, node in _instances(tree, uses):
        for name, value in _models_bound(node, is_model, uses.attributes):
            if not (isinstance(value, ast.Constant) and _built_with_defaults(uses, node, name)):
                continue
            text = ast.get_source_segment(source, value)
            if text is not None:
                literals[f"{instance}.{name}"] = text
    return literals


def _may_bind_a_model(node: ast.stmt, is_model: Callable[[ast.expr], bool]) -> bool:
    """A class at the top that may be shared (plain, or with fields) and binds a model name
    once in its body: the cheap test, before the module is walked."""
    return (
        isinstance(node, ast.ClassDef)
        and any(
            len(values) == 1 and is_model(values[0]) for values in _bound_in_body(node).values()
        )
        and (_plain(node) or _with_fields(node))
    )


class _Uses:
    """What the whole module does with names, attributes and calls, from one walk."""

    def __init__(self, tree: ast.Module) -> None:
        self.names: Counter[str] = Counter()  # each name's uses, read or bound
        self.attributes: set[str] = set()  # each attribute named
        self.calls: dict[str, list[ast.Call]] = {}  # the calls of each plain name
        self.sets_any = False  # :func:`_may_set_any` anywhere
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                self.names[node.id] += 1
            elif isinstance(node, ast.Attribute):
                self.attributes.add(node.attr)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                self.calls.setdefault(node.func.id, []).append(node)
            self.sets_any = self.sets_any or _may_set_any(node)


def _models_bound(
    node: ast.ClassDef, is_model: Callable[[ast.expr], bool], attributes: set[str]
) -> list[tuple[str, ast.expr]]:
    """The names the class body binds once to a model name, that the module never names as
    an attribute and the body never reads."""
    return [
        (name, values[0])
        for name, values in _bound_in_body(node).items()
        if len(values) == 1
        and name not in attributes
        and is_model(values[0])
        and _read_in_body(node, name) == 0
    ]


def _instances(tree: ast.Module, uses: _Uses) -> list[tuple[str, ast.ClassDef]]:
    """``settings = Settings()`` at the top, of a dataclass or a pydantic model of the
    module, the instance read nowhere in the module: its name and its class."""
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    found = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if not (isinstance(target, ast.Name) and isinstance(value, ast.Call)):
            continue
        built = classes.get(value.func.id) if isinstance(value.func, ast.Name) else None
        if built is not None and _with_fields(built) and uses.names[target.id] == 1:
            found.append((target.id, built))
    return found


def _with_fields(node: ast.ClassDef) -> bool:
    """A dataclass with no base, or a pydantic ``BaseModel`` (not settings, which read the
    environment), with no metaclass, attribute hook or decorated method (a validator)."""
    if node.keywords or any(
        isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (item.name in _ATTRIBUTE_HOOKS or item.decorator_list)
        for item in node.body
    ):
        return False
    bases = [_spelt(base) for base in node.bases]
    decorators = [_spelt(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list]
    if bases:
        return bases in (["BaseModel"], ["pydantic.BaseModel"]) and not decorators
    return decorators in (["dataclass"], ["dataclasses.dataclass"])


def _spelt(node: ast.expr) -> str:
    return ast.unparse(node)


def _built_with_defaults(uses: _Uses, node: ast.ClassDef, field: str) -> bool:
    """Whether the class is only built, and never given ``field`` nor a positional or
    unpacked argument."""
    calls = uses.calls.get(node.name, [])
    if any(call.args or any(k.arg in (None, field) for k in call.keywords) for call in calls):
        return False
    return len(calls) == uses.names[node.name]  # the class is used for nothing but building it


def _may_set_any(node: ast.AST) -> bool:
    """``setattr(...)``, ``object.__setattr__(...)``, ``x.__dict__``: may set any attribute
    of anything."""
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return True
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return called in ("setattr", "delattr", "__setattr__", "__delattr__")


def _plain(node: ast.ClassDef) -> bool:
    """A class with no base but ``object``, no decorator, no metaclass, no attribute hook."""
    bases = [
        base for base in node.bases if not (isinstance(base, ast.Name) and base.id == "object")
    ]
    hooks = any(
        isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in _ATTRIBUTE_HOOKS
        for item in node.body
    )
    return not (bases or node.keywords or node.decorator_list or hooks)


def _bound_in_body(node: ast.ClassDef) -> dict[str, list[ast.expr]]:
    """Each name the class body binds, with the values it assigns (None-less: a binding
    by ``def``, a loop or an import counts as a value nobody can name)."""
    bound: dict[str, list[ast.expr]] = {}
    for item in node.body:
        if isinstance(item, ast.Assign):
            for target in item.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        value = item.value if len(item.targets) == 1 and target is name else None
                        bound.setdefault(name.id, []).append(value or ast.Constant(None))
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            bound.setdefault(item.target.id, []).append(item.value or ast.Constant(None))
        else:
            for name in _other_bindings(item):
                bound.setdefault(name, []).extend([ast.Constant(None)] * 2)
    return bound


def _other_bindings(item: ast.stmt) -> list[str]:
    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [item.name]
    return [
        node.id
        for node in ast.walk(item)
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del))
    ]


def _read_in_body(node: ast.ClassDef, name: str) -> int:
    """How often the class body reads ``name`` (``OTHER = MODEL``, a default argument)."""
    return sum(
        isinstance(inner, ast.Name) and inner.id == name and isinstance(inner.ctx, ast.Load)
        for item in node.body
        for inner in ast.walk(item)
    )
