"""One ``invoke_model`` site whose body is a Text Completions one, migrated whole or not.

The request, the answer and the stream parts change together: the body becomes a Messages
body only where every read of its answer is remapped with it.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.evidence_nodes import HELPER_PREFIX
from migrator.analysis.guards import Guard
from migrator.analysis.names import Scope
from migrator.code.syntax import string_value
from migrator.contract.plan import ModulePlan
from migrator.core.models import BEDROCK_VERSION, is_legacy_bedrock, is_other_bedrock_vendor
from migrator.rewrite.json_body import Manual, Outcome, dict_edit, keys_of
from migrator.rules.invoke_model.answer import Answer
from migrator.rules.invoke_model.request import Request, _keyword
from migrator.rules.invoke_model.stream import Stream

_BODY_KEYS = (
    "prompt",
    "max_tokens_to_sample",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "anthropic_version",
)


class Site(Request, Answer, Stream):
    answers_or_raises = True  # boto3 raises for every refusal of the request

    def __init__(
        self, plan: ModulePlan, call: cst.Call, scope: Scope, streamed: bool, outcome: Outcome
    ) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.call = call
        self.scope = scope
        self.streamed = streamed
        self.outcome = outcome
        # The test the body is built under, when it is one of several built per vendor.
        self.guard: Guard | None = None

    def _spread_legacy_body(self, body: cst.Dict, keys: set[str], model_id: str | None) -> None:
        """``{**params, "prompt": ...}`` sent to a retired Claude id: a Text Completions body
        whose token limit comes from what the tool cannot read, reported where it is built."""
        spread = any(
            isinstance(element, cst.StarredDictElement) and not _helper(element.value)
            for element in body.elements
        )
        if (
            not keys & {"messages", "anthropic_version", "max_tokens"}  # a Messages body's
            and ("prompt" in keys or spread)
            and model_id is not None
            and is_legacy_bedrock(model_id)
        ):
            raise Manual(
                body,
                "the body has keys the tool cannot read (`**` or computed), and "
                f"{model_id!r} is a retired model that took Text Completions bodies; migrate "
                "the body where it is built, and choose a current model",
            )

    def migrate(self) -> bool:
        """False when the call does not send a Text Completions body (nothing to report)."""
        model = _keyword(self.call, "modelId")
        model_id = self._model_id(model)
        if model_id is not None and is_other_bedrock_vendor(model_id):
            return False  # another vendor's model
        body = self._body()
        if not isinstance(body, cst.Dict):
            if body is not None and self._legacy_elsewhere():
                raise Manual(self.call, body)
            if body is not None and model_id is not None and is_legacy_bedrock(model_id):
                raise Manual(
                    self.call,
                    f"{body}, and {model_id!r} is a retired model that took Text Completions "
                    "bodies; migrate the body where it is built, and choose a current model",
                )
            return False
        keys = keys_of(body)
        if "max_tokens_to_sample" not in keys or "messages" in keys:
            self._spread_legacy_body(body, keys, model_id)
            return False
        converted = self._convert_body(body, _BODY_KEYS, ("prompt", "max_tokens_to_sample"))
        added = []
        if "anthropic_version" in converted.entries:
            version = converted.element("anthropic_version").value
            if string_value(version) != BEDROCK_VERSION:
                raise Manual(
                    version,
                    f"the body asks for anthropic_version {self.plan.code_for(version)}; the "
                    f"tool migrates bodies for {BEDROCK_VERSION}",
                )
        else:
            quote = next(
                (
                    e.key.quote
                    for e in body.elements
                    if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                ),
                '"',
            )
            added.append(f"{quote}anthropic_version{quote}: {quote}{BEDROCK_VERSION}{quote}")
        self.outcome.rewrites[body] = dict_edit(body, converted.edits, added, self.analysis.module)
        if self.streamed:
            self._stream()
        else:
            self._response()
        self._model(model, model_id, converted.prefill)
        if self.guard is not None:
            self._guard_note(self.guard)
        self.outcome.note(self.call, "the Bedrock request body becomes a Messages body")
        return True


def _helper(value: cst.BaseExpression) -> bool:
    """``_legacy_prompt_to_messages(...)``: a helper migrator wrote, spread into a body."""
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Name)
        and value.func.value.startswith(HELPER_PREFIX)
    )
