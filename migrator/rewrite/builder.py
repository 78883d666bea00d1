"""A request built by a function of the same module, converted where the function writes it.

``create(**self._base_params(question))``, where ``_base_params`` does nothing but
``return {"prompt": ..., "model": ..., "max_tokens_to_sample": ...}``, is a request the tool
can read whole. As for a dict literal held in a name (:mod:`migrator.rewrite.splat`), the call is
planned as if the returned dict's entries were its own keyword arguments, and what the rules
make of them goes back into the ``return``: the builder then reads as Messages code
(``"messages": [...]``, ``"max_tokens": ...``, a current model) and the call keeps its
``**self._base_params(question)``.

An entry's value is planned at the call but stays written in the builder, so it must mean
the same in both places. Only a builder the tool can follow completely qualifies:

- a private function of the module, or a private method of the calling method's class,
  undecorated and synchronous, whose body is plain assignments to names and then one
  ``return`` of a dict literal;
- named nowhere in the module but as ``**builder(...)`` of legacy calls (a private name is
  not the interface of the module); when several calls send it, each must make the same
  of it, or all of them keep the runtime converter;
- entries with string keys of the legacy request (a prompt too, unless the call passes
  one), none of them also given by the call;
- values whose names mean the same in the builder and at the call: a parameter that the
  call passes a parameter of its own of the same spelling, ``self`` of two methods of one
  class, a name of the module that neither function rebinds, a builtin, or a name the
  builder assigns, when nothing of that spelling is visible at the call.

Anything else keeps the runtime converter, as a request the tool cannot see into does.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import LegacyCall, ModuleAnalysis, Scope
from migrator.rewrite.splat import KEYS, SplattedDict, only_splat, planned_entries

# A prompt in a builder becomes the messages (and system prompt) the builder returns.
_BUILDER_KEYS = KEYS | {"prompt"}


def find(analysis: ModuleAnalysis, site: LegacyCall) -> SplattedDict | None:
    """The dict a same-module builder returns into ``site``'s ``**``, when it can be converted
    where it is written."""
    splat = only_splat(site)
    if splat is None or not isinstance(splat.value, cst.Call):
        return None
    call = splat.value
    definition = _definition(analysis, call.func, site.scope)
    readers = None if definition is None else _readers(analysis, definition)
    if definition is None or readers is None:
        return None
    returned = _returned_literal(definition)
    if returned is None:
        return None
    literal, locals_ = returned
    builder_scope = analysis.scope_of.get(literal)
    if builder_scope is None or builder_scope.node is not definition:
        return None
    passed = _passed_through(analysis, definition, call, builder_scope)
    if passed is None:
        return None
    passed = {name for name in passed - locals_ if _parameter_of(analysis, name, site.scope)}

    def same_at_the_call(value: cst.BaseExpression) -> bool:
        return _means_the_same(analysis, value, builder_scope, site.scope, passed, locals_)

    entries = planned_entries(site, literal, _BUILDER_KEYS, same_at_the_call)
    if entries is None:
        return None
    return SplattedDict(
        definition.name.value, splat, literal, entries, False, readers, frozenset(locals_)
    )


def _definition(
    analysis: ModuleAnalysis, func: cst.BaseExpression, scope: Scope
) -> cst.FunctionDef | None:
    """The private, plain function or method of this module that ``func`` calls."""
    if isinstance(func, cst.Name):
        found = analysis.lookup(func.value, scope)
        if found is None or found[0].parent is not None:
            return None  # not a function of the module
        bindings = found[1]
    elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method = _method_scope(scope)
        if method is None or method.self_name != func.value.value or method.class_scope is None:
            return None
        bindings = method.class_scope.bindings.get(func.attr.value, [])
    else:
        return None
    if len(bindings) != 1 or not isinstance(bindings[0].node, cst.FunctionDef):
        return None
    definition = bindings[0].node
    if (
        not definition.name.value.startswith("_")
        or definition.name.value.startswith("__")
        or definition.decorators
        or definition.asynchronous is not None
    ):
        return None
    return definition


def _method_scope(scope: Scope) -> Scope | None:
    current: Scope | None = scope
    while current is not None and current.kind != "function":
        current = current.parent
    return current


def _readers(analysis: ModuleAnalysis, definition: cst.FunctionDef) -> int | None:
    """How many legacy calls send what the builder returns, when nothing else in the module
    names it: each reference is ``**builder(...)`` in one of them."""
    name = definition.name.value
    sent = {id(arg.value.func) for site in analysis.calls for arg in _builder_splats(site)}
    readers = 0
    for node in analysis.scope_of:
        if node is definition.name:
            continue
        if isinstance(node, cst.Attribute) and node.attr.value == name:
            reference: cst.CSTNode = node
        elif isinstance(node, cst.Name) and node.value == name:
            parent = analysis.parent(node)
            if isinstance(parent, cst.Attribute) and parent.attr is node:
                continue  # counted with its attribute
            reference = node
        else:
            continue
        if id(reference) not in sent:
            return None
        readers += 1
    return readers or None


def _builder_splats(site: LegacyCall) -> list[cst.Arg]:
    return [arg for arg in site.call.args if arg.star == "**" and isinstance(arg.value, cst.Call)]


def _returned_literal(definition: cst.FunctionDef) -> tuple[cst.Dict, set[str]] | None:
    """The dict literal the builder returns, and the names it assigns before.

    Its body: a docstring, plain assignments to names (``prompt = ...``), then the one
    ``return`` of the literal.
    """
    body = definition.body
    if not isinstance(body, cst.IndentedBlock):
        return None
    statements = list(body.body)
    if statements and _is_docstring(statements[0]):
        statements = statements[1:]
    if not statements or not isinstance(statements[-1], cst.SimpleStatementLine):
        return None
    locals_: set[str] = set()
    for statement in statements[:-1]:
        name = _assigned_name(statement)
        if name is None:
            return None
        locals_.add(name)
    line = statements[-1].body
    if len(line) != 1 or not isinstance(line[0], cst.Return):
        return None
    value = line[0].value
    return (value, locals_) if isinstance(value, cst.Dict) else None


def _assigned_name(statement: cst.BaseStatement) -> str | None:
    """``name = value``: the name, for a statement that does only that."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    return target.value if isinstance(target, cst.Name) else None


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _passed_through(
    analysis: ModuleAnalysis, definition: cst.FunctionDef, call: cst.Call, scope: Scope
) -> set[str] | None:
    """The builder's parameters that the call passes a name of the same spelling.

    Inside the builder such a parameter holds what that name holds at the call. None when
    the call passes arguments the tool cannot match to parameters.
    """
    params = list(definition.params.params)
    if scope.self_name is not None:
        params = params[1:]
    positional = [arg for arg in call.args if arg.keyword is None]
    if any(arg.star for arg in call.args) or len(positional) > len(params):
        return None
    given: dict[str, cst.BaseExpression] = {
        param.name.value: arg.value for param, arg in zip(params, positional, strict=False)
    }
    for arg in call.args:
        if arg.keyword is not None:
            given[arg.keyword.value] = arg.value
    known = {param.name.value for param in definition.params.kwonly_params} | {
        param.name.value for param in params
    }
    if not given.keys() <= known:
        return None
    return {
        name for name, value in given.items() if isinstance(value, cst.Name) and value.value == name
    }


