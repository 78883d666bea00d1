"""A fake Anthropic API (legacy Text Completions + Messages) for the differential tests."""

from .contract import (
    LIVE_MODELS,
    NO_SAMPLING_VERSION,
    PREFILL_REJECTING_MODELS,
    RecordedRequest,
    is_legacy_model,
)
from .conversation import (
    AI_PROMPT,
    HUMAN_PROMPT,
    STOP_WORD,
    Conversation,
    ConversationError,
    PromptError,
    Reply,
    conversation_from_messages,
    generate,
    parse_legacy_prompt,
)
from .server import FakeAnthropic, Recording

__all__ = [
    "AI_PROMPT",
    "HUMAN_PROMPT",
    "LIVE_MODELS",
    "NO_SAMPLING_VERSION",
    "PREFILL_REJECTING_MODELS",
    "STOP_WORD",
    "Conversation",
    "ConversationError",
    "FakeAnthropic",
    "PromptError",
    "RecordedRequest",
    "Recording",
    "Reply",
    "conversation_from_messages",
    "generate",
    "is_legacy_model",
    "parse_legacy_prompt",
]
