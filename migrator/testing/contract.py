"""The fake API's contract: the models it serves, what it records of a request, how it refuses one.

Every endpoint checks a body with the same helpers, and refuses with the real API's
error type and message.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from migrator.core.models import CURRENT_MODELS

# --------------------------------------------------------------------------- models

# The models the tool migrates to are the ones the fake serves: one table.
LIVE_MODELS: tuple[str, ...] = CURRENT_MODELS

# Live models that answer a final assistant message (a prefill) with a 400.
PREFILL_REJECTING_MODELS: frozenset[str] = frozenset(
    {
        "claude-opus-5-5",
        "claude-sonnet-5-5",
        "claude-haiku-5-5",
        "claude-opus-4-6",
        "claude-sonnet-4-6",
    }
)

# The largest max_tokens the fake's live models accept on /v1/messages (the
# legacy API clamped max_tokens_to_sample instead of refusing it).
MAX_OUTPUT_TOKENS = 64000

# Before this anthropic-version a Text Completions stream carried the whole
# text so far in each event (the pre-0.3 SDK sends 2023-01-01).
CUMULATIVE_UNTIL = "2023-06-01"

# The anthropic-version from which Messages no longer takes temperature/top_p/top_k.
NO_SAMPLING_VERSION = "2026-10-21"
SAMPLING_KEYS = ("temperature", "top_p", "top_k")

_LEGACY_MODEL = re.compile(r"^claude-(1|2|v1|v2|instant)")


def is_legacy_model(model: str) -> bool:
    """Claude 1, Claude 2 and Instant, aliases and full names: served only by /v1/complete."""
    return bool(_LEGACY_MODEL.match(model))


# --------------------------------------------------------------------------- records


@dataclass
class RecordedRequest:
    method: str
    path: str  # without the /_run/<tag> prefix and without the query
    headers: dict[str, str]  # names lower-cased
    body: Any  # parsed JSON, or None if the body was empty or not JSON
    raw_body: str = ""
    query: str = ""
    status: int = 0
    error_type: str | None = None
    error_message: str | None = None
    tag: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecordedRequest:
        return cls(**data)


class ApiError(Exception):
    def __init__(self, status: int, error_type: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message


def invalid(message: str) -> ApiError:
    return ApiError(400, "invalid_request_error", message)


# --------------------------------------------------------------------------- validation helpers


def require_int(body: dict[str, Any], key: str) -> int:
    if key not in body:
        raise invalid(f"{key}: Field required")
    value = body[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(f"{key}: Input should be a valid integer")
    if value < 1:
        raise invalid(f"{key}: Input should be greater than or equal to 1")
    return value


def require_str(body: dict[str, Any], key: str) -> str:
    if key not in body:
        raise invalid(f"{key}: Field required")
    if not isinstance(body[key], str):
        raise invalid(f"{key}: Input should be a valid string")
    return body[key]


def stop_sequences(body: dict[str, Any]) -> list[str]:
    value = body.get("stop_sequences")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise invalid("stop_sequences: Input should be a valid list of strings")
    return list(value)


BOTH_SAMPLINGS = (
    "temperature and top_p cannot both be specified for this model. Please use only one."
)
# The models that answer so: Claude Opus 4.1, and the 4.5 generation and later.
_ONE_SAMPLING = re.compile(r"claude-(?:opus-4-1|(?:opus|sonnet|haiku)-(?:4-[5-9]|[5-9]))")


def takes_one_sampling(model: str) -> bool:
    """Does ``model`` (an id, or a Bedrock id or profile) refuse ``temperature`` with
    ``top_p``?"""
    return _ONE_SAMPLING.search(model) is not None


def check_common(body: dict[str, Any]) -> None:
    for key, low, high in (("temperature", 0.0, 1.0), ("top_p", 0.0, 1.0)):
        value = body.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise invalid(f"{key}: Input should be a valid number")
            if not low <= value <= high:
                raise invalid(f"{key}: Input should be between {low} and {high}")
    top_k = body.get("top_k")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 0):
        raise invalid("top_k: Input should be a non-negative integer")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise invalid("metadata: Input should be a valid dictionary")
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise invalid("stream: Input should be a valid boolean")
