"""The key reads of a legacy response that is a dict.

A response dumped with ``model_dump()`` (or ``to_dict()``), or the pre-0.3
SDK's own answer, is read by key: :func:`follow_dict` finds those reads.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at, reads_of_value
from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.response_sources import waited_for
from migrator.analysis.response_uses import (
    HandedOn,
    KeyRead,
    ResultUse,
    describe,
    handed_on,
    none_test,
    single_name_target,
    type_check,
)
from migrator.code.syntax import string_value


def key_read(node: cst.BaseExpression, analysis: ModuleAnalysis) -> KeyRead | None:
    """``node["key"]`` or ``node.get("key"[, default])``, read (not assigned)."""
    parent = analysis.parent(node)
    if (
        isinstance(parent, cst.Subscript)
        and parent.value is node
        and len(parent.slice) == 1
        and isinstance(parent.slice[0].slice, cst.Index)
    ):
        key = string_value(parent.slice[0].slice.value)
        holder = analysis.parent(parent)
        assigned = isinstance(holder, cst.AssignTarget) or (
            isinstance(holder, (cst.AugAssign, cst.AnnAssign, cst.Del)) and holder.target is parent
        )
        return KeyRead(parent, key, node) if key is not None and not assigned else None
    call = analysis.parent(parent) if isinstance(parent, cst.Attribute) else None
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is node
        and parent.attr.value == "get"
        and isinstance(call, cst.Call)
        and call.func is parent
        and 1 <= len(call.args) <= 2
        and all(arg.keyword is None and not arg.star for arg in call.args)
    ):
        key = string_value(call.args[0].value)
        return KeyRead(call, key, node) if key is not None else None
    return None


# The keys of the legacy answers and stream chunks, and of the Messages ones: a read of
# any other key gets the same nothing from either (a notebook's next cell reading
# `response_body.get("artifacts")` of another vendor's answer, where that request may have
# failed and left this one in the name).
_ANSWER_KEYS = frozenset(
    {
        *("completion", "stop_reason", "stop", "model", "log_id", "exception", "truncated"),
        *("id", "type", "role", "content", "stop_sequence", "usage", "error"),
        *("delta", "index", "message", "content_block", "amazon-bedrock-invocationMetrics"),
    }
)


def reads_neither_answer(analysis: ModuleAnalysis, use: cst.CSTNode) -> bool:
    """``use[KEY]`` or ``use.get(KEY)`` for a key no legacy or Messages answer has."""
    read = key_read(use, analysis)  # type: ignore[arg-type]
    return read is not None and read.key not in _ANSWER_KEYS


def follow_dict(call: cst.Call, analysis: ModuleAnalysis, *, hand_on: bool = False) -> ResultUse:
    """The key reads of a response that is a dict (the pre-0.3 SDK's), chained or through
    one variable; ``hand_on`` as for :func:`follow`.

    Unlike a dumped response, a type check of it is a problem: the Messages
    response that takes its place is no dict.
    """
    node: cst.BaseExpression = call
    parent = analysis.parent(call)
    waited = waited_for(call, analysis)  # ``await asyncio.wait_for(call, timeout)``
    if waited is not None:
        node = analysis.parent(waited)  # type: ignore[assignment]
        parent = analysis.parent(node)
    elif isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.Expr):
        return ResultUse()
    use = follow_mapping(node, analysis, 0, dumped=False)
    return use if hand_on else use.without_handing_on()


def follow_mapping(
    value: cst.BaseExpression, analysis: ModuleAnalysis, depth: int, *, dumped: bool = True
) -> ResultUse:
    """The key reads of a dict dumped from a response: chained, or through one variable."""
    read = key_read(value, analysis)
    if read is not None:
        return ResultUse(key_reads=[read])
    parent = analysis.parent(value)
    if isinstance(parent, cst.Return) and not dumped:
        return ResultUse(adapted=[parent])  # callers read the dict as they did
    target = single_name_target(parent, value)
    if target is None and not dumped and handed_on(parent, value, analysis):
        what = f"the response's dict is {describe(parent)}"
        return ResultUse(handed_on=[HandedOn(value, what, what)])
    if target is None:
        return ResultUse(problem=f"the response's dict is {describe(parent)}", problem_node=value)
    found = binding_at(analysis, target)
    # ``response = None`` then ``while response is None: response = client.completion(...)``:
    # the other bindings say "not yet", and every read sees the response or None.
    uses = found[2] if found is not None else reads_of_value(analysis, target, value)
    if uses is None:
        return ResultUse(
            problem=f"the variable `{target.value}` holding the response's dict is assigned "
            "more than once",
            problem_node=target,
        )
    result = ResultUse()
    for use in uses:
        read = key_read(use, analysis)
        if read is not None:
            result.key_reads.append(read)
            continue
        if none_test(analysis.parent(use), use) or (
            dumped and type_check(analysis.parent(use), use, analysis)
        ):
            continue
        if isinstance(analysis.parent(use), cst.Return) and not dumped:
            result.adapted.append(analysis.parent(use))  # type: ignore[arg-type]
            continue
        if not dumped and handed_on(analysis.parent(use), use, analysis):
            what = f"the response's dict `{target.value}` is {describe(analysis.parent(use))}"
            result.handed_on.append(HandedOn(use, what, what))
            continue
        keys = None if dumped else tested_keys(use, analysis)
        if keys is not None:
            what = f"the response's dict `{target.value}` is tested for its keys"
            reason = f"{what}, and a Messages response is no dict"
            result.handed_on.append(HandedOn(use, what, reason, keys))
            continue
        if type_check(analysis.parent(use), use, analysis):
            return ResultUse(
                problem=f"the response `{target.value}` is type-checked, and a Messages "
                "response is not the dict it was",
                problem_node=use,
            )
        return ResultUse(
            problem=f"the response's dict `{target.value}` is {describe(analysis.parent(use))}",
            problem_node=use,
        )
    return result


def tested_keys(use: cst.CSTNode, analysis: ModuleAnalysis) -> tuple[str, ...] | None:
    """The keys ``"completion" in use`` (or ``not in``) asks for: a literal, or the name a
    comprehension draws from a literal tuple or list of them (``k for k in ("a", "b") if
    k in use``); None for any other use."""
    target = analysis.parent(use)
    comparison = analysis.parent(target)
    if not (
        isinstance(target, cst.ComparisonTarget)
        and target.comparator is use
        and isinstance(target.operator, (cst.In, cst.NotIn))
        and isinstance(comparison, cst.Comparison)
        and comparison.comparisons[0] is target
    ):
        return None
    key = comparison.left
    literal = string_value(key)
    if literal is not None:
        return (literal,)
    if not isinstance(key, cst.Name):
        return None
    holder: cst.CSTNode | None = comparison
    while holder is not None and not isinstance(holder, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(holder, cst.CompFor) and isinstance(holder.target, cst.Name):
            if holder.target.value == key.value:
                return _literal_strings(holder.iter)
        holder = analysis.parent(holder)
    return None


def _literal_strings(node: cst.BaseExpression) -> tuple[str, ...] | None:
    if not isinstance(node, (cst.Tuple, cst.List)):
        return None
    values = tuple(string_value(element.value) for element in node.elements)
    return None if any(value is None for value in values) else values  # type: ignore[return-value]
