"""Test doubles patched on the removed completions resource.

``mock.patch("anthropic.resources.Completions.create")`` fails before the
test runs: the current SDK has no completions resource. :func:`retarget`
moves each patch to the messages resource when its double can be shown to
answer what the migrated code reads (see :mod:`migrator.doubles.double`), and
otherwise leaves it, with a comment and a manual finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import libcst as cst

from migrator.code.syntax import dotted_name
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.asserted import request_rewrite
from migrator.doubles.double import Double
from migrator.doubles.handbuilt import HandBuilt
from migrator.doubles.mocks import Unprovable, call_scope, patch_api, short

# A legacy class a test patches, and the class of the method the migrated code
# calls: each spelling exists in the current SDK (``messages`` is a package
# that exports its classes) as the legacy one did in ``anthropic==0.125.0``.
_RETARGET = {
    "anthropic.resources.Completions": "anthropic.resources.Messages",
    "anthropic.resources.AsyncCompletions": "anthropic.resources.AsyncMessages",
    "anthropic.resources.completions.Completions": "anthropic.resources.messages.Messages",
    "anthropic.resources.completions.AsyncCompletions": (
        "anthropic.resources.messages.AsyncMessages"
    ),
}
_RENAMED = {
    "completions": "messages",
    "Completions": "Messages",
    "AsyncCompletions": "AsyncMessages",
}


def retarget(plan: ModulePlan, rule: type[Rule]) -> list[HandBuilt]:
    """Doubles patched on the removed completions resource: retargeted, or left and marked.

    Returns the ``Completion(...)`` objects the moved doubles return, rebuilt as the
    ``Message`` the migrated code gets: the module's ``Completion`` import follows them.
    """
    analysis = plan.analysis
    rebuilt: list[HandBuilt] = []
    for target, legacy, call in _patches(analysis, plan.known_clients):
        new = _new_target(legacy, plan.known_clients)
        if new is None or call is None:
            kind = "AsyncMessages" if "Async" in legacy else "Messages"
            _manual(
                plan,
                rule,
                target,
                f"`{legacy}` no longer exists in the SDK; patch "
                f"`anthropic.resources.messages.{kind}.create` instead, and make the double "
                "return a `Message` (text in `.content`), since the code now reads that",
            )
            continue
        new = f"{new}.create"
        double = Double(plan, call, patch_quote(call))
        try:
            if plan.untouched:
                raise Unprovable("calls of this module are left as they were and still use it")
            rename = _retarget(analysis, target, new)
            double.examine()
        except Unprovable as why:
            _manual(
                plan,
                rule,
                target,
                f"`{legacy}` no longer exists in the SDK and this patch is not moved to "
                f"`{new}`: {why}; patch that by hand, with a double that returns a `Message` "
                "(text in `.content`)",
            )
            continue
        plan.rewrites[target] = rename
        plan.rewrites.update(double.rewrites)
        rebuilt.extend(double.built)
        shaped = ", and its double returns the text in `.content`" if double.rewrites else ""
        for fake in dict.fromkeys(double.fakes):
            shaped += (
                f"; the fake `{fake}` takes the arguments the migrated code sends (`messages`, "
                "`max_tokens`)"
            )
        plan.report(
            rule,
            target,
            f"`{legacy}` becomes `{new}`, the method the migrated code calls{shaped}",
            Safety.SAFE,
        )
        for read in double.checks:
            check_request(plan, rule, read, sends_more(plan, target, new))
    return rebuilt


def check_request(
    plan: ModulePlan, rule: type[Rule], read: cst.Attribute, sends: str | None
) -> None:
    """A check of the request the double was sent: rewritten for the Messages request, or
    reported."""
    key = _token_limit_key(plan.analysis, read)
    if key is not None:
        plan.rewrites[key] = _max_tokens_key
        plan.report(
            rule,
            key,
            "the token limit the double was called with is read as `max_tokens`, the "
            "keyword the migrated call sends it in (same value)",
            Safety.SAFE,
        )
        return
    compared = _model_compared(plan.analysis, read)
    if compared is not None:
        plan.report(
            rule,
            compared,
            f"the test compares the model the double was called with to "
            f"`{plan.code_for(compared)}`: the migrated code sends a current model, the same "
            "where that name is rewritten where it is bound (TCM006), not where the call "
            "maps it at run time",
            Safety.REVIEW,
        )
        return
    try:
        rewrites = request_rewrite(plan, read, sends)
    except Unprovable as why:
        reason = (
            f"`{plan.code_for(read)}` describes the legacy request (`prompt`, "
            "`max_tokens_to_sample`), but the patched method is now called with "
            f"`messages` and `max_tokens`: {why}; rewrite what it expects by hand"
        )
        plan.report(rule, read, reason, Safety.MANUAL)
        plan.comment(read, f"# migrator: manual [{rule.code}] {reason}")
        return
    if not rewrites:
        return  # it reads nothing the migrated request changes
    plan.rewrites.update(rewrites)
    plan.report(
        rule,
        next(iter(rewrites)),
        "what the test expects of the request is converted like the request itself: "
        "`messages` (and `system`) from the prompt, `max_tokens`, the model's replacement",
        Safety.SAFE,
    )


def sends_more(plan: ModulePlan, target: cst.CSTNode, new: str) -> str | None:
    """Why the migrated calls the double stands for may send more than the legacy request's
    counterpart; None when the run saw that they do not."""
    receiver = new.removesuffix(".messages.create")
    if receiver != new and plan.known_clients.get(receiver):
        return None
    if receiver != new:
        return (
            f"the migrated calls on `{receiver}` send more than that (`timeout=`, or a "
            "request converted at run time)"
        )
    return (
        "the patch stands for the calls of every client, which the tool cannot see from "
        "here (a migrated call may send `timeout=`)"
    )


def _model_compared(analysis, read: cst.Attribute) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """What ``double.call_args.kwargs["model"] == settings.MODEL`` compares the model with:
    a name or an attribute (a literal would name the old model)."""
    key = _kwargs_key(analysis, read)
    if not isinstance(key, cst.SimpleString) or key.evaluated_value != "model":
        return None
    node: cst.CSTNode = analysis.parent(key)
    while node is not None and not isinstance(node, (cst.Subscript, cst.Call)):
        node = analysis.parent(node)
    target = analysis.parent(node) if node is not None else None
    comparison = analysis.parent(target) if isinstance(target, cst.ComparisonTarget) else target
    if not isinstance(comparison, cst.Comparison) or len(comparison.comparisons) != 1:
        return None
    pair = [comparison.left, comparison.comparisons[0].comparator]
    if not isinstance(comparison.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
        return None
    others = [side for side in pair if side is not node]
    if len(others) != 1 or not isinstance(others[0], (cst.Name, cst.Attribute)):
        return None
    return others[0]


def _token_limit_key(analysis, read: cst.Attribute) -> cst.SimpleString | None:  # type: ignore[no-untyped-def]
    """The ``"max_tokens_to_sample"`` of ``double.call_args.kwargs["max_tokens_to_sample"]``.

    Also ``call_args[1][...]``, ``.kwargs.get(...)`` and the ``await_args`` forms: a
    read of the keyword arguments the double was last called with, by that key.
    """
    key = _kwargs_key(analysis, read)
    if isinstance(key, cst.SimpleString) and key.evaluated_value == "max_tokens_to_sample":
        return key
    return None


def _kwargs_key(analysis, read: cst.Attribute) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """The key ``double.call_args.kwargs[key]`` (and the forms :func:`_token_limit_key`
    names) reads the double's last keyword arguments by."""
    if read.attr.value not in ("call_args", "await_args"):
        return None
    node: cst.CSTNode = read
    parent = analysis.parent(node)
    if isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value == "kwargs":
        node = parent
    elif isinstance(parent, cst.Subscript) and parent.value is node and _index(parent) == "1":
        node = parent
    else:
        return None
    parent = analysis.parent(node)
    key: cst.BaseExpression | None = None
    if isinstance(parent, cst.Subscript) and parent.value is node:
        key = _subscript_key(parent)
    elif isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value == "get":
        call = analysis.parent(parent)
        if isinstance(call, cst.Call) and call.func is parent and call.args:
            key = call.args[0].value
    return key


