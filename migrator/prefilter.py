"""Can these bytes hold a legacy call? Decided without parsing.

Most files of a codebase have nothing to migrate; they must cost a byte scan,
and a run that parses nothing must not even import libcst. A legacy call site
needs ``completions`` (``completion`` and ``completion_stream`` on a pre-0.3
``anthropic.Client``) and either a reference to Anthropic or the
``max_tokens_to_sample`` keyword (see ``analysis._find_calls``); the names only
the pre-0.3 SDK had (rule TCM017) are read from ``anthropic`` too. The old
SDK's tokenizer (``count_tokens``, ``get_tokenizer``; rule TCM011) is acted on
only on an Anthropic client or the ``anthropic`` module, so the file names
``anthropic``, and so does a module reading the removed ``HUMAN_PROMPT`` /
``AI_PROMPT`` constants (rule TCM010) or the removed ``Completion`` type
(rule TCM014). A raw HTTP request (rule TCM015) names the legacy endpoint,
``/v1/complete``, or its body names ``max_tokens_to_sample``. A
``# migrator: ignore`` comment is read too (rule TCM016 reports one that
silences nothing). The test below never rejects a file the rules would act on.
"""

from __future__ import annotations


def may_contain_legacy(data: bytes) -> bool:
    if b"completion" in data and (b"anthropic" in data or b"max_tokens_to_sample" in data):
        return True
    if b"/v1/complete" in data or b"max_tokens_to_sample" in data or b"migrator:" in data:
        return True
    return b"anthropic" in data and (
        b"count_tokens" in data
        or b"get_tokenizer" in data
        or b"HUMAN_PROMPT" in data
        or b"AI_PROMPT" in data
        or b"Completion" in data
        or b"ApiException" in data
        or b"ANTHROPIC_CLIENT_VERSION" in data
        or b"anthropic.api" in data
        or b"anthropic.constants" in data
        or b"anthropic.tokenizer" in data
    )
