"""Which string literals a name provably holds, and where it is read.

A model (or any other argument) passed as a name, ``model=MODEL``, can be
rewritten where its value is written only when the name cannot hold anything
else: a name bound once, by one plain assignment of a string literal, or a
parameter of a plain function whose every call in the module passes nothing
(the default) or a literal for it. Everything else is known only at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis import project_summary
from migrator.analysis.flow import is_store
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.code.syntax import dotted_name


@dataclass(frozen=True)
class HeldLiterals:
    # Every value the name can hold; the default of a parameter first.
    literals: tuple[cst.SimpleString, ...]
    # Every read of the name (a parameter's: inside its function; an attribute's:
    # ``Config.MODEL``, ``self.MODEL``, ``settings.model``; a table's: ``MODELS[tier]``).
    reads: tuple[cst.Name | cst.Attribute | cst.Subscript, ...]
    # What the name is, for findings: "`MODEL`", "parameter `model` of `ask`".
    what: str
    parameter: bool = False
    # A name or a settings field the environment may set first (``os.environ.get("MODEL",
    # "claude-2")``): its literal is only a default.
    from_environment: bool = False
    # What the finding adds about code elsewhere that the rewrite does not reach.
    caveat: str = ""


def held_literals(analysis: ModuleAnalysis, name: cst.Name, scope: Scope) -> HeldLiterals | str:
    """The literals ``name`` can hold as read in ``scope``, or why that cannot be proven."""
    found = analysis.lookup(name.value, scope)
    if found is None:
        return f"`{name.value}` is not bound in this module"
    owner, bindings = found
    if len(bindings) != 1:
        return f"`{name.value}` is bound more than once"
    if owner.kind not in ("module", "function") or declared_elsewhere(analysis, name.value):
        return f"`{name.value}` may be set from elsewhere (a class attribute, `global`, `nonlocal`)"
    binding = bindings[0]
    reads = tuple(use for use in analysis.uses_of(name.value, owner) if not is_store(analysis, use))
    if binding.kind == "assign":
        value, statement = binding.node, binding.statement
        single = (isinstance(statement, cst.Assign) and len(statement.targets) == 1) or isinstance(
            statement, cst.AnnAssign
        )
        if not single:
            return f"`{name.value}` is assigned together with other names"
        default = environment_default(value) if isinstance(value, cst.BaseExpression) else None
        if default is not None:
            return HeldLiterals((default,), reads, f"`{name.value}`", from_environment=True)
        if not _literal(value):
            assert isinstance(value, cst.CSTNode)
            code = " ".join(analysis.module.code_for_node(value).split())
            return f"`{name.value}` is assigned `{code}`, known only at run time"
        assert isinstance(value, cst.SimpleString)
        return HeldLiterals((value,), reads, f"`{name.value}`")
    if binding.kind == "param" and isinstance(binding.node, cst.Param):
        passed = _passed_literals(analysis, owner, binding.node)
        if isinstance(passed, str):
            return passed
        what = f"parameter `{name.value}` of `{_function_name(owner)}`"
        return HeldLiterals(passed, reads, what, parameter=True)
    return (
        f"`{name.value}` is not assigned here (it is imported, or bound by a loop, `with` or `def`)"
    )


def held_in_table(
    analysis: ModuleAnalysis, read: cst.Subscript, scope: Scope
) -> HeldLiterals | str:
    """``MODELS[tier]``: the literals a table can give, a dict literal bound once whose values
    are all strings and that is only ever read by subscript; or why that cannot be proven."""
    table = read.value
    if not isinstance(table, cst.Name):
        return "the table is not a name of this module"
    found = analysis.lookup(table.value, scope)
    if found is None or len(found[1]) != 1 or found[1][0].kind != "assign":
        return f"`{table.value}` is not bound once by an assignment"
    owner, (binding,) = found
    value, statement = binding.node, binding.statement
    if not (
        owner.kind in ("module", "function")
        and not declared_elsewhere(analysis, table.value)
        and isinstance(statement, cst.Assign | cst.AnnAssign)
        and (not isinstance(statement, cst.Assign) or len(statement.targets) == 1)
        and isinstance(value, cst.Dict)
        and value.elements
        and all(
            isinstance(element, cst.DictElement) and _literal(element.value)
            for element in value.elements
        )
    ):
        return f"`{table.value}` is not a dict literal of strings bound once"
    reads = []
    for use in analysis.uses_of(table.value, owner):
        if is_store(analysis, use):
            continue
        subscript = analysis.parent(use)
        if not (isinstance(subscript, cst.Subscript) and subscript.value is use):
            return f"`{table.value}` is used otherwise than read by key"
        reads.append(subscript)
    literals = tuple(element.value for element in value.elements)  # type: ignore[union-attr]
    return HeldLiterals(literals, tuple(reads), f"the table `{table.value}`")  # type: ignore[arg-type]


def environment_default(value: cst.BaseExpression) -> cst.SimpleString | None:
    """The literal default of ``os.environ.get("NAME", "claude-2")`` (or ``os.getenv``)."""
    if not (isinstance(value, cst.Call) and len(value.args) == 2):
        return None
    callee = dotted_name(value.func)
    default = value.args[1].value
    if callee not in project_summary.ENVIRONMENT_READS or value.args[1].keyword is not None:
        return None
    return default if _literal(default) and isinstance(default, cst.SimpleString) else None


def _literal(node: object) -> bool:
    return isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)


def _function_name(scope: Scope) -> str:
    node = scope.node
    return node.name.value if isinstance(node, cst.FunctionDef) else "lambda"


def declared_elsewhere(analysis: ModuleAnalysis, name: str) -> bool:
    """Does some scope declare ``name`` ``global`` or ``nonlocal`` (and may rebind it there)?"""
    scopes = {id(scope): scope for scope in analysis.scope_of.values()}
    return any(name in s.globals or name in s.nonlocals for s in scopes.values())


def _passed_literals(
    analysis: ModuleAnalysis, function: Scope, param: cst.Param
) -> tuple[cst.SimpleString, ...] | str:
    """The default and every literal the module's calls pass for ``param``, or why not."""
    node = function.node
    name = param.name.value
    if not isinstance(node, cst.FunctionDef) or function.parent is None:
        return f"`{name}` is a parameter of a lambda"
    if function.parent.kind not in ("module", "function") or node.decorators:
        return f"`{name}` is a parameter of a method or a decorated function, set by its callers"
    params = node.params
    if param is params.star_arg or param is params.star_kwarg:
        return f"`{name}` collects the caller's arguments"
    positional = [*params.posonly_params, *params.params]
    index = positional.index(param) if param in positional else None
    literals: list[cst.SimpleString] = []
    if param.default is not None:
        if not _literal(param.default):
            return f"the default of `{name}` is not a string literal"
        assert isinstance(param.default, cst.SimpleString)
        literals.append(param.default)
    found = analysis.lookup(node.name.value, function.parent)
    if found is None or len(found[1]) != 1:
        return f"`{node.name.value}` is bound more than once"
    for use in analysis.uses_of(node.name.value, found[0]):
        call = analysis.parent(use)
        if not (isinstance(call, cst.Call) and call.func is use):
            return f"`{node.name.value}` is used otherwise than called, so its callers are unknown"
        if any(arg.star for arg in call.args):
            return f"a call of `{node.name.value}` splats its arguments"
        value = argument_for(call, name, index)
        if value is None:
            if param.default is None:
                return f"a call of `{node.name.value}` passes no `{name}`"
            continue
        if not _literal(value):
            return f"a call of `{node.name.value}` passes `{name}` a value known only at run time"
        assert isinstance(value, cst.SimpleString)
        literals.append(value)
    if not literals:
        return f"`{node.name.value}` is never called in this module"
    return tuple(literals)


def argument_for(call: cst.Call, name: str, index: int | None) -> cst.BaseExpression | None:
    """What ``call`` passes for parameter ``name``, by keyword or at position ``index``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    positional = [arg for arg in call.args if arg.keyword is None]
    if index is not None and index < len(positional):
        return positional[index].value
    return None
