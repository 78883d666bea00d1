"""A legacy completion's JSON body, as a test double serves it, made the equivalent Message.

An HTTP-level double of ``/v1/complete`` answered ``{"completion": " Hi",
"stop_reason": "stop_sequence", "model": "claude-2"}``; the migrated code asks
``/v1/messages`` and reads the text blocks of ``content``. :func:`message_body`
proves a dict literal is such a body and gives the rewrite that makes it the
Message the API answers (and the fake API of :mod:`migrator.testing`), key by
key in the same order: ``id``, ``type``, ``role``, ``model``, ``content``,
``stop_reason``, ``stop_sequence``, ``usage``. The dict keeps its layout (one
line, or one key a line).
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.prompt import HUMAN
from migrator.code.syntax import fill, string_value
from migrator.contract.plan import Rewrite
from migrator.core.config import Config

# The fields of a legacy completion body.
FIELDS = frozenset({"completion", "stop_reason", "stop", "model", "id", "type", "log_id"})
# The id of a Message the double did not name one for.
_ID = "msg_test"


class NotAMessage(Exception):
    """Why a body cannot be shown to be a legacy completion with a Message counterpart."""


def keys(body: cst.Dict) -> list[str | None]:
    """The keys of a dict literal, None for one that is not a plain string (or ``**``)."""
    return [
        string_value(element.key) if isinstance(element, cst.DictElement) else None
        for element in body.elements
    ]


def completion_body(body: cst.BaseExpression) -> bool:
    """A dict literal holding a legacy completion's text."""
    return isinstance(body, cst.Dict) and "completion" in keys(body)


def error_body(body: cst.BaseExpression) -> bool:
    """``{"type": "error", "error": {...}}``: an API error, the same on both endpoints."""
    if not isinstance(body, cst.Dict) or None in keys(body):
        return False
    values = {string_value(e.key): e.value for e in body.elements if isinstance(e, cst.DictElement)}
    return string_value(values.get("type")) == "error" and "completion" not in values


def message_body(body: cst.Dict, config: Config) -> Rewrite:
    """The rewrite of ``body``, a legacy completion, into its Message; raises
    :class:`NotAMessage` with the reason when that cannot be told from the literal.

    A natural end (``"stop_sequence"`` at no stop sequence, or at the ``"\\n\\nHuman:"``
    the migrated code no longer sends) becomes ``"end_turn"``; a custom stop sequence stays
    ``"stop_sequence"`` with the sequence in ``stop_sequence``. A retired model becomes the
    one the migration sends instead (the model table), a missing one the target model.
    """
    found = keys(body)
    if None in found:
        raise NotAMessage("the body has a key that is not a plain string")
    if any(key not in FIELDS for key in found):
        unknown = next(key for key in found if key not in FIELDS)
        raise NotAMessage(f"the body holds `{unknown}`, which is not a completion's field")
    given = {string_value(e.key): e.value for e in body.elements if isinstance(e, cst.DictElement)}
    if "completion" not in given:
        raise NotAMessage("the body has no `completion`")
    kind = given.get("type")
    if kind is not None and string_value(kind) != "completion":
        raise NotAMessage('the body has a `type` other than `"completion"`')
    reason, stop = stop_fields(given.get("stop_reason"), given.get("stop"))
    model = _model(given.get("model"), config)
    quote = next((e.key.quote for e in body.elements if isinstance(e.key, cst.SimpleString)), '"')

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Dict)
        values = {
            string_value(e.key): e.value for e in updated.elements if isinstance(e, cst.DictElement)
        }
        q = quote[0]

        def text(value: str) -> cst.BaseExpression:
            return cst.SimpleString(f"{q}{value}{q}")

        entries: list[tuple[str, cst.BaseExpression]] = [
            ("id", values["id"] if "id" in values else text(_ID)),
            ("type", text("message")),
            ("role", text("assistant")),
            ("model", values["model"] if model is None else text(model)),
            (
                "content",
                fill(
                    f"[{{{q}type{q}: {q}text{q}, {q}text{q}: __text__}}]",
                    {"__text__": values["completion"]},
                ),
            ),
            ("stop_reason", cst.Name("None") if reason is None else text(reason)),
            ("stop_sequence", values["stop"] if stop else cst.Name("None")),
            ("usage", cst.parse_expression(f"{{{q}input_tokens{q}: 0, {q}output_tokens{q}: 0}}")),
        ]
        return _laid_out(updated, [(text(key), value) for key, value in entries])

    return rewrite


def stop_fields(
    reason: cst.BaseExpression | None, stop: cst.BaseExpression | None
) -> tuple[str | None, bool]:
    """The Message's stop reason, and whether it keeps the legacy ``stop`` as its
    ``stop_sequence``."""
    if isinstance(reason, cst.Name) and reason.value == "None":
        return None, False
    legacy = "stop_sequence" if reason is None else string_value(reason)
    if legacy == "max_tokens":
        return "max_tokens", False
    if legacy != "stop_sequence":
        raise NotAMessage("the `stop_reason` is not one whose Messages value the tool knows")
    if stop is None or (isinstance(stop, cst.Name) and stop.value == "None"):
        return "end_turn", False
    sequence = string_value(stop)
    if sequence is None:
        raise NotAMessage("the `stop` is not a literal, so the tool cannot tell a natural end")
    return ("end_turn", False) if sequence == HUMAN else ("stop_sequence", True)


def _model(value: cst.BaseExpression | None, config: Config) -> str | None:
    """The model the Message names; None to keep the body's own expression."""
    if value is None:
        return config.target_model
    legacy = string_value(value)
    if legacy is None:
        return None
    return config.target_for(legacy) or legacy


def _laid_out(
    original: cst.Dict, entries: list[tuple[cst.BaseExpression, cst.BaseExpression]]
) -> cst.Dict:
    """``original`` holding ``entries``, spaced as its own elements were."""
    first = original.elements[0]
    assert isinstance(first, cst.DictElement)
    between = first.comma if len(original.elements) > 1 else cst.MaybeSentinel.DEFAULT
    if not isinstance(between, cst.Comma):
        after = original.lbrace.whitespace_after
        if not isinstance(after, cst.ParenthesizedWhitespace):
            after = cst.SimpleWhitespace(" ")
        between = cst.Comma(whitespace_after=after)
    elements = [first.with_changes(key=key, value=value, comma=between) for key, value in entries]
    elements[-1] = elements[-1].with_changes(comma=original.elements[-1].comma)
    return original.with_changes(elements=elements)
