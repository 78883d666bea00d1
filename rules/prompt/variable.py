"""A prompt held in a variable: the one plain assignment that binds it, and where its
messages go (written where it is assigned, or at the call), or why neither is sound; or
built by a function of the module, whose ``return`` then gives the messages."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.analysis.flow import binding_at, bound_names, runs_before
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.prompt import ConstantLookup, Conversation, Hole, NotDecomposable, Rendered
from migrator.analysis.prompt_flatten import flatten
from migrator.analysis.prompt_names import templates_in, text_parameters
from migrator.analysis.prompt_render import render_all
from migrator.analysis.prompt_split import split
from migrator.analysis.prompt_syntax import is_simple
from migrator.code.syntax import walk
from migrator.contract.plan import Bound, CallPlan


@dataclass(frozen=True)
class _Variable:
    name: str
    value: cst.BaseExpression
    constant: ConstantLookup
    owner: Scope
    statement: cst.SimpleStatementLine
    reads: tuple[cst.Name, ...]  # every read of this binding of the name


def _variable(plan: CallPlan, expr: cst.BaseExpression) -> _Variable | None:
    """``prompt=NAME`` where NAME is assigned once, by a plain assignment statement."""
    if not isinstance(expr, cst.Name) or plan.analysis.constant_value(expr, plan.site.scope):
        return None
    analysis = plan.analysis
    found = binding_at(analysis, expr)
    if found is None or found[1].kind != "assign":
        return None
    owner, binding, reads = found
    assign = binding.statement
    if not (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ) and not (isinstance(assign, cst.AnnAssign) and isinstance(assign.target, cst.Name)):
        return None
    line = analysis.parent(assign)
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    assert isinstance(binding.node, cst.BaseExpression)

    def constant(inner: cst.BaseExpression) -> str | None:
        return analysis.constant_value(inner, owner)

    return _Variable(expr.value, binding.node, constant, owner, line, tuple(reads))


def bind(
    plan: CallPlan, use: cst.BaseExpression, variable: _Variable, conversation: Conversation
) -> Bound | None | str:
    """Where the messages of a prompt held in a variable go: a Bound, None to
    write them at the call, or the reason neither is sound."""
    analysis = plan.analysis
    holes = [
        piece
        for body in [conversation.system or [], conversation.prefill or []]
        + [turn for _role, turn in conversation.turns]
        for piece in body
        if isinstance(piece, Hole)
    ]
    if variable.owner is not plan.site.scope:
        if variable.owner is analysis.module_scope and not holes:
            return None  # a module-level constant: its text can be written at the call
        return (
            f"the prompt is `{variable.name}`, assigned in another scope with interpolated "
            "values; when they are read is only known at run time"
        )
    if not runs_before(analysis, variable.statement, plan.site.statement):
        return f"the prompt is `{variable.name}`, assigned where it may not run before the call"
    # Read by this call alone: the messages take the prompt's place (a module's, for a
    # script; another module that imports it is told of it).
    replace = variable.owner.kind in ("function", "module") and list(variable.reads) == [use]
    if not replace and not all(is_simple(hole.expr) for hole in holes):
        return (
            f"the prompt `{variable.name}` is also read elsewhere and interpolates computed "
            "values, which must not be evaluated twice"
        )
    names = bound_names(analysis, variable.owner, variable.name, ("messages", "system"))
    if names is None:
        return "the names `messages` and `system` are taken in this scope"
    return Bound(variable.statement, replace, names["messages"], names["system"])


def _builder(plan: CallPlan, expr: cst.BaseExpression) -> _Variable | None:
    """``prompt=build(q)``, where ``build`` is a plain function of the module that ends in
    the one ``return`` of a prompt, and this call is the only use of its name."""
    analysis = plan.analysis
    if not isinstance(expr, cst.Call) or any(arg.star for arg in expr.args):
        return None
    if isinstance(expr.func, cst.Attribute):
        function = _own_method(analysis, expr.func, plan.site.scope)
        name = expr.func.attr.value
    elif isinstance(expr.func, cst.Name):
        name = expr.func.value
        found = analysis.lookup(name, plan.site.scope)
        if found is None or len(found[1]) != 1:
            return None
        owner, (binding,) = found
        function = binding.node if owner.kind != "class" else None
        if list(analysis.uses_of(name, owner)) != [expr.func] or not isinstance(
            function, cst.FunctionDef
        ):
            return None
        if function.decorators:
            return None
    else:
        return None
    if not (
        isinstance(function, cst.FunctionDef)
        and function.asynchronous is None
        and function.returns is None  # ``-> str`` would say otherwise
        and isinstance(function.body, cst.IndentedBlock)
    ):
        return None
    line = function.body.body[-1]
    if not (
        isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
        and isinstance(line.body[0], cst.Return)
        and line.body[0].value is not None
    ):
        return None
    inner = (
        cst.Return,
        cst.Yield,
        cst.FunctionDef,
        cst.ClassDef,
        cst.Lambda,
        cst.Global,
        cst.Nonlocal,
    )
    if sum(isinstance(node, inner) for node in walk(function.body)) != 1:
        return None  # another return, a yield, a nested scope: not one value to rewrite
    value = line.body[0].value
    scope = analysis.scope_of.get(value)
    if scope is None:
        return None

    def constant(piece: cst.BaseExpression) -> str | None:
        return analysis.constant_value(piece, scope)

    return _Variable(name, value, constant, scope, line, ())


def _own_method(
    analysis: ModuleAnalysis, func: cst.Attribute, scope: Scope
) -> cst.FunctionDef | None:
    """``self.build(q)`` in a method: the class's one plain method (or static method)
    ``build``, when no other code of the module names ``build`` as an attribute or defines
    it (a subclass here overriding it)."""
    receiver, name = func.value, func.attr.value
    method, klass = scope.node, scope.parent
    if not (
        isinstance(receiver, cst.Name)
        and isinstance(method, cst.FunctionDef)
        and method.params.params
        and method.params.params[0].name.value == receiver.value
        and klass is not None
        and isinstance(klass.node, cst.ClassDef)
        and analysis.lookup(receiver.value, scope) is not None
        and len(analysis.lookup(receiver.value, scope)[1]) == 1  # type: ignore[index]
    ):
        return None
    own = [
        item
        for item in klass.node.body.body
        if isinstance(item, cst.FunctionDef) and item.name.value == name
    ]
    if len(own) != 1 or not all(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
        for d in own[0].decorators
    ):
        return None
    named = [
        node
        for node, _ in analysis.nodes_of(cst.Attribute, cst.FunctionDef)
        if (isinstance(node, cst.Attribute) and node.attr.value == name)
        or (isinstance(node, cst.FunctionDef) and node.name.value == name)
    ]
    return own[0] if sorted(map(id, named)) == sorted(map(id, (func, own[0]))) else None


def conversation_of(
    plan: CallPlan, value: cst.BaseExpression, constant: ConstantLookup, scope: Scope
) -> tuple[Conversation, Rendered]:
    """The turns of the prompt ``value``, read in ``scope``, and their code; raises
    NotDecomposable."""
    conversation = split(
        flatten(
            value,
            constant,
            template=templates_in(plan.analysis, scope),
            text_name=text_parameters(plan.analysis),
        )
    )
    return conversation, render_all(conversation, plan.code_for)


def built(plan: CallPlan, expr: cst.BaseExpression) -> tuple[Conversation, Rendered] | None:
    """``prompt=build(q)``: the conversation a function of the module returns, split where
    it is built, its ``return`` to give the messages (``plan.bound``); None when it is not
    such a function, or its prompt does not split there or has a system prompt, which the
    call would need beside the messages."""
    builder = _builder(plan, expr)
    if builder is None:
        return None
    try:
        conversation, rendered = conversation_of(
            plan, builder.value, builder.constant, builder.owner
        )
    except NotDecomposable:
        return None
    if conversation.system is not None:
        return None
    plan.bound = Bound(builder.statement, True, "", "", returned=True)
    return conversation, rendered
