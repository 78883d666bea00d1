"""Models chosen at run time by the helpers written into the module: with the prompt when it
is converted there and may end in a prefill, or on their own when only the name is unknown."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.code.syntax import keyword_call, string_value, with_flag
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.model.choice import _target, one_line
from migrator.runtime.helpers import (
    MODEL_HELPER,
    PROMPT_HELPER,
    REQUEST_HELPER,
    model_helper,
    request_helpers,
)


def splatted_with_prefill(plan: CallPlan, rule: type[Rule]) -> None:
    """The model is in the splatted request, the prefill in the call's own messages.

    The runtime converter sees only the request it converts, not the messages
    written out beside it: ``prefill=True`` tells it the request ends in an
    assistant message, so a retired name becomes a model that accepts one.
    """
    plan.flag_converted_requests("prefill")
    splat = next(arg for arg in plan.site.call.args if arg.star == "**")
    held = one_line(plan.code_for(splat.value))
    example = _target(plan, "claude-2")
    assert example is not None  # a retired name always has a live model
    plan.report(
        rule,
        splat,
        f"the model of the request splatted from `**{held}` is chosen at run time by "
        f"`{REQUEST_HELPER}`: the call keeps a prefill, so a retired name becomes a model "
        f"that accepts one ('claude-2' becomes {example[0]!r}); any other name is passed "
        "through",
        Safety.REVIEW,
    )


def with_the_prompt(
    plan: CallPlan,
    rule: type[Rule],
    arg: cst.Arg,
    held: str,
    why: str = "",
    report: Callable[[type, cst.CSTNode, str, Safety], None] | None = None,
) -> None:
    """The prompt is converted at run time and may end in a prefill: the model too.

    ``_legacy_request_to_messages`` splits the prompt, then maps the model as
    the table does, to a model that accepts a prefill only when there is one.
    """
    prompt = plan.helper_splat(PROMPT_HELPER)
    if prompt is not None and not plan.request_converted:
        # `**_legacy_prompt_to_messages(p)` becomes `**_legacy_request_to_messages(model=m, prompt=p)`.
        call = prompt.value
        assert isinstance(call, cst.Call)
        request = keyword_call(
            REQUEST_HELPER, [("model", arg.value), ("prompt", call.args[0].value)]
        )
        plan.replace(prompt, [prompt.with_changes(value=request)])
        plan.remove(arg)
        plan.helpers.update(request_helpers(plan.config))
        for note in plan.notes:
            if note.rule == "TCM002" and PROMPT_HELPER in note.message:
                note.message = note.message.replace(PROMPT_HELPER, REQUEST_HELPER, 1)
    else:
        plan.convert_with_request(arg, REQUEST_HELPER)
    # The call's own name when it is written there (`model="claude-2.1"`), else an example.
    named = string_value(arg.value)
    target = plan.config.target_for(named) if named else None
    if named is None or target is None:
        named, target = "claude-2", plan.config.target_for("claude-2")
    (report or plan.report)(
        rule,
        arg,
        f"the model {held}{why} is chosen at run time by `{REQUEST_HELPER}`, with the "
        f"prompt: a retired name becomes the model table's choice ({named!r} becomes "
        f"{target!r}), or {plan.config.prefill_model!r} when the prompt ends in a prefill, "
        "which not every current model accepts; any other name is passed through",
        Safety.REVIEW,
    )


def at_run_time(plan: ModulePlan, rule: type[Rule], site: CallPlan, arg: cst.Arg, why: str) -> None:
    if site.prefill_possible and not site.prefill_done:
        held = f"`{one_line(plan.code_for(arg.value))}`"
        with_the_prompt(site, rule, arg, held, f" ({why})", plan.report)
        plan.helpers.update(site.helpers)
        return
    prefill = site.prefill_done
    args = [cst.Arg(arg.value)]
    if prefill:
        args = with_flag(arg.value, "prefill")
    site.replace(arg, [arg.with_changes(value=cst.Call(cst.Name(MODEL_HELPER), args))])
    plan.helpers[MODEL_HELPER] = model_helper(plan.config)
    example = plan.config.target_for("claude-2")
    keeps = (
        "; the call keeps a prefill, so a retired name becomes a model that accepts one "
        f"({plan.config.prefill_model!r} by default)"
        if prefill
        else ""
    )
    plan.report(
        rule,
        arg,
        f"the model is converted at run time by `{MODEL_HELPER}`, because {why}: it maps a "
        f"retired name as the model table does ('claude-2' becomes {example!r}) and passes "
        f"any other name through{keeps}",
        Safety.REVIEW,
    )
