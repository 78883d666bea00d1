"""Which live model a retired Text Completions model name becomes.

Every model that the Text Completions API served (Claude 1, Claude 2, Claude
Instant) is retired, and the Messages API wants a full model name. This table
is the single place that decides the replacement; users override it with
``--target-model`` or ``[tool.migrator.models]``, which must name a current model:
one of :data:`CURRENT_MODELS`, one the installed SDK lists, or, with
``allow_unknown_model``, any ``claude-`` name (a model newer than both).
"""

from __future__ import annotations

import functools
import re

# The current Claude models on the Messages API, newest families first: what a retired
# name may become. The fake API (migrator.testing) serves exactly these.
CURRENT_MODELS: tuple[str, ...] = (
    "claude-opus-5-5",
    "claude-sonnet-5-5",
    "claude-haiku-5-5",
    "claude-opus-4-6",
    "claude-sonnet-4-6",
    "claude-haiku-4-5",
    "claude-haiku-4-5-20251001",
    "claude-opus-4-5",
    "claude-opus-4-5-20251101",
    "claude-sonnet-4-5",
    "claude-sonnet-4-5-20250929",
)

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

# Also written into the runtime converter (migrator.runtime.helpers): plain patterns.
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


def is_other_bedrock_vendor(model_id: str) -> bool:
    """A Bedrock model id that names no Anthropic model (Titan, Cohere, AI21, Meta...): its
    requests and answers are not Claude's, in either format. Anthropic's ids, and the
    inference profiles and ARNs that serve them, all hold ``anthropic.``."""
    return "anthropic." not in model_id


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
# The ``anthropic_version`` of a Messages body on Bedrock (ChatBedrock writes it too).
BEDROCK_VERSION = "bedrock-2023-05-31"


def is_instant_bedrock(model_id: str) -> bool:
    return is_legacy_bedrock(model_id) and "instant" in model_id


# --- which names a setting may give as a live model --------------------------------------------


def is_current(model: str) -> bool:
    """A model the tool or the installed current SDK knows; legacy names never are."""
    return not is_legacy(model) and (model in CURRENT_MODELS or model in sdk_models())


def may_be_newer(model: str) -> bool:
    """A name ``allow_unknown_model`` lets through: a Claude model newer than the tool."""
    return model.startswith("claude-") and not is_legacy(model)


def suggestions(model: str, count: int = 5) -> list[str]:
    """A few valid names for an error message: the closest to ``model``, then the defaults."""
    import difflib

    known = [*CURRENT_MODELS, *sorted(sdk_models() - set(CURRENT_MODELS))]
    close = difflib.get_close_matches(model, known, n=3, cutoff=0.75)
    undated = [name for name in CURRENT_MODELS if not re.search(r"-\d{8}$", name)]
    preferred = [DEFAULT_TARGET, DEFAULT_INSTANT_TARGET, *undated]
    return list(dict.fromkeys([*close, *preferred]))[:count]


@functools.lru_cache(maxsize=1)
def sdk_models() -> frozenset[str]:
    """The model names the installed ``anthropic`` SDK lists, if it is 1.0 or newer.

    Read from its source (``anthropic/types/model.py``'s ``Literal``) rather than
    imported: importing the SDK costs more than a whole run over clean files. An SDK
    below 1.0 cannot run migrated code, and its list holds retired models: it is not
    asked. Empty when there is no SDK or its files do not have the expected shape.
    """
    import ast
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("anthropic")
    except (ImportError, ValueError):
        return frozenset()
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        version = (package / "_version.py").read_text(encoding="utf-8")
        source = (package / "types" / "model.py").read_text(encoding="utf-8")
        tree = ast.parse(source)
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return frozenset()
    major = re.search(r"""__version__\s*=\s*["'](\d+)\.""", version)
    if major is None or int(major.group(1)) < 1:
        return frozenset()
    return frozenset(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith("claude-")
    )


# Current Claude models answer 400 to a request that sets both ``temperature`` and
# ``top_p``: where both would stay on the wire, ``top_p`` goes, with this reason.
ONE_SAMPLING = "current Claude models take `temperature` or `top_p`, not both"


def top_p_removed(value: str, see: str = "") -> str:
    """The ``# migrator: removed`` comment for a ``top_p`` dropped beside ``temperature``."""
    return f"# migrator: removed top_p={value} ({ONE_SAMPLING}{f'; see {see}' if see else ''})"
