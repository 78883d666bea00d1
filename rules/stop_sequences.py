"""Stop sequences: the ``"\\n\\nHuman:"`` guard is removed.

## What it does

Removes `"\\n\\nHuman:"` (or `HUMAN_PROMPT` however it is imported or
aliased, or a module's own name assigned once to that text, such as
`HUMAN = "\\n\\nHuman:"`) from `stop_sequences` wherever it can be
proven to be; every other stop sequence stays:

- a list or tuple at the call loses the marker; when nothing is left, the
  argument goes too;
- a concatenation at the call loses it from each operand, however the `+`
  chain nests: `[HUMAN_PROMPT, "END"] + extra` becomes `["END"] + extra`,
  `[HUMAN_PROMPT] + extra` and `extra + [HUMAN_PROMPT]` become `extra`; when
  every operand goes, the argument goes;
- a fallback, `stop or [HUMAN_PROMPT]`, loses it from the right side, which
  becomes `[]` when nothing is left (the API takes an empty list as no stop
  sequence); the left side, whose truthiness picks the branch, loses it only
  while it stays a non-empty list; the branches of `a if c else b` lose it
  the same way;
- `stop_sequences=stops`, where `stops` is assigned once, to such a list or
  concatenation, and read nowhere but as `stop_sequences=` of legacy calls:
  the assignment is edited (once, however many calls read it); when nothing
  is left, `stops` becomes an empty list (or tuple);
- `stop_sequences=stop`, where `stop` is a parameter whose default is such a
  list (same conditions): the default is edited, and becomes empty when
  nothing is left. The call keeps `stop_sequences=stop`, since callers may
  pass their own list, and the API takes an empty one.

When the marker is provably in the value of a name assigned once but that
value is also used elsewhere, the name is left as it is and the call filters
it: `stop_sequences=[stop for stop in stops if stop != "\\n\\nHuman:"]`. A
parameter default used elsewhere is left as it is, with a review finding
(a caller may pass `None`): the marker is meaningless under Messages and can
be removed by hand. Anything else (a
parameter without a default, a function's result, a name assigned more than
once, or `global` elsewhere) is left as it is, and so is a project's own
`HUMAN_PROMPT` whose text is not the marker.

## Why is this bad?

Text Completions needed the guard so that the model would not write the
user's next turn. Messages ends the assistant's turn by itself, and the
constant is gone from the current SDK.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    stop_sequences=[anthropic.HUMAN_PROMPT, "END"],
    prompt=f"{anthropic.HUMAN_PROMPT} Count to three, then say END{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    stop_sequences=["END"],
    messages=[{"role": "user", "content": "Count to three, then say END"}],
)
```

## Fix safety

Safe: a Messages response never contains the Human marker, so the guard never
fired. A shared name or default may also feed a call left for manual work;
that call loses nothing either, as Text Completions always stopped at the
Human marker by itself.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request".
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis import Binding, ModuleAnalysis, Scope
from migrator.findings import Safety
from migrator.plan import CallPlan
from migrator.prompt import HUMAN
from migrator.rule import Rule

# Only the exact marker: the legacy API stopped there on its own, so dropping
# it changes nothing; "\n\nHuman" without the colon also stops on
# "\n\nHumanity" and is kept.
_GUARDS = (HUMAN,)


class StopSequences(Rule):
    code = "TCM008"
    summary = "`\\n\\nHuman:` is removed from `stop_sequences`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("stop_sequences")
        if arg is None:
            return
        if isinstance(arg.value, cst.Name):
            self._through_name(plan, arg, arg.value)
            return
        stripped, changed = _strip(plan.analysis, arg.value, arg.value, plan.site.scope)
        if not changed:
            return
        if stripped is None:
            plan.remove(arg)
            message = "`stop_sequences` held only the Human marker; removed"
        else:
            plan.replace(arg, [arg.with_changes(value=stripped)])
            message = "the Human marker is removed from `stop_sequences`"
        plan.report(type(self), arg, message, Safety.SAFE)

    def _through_name(self, plan: CallPlan, arg: cst.Arg, name: cst.Name) -> None:
        """``stop_sequences=stops``: edit the one value ``stops`` can hold, if only such calls read it."""
        analysis = plan.analysis
        found = analysis.lookup(name.value, plan.site.scope)
        if found is None or len(found[1]) != 1:
            return
        owner, (binding,) = found
        target = _definition(binding, owner)
        if target is None:
            return
        value, value_scope = target
        stripped, changed = _strip(analysis, value, value, value_scope)
        if not changed:
            return  # no Human marker that can be proven
        if not _only_stop_sequences(analysis, name.value, owner, binding):
            if binding.kind == "assign":
                # Assigned once to a list or tuple: filtering it here is exact, whatever
                # else reads or changes it.
                item = "sequence" if name.value == "stop" else "stop"
                filtered = cst.parse_expression(
                    f'[{item} for {item} in {name.value} if {item} != "\\n\\nHuman:"]'
                )
                plan.replace(arg, [arg.with_changes(value=filtered)])
                plan.report(
                    type(self),
                    arg,
                    f"the Human marker is filtered out of `{name.value}` at the call (the value "
                    "is also used outside `stop_sequences=`, so it is left as it is)",
                    Safety.SAFE,
                )
                return
            plan.report(
                type(self),
                arg,
                f"the Human marker in `{name.value}` is meaningless under Messages and can be "
                "removed by hand (the value is also used outside `stop_sequences=`, so it was "
                "left as it is)",
                Safety.REVIEW,
            )
            return
        # Keyed by the original value: every site reading the name registers
        # the same edit, and the engine applies it once.
        plan.rewrites[value] = lambda updated: _edited_definition(
            analysis, value, updated, value_scope
        )
        where = "default" if binding.kind == "param" else "value"
        if stripped is None:
            message = f"`{name.value}` held only the Human marker; its {where} is now empty"
        else:
            message = f"the Human marker is removed from the {where} of `{name.value}`"
        plan.report(type(self), arg, message, Safety.SAFE)


def _is_guard(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope, depth: int = 0
) -> bool:
    """Is ``value`` the Human marker: the literal, Anthropic's constant, or a name bound
    once (by a plain assignment) to one of them, such as a module's own ``HUMAN``?"""
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return value.evaluated_value in _GUARDS
    if analysis.constant_value(value, scope) == HUMAN:
        return True
    if not isinstance(value, cst.Name) or depth >= 4:
        return False
    found = analysis.lookup(value.value, scope)
    if found is None or len(found[1]) != 1:
        return False
    owner, (binding,) = found
    target = _definition(binding, owner)
    return (
        target is not None
        and binding.kind == "assign"
        and _is_guard(analysis, target[0], target[1], depth + 1)
    )


