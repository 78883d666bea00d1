"""The one walk over a module's tree that fills the record of its names.

It records parents, scopes, bindings, imports and name reads in the module's
:class:`~migrator.analysis.names.ModuleAnalysis`; the legacy calls are then found
from that record (:mod:`migrator.analysis.legacy_calls`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import libcst as cst

from migrator.analysis.evidence_nodes import LOOKALIKE_ROOTS
from migrator.analysis.legacy_calls import find_calls
from migrator.analysis.names import Binding, ModuleAnalysis, NameUse, Scope
from migrator.code.readwalk import walk
from migrator.code.syntax import catches_import_error, dotted_name, plain_literal

_ANTHROPIC_ROOTS = ("anthropic", "anthropic_bedrock")
# Modules of raw HTTP calls to the API: ``from requests import post`` resolves too.
HTTP_ROOTS = ("requests", "httpx", "json")


def analyse(module: cst.Module) -> ModuleAnalysis:
    analysis = ModuleAnalysis(module)
    collector = _Collector(analysis)
    walk(module, collector)  # reads only: libcst's visit would rebuild every node
    analysis.module_scope = collector.module_scope
    find_calls(analysis)
    return analysis


def _holds(block: cst.BaseSuite, statement: cst.CSTNode | None) -> bool:
    """``statement`` is a statement directly in ``block`` (an import line's small statement)."""
    if not isinstance(block, cst.IndentedBlock):
        return False
    for line in block.body:
        if isinstance(line, cst.SimpleStatementLine) and any(
            small is statement for small in line.body
        ):
            return True
    return False


@cache
def _is_statement(kind: type[cst.CSTNode]) -> bool:
    # Per class, not per node: BaseCompoundStatement is an ABC, and an isinstance check
    # against it on each of a module's nodes cost more than a tenth of the whole walk.
    return issubclass(kind, (cst.SimpleStatementLine, cst.BaseCompoundStatement))


_Handler = Callable[["_Collector", cst.CSTNode], object]


@cache
def _handlers(kind: type[cst.CSTNode]) -> tuple[_Handler | None, _Handler | None, bool]:
    """The collector's ``visit_`` and ``leave_`` methods for nodes of ``kind``, and whether
    such a node is a statement: found once per class rather than by name on every node,
    as ``CSTVisitor.on_visit`` does. libcst's stubs (which do nothing) are left out."""

    def own(prefix: str) -> _Handler | None:
        method = getattr(_Collector, f"{prefix}_{kind.__name__}", None)
        stub = getattr(cst.CSTVisitor, f"{prefix}_{kind.__name__}", None)
        return None if method is None or method is stub else method

    return own("visit"), own("leave"), _is_statement(kind)


class _Collector(cst.CSTVisitor):
    """Records parents, scopes, bindings and name reads in one walk."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.module_scope = Scope("module", None, analysis.module)
        self.scopes: list[Scope] = [self.module_scope]
        self.stack: list[cst.CSTNode] = []
        self.statements: list[cst.CSTNode] = []
        self.classes: list[cst.ClassDef] = []

    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.analysis.parents[node] = self.stack[-1]
        self.stack.append(node)
        self.analysis.scope_of[node] = self.scopes[-1]
        if self.statements:
            self.analysis.statement_of[node] = self.statements[-1]
        visit, _, statement = _handlers(type(node))
        if statement:
            self.statements.append(node)
        return visit is None or visit(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        _, leave, statement = _handlers(type(original_node))
        if leave is not None:
            leave(self, original_node)
        self.stack.pop()
        if statement:
            self.statements.pop()

    # --- scopes ------------------------------------------------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.bind(node.name.value, Binding("other", node))
        scope = Scope("function", self.scope, node)
        enclosing = self.scope
        if enclosing.kind == "class" and node.params.params:
            is_static = any(
                isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod"
                for d in node.decorators
            )
            if not is_static:
                scope.self_name = node.params.params[0].name.value
                scope.class_scope = enclosing
        self.scopes.append(scope)
        self._bind_params(node.params, scope)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        scope = Scope("function", self.scope, node)
        self.scopes.append(scope)
        self._bind_params(node.params, scope)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.scopes.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.bind(node.name.value, Binding("other", node))
        self.scopes.append(Scope("class", self.scope, node))
        self.analysis.class_attributes.setdefault(node, {})

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scopes.pop()

    def _bind_params(self, params: cst.Parameters, scope: Scope) -> None:
        everything = [*params.posonly_params, *params.params, *params.kwonly_params]
        if isinstance(params.star_arg, cst.Param):
            everything.append(params.star_arg)
        if params.star_kwarg is not None:
            everything.append(params.star_kwarg)
        for param in everything:
            annotation = param.annotation.annotation if param.annotation else None
            scope.bind(param.name.value, Binding("param", param, annotation=annotation))

    def visit_Global(self, node: cst.Global) -> None:
        self.scope.globals.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.scope.nonlocals.update(item.name.value for item in node.names)

    # --- imports -----------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = dotted_name(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.scope.bind(alias.asname.name.value, Binding("import", node, dotted))
            else:
                root = dotted.split(".")[0]
                self.scope.bind(root, Binding("import", node, root))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is None or node.relative:
            base = None
        else:
            base = dotted_name(node.module) or ""
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            local = (
                alias.asname.name.value
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
                else name
            )
            qualified = f"{base}.{name}" if base else None
            if qualified is not None and (
                qualified.startswith(_ANTHROPIC_ROOTS + LOOKALIKE_ROOTS)
                or qualified.split(".")[0] in HTTP_ROOTS
            ):
                self.scope.bind(local, Binding("import", node, qualified))
            else:
                self.scope.bind(local, Binding("other", node))

    # --- assignments ---------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if self._import_fallback(target.target, node.value):
                continue
            self._bind_target(target.target, node.value, node)

    def _import_fallback(self, target: cst.BaseExpression, value: cst.BaseExpression) -> bool:
        """``X = None`` in ``except ImportError:`` after ``try: import X``: an optional
        dependency. Where ``X`` holds anything at all, it holds what the ``try`` imported
        (with ``None``, every read of an attribute fails), so the name keeps meaning the
        SDK's module or class, as it does where the SDK is installed."""
        if not (
            isinstance(target, cst.Name)
            and isinstance(value, cst.Name)
            and value.value == "None"
            and len(self.stack) >= 4
        ):
            return False
        # stack: ..., Try, ExceptHandler, IndentedBlock, SimpleStatementLine, Assign
        handler = next(
            (node for node in reversed(self.stack) if isinstance(node, cst.ExceptHandler)), None
        )
        if handler is None or not catches_import_error(handler):
            return False
        owner = self.stack[self.stack.index(handler) - 1]
        if not isinstance(owner, cst.Try) or self.stack[-3] is not handler.body:
            return False
        imported = [
            binding
            for binding in self.scope.bindings.get(target.value, [])
            if binding.kind == "import"
        ]
        return any(_holds(owner.body, binding.node) for binding in imported)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind_target(node.target, node.value, node)
        elif isinstance(node.target, cst.Name):
            self.scope.bind(node.target.value, Binding("other", node))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_target(node.target, None, node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if isinstance(node.target, cst.Name):
            scope = self.scope
            while scope.kind == "class" and scope.parent is not None:
                scope = scope.parent
            scope.bind(node.target.value, Binding("assign", node.value, statement=node))

    def visit_For(self, node: cst.For) -> None:
        self._bind_target(node.target, None, node)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind_target(node.asname.name, None, node)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None and isinstance(node.name.name, cst.Name):
            self.scope.bind(node.name.name.value, Binding("other", node))

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target, None, node)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind_target(node.target, None, node)

    def _bind_target(
        self, target: cst.BaseExpression, value: cst.BaseExpression | None, statement: cst.CSTNode
    ) -> None:
        if isinstance(target, cst.Name):
            kind = "other" if value is None else "assign"
            binding = Binding(kind, value if value is not None else statement, statement=statement)
            if target.value in self.scope.globals:
                # ``global X`` then ``X = ...``: one more value of the module's ``X``.
                self.module_scope.bind(target.value, binding)
                return
            self.scope.bind(target.value, binding)
            if self.scope.kind == "class":
                # A class attribute is what ``self.NAME`` reads until an instance sets it.
                attributes = self.analysis.class_attributes.setdefault(self.scope.node, {})
                attributes.setdefault(target.value, []).append(binding)
        elif isinstance(target, (cst.Tuple, cst.List)):
            # ``text, last = "", None``: literals bound one to one, each a plain assignment.
            values = literals_for(target, value)
            for index, element in enumerate(target.elements):
                self._bind_target(element.value, values[index] if values else None, statement)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, None, statement)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            self._bind_attribute(target, value, statement)

    def _bind_attribute(
        self, target: cst.Attribute, value: cst.BaseExpression | None, statement: cst.CSTNode
    ) -> None:
        scope = self.scope
        if scope.self_name != target.value.value or scope.class_scope is None:
            return
        attributes = self.analysis.class_attributes.setdefault(scope.class_scope.node, {})
        kind = "assign" if value is not None else "other"
        attributes.setdefault(target.attr.value, []).append(
            Binding(kind, value, statement=statement)
        )

    # --- reads -------------------------------------------------------------
    def visit_Name(self, node: cst.Name) -> None:
        parent = self.stack[-2] if len(self.stack) > 1 else None
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return
        if isinstance(
            parent, (cst.FunctionDef, cst.ClassDef, cst.Param, cst.ImportAlias, cst.AsName)
        ):
            return
        self.analysis.name_uses.setdefault(node.value, []).append(NameUse(node, self.scope))


def literals_for(
    target: cst.Tuple | cst.List, value: cst.BaseExpression | None
) -> list[cst.BaseExpression] | None:
    """The values of ``a, b = "", None``, one for each target, when every one is a literal
    (so unpacking them is assigning each); None for anything else."""
    if not isinstance(value, (cst.Tuple, cst.List)) or len(value.elements) != len(target.elements):
        return None
    if any(
        isinstance(element, cst.StarredElement) or not plain_literal(element.value)
        for element in value.elements
    ):
        return None
    return [element.value for element in value.elements]
