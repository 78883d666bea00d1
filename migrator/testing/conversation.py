"""One canonical conversation for both APIs, and the fake model that answers it.

Both endpoints of the fake reduce a request to a :class:`Conversation`:

* ``/v1/complete`` parses the legacy prompt (:func:`parse_legacy_prompt`), an
  implementation written from MIGRATION.md independently of the migrator;
* ``/v1/messages`` normalises ``system`` and ``messages``
  (:func:`conversation_from_messages`).

The reply (:func:`generate`) is a pure function of the conversation, the token
budget and the stop sequences, never of the model or the endpoint, so a request
and its correct migration get the same text.

Only the standard library is used: the module is imported by the fake server
and by the test helpers alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

HUMAN_PROMPT = "\n\nHuman:"
AI_PROMPT = "\n\nAssistant:"

USER = "user"
ASSISTANT = "assistant"

# What joins two consecutive turns of the same role, and the text blocks of one
# content list (or of a list-valued ``system``).
TURN_JOINER = "\n\n"

# The fake model's deliberate stop-sequence trigger: when the last user turn
# mentions "stop" (any case), the reply contains this word, so a request with
# ``stop_sequences=["STOP"]`` ends early with stop_reason "stop_sequence".
STOP_WORD = "STOP"

_MARKERS = re.compile(r"(\n\nHuman:|\n\nAssistant:)")
_PIECES = re.compile(r"\s*\S+|\s+")


class PromptError(ValueError):
    """A legacy prompt that the Text Completions API refused."""


class ConversationError(ValueError):
    """A Messages request body that the Messages API refuses (HTTP 400)."""


@dataclass
class Conversation:
    """``system`` (None when absent or blank) and ``(role, text)`` turns, merged."""

    system: str | None
    messages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def prefill(self) -> str | None:
        """The final assistant turn (the response continues it), if any."""
        if self.messages and self.messages[-1][0] == ASSISTANT:
            return self.messages[-1][1]
        return None

    @property
    def last_user_text(self) -> str:
        for role, text in reversed(self.messages):
            if role == USER:
                return text
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system, "messages": [[r, t] for r, t in self.messages]}


def _blank_to_none(system: str | None) -> str | None:
    if system is None or not system.strip():
        return None
    return system


def merge_turns(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge consecutive turns of the same role with :data:`TURN_JOINER`."""
    merged: list[tuple[str, str]] = []
    for role, text in turns:
        if merged and merged[-1][0] == role:
            merged[-1] = (role, merged[-1][1] + TURN_JOINER + text)
        else:
            merged.append((role, text))
    return merged


# --------------------------------------------------------------------------- legacy prompt


def check_legacy_prompt(prompt: str) -> str | None:
    """The error message the legacy API gave for ``prompt``, or None if it is accepted."""
    if HUMAN_PROMPT not in prompt:
        return (
            'prompt must contain "\\n\\nHuman:" turns '
            '(expected a prompt of the form "\\n\\nHuman: ...\\n\\nAssistant:")'
        )
    first_human = prompt.index(HUMAN_PROMPT)
    if AI_PROMPT in prompt[:first_human]:
        return 'prompt must start with "\\n\\nHuman:" turn after an optional system prompt'
    last_human = prompt.rindex(HUMAN_PROMPT)
    if AI_PROMPT not in prompt[last_human:]:
        return 'prompt must end with "\\n\\nAssistant:" turn after the last "\\n\\nHuman:" turn'
    return None


def parse_legacy_prompt(prompt: str) -> Conversation:
    """Reduce a legacy prompt to a conversation, following MIGRATION.md.

    * text before the first ``"\\n\\nHuman:"`` is the system prompt (verbatim;
      None when empty or whitespace-only);
    * each marker starts a turn; the single space after a marker is dropped;
    * consecutive turns of the same role are merged with ``"\\n\\n"``;
    * the text after the final ``"\\n\\nAssistant:"`` (one space dropped,
      trailing whitespace removed) is a prefill when non-empty.

    Raises :class:`PromptError` for a prompt the legacy API refused.
    """
    error = check_legacy_prompt(prompt)
    if error is not None:
        raise PromptError(error)
    parts = _MARKERS.split(prompt)
    system = _blank_to_none(parts[0])
    turns: list[tuple[str, str]] = []
    for marker, text in zip(parts[1::2], parts[2::2], strict=True):
        if text.startswith(" "):
            text = text[1:]
        turns.append((USER if marker == HUMAN_PROMPT else ASSISTANT, text))
    # The final turn is the assistant's (check_legacy_prompt); what follows its
    # marker is the prefill, if anything but whitespace.
    role, text = turns[-1]
    assert role == ASSISTANT
    text = text.rstrip()
    if text:
        turns[-1] = (ASSISTANT, text)
    else:
        turns.pop()
    return Conversation(system=system, messages=merge_turns(turns))


# --------------------------------------------------------------------------- messages body