def _strip(
    analysis: ModuleAnalysis,
    original: cst.BaseExpression,
    updated: cst.BaseExpression,
    scope: Scope,
) -> tuple[cst.BaseExpression | None, bool]:
    """``updated`` without the Human markers that ``original`` provably holds.

    The two trees have the same shape (``updated`` is ``original`` after the
    engine rewrote its leaves), so the markers are found on ``original``,
    where the analysis knows the names, and dropped from ``updated``. Returns
    the new expression (None when nothing is left) and whether anything went.
    """
    if isinstance(original, (cst.List, cst.Tuple)) and type(updated) is type(original):
        assert isinstance(updated, (cst.List, cst.Tuple))
        if len(original.elements) != len(updated.elements):
            return updated, False
        pairs = list(zip(original.elements, updated.elements, strict=True))
        keep = [
            new
            for old, new in pairs
            if not (isinstance(old, cst.Element) and _is_guard(analysis, old.value, scope))
        ]
        if len(keep) == len(pairs):
            return updated, False
        if not keep:
            return None, True
        comma = updated.elements[-1].comma
        if isinstance(updated, cst.Tuple) and len(keep) == 1:
            comma = cst.Comma()  # ("END") would be a string, not a tuple
        keep[-1] = keep[-1].with_changes(comma=comma)
        return updated.with_changes(elements=keep), True
    if (
        isinstance(original, cst.BinaryOperation)
        and isinstance(original.operator, cst.Add)
        and isinstance(updated, cst.BinaryOperation)
    ):
        left, left_changed = _strip(analysis, original.left, updated.left, scope)
        right, right_changed = _strip(analysis, original.right, updated.right, scope)
        if not (left_changed or right_changed):
            return updated, False
        if left is None and right is None:
            return None, True
        if left is None or right is None:
            rest = right if left is None else left
            assert rest is not None
            if updated.lpar and not rest.lpar and isinstance(rest, cst.BinaryOperation):
                # ``(a\n + b\n + [H])``: what is left still needs the brackets.
                rest = rest.with_changes(lpar=updated.lpar, rpar=updated.rpar)
            return rest, True
        return updated.with_changes(left=left, right=right), True
    if (
        isinstance(original, cst.BooleanOperation)
        and isinstance(original.operator, cst.Or)
        and isinstance(updated, cst.BooleanOperation)
    ):
        # ``stop or [HUMAN_PROMPT]``: the left side's truthiness picks the branch, so it may
        # only lose a marker while it stays a non-empty list or tuple.
        left, left_changed = _strip(analysis, original.left, updated.left, scope)
        if left_changed and not (isinstance(left, (cst.List, cst.Tuple)) and left.elements):
            return updated, False
        right, right_changed = _strip(analysis, original.right, updated.right, scope)
        if not (left_changed or right_changed):
            return updated, False
        # Nothing left on the right: an empty list, which the API takes as no stop sequence.
        return updated.with_changes(
            left=left, right=right if right is not None else _empty(original.right, updated.right)
        ), True
    if isinstance(original, cst.IfExp) and isinstance(updated, cst.IfExp):
        body, body_changed = _strip(analysis, original.body, updated.body, scope)
        orelse, orelse_changed = _strip(analysis, original.orelse, updated.orelse, scope)
        if not (body_changed or orelse_changed):
            return updated, False
        return updated.with_changes(
            body=body if body is not None else _empty(original.body, updated.body),
            orelse=orelse if orelse is not None else _empty(original.orelse, updated.orelse),
        ), True
    return updated, False