def _index(subscript: cst.Subscript) -> str | None:
    key = _subscript_key(subscript)
    return key.value if isinstance(key, cst.Integer) else None


def _subscript_key(subscript: cst.Subscript) -> cst.BaseExpression | None:
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return None
    return subscript.slice[0].slice.value


def _max_tokens_key(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.SimpleString)
    return updated.with_changes(value=f"{updated.prefix}{updated.quote}max_tokens{updated.quote}")


def _new_target(legacy: str, known_clients: Mapping[str, bool]) -> str | None:
    """Where the patch of ``legacy`` (a dotted path ending in ``.create``) moves, if anywhere."""
    if not legacy.endswith(".create"):
        return None
    resource = legacy.removesuffix(".create")
    if resource.removesuffix(".completions") in known_clients:
        return resource.removesuffix(".completions") + ".messages"
    return _RETARGET.get(resource)


def _known_client_path(value: str, known_clients: Mapping[str, bool]) -> bool:
    """``"svc.client.completions.create"``: a dotted path to ``create`` of a client of a
    module the run migrated (``known_clients``)."""
    resource, _, method = value.rpartition(".")
    client, _, attribute = resource.rpartition(".")
    return (
        method in ("create", "acreate") and attribute == "completions" and client in known_clients
    )


def _is_patch_target(value: str) -> bool:
    parts = value.split(".")
    return parts[:2] == ["anthropic", "resources"] and (
        "Completions" in parts or "AsyncCompletions" in parts or "completions" in parts
    )


