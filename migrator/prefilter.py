"""Can these bytes hold a legacy call? Decided without parsing.

Most files of a codebase have nothing to migrate; they must cost a byte scan,
and a run that parses nothing must not even import libcst. A legacy call site
needs ``completions`` and either a reference to Anthropic or the
``max_tokens_to_sample`` keyword (see ``analysis._find_calls``), so the test
below never rejects a file the analysis would act on.
"""

from __future__ import annotations


def may_contain_legacy(data: bytes) -> bool:
    return b"completions" in data and (b"anthropic" in data or b"max_tokens_to_sample" in data)
