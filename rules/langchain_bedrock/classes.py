"""The LangChain classes that build a Bedrock model, and what a node names through imports.

The analysis records qualified names only for Anthropic's and the HTTP libraries' imports,
so the rule reads LangChain's own, as every part of it needs them.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrator.analysis.names import Binding, ModuleAnalysis
from migrator.code.syntax import dotted_name

LLM_CLASSES = frozenset(
    {
        *(
            f"{module}.Bedrock"
            for module in (
                "langchain.llms",
                "langchain.llms.bedrock",
                "langchain_community.llms",
                "langchain_community.llms.bedrock",
                "langchain_aws.llms.bedrock",
            )
        ),
        "langchain_aws.BedrockLLM",
        "langchain_aws.llms.BedrockLLM",
        "langchain_aws.llms.bedrock.BedrockLLM",
    }
)
# Chat models already: only their ``model_kwargs`` (and a community class's name) change.
COMMUNITY_CHAT = frozenset(
    f"langchain_community.chat_models.{path}"
    for path in ("BedrockChat", "bedrock.BedrockChat", "ChatBedrock", "bedrock.ChatBedrock")
)
AWS_CHAT = frozenset(
    f"langchain_aws.{path}"
    for path in ("ChatBedrock", "chat_models.ChatBedrock", "chat_models.bedrock.ChatBedrock")
)
NEW_MODULE, NEW_CLASS = "langchain_aws", "ChatBedrock"


ALL_CLASSES = LLM_CLASSES | COMMUNITY_CHAT | AWS_CHAT
_KINDS = (LLM_CLASSES, COMMUNITY_CHAT, AWS_CHAT)


def _constructors(analysis: ModuleAnalysis) -> Iterator[cst.Call]:
    for node, _ in analysis.nodes_of(cst.Call):
        if isinstance(node, cst.Call) and qualified(analysis, node.func) in ALL_CLASSES:
            yield node


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def qualified(analysis: ModuleAnalysis, node: cst.BaseExpression) -> str | None:
    """What ``node`` names through the module's imports, whatever the package: the analysis
    records qualified names only for Anthropic's and the HTTP libraries' imports."""
    if isinstance(node, cst.Attribute):
        base = qualified(analysis, node.value)
        return f"{base}.{node.attr.value}" if base else None
    scope = analysis.scope_of.get(node)
    if not isinstance(node, cst.Name) or scope is None:
        return None
    found = analysis.lookup(node.value, scope)
    names = {imported_as(binding, node.value) for binding in found[1]} if found else {None}
    if len(names) == 1:
        return names.pop()
    # A notebook importing one class from two of its modules, cell after cell.
    same = next((kind for kind in _KINDS if names <= kind), None)
    return min(names) if same else None  # type: ignore[type-var]


def imported_as(binding: Binding, local: str) -> str | None:
    if binding.kind == "import":
        return binding.qualified
    statement = binding.node
    if (
        not isinstance(statement, cst.ImportFrom)
        or statement.module is None
        or statement.relative
        or isinstance(statement.names, cst.ImportStar)
    ):
        return None
    for alias in statement.names:
        name = dotted_name(alias.name)
        asname = alias.asname.name if alias.asname is not None else None
        if (asname.value if isinstance(asname, cst.Name) else name) == local:
            return f"{dotted_name(statement.module)}.{name}"
    return None


def dotted_last(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    return node.attr.value if isinstance(node, cst.Attribute) else None