def _empty(original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
    """An empty sequence of the kind ``original`` builds, in ``updated``'s parentheses."""
    empty = cst.Tuple([]) if _leftmost(original, cst.Tuple) else cst.List([])
    return empty.with_changes(lpar=updated.lpar, rpar=updated.rpar) if updated.lpar else empty


def _edited_definition(
    analysis: ModuleAnalysis,
    original: cst.BaseExpression,
    updated: cst.CSTNode,
    scope: Scope,
) -> cst.CSTNode:
    assert isinstance(updated, cst.BaseExpression)
    stripped, _ = _strip(analysis, original, updated, scope)
    if stripped is not None:
        return stripped
    # An empty sequence of the same kind: the calls still pass ``stop_sequences=``,
    # and the API takes an empty list.
    return _empty(original, updated)


def _leftmost(node: cst.BaseExpression, kind: type) -> bool:
    while isinstance(node, cst.BinaryOperation):
        node = node.left
    return isinstance(node, kind)


def _definition(binding: Binding, owner: Scope) -> tuple[cst.BaseExpression, Scope] | None:
    """The expression a name's only binding gives it, and the scope it is evaluated in."""
    if (
        binding.kind == "assign"
        and isinstance(binding.node, cst.BaseExpression)
        and isinstance(binding.statement, (cst.Assign, cst.AnnAssign))
    ):
        return binding.node, owner
    if binding.kind == "param" and isinstance(binding.node, cst.Param):
        default = binding.node.default
        if default is not None and owner.parent is not None:
            return default, owner.parent  # defaults are evaluated where the function is defined
    return None


def _only_stop_sequences(
    analysis: ModuleAnalysis, name: str, owner: Scope, binding: Binding
) -> bool:
    """Is the value bound to ``name`` read only as ``stop_sequences=name`` of legacy calls?"""
    statement = binding.statement
    if isinstance(statement, cst.Assign) and len(statement.targets) != 1:
        return False  # ``a = stops = [...]``: the value escapes through ``a``
    legacy = {site.call for site in analysis.calls}
    for use in analysis.uses_of(name, owner):
        parent = analysis.parent(use)
        if isinstance(parent, cst.AssignTarget) and isinstance(statement, cst.Assign):
            if parent in statement.targets:
                continue  # the binding itself
        if isinstance(parent, cst.AnnAssign) and parent is statement and parent.target is use:
            continue
        if not (
            isinstance(parent, cst.Arg)
            and parent.value is use
            and parent.keyword is not None
            and parent.keyword.value == "stop_sequences"
            and analysis.parent(parent) in legacy
        ):
            return False
    return True
