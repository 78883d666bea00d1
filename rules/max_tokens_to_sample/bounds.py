"""How large a token limit may be: a bound the code shows, and whether the current SDK
would refuse the call for it before sending it."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.held import declared_elsewhere
from migrator.analysis.names import Scope
from migrator.analysis.project_summary import ENVIRONMENT_READS
from migrator.code.syntax import dotted_name
from migrator.contract.plan import CallPlan
from migrator.rewrite.stops import class_body_values, method_of
from migrator.runtime.helpers import MAX_OUTPUT_TOKENS, NONSTREAMING_MAX_TOKENS


def may_hold_more(plan: CallPlan, value: cst.BaseExpression, scope: Scope) -> bool:
    """Is ``value`` a name one of whose visible values is a literal above the limit, or a
    key of a dict literal (``LIMITS[tier]``) one of whose values is, or ``self.limit`` that
    its class sets to one (in its body, or in a method, also from a parameter's default)?"""
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
        return _kept_above(plan, value)
    table = value.value if isinstance(value, cst.Subscript) else None
    name = table if isinstance(table, cst.Name) else value
    if not isinstance(name, cst.Name):
        return False
    found = plan.analysis.lookup(name.value, scope)
    if found is None or plan.analysis.lookup("min", scope) is not None:
        return False
    for binding in found[1]:
        held = binding.node
        if isinstance(held, cst.Param):
            held = held.default
        if table is not None:
            values = [e.value for e in getattr(held, "elements", ()) if isinstance(held, cst.Dict)]
            if any(_above(entry) for entry in values):
                return True
        elif _above(held):
            return True
    return False


def _kept_above(plan: CallPlan, value: cst.Attribute) -> bool:
    """``self.max_tokens`` where the class sets it to a literal above the limit (in its
    body, or anything in the module on any object), or to a parameter whose default is
    (``__init__(self, max_tokens=100000)``)."""
    analysis = plan.analysis
    method = method_of(analysis, value.value) if isinstance(value.value, cst.Name) else None
    if method is None or analysis.lookup("min", plan.site.scope) is not None:
        return False
    klass, name = method[1], value.attr.value
    held: list[cst.CSTNode | None] = list(_class_body_values(klass, name))
    for node, _scope in analysis.nodes_of(cst.Assign):  # ``tuned.LIMIT = 100000``
        if isinstance(node, cst.Assign) and any(
            isinstance(t.target, cst.Attribute) and t.target.attr.value == name
            for t in node.targets
        ):
            held.append(node.value)
    for store in analysis.class_attributes.get(klass, {}).get(name, []):
        kept = store.node
        scope = analysis.scope_of.get(kept) if isinstance(kept, cst.Name) else None
        found = analysis.lookup(kept.value, scope) if scope and isinstance(kept, cst.Name) else None
        if found is not None and found[0] is scope:
            kept = next((b.node.default for b in found[1] if isinstance(b.node, cst.Param)), kept)
        held.append(kept)
    return any(_above(kept) for kept in held)


def _above(held: cst.CSTNode | None) -> bool:
    """A literal above the limit, or ``int(os.environ.get("MAX_TOKENS", "100000"))``: an
    environment read whose default is."""
    if (
        isinstance(held, cst.Call)
        and isinstance(held.func, cst.Name)
        and held.func.value == "int"
        and len(held.args) == 1
        and isinstance(held.args[0].value, cst.Call)
    ):
        read = held.args[0].value
        default = read.args[1].value if len(read.args) == 2 else None
        if dotted_name(read.func) in ENVIRONMENT_READS and isinstance(default, cst.SimpleString):
            text = default.evaluated_value
            held = (
                cst.Integer(text.strip())
                if isinstance(text, str) and text.strip().isdigit()
                else None
            )
        elif dotted_name(read.func) in ENVIRONMENT_READS:
            held = default
    return isinstance(held, cst.Integer) and int(held.value.replace("_", ""), 0) > MAX_OUTPUT_TOKENS


_CLIENT_TIMEOUTS = ("timeout", "default_request_timeout")


def may_be_refused(plan: CallPlan, bound: int | None) -> bool:
    """Would the current SDK refuse the call for its max_tokens before sending it?"""
    if plan.streamed or (bound is not None and bound <= NONSTREAMING_MAX_TOKENS):
        return False
    if plan.kwarg("timeout") is not None:
        return False  # the SDK checks only calls that are given no timeout
    chains = plan.analysis.client_calls(plan.site.receiver, plan.site.scope)
    # Nor when the client has a timeout of its own (every way it is built); the
    # pre-0.3 client's `default_request_timeout` becomes the current one's `timeout`.
    return not chains or not all(
        any(
            arg.keyword is not None and arg.keyword.value in _CLIENT_TIMEOUTS
            for c in chain
            for arg in c.args
        )
        for chain in chains
    )


def bound_of(plan: CallPlan, value: cst.BaseExpression, scope: Scope, depth: int = 0) -> int | None:
    """The largest value ``value`` can have, when the code says: a literal, a constant,
    ``min``, a conditional expression of such values."""
    if depth > 8:
        return None
    if isinstance(value, cst.Integer):
        return int(value.value.replace("_", ""), 0)
    analysis = plan.analysis
    if isinstance(value, cst.Name):
        found = analysis.assigned_once(value.value, scope)
        if found is None or declared_elsewhere(analysis, value.value):
            return None
        return bound_of(plan, found[1], analysis.scope_of.get(found[1], found[0]), depth + 1)
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value == "min"
        and analysis.lookup("min", scope) is None
        and value.args
        and not any(arg.star or arg.keyword for arg in value.args)
    ):
        bounds = [bound_of(plan, arg.value, scope, depth + 1) for arg in value.args]
        known = [bound for bound in bounds if bound is not None]
        return min(known) if known else None
    if isinstance(value, cst.IfExp):  # ``12 if short else 4``: the larger branch
        body = bound_of(plan, value.body, scope, depth + 1)
        orelse = bound_of(plan, value.orelse, scope, depth + 1)
        return None if body is None or orelse is None else max(body, orelse)
    if isinstance(value, cst.BooleanOperation):  # ``limit or self.MAX_TOKENS``: either side
        left = bound_of(plan, value.left, scope, depth + 1)
        right = bound_of(plan, value.right, scope, depth + 1)
        return None if left is None or right is None else max(left, right)
    if isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
        held = _class_constant(plan, value)
        return None if held is None else bound_of(plan, held, scope, depth + 1)
    return None


