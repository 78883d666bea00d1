"""The names a scope binds, and from what, as the Bedrock answer tracer follows them.

:mod:`migrator.analysis.bedrock_answers` follows a value from an ``invoke_model`` call to the read
of its answer through the names it is assigned to; these are the plain ``ast`` walks that
say which names a scope's statements bind and which of them hold a value it can follow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

Function = ast.FunctionDef | ast.AsyncFunctionDef


def parameter_names(function: Function | ast.Lambda) -> set[str]:
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return {argument.arg for argument in every}


def _bindings(nodes: Iterable[ast.AST]) -> Iterator[tuple[str, str, ast.expr]]:
    """The names ``nodes`` bind, with how and from what: ``value`` for an assignment (or a
    ``with ... as``), ``iter`` for a loop's target; ``other`` for anything else that binds
    a name (an import, unpacking, ``global``), whose value is not followed."""
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from _targets(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                yield node.target.id, "value", node.value
            else:
                yield node.target.id, "other", node.target
        elif isinstance(node, ast.NamedExpr):
            yield node.target.id, "value", node.value
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            if isinstance(node.target, ast.Name):
                yield node.target.id, "iter", node.iter
            else:
                yield from ((name, "other", node.target) for name in _stored(node.target))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            yield from _targets(node.optional_vars, node.context_expr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                name = alias.asname or alias.name.split(".")[0]
                yield name, "other", ast.Constant(None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            yield from ((name, "other", ast.Constant(None)) for name in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, "other", ast.Constant(None)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            yield node.name, "other", ast.Constant(None)


def _targets(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, str, ast.expr]]:
    if isinstance(target, ast.Name):
        yield target.id, "value", value
    else:  # unpacked, or stored in an item or attribute: names in it are not followed
        yield from ((name, "other", target) for name in _stored(target))


def _stored(target: ast.expr) -> Iterator[str]:
    """Names bound by unpacking into ``target`` (``a, *b = ...``)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for item in target.elts:
            yield from _stored(item)
    elif isinstance(target, ast.Starred):
        yield from _stored(target.value)
