"""A response the tool cannot follow to all its readers, returned to callers it cannot
see or handed to code it does not follow: through an adapter in the legacy shape,
written into the module."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ClientKind
from migrator.analysis.response_uses import ResultUse
from migrator.code.syntax import returned_through
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.runtime.helpers import ADAPTED_ATTRIBUTES, ADAPTED_KEYS, adapter_helper


def streamed_from_dict(rule: type[Rule], plan: CallPlan, node: cst.CSTNode | None) -> bool:
    """``for chunk in client.completions.create(**request)`` (or a comprehension's
    ``for``): the dict may ask for a stream. Its events (or its response) reach the
    code in the legacy shape."""
    if not plan.request_converted or plan.kwarg("stream") is not None or node is None:
        return False
    loop = plan.analysis.parent(node)
    if not isinstance(loop, (cst.For, cst.CompFor)) or loop.iter is not node:
        return False
    name = plan.adapt_result()
    plan.report(
        rule,
        node,
        f"the request is splatted from a dict that may ask for a stream, and the result is "
        f"iterated: `{name}(...)` gives the code the stream's events (or the response) in "
        "the legacy shape (`completion`, and `stop_reason` with a natural end as "
        '"stop_sequence"); call `messages.stream(...)` by hand and drop it',
        Safety.REVIEW,
    )
    return True


def adapt(
    rule: type[Rule], plan: CallPlan, returns: list[cst.Return], *, dict_shaped: bool
) -> None:
    """Returned to callers the tool cannot see: in the legacy shape, through an adapter."""
    if not returns:
        return
    name, source = adapter_helper(dict_shaped)
    plan.helpers[name] = source
    shape = "the dict the pre-0.3 SDK returned" if dict_shaped else "a Text Completions response"
    for statement in dict.fromkeys(returns):
        if _returns_the_call(plan, statement):
            plan.result_wrapper = name  # around the request, laid out as black would
        else:
            plan.rewrites[statement] = returned_through(name)
        function = _function_name(plan, statement)
        plan.report(
            rule,
            statement,
            f"{function} returns the response to callers the tool cannot see: `{name}(...)` "
            f"gives them {shape} (`completion`, and `stop_reason` with a natural end as "
            '"stop_sequence"); move them to the Messages response and drop it',
            Safety.REVIEW,
        )


def _hand_on(rule: type[Rule], plan: CallPlan, use: ResultUse, *, dict_shaped: bool) -> None:
    """The response is handed to code the tool does not follow (``log(response)``,
    ``results.append(response)``, ``[response]``): the request goes through the adapter
    in the legacy shape, and every read stays as written, when the adapter answers each
    use the tool sees. Otherwise the call is left as it was, with the reason."""
    name, source = adapter_helper(dict_shaped)
    first = use.handed_on[0]
    short = _falls_short(plan, use, dict_shaped)
    if short is not None:
        node, why = short
        plan.block(
            rule,
            node or first.node,
            f"{first.what}, and {why}: `{name}(...)`, which would give that code the "
            "legacy shape, cannot stand in for it",
        )
        return
    plan.helpers[name] = source
    plan.result_wrapper = name  # around the request, laid out as black would
    plan.kept_reads.extend([*use.reads, *(read.node for read in use.key_reads)])
    shape = (
        "the dict the pre-0.3 SDK returned (`completion`, `stop_reason`, `stop`, `model`, `log_id`)"
        if dict_shaped
        else "a Text Completions response (`completion`, `stop_reason`, `stop`, `model`, "
        "`id`, `type`)"
    )
    whom = "" if first.keys else ", code the tool does not follow"
    plan.report(
        rule,
        first.node,
        f"{first.what}{whom}: `{name}(...)` gives it {shape}, "
        'with a natural end as "stop_sequence", and the reads here stay as written; move '
        "that code to the Messages response and drop it",
        Safety.REVIEW,
    )


def _falls_short(
    plan: CallPlan, use: ResultUse, dict_shaped: bool
) -> tuple[cst.CSTNode | None, str] | None:
    """Why the adapter in the legacy shape cannot stand in for a response handed on (a use
    the tool sees that it does not answer, and where), or None when it can."""
    awaited = isinstance(plan.analysis.parent(plan.call), cst.Await)
    if not awaited and plan.site.kind is ClientKind.ASYNC:
        return None, "it is awaited elsewhere"
    if any(call is not plan.call for call in use.linked):
        return None, "the responses of other legacy calls reach the same code"
    if use.type_checks:
        return use.type_checks[0], "it is type-checked"
    for read in use.reads:
        if read.attr.value not in ADAPTED_ATTRIBUTES:
            return read, f"its `.{read.attr.value}` is read"
    for key_read in use.key_reads:
        if not dict_shaped:
            return key_read.node, "it is dumped to a dict"
        if key_read.key not in ADAPTED_KEYS:
            return key_read.node, f'its `["{key_read.key}"]` is read'
    for handed in use.handed_on:
        unknown = [key for key in handed.keys if key not in ADAPTED_KEYS]
        if unknown:
            return (
                handed.node,
                f'one of them, `"{unknown[0]}"`, has no counterpart in a Messages response',
            )
    return None


def _returns_the_call(plan: CallPlan, statement: cst.Return) -> bool:
    """``return client.completions.create(...)`` (awaited or not): the request itself."""
    value = statement.value
    if isinstance(value, cst.Await):
        value = value.expression
    return value is plan.call


def _function_name(plan: CallPlan, statement: cst.Return) -> str:
    function = next(
        (a for a in plan.analysis.ancestors(statement) if isinstance(a, cst.FunctionDef)), None
    )
    return f"`{function.name.value}`" if function is not None else "the code"
