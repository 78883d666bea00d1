"""Can these bytes hold a legacy call? Decided from the bytes alone, without parsing.

Most files of a codebase have nothing to migrate; they must cost a byte scan,
and a run that parses nothing must not even import libcst. A legacy call site
needs ``completions`` and either a reference to Anthropic or the
``max_tokens_to_sample`` keyword (see ``analysis._find_calls``). The old
SDK's tokenizer (``count_tokens``, ``get_tokenizer``; rule TCM011) is acted on
only on an Anthropic client or the ``anthropic`` module, so the file names
``anthropic``, and never on a receiver named ``messages``: the current SDK's
``client.messages.count_tokens(...)``, all over code that already uses the
Messages API (and over the SDK itself), does not count. A module reading the
removed ``HUMAN_PROMPT`` / ``AI_PROMPT`` constants (rule TCM010) or the
removed ``Completion`` type (rule TCM014) names ``anthropic`` too. A raw HTTP
request (rule TCM015) names the legacy endpoint, ``/v1/complete``, or its
body names ``max_tokens_to_sample``. ``tests/test_prefilter.py`` checks that
no file the rules act on is ever rejected.
"""

from __future__ import annotations

import re

# The old tokenizer's names as whole identifiers, except after ``messages.``.
_TOKENIZER = re.compile(rb"(?<!\w)(?<!messages\.)(?:count_tokens|get_tokenizer)(?!\w)")


def may_contain_legacy(data: bytes) -> bool:
    if b"completions" in data and (b"anthropic" in data or b"max_tokens_to_sample" in data):
        return True
    if b"/v1/complete" in data or b"max_tokens_to_sample" in data:
        return True
    return b"anthropic" in data and (
        b"HUMAN_PROMPT" in data
        or b"AI_PROMPT" in data
        or b"Completion" in data
        or _TOKENIZER.search(data) is not None
    )
