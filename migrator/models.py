"""Which live model a retired Text Completions model name becomes.

Every model that the Text Completions API served (Claude 1, Claude 2, Claude
Instant) is retired, and the Messages API wants a full model name. This table
is the single place that decides the replacement; users override it with
``--target-model`` or ``[tool.migrator.models]``.
"""

from __future__ import annotations

import re

DEFAULT_TARGET = "claude-sonnet-5-5"
DEFAULT_INSTANT_TARGET = "claude-haiku-4-5"
DEFAULT_PREFILL_TARGET = "claude-haiku-4-5"

# Models known to accept an assistant prefill (a final assistant message).
# Newer models answer a prefill with HTTP 400 "Prefill not supported".
DEFAULT_PREFILL_MODELS = (
    "claude-haiku-4-5",
    "claude-haiku-4-5-20251001",
    "claude-opus-4-5",
    "claude-opus-4-5-20251101",
)

# Also written into the runtime converter (migrator.runtime): plain patterns.
INSTANT_PATTERN = r"^claude-instant(-v?1(\.\d+)?)?(-100k)?$"
LEGACY_PATTERN = r"^claude-(v1|1|2)(\.\d+)?(-100k)?$"
_INSTANT = re.compile(INSTANT_PATTERN)
_CLAUDE_1_2 = re.compile(LEGACY_PATTERN)


def is_instant(model: str) -> bool:
    return bool(_INSTANT.match(model))


def is_legacy(model: str) -> bool:
    """A model name that only Text Completions served: retired on every API."""
    return is_instant(model) or bool(_CLAUDE_1_2.match(model))


# Bedrock ids of the models that took the Text Completions body (with an
# optional region prefix such as ``us.``): retired like their first-party twins.
_LEGACY_BEDROCK = re.compile(r"^([a-z]{2,}\.)?anthropic\.claude-(v1|v2|instant-v1)(:\d+)?(:\d+k)?$")


def is_legacy_bedrock(model_id: str) -> bool:
    return bool(_LEGACY_BEDROCK.match(model_id))


# The Bedrock models a retired Claude id becomes when [tool.migrator.bedrock_models]
# has no entry for it. Current Claude models on Bedrock are served through
# cross-Region inference profiles; these global ones are on AWS's model cards
# ("Programmatic Access", docs.aws.amazon.com/bedrock/latest/userguide/
# model-card-anthropic-claude-sonnet-4-6.html and ...-haiku-4-5.html). A global
# profile may serve a request from any commercial Region: the finding says so.
BEDROCK_TARGET = "global.anthropic.claude-sonnet-4-6"
BEDROCK_INSTANT_TARGET = "global.anthropic.claude-haiku-4-5-20251001-v1:0"
# Claude Sonnet 4.6 answers an assistant prefill with a 400; Haiku 4.5 takes one.
BEDROCK_PREFILL_TARGET = "global.anthropic.claude-haiku-4-5-20251001-v1:0"


def is_instant_bedrock(model_id: str) -> bool:
    return is_legacy_bedrock(model_id) and "instant" in model_id
