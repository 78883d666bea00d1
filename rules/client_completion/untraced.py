"""Pre-0.3 stream and async methods called with ``max_tokens_to_sample`` on a client the
tool cannot trace: reported for manual work, to be migrated with their client."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.evidence_nodes import LOOKALIKE_ROOTS
from migrator.analysis.names import ClientKind, ModuleAnalysis
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety

_UNTRACED_METHODS = ("completion", "completion_stream", "acompletion", "acompletion_stream")


def _untraced(rule: type[Rule], plan: ModulePlan) -> None:
    """A pre-0.3 stream or async method on a client the tool cannot trace.

    These methods with ``max_tokens_to_sample`` are that SDK's spelling; the
    client may come from a parameter or a factory. ``completion(...)`` without
    that keyword is too common a name (a class's own method) to say as much.
    """
    analysis = plan.analysis
    found = {site.call for site in analysis.calls}
    own = _own_methods(analysis)
    for node, scope in analysis.nodes_of(cst.Call):
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in _UNTRACED_METHODS
            and node not in found
            and node.func.attr.value not in own
            and any(
                a.keyword is not None and a.keyword.value == "max_tokens_to_sample"
                for a in node.args
            )
        ):
            continue
        receiver = node.func.value
        qualified = analysis.qualified_name(receiver, scope)
        if analysis.client_kind(receiver, scope) is ClientKind.OTHER or (
            qualified is not None and qualified.split(".")[0] in LOOKALIKE_ROOTS
        ):
            continue  # LiteLLM's acompletion, OpenAI's clients
        message = (
            f"`.{node.func.attr.value}(...)` with `max_tokens_to_sample`: the pre-0.3 SDK's "
            "call, on a client the tool cannot trace to `anthropic.Client(...)` in this "
            "module, built for async calls alone; migrate it with its client, which must "
            "become `anthropic.AsyncAnthropic(api_key=...)`"
        )
        plan.report(rule, node, message, Safety.MANUAL)
        plan.comment(node, f"# migrator: manual [{rule.code}] {message}")


def _own_methods(analysis: ModuleAnalysis) -> set[str]:
    """The names of the methods the module's own classes define: ``llm.completion(...)``
    on an instance the tool cannot trace is then likelier the module's own (a provider
    wrapper's ``completion``) than the pre-0.3 SDK's, and stays unreported here (the
    keywords it is given are still judged where they are built)."""
    names: set[str] = set()
    for node, _scope in analysis.nodes_of(cst.ClassDef):
        assert isinstance(node, cst.ClassDef)
        for statement in getattr(node.body, "body", ()):
            if isinstance(statement, cst.FunctionDef):
                names.add(statement.name.value)
    return names