def _parameter_of(analysis: ModuleAnalysis, name: str, scope: Scope) -> bool:
    """``name`` is only a parameter of the calling function.

    The rules plan the entries at the call, where they may follow a name to its assignment
    and write what it was built from (the prompt's parts) into the builder, whose scope
    does not have them; a parameter's value they cannot follow.
    """
    found = analysis.lookup(name, scope)
    return (
        found is not None
        and found[0].parent is not None
        and all(binding.kind == "param" for binding in found[1])
    )


class _Names(cst.CSTVisitor):
    """The names an expression looks up; no nested scope (a lambda, a comprehension)."""

    def __init__(self) -> None:
        self.names: list[cst.Name] = []
        self.nested = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False  # the attribute's own name is not looked up

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False  # nor is a keyword's

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.nested = True
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        self.nested = True
        return False

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        self.nested = True
        return False

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        self.nested = True
        return False

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        self.nested = True
        return False

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        self.nested = True
        return False


def _means_the_same(
    analysis: ModuleAnalysis,
    value: cst.BaseExpression,
    builder: Scope,
    caller: Scope,
    passed: set[str],
    locals_: set[str],
) -> bool:
    """Whether every name in ``value`` holds the same thing in the builder and at the call.

    A name the builder assigns holds what the call cannot see: allowed only when no
    binding of that spelling is visible from the call, so that the rules, planning there,
    take it for a value known only at run time and leave it as it is written.
    """
    visitor = _Names()
    value.visit(visitor)
    if visitor.nested:
        return False
    for name in visitor.names:
        spelled = name.value
        if spelled in passed:
            continue
        if spelled == builder.self_name and _same_instance(builder, caller):
            continue
        if spelled in locals_:
            if analysis.lookup(spelled, caller) is not None:
                return False
            continue
        here, there = analysis.lookup(spelled, builder), analysis.lookup(spelled, caller)
        if here is None and there is None:
            continue  # a builtin in both
        if here is None or there is None or here[0] is not there[0] or here[0].parent is not None:
            return False  # a local of either function, or two different bindings
    return True


def _same_instance(builder: Scope, caller: Scope) -> bool:
    """``self`` of the builder is ``self`` of the caller: two methods of one class."""
    return (
        builder.class_scope is not None
        and caller.class_scope is builder.class_scope
        and caller.self_name == builder.self_name
    )
