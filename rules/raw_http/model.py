"""The model of a raw request's body: a retired name mapped where it is written, a name or
an expression mapped as it is sent, and a model chosen with a prompt converted at run time."""

from __future__ import annotations

import libcst as cst

from migrator.code.syntax import keyword_call, string_value, with_flag
from migrator.core.findings import Safety
from migrator.rewrite.json_body import ConvertedBody, Edit
from migrator.rewrite.json_site import JsonSite
from migrator.runtime.helpers import (
    MODEL_HELPER,
    PROMPT_HELPER,
    REQUEST_HELPER,
    model_helper,
    request_helpers,
)


class BodyModel(JsonSite):
    """The model entry of a Text Completions body, for :class:`RequestEdits`."""

    def _model_with_prompt(self, converted: ConvertedBody) -> bool:
        """A prompt converted at run time, and a retired model that rejects a prefill.

        ``"model": "claude-2", "prompt": p`` becomes
        ``**_legacy_request_to_messages(model="claude-2", prompt=p)``, which splits
        the prompt first and gives the prefill model only to a prompt ending in one.
        """
        config = self.plan.config
        element = converted.element("model")
        legacy = string_value(element.value)
        target = config.target_for(legacy) if legacy is not None else None
        held = legacy is None  # a name or an expression: only known at run time
        if converted.prefill is not None or not (
            held or (target is not None and not config.accepts_prefill(target))
        ):
            return False
        prompt = converted.element("prompt")

        def together(new: cst.DictElement) -> cst.BaseDictElement:
            given = [("model", element.value), ("prompt", new.value)]
            return cst.StarredDictElement(keyword_call(REQUEST_HELPER, given), comma=new.comma)

        converted.edits[converted.entries["model"]] = lambda new: None
        converted.edits[converted.entries["prompt"]] = together
        self.outcome.helpers.update(request_helpers(config))
        self.outcome.notes = [
            (node, message.replace(PROMPT_HELPER, REQUEST_HELPER, 1), fix)
            if node is prompt
            else (node, message, fix)
            for node, message, fix in self.outcome.notes
        ]
        if held:
            example = config.target_for("claude-2")
            self.outcome.note(
                element,
                f"the model held in `{self.plan.code_for(element.value)}` is chosen at run time "
                f"by `{REQUEST_HELPER}`, with the prompt: a retired name becomes the model "
                f"table's choice ('claude-2' becomes {example!r}), or {config.prefill_model!r} "
                "when the prompt ends in a prefill; any other name is passed through",
                Safety.REVIEW,
            )
            return True
        self.outcome.note(
            element,
            f"retired model {legacy!r} is chosen at run time by `{REQUEST_HELPER}`, with the "
            f"prompt: {target!r}, or {config.prefill_model!r} when the prompt ends in a "
            f"prefill, which {target!r} rejects",
            Safety.REVIEW,
        )
        return True

    def _model(
        self, element: cst.DictElement, index: int, edits: dict[int, Edit], prefill: bool | None
    ) -> None:
        config = self.plan.config
        legacy = string_value(element.value)
        if legacy is None:
            self._held_model(element, index, edits, prefill)
            return
        target = config.target_for(legacy)
        if target is None:
            self.outcome.note(
                element,
                f"model {legacy!r} is not a Text Completions model the tool knows; kept as it is",
                Safety.REVIEW,
            )
            return
        why = ""
        if prefill is not False and not config.accepts_prefill(target):
            why = (
                f" ({target!r} rejects the prefill this request keeps)"
                if prefill
                else f" (the prompt is converted at run time and may end in a prefill, which "
                f"{target!r} rejects)"
            )
            target = config.prefill_model
        assert isinstance(element.value, cst.SimpleString)
        quote = element.value.quote
        new_value = cst.SimpleString(f"{quote}{target}{quote}")
        edits[index] = lambda new: new.with_changes(value=new_value)
        self.outcome.note(
            element, f"retired model {legacy!r} becomes {target!r}{why}", Safety.REVIEW
        )

    def _held_model(
        self, element: cst.DictElement, index: int, edits: dict[int, Edit], prefill: bool | None
    ) -> None:
        """``"model": MODEL``: mapped as it is sent, as the SDK's calls map a model that
        comes from outside the code; a name that is no retired model passes through."""
        config = self.plan.config
        args = with_flag(element.value, "prefill") if prefill else [cst.Arg(element.value)]
        mapped = cst.Call(cst.Name(MODEL_HELPER), args)
        edits[index] = lambda new: new.with_changes(value=mapped)
        self.outcome.helpers[MODEL_HELPER] = model_helper(config)
        keeps = (
            f", or a model that accepts the prefill this request keeps "
            f"({config.prefill_model!r} by default)"
            if prefill
            else ""
        )
        self.outcome.note(
            element,
            f"the model held in `{self.plan.code_for(element.value)}` is converted at run time "
            f"by `{MODEL_HELPER}`: a retired name becomes the model table's choice ('claude-2' "
            f"becomes {config.target_for('claude-2')!r}){keeps}; any other name is passed "
            "through",
            Safety.REVIEW,
        )