def _patches(analysis, known_clients: Mapping[str, bool] = MappingProxyType({})):  # type: ignore[no-untyped-def]
    """``(target, legacy path, the patch call or None)`` for each patch of the legacy resource.

    A patch is ``patch``, ``patch.object`` (also pytest-mock's) or pytest's
    ``monkeypatch.setattr``. The target is a dotted-path string
    (``patch("anthropic.resources...")``, found wherever it is written), the
    class given to ``patch.object`` / ``monkeypatch.setattr``, or the
    ``completions`` resource of a client of another module that the run migrated
    (``patch.object(svc.client.completions, "create")``, ``known_clients``).
    """
    for node, scope in analysis.nodes_of(cst.SimpleString, cst.Call):
        if (
            isinstance(node, cst.SimpleString)
            # Evaluating every literal of a module is slow; a target names anthropic
            # (unless written with escapes).
            and ("anthropic" in node.value or "\\" in node.value or "completions." in node.value)
            and isinstance(node.evaluated_value, str)
        ):
            value = node.evaluated_value
            if _is_patch_target(value) or _known_client_path(value, known_clients):
                yield node, value, _string_patch(analysis, node)
        elif isinstance(node, cst.Call):
            scope = call_scope(analysis, node)
            if patch_api(analysis, node.func, scope) not in ("patch.object", "setattr"):
                continue
            positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
            if positional and isinstance(positional[0].value, cst.SimpleString):
                continue  # ``monkeypatch.setattr("dotted.path", double)``: found by its string
            legacy = analysis.qualified_name(positional[0].value, scope) if positional else None
            resource = dotted_name(positional[0].value) if positional else None
            if resource is not None and resource.removesuffix(".completions") in known_clients:
                legacy = resource
            elif legacy not in _RETARGET:
                continue
            name = positional[1].value if len(positional) > 1 else None
            method = name.evaluated_value if isinstance(name, cst.SimpleString) else "<attribute>"
            yield positional[0].value, f"{legacy}.{method}", node


def _string_patch(analysis, node: cst.SimpleString) -> cst.Call | None:  # type: ignore[no-untyped-def]
    """The ``patch(...)`` (or ``monkeypatch.setattr(...)``) call whose target is ``node``."""
    arg = analysis.parent(node)
    call = analysis.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or patch_api(
        analysis, call.func, call_scope(analysis, call)
    ) not in ("patch", "setattr"):
        return None
    first = call.args[0]
    named = arg.keyword is not None and arg.keyword.value == "target"
    return call if (arg is first and arg.keyword is None and not arg.star) or named else None


def _retarget(analysis, target: cst.CSTNode, new: str):  # type: ignore[no-untyped-def]
    """The rewrite of a patch target: the path in its own quotes, or the class's dotted name."""
    if isinstance(target, cst.SimpleString):
        return lambda updated: updated.with_changes(
            value=f"{updated.prefix}{updated.quote}{new}{updated.quote}"
        )
    root = target
    while isinstance(root, cst.Attribute):
        root = root.value
    if new.endswith(".messages.create") and not new.startswith("anthropic."):
        return _rename_last  # ``svc.client.completions`` of a client the run migrated
    scope = analysis.scope_of[target]
    if not isinstance(root, cst.Name) or analysis.qualified_name(root, scope) != "anthropic":
        raise Unprovable(
            f"`{short(analysis, root)}` is imported from the removed module, and that import "
            "has to change too"
        )
    return _rename_attributes


def _rename_last(updated: cst.CSTNode) -> cst.CSTNode:
    """``x.completions`` becomes ``x.messages``."""
    if not isinstance(updated, cst.Attribute):
        return updated
    return updated.with_changes(attr=cst.Name("messages"))


def _rename_attributes(updated: cst.CSTNode) -> cst.CSTNode:
    if not isinstance(updated, cst.Attribute):
        return updated
    value = _rename_attributes(updated.value)
    attr = _RENAMED.get(updated.attr.value, updated.attr.value)
    return updated.with_changes(value=value, attr=cst.Name(attr))


def patch_quote(call: cst.Call) -> str:
    """The quote the patch's own strings use, for the strings written next to it."""
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            return arg.value.quote[0]
    return '"'


def _manual(plan: ModulePlan, rule: type, target: cst.CSTNode, reason: str) -> None:
    plan.report(rule, target, reason, Safety.MANUAL)
    plan.comment(target, f"# migrator: manual [{rule.code}] {reason}")  # type: ignore[attr-defined]
