"""Prompts seen through the module's names: the templates bound to names, read where a
prompt interpolates them, and whether a prompt (looked up through its names) provably ends
without a prefill. Shared by the prompt rule and the rules for hand-made JSON bodies."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.analysis.flow import value_at
from migrator.analysis.held import HeldLiterals
from migrator.analysis.held_attributes import held_attribute
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.prompt import ConstantLookup, TemplateLookup
from migrator.analysis.prompt_flatten import flatten
from migrator.analysis.prompt_split import ends_without_prefill


def templates_in(analysis: ModuleAnalysis, scope: Scope) -> TemplateLookup:
    """A name bound once to a template string, seen from ``scope`` (or at module level)."""

    def lookup(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, ConstantLookup] | None:
        if isinstance(expr, cst.Attribute) and expr in analysis.scope_of:
            # ``self.PROMPT``: a class attribute of the module bound once, to a literal.
            held = held_attribute(analysis, expr, analysis.scope_of[expr])
            if not isinstance(held, HeldLiterals) or held.from_environment or held.caveat:
                return None
            return held.literals[0], lambda inner: analysis.constant_value(inner, scope)
        if not isinstance(expr, cst.Name):
            return None
        found = (
            value_at(analysis, expr)
            if expr in analysis.scope_of
            else analysis.assigned_once(expr.value, scope)
        )
        if found is None:
            return None
        owner, value = found
        return value, lambda inner: analysis.constant_value(inner, owner)

    return lookup


def text_parameters(analysis: ModuleAnalysis) -> Callable[[cst.Name], bool]:
    """Is the name a parameter annotated ``str``, bound nowhere else, with no default or
    a string one? Its value goes into a message as it is: ``"content": question``, not
    ``f"{question}"``."""

    def is_text(name: cst.Name) -> bool:
        scope = analysis.scope_of.get(name)
        found = analysis.lookup(name.value, scope) if scope is not None else None
        if found is None or len(found[1]) != 1:
            return False
        binding = found[1][0]
        param = binding.node
        if binding.kind != "param" or not isinstance(param, cst.Param) or param.star:
            return False
        annotation = param.annotation.annotation if param.annotation is not None else None
        if not (isinstance(annotation, cst.Name) and annotation.value == "str"):
            return False
        if analysis.lookup("str", scope) is not None:
            return False  # the module's own ``str``
        default = param.default
        return default is None or (
            isinstance(default, (cst.SimpleString, cst.FormattedString))
            and "b" not in default.prefix.lower()
        )

    return is_text


def prompt_ends_without_prefill(
    analysis: ModuleAnalysis,
    scope: Scope,
    expr: cst.BaseExpression,
    constant: ConstantLookup,
    depth: int = 0,
) -> bool:
    """Does the prompt provably end with the Assistant marker and nothing after it?

    Looks through a name to every value it is ever assigned in its scope.
    """
    pieces = flatten(expr, constant, strict=False, template=templates_in(analysis, scope))
    if ends_without_prefill(pieces):
        return True
    if not isinstance(expr, cst.Name) or depth > 3:
        return False
    found = analysis.lookup(expr.value, analysis.scope_of.get(expr, scope))
    if found is None or not found[1]:
        return False
    owner, bindings = found
    for binding in bindings:
        if binding.kind != "assign" or not isinstance(binding.node, cst.BaseExpression):
            return False

        def inner(node: cst.BaseExpression) -> str | None:
            return analysis.constant_value(node, owner)

        if not prompt_ends_without_prefill(analysis, scope, binding.node, inner, depth + 1):
            return False
    return True
