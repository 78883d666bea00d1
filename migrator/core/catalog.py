"""The rules by name and code, in run order, known without importing a rule module.

Settings (``select``, ``ignore``) and ``# migrator: ignore`` directives name rules by
code or name. Checking those names must not import the rules: rule modules import
libcst, and the rule contract sits above the settings that name them. The registry
finds the rule classes themselves; a test checks that each one's code is the one here.
"""

from __future__ import annotations

# Each rule may rely on the ones before it: the prompt is decomposed before
# system and prefill are placed, and the prefill is known before a model is chosen.
CODES = {
    "completions_create": "TCM001",
    "client_completion": "TCM017",
    "prompt": "TCM002",
    "system_prompt": "TCM003",
    "prefill": "TCM004",
    "max_tokens_to_sample": "TCM005",
    "model": "TCM006",
    "sampling_parameters": "TCM007",
    "stop_sequences": "TCM008",
    "completion": "TCM009",
    "stream": "TCM013",
    "stop_reason": "TCM012",
    "completion_type": "TCM014",
    "prompt_constants": "TCM010",
    "count_tokens": "TCM011",
    "raw_http": "TCM015",
    "invoke_model": "TCM016",
    "langchain_bedrock": "TCM022",
    "httpx_objects": "TCM021",
    "anthropic_pin": "TCM018",
    # After every rule that migrates: it reports the evidence they all left.
    "legacy_evidence": "TCM020",
    # Last: it judges the suppressions once every other rule has reported.
    "unused_suppression": "TCM019",
}
ORDER = tuple(CODES)


class UnknownRule(ValueError):
    pass


def name_of(identifier: str) -> str:
    """The rule ``identifier`` names, by code (``TCM002``, any case) or name (``prompt``)."""
    for name, code in CODES.items():
        if identifier.upper() == code or identifier == name:
            return name
    known = ", ".join(f"{code} ({name})" for name, code in CODES.items())
    raise UnknownRule(f"unknown rule {identifier!r}; known rules: {known}")


def code_of(identifier: str) -> str:
    """The code of the rule ``identifier`` names (see :func:`name_of`)."""
    return CODES[name_of(identifier)]
