"""One LangChain Bedrock model of a module, migrated whole or left with its reason.

Its constructor, holders and uses parts gather the rewrites and notes; this part adds the
findings every migrated model gets and hands them to the plan, or reports why it stays.
"""

from __future__ import annotations

import re

import libcst as cst

from migrator.analysis.evidence_nodes import MARKER
from migrator.code.syntax import string_value
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.json_body import Manual
from migrator.rules.langchain_bedrock.classes import AWS_CHAT, NEW_CLASS, _keyword, qualified
from migrator.rules.langchain_bedrock.constructor import Constructor
from migrator.rules.langchain_bedrock.holders import Holders
from migrator.rules.langchain_bedrock.imports import imports_new_class
from migrator.rules.langchain_bedrock.uses import Uses

# Words of a model id that may name a Claude model (``anthropic.claude-v2``, ``claude-2.1``).
_CLAUDE = frozenset({"anthropic", "claude"})
KEPT_CHAT = (
    "`max_tokens_to_sample` becomes `max_tokens`: ChatBedrock sends `model_kwargs` in a "
    "Messages body, where Bedrock refuses the Text Completions key"
)
DEPENDENCY = (
    "LangChain's Bedrock model becomes `ChatBedrock` of langchain-aws: add `langchain-aws` to "
    "the project's dependencies (0.2.x with LangChain 0.3, 1.x with langchain-core 1.x); a "
    "text prompt is sent as one user message of the Messages API"
)


class Model(Constructor, Holders, Uses):
    """One model as the module holds it: its constructors, the names and functions that
    carry it, and every use; migrated whole, or not at all."""

    def __init__(self, plan: ModulePlan) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.constructors: list[cst.Call] = []
        self.rewrites: dict[cst.CSTNode, Rewrite] = {}
        self.notes: list[tuple[cst.CSTNode, str]] = []
        self.removed: list[tuple[cst.CSTNode, str]] = []  # keys dropped, with their comments
        self.evidence: list[cst.CSTNode] = []  # the ``max_tokens_to_sample`` keys
        self.seen: set[object] = set()
        self.chains: list[str] = []  # the LangChain callables given the model
        self.unread = False  # a ``model_kwargs`` the tool could not read

    # --- the outcome ------------------------------------------------------------------
    def finish(self) -> None:
        """The import, and the findings every migrated model gets."""
        if NEW_CLASS in self.analysis.spelled and not imports_new_class(self.analysis):
            raise Manual(self.constructors[0], f"the module already names `{NEW_CLASS}`")
        first = self.constructors[0]
        kinds = {qualified(self.analysis, call.func) for call in self.constructors}
        if kinds <= AWS_CHAT:
            self.notes.insert(0, (first, KEPT_CHAT))
        else:
            self.notes.insert(0, (first, DEPENDENCY))
        if self.chains:
            given = ", ".join(f"`{name}`" for name in dict.fromkeys(self.chains))
            self.notes.append(
                (
                    first,
                    f"the model is given to {given}: ChatBedrock sends the text a chain formats "
                    "as one user message, where Bedrock's LLM split it into turns at its "
                    "`Human:` / `Assistant:` lines (`ConversationChain`'s own prompt has "
                    "`Human:` lines); check the answers of chains with such prompts",
                )
            )
        if any(
            isinstance(node, cst.SimpleString)
            and isinstance(node.evaluated_value, str)
            and MARKER.search(node.evaluated_value)
            and node.evaluated_value.strip() not in ("Human:", "Assistant:")
            for node in self.analysis.scope_of
        ):
            self.notes.append(
                (
                    first,
                    "a text of this module holds `Human:` / `Assistant:` markers: Bedrock's LLM "
                    "split a prompt into turns at them, ChatBedrock sends them as plain text of "
                    "one user message; take them out of prompt templates",
                )
            )

    def apply(self, rule: type[Rule]) -> None:
        for node, rewrite in self.rewrites.items():
            self.plan.rewrites[node] = rewrite
        for node, message in self.notes:
            self.plan.report(rule, node, message, Safety.REVIEW)
        for node, comment in self.removed:
            self.plan.comment(node, comment)  # type: ignore[attr-defined]
        self.plan.migrated_requests += len(self.constructors)

    def block(self, rule: type[Rule], manual: Manual) -> None:
        """The manual finding, at each ``max_tokens_to_sample`` key; at the blocking node when
        ``model_kwargs`` could not be read (a model with no legacy key is not reported)."""
        if not self._claude() or not (self.evidence or self.unread):
            return  # another vendor's model given the key: the code's own mistake, not Claude's
        message = f"LangChain's Bedrock model stays: {manual.reason}"
        for node in self.evidence or [manual.node]:
            self.plan.report(rule, node, message, Safety.MANUAL)
            self.plan.comment(node, f"# migrator: manual [{rule.code}] {message}")  # type: ignore[attr-defined]

    def _claude(self) -> bool:
        """Some constructor may build a Claude model: its model id (inline, or in the name it
        reads) names Claude, or is not known. A Llama model given the key is not Claude's."""
        for call in self.constructors:
            arg = _keyword(call, "model_id")
            literal = self._id_literal(arg.value)[0] if arg is not None else None
            model_id = string_value(literal) if literal is not None else None
            if model_id is None or _CLAUDE.intersection(re.split(r"[^a-z]+", model_id.lower())):
                return True
        return False