def _blocks_text(value: Any, where: str) -> str:
    """The text of a string or of a list of text blocks; ConversationError otherwise."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        texts = []
        for i, block in enumerate(value):
            if not isinstance(block, dict) or block.get("type") != "text":
                kind = block.get("type") if isinstance(block, dict) else type(block).__name__
                raise ConversationError(
                    f"{where}.{i}: only text blocks are supported here (got {kind!r})"
                )
            text = block.get("text")
            if not isinstance(text, str):
                raise ConversationError(f"{where}.{i}.text: Field required (a string)")
            texts.append(text)
        if not texts:
            raise ConversationError(f"{where}: content blocks must be non-empty")
        return TURN_JOINER.join(texts)
    raise ConversationError(f"{where}: Input should be a valid string or a list of text blocks")


def conversation_from_messages(system: Any, messages: Any) -> Conversation:
    """Reduce a Messages ``system`` and ``messages`` to a conversation.

    Validates what the Messages API validates about them (ConversationError).
    """
    if system is None:
        sys_text = None
    else:
        sys_text = _blank_to_none(_blocks_text(system, "system"))
    if not isinstance(messages, list):
        raise ConversationError("messages: Input should be a valid list")
    if not messages:
        raise ConversationError("messages: at least one message is required")
    turns: list[tuple[str, str]] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise ConversationError(f"messages.{i}: Input should be a valid dictionary")
        role = message.get("role")
        if role not in (USER, ASSISTANT):
            raise ConversationError(f"messages.{i}.role: Input should be 'user' or 'assistant'")
        if "content" not in message:
            raise ConversationError(f"messages.{i}.content: Field required")
        turns.append((role, _blocks_text(message["content"], f"messages.{i}.content")))
    if turns[0][0] != USER:
        raise ConversationError('messages: first message must use the "user" role')
    return Conversation(system=sys_text, messages=merge_turns(turns))


def canonical_conversation_lenient(system: Any, messages: Any) -> dict[str, Any]:
    """Like :func:`conversation_from_messages` but never raises (for comparing refused requests)."""
    try:
        return conversation_from_messages(system, messages).to_dict()
    except ConversationError as err:
        return {"invalid": str(err), "system": system, "messages": messages}


# --------------------------------------------------------------------------- the fake model


def _summary(text: str, limit: int = 40) -> str:
    return " ".join(text[:limit].split())


def _base_reply(conv: Conversation) -> str:
    user = conv.last_user_text
    reply = (
        f'Answer to "{_summary(user)}" ({len(conv.messages)} turns, '
        f"system: {'yes' if conv.system is not None else 'no'})."
    )
    if "stop" in user.lower():
        reply += f" Counting: one two three {STOP_WORD} four five."
    return reply


def _open_brackets(prefix: str) -> list[str]:
    """The JSON brackets still open at the end of ``prefix`` (string contents ignored)."""
    stack: list[str] = []
    in_string = escaped = False
    for ch in prefix:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append(ch)
        elif ch in "}]" and stack:
            stack.pop()
    return stack


def _json_continuation(prefill: str, answer: str) -> str | None:
    """A suffix that makes ``prefill + suffix`` a valid JSON document, if one is found."""
    s = json.dumps(answer)
    inner = s[1:-1]
    closers = "".join("}" if b == "{" else "]" for b in reversed(_open_brackets(prefill)))
    heads = [
        f'"answer": {s}',  # after "{"
        s,  # after "[" or '{"key":'
        f" {s}",
        f'{inner}"',  # inside a string value: '{"key": "...'
        f'": {s}',  # inside a key: '{"ke'
        f' "answer": {s}',  # after ","
        f", {s}",  # after an array item
        f', "answer": {s}',  # after an object member
        "",  # nothing left but closing
    ]
    for head in heads:
        try:
            json.loads(prefill + head + closers)
        except ValueError:
            continue
        return head + closers
    return None


def full_reply(conv: Conversation) -> str:
    """The whole text the fake model would produce, before max_tokens / stop sequences."""
    reply = _base_reply(conv)
    prefill = conv.prefill
    if prefill is None:
        return reply
    if prefill.lstrip()[:1] in ("{", "["):
        cont = _json_continuation(prefill, reply)
        if cont is not None:
            return cont
    tail = _summary(prefill[-20:], 20)
    return f' [continuing "{tail}"] {reply}'


def pieces(text: str) -> list[str]:
    """Split text into word pieces (leading whitespace kept); ``"".join(pieces(t)) == t``."""
    return _PIECES.findall(text)


def count_tokens(text: str) -> int:
    """The fake counts one token per word."""
    return len(text.split())


@dataclass
class Reply:
    text: str
    stop_reason: str  # "end" | "max_tokens" | "stop_sequence"
    stop_sequence: str | None
    output_tokens: int


def generate(conv: Conversation, max_tokens: int, stop_sequences: list[str] | None = None) -> Reply:
    """The fake model's answer: a pure function of its arguments.

    Words are tokens: more words than ``max_tokens`` -> truncated, "max_tokens".
    The earliest custom stop sequence in the text cuts it before the sequence,
    "stop_sequence" (unless max_tokens was reached first). Otherwise "end".
    """
    text = full_reply(conv)
    stop_at, stop_seq = None, None
    for seq in stop_sequences or []:
        if not seq:
            continue
        pos = text.find(seq)
        if pos >= 0 and (stop_at is None or pos < stop_at):
            stop_at, stop_seq = pos, seq
    if stop_at is not None:
        text = text[:stop_at]
    words = [p for p in pieces(text) if p.strip()]
    if len(words) > max_tokens:
        out = "".join(pieces(text)[: _piece_index_after_words(text, max_tokens)])
        return Reply(out, "max_tokens", None, count_tokens(out))
    if stop_at is not None:
        return Reply(text, "stop_sequence", stop_seq, count_tokens(text))
    return Reply(text, "end", None, count_tokens(text))


def _piece_index_after_words(text: str, n: int) -> int:
    seen = 0
    for i, piece in enumerate(pieces(text)):
        if piece.strip():
            seen += 1
            if seen == n:
                return i + 1
    return len(pieces(text))


def input_tokens(conv: Conversation) -> int:
    return count_tokens(conv.system or "") + sum(count_tokens(t) for _, t in conv.messages) + 1
