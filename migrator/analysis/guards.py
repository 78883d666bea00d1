"""Which branch of a vendor dispatch a node sits in: `if model_id.startswith("anthropic"):`.

Code that talks to several vendors through one endpoint (AWS Bedrock's
`invoke_model`) builds one request body per vendor in an `if`/`elif` chain on
the model id, sends whichever was built, and reads the answer in a second chain
on the same test. A rule may rewrite the Anthropic body and the Anthropic read
together only when both sit under the same test of a value that does not change
in between, and every other body and read sits where that test is false.

A test is read as a `Guard`: a subject that is a name or a chain of attributes
(`provider`, `self.model_id`) compared with a string literal by `startswith`,
`==` or `in`. Two guards on the same subject are the same test, or exclude one
another when no string could pass both (`startswith("amazon")` and
`startswith("anthropic")`); anything else proves nothing, and the rule leaves
the site for a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.code.syntax import dotted_name, string_value, walk


class Standing(Enum):
    """Where a node runs, as one guard sees it."""

    UNDER = "under"  # only where the guard holds
    EXCLUDED = "excluded"  # only where the guard does not hold


@dataclass(frozen=True)
class Guard:
    """``subject`` tested against ``value``: ``kind`` is prefix, equals or contains."""

    subject: str
    kind: str
    value: str
    test: cst.BaseExpression
    subject_node: cst.BaseExpression

    def same(self, other: Guard) -> bool:
        return (self.subject, self.kind, self.value) == (other.subject, other.kind, other.value)

    def excludes(self, other: Guard) -> bool:
        """No string passes both tests (so where one holds, the other does not)."""
        if self.subject != other.subject:
            return False
        kinds = {self.kind, other.kind}
        if kinds == {"prefix"}:
            return not (self.value.startswith(other.value) or other.value.startswith(self.value))
        if kinds == {"equals"}:
            return self.value != other.value
        if "equals" not in kinds:
            return False  # two substrings, or a prefix and a substring, may meet in one id
        exact, other_guard = (self, other) if self.kind == "equals" else (other, self)
        if other_guard.kind == "prefix":
            return not exact.value.startswith(other_guard.value)
        return other_guard.value not in exact.value


def guard_of(test: cst.BaseExpression) -> Guard | None:
    """``S.startswith("x")``, ``S == "x"`` (either way round) or ``"x" in S``; else None."""
    if (
        isinstance(test, cst.Call)
        and isinstance(test.func, cst.Attribute)
        and test.func.attr.value == "startswith"
        and len(test.args) == 1
        and test.args[0].keyword is None
        and not test.args[0].star
    ):
        return _guard(test.func.value, "prefix", test.args[0].value, test)
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return None
    operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
    if isinstance(operator, cst.Equal):
        if string_value(right) is not None:
            return _guard(test.left, "equals", right, test)
        return _guard(right, "equals", test.left, test)
    if isinstance(operator, cst.In):
        return _guard(right, "contains", test.left, test)
    return None


def _guard(
    subject: cst.BaseExpression, kind: str, literal: cst.BaseExpression, test: cst.BaseExpression
) -> Guard | None:
    name, value = dotted_name(subject), string_value(literal)
    if name is None or value is None:
        return None
    return Guard(name, kind, value, test, subject)


def standing(analysis: ModuleAnalysis, node: cst.CSTNode, guard: Guard) -> Standing | None:
    """Whether ``node`` runs only where ``guard`` holds, only where it does not, or either.

    The innermost ``if`` around ``node`` (in its function) that decides it: a
    body under the same test, or under a test that excludes it; an ``elif`` or
    ``else`` after the same test.
    """
    current = node
    for holder in analysis.ancestors(node):
        if isinstance(holder, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None
        if isinstance(holder, cst.If) and current is not holder.test:
            found = guard_of(holder.test)
            if found is not None and current is holder.body:
                if found.same(guard):
                    return Standing.UNDER
                if found.excludes(guard):
                    return Standing.EXCLUDED
            elif found is not None and current is holder.orelse and found.same(guard):
                return Standing.EXCLUDED
        current = holder
    return None


def steady(analysis: ModuleAnalysis, guard: Guard, function: cst.CSTNode) -> bool:
    """The subject holds one value all through ``function``.

    Its root name is bound once in the scope that owns it, and nothing in the
    function assigns the subject itself (``self.model_id = ...``).
    """
    root = guard.subject_node
    while isinstance(root, cst.Attribute):
        root = root.value
    assert isinstance(root, cst.Name)
    scope = analysis.scope_of.get(root)
    found = analysis.lookup(root.value, scope) if scope is not None else None
    if found is None or len(found[1]) != 1:
        return False
    if root is guard.subject_node:
        return True  # a name: its one binding is the value
    return not any(
        isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign))
        and dotted_name(node.target) == guard.subject
        for node in walk(function)
    )