def _class_constant(plan: CallPlan, value: cst.Attribute) -> cst.BaseExpression | None:
    """``Config.MAX_TOKENS`` or ``self.MAX_TOKENS``: the value its class body assigns it
    once, when nothing in the module stores an attribute of that name."""
    analysis = plan.analysis
    owner = value.value
    assert isinstance(owner, cst.Name)
    method = method_of(analysis, owner)
    klass: cst.CSTNode | None = method[1] if method is not None else None
    if klass is None:
        found = analysis.lookup(owner.value, plan.site.scope)
        bindings = found[1] if found is not None else []
        klass = bindings[0].node if len(bindings) == 1 else None
    if not isinstance(klass, cst.ClassDef):
        return None
    name = value.attr.value
    assigned = _class_body_values(klass, name)
    for node, _scope in analysis.nodes_of(cst.AssignTarget, cst.AugAssign, cst.AnnAssign):
        target = getattr(node, "target", None)
        if isinstance(target, cst.Attribute) and target.attr.value == name:
            return None  # set on an instance or the class somewhere: not a constant
    return assigned[0] if len(assigned) == 1 else None


def _class_body_values(klass: cst.ClassDef, name: str) -> list[cst.BaseExpression | None]:
    """What the class body assigns to ``name`` (``LIMIT = 8000``, ``LIMIT: int = 8000``)."""
    return [
        value
        for bound, _target, value, small in class_body_values(klass)
        if bound == name and not isinstance(small, cst.AugAssign)
    ]
