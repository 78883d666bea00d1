"""Whether a module's bytes may hold evidence of the legacy API at all, decided without
parsing them: the shortcut that spares most modules the ``ast`` walk of the scan.
"""

from __future__ import annotations

import re

from migrator.analysis.bedrock_answers import may_read_answers
from migrator.analysis.prefilter import CLIENT_SUBCLASS, COMPLETION_READ, RETIRED_BEDROCK_ID

# Bytes one of which every piece of evidence needs, whatever else the module holds.
_ALWAYS = (b"max_tokens_to_sample", b"HUMAN_PROMPT", b"AI_PROMPT", b"/v1/complete")
# Between two tokens, ``[\s\\]*`` allows spaces and a line continued with a backslash.
# The pre-0.3 SDK's streaming methods, called.
_SDK02_STREAM_CALL = re.compile(rb"\.[\s\\]*a?completion_stream[\s\\]*\(")
# A Human/Assistant marker, in a prompt that ``completions.create`` or ``completion`` is given.
_MARKERS = (b"Human:", b"Assistant:")
# An import statement that may name ``anthropic`` (also across a backslash continuation).
IMPORTS_ANTHROPIC = re.compile(rb"\b(?:import|from)[ \t\\](?:[^\n\\]|\\[\s\S])*?\banthropic")
# The legacy SDK's names read on the ``anthropic`` module: ``anthropic.api``.
_SDK_ATTRIBUTE = rb"(?:api|ApiException|count_tokens|get_tokenizer|_tokenizers|tokenizer)\b"
_ON_THE_MODULE = re.compile(
    rb"anthropic[\s\\]*\.[\s\\]*(?:" + _SDK_ATTRIBUTE + rb"|types[\s\\]*\.[\s\\]*Completion\b)"
)
# The same names imported from the SDK (``from anthropic import api``, over lines in
# parentheses too), or read on a name the module is imported as (``import anthropic as ant``).
_SDK_NAME = re.compile(rb"\b" + _SDK_ATTRIBUTE + rb"|\bCompletion\b")
_FROM_ANTHROPIC = re.compile(
    rb"\bfrom[\s\\.]*anthropic[\w.]*[\s\\]*import[\s\\]*(\([^)]*\)|(?:[^\n\\]|\\[\s\S])*)"
)
_ANTHROPIC_AS = re.compile(rb"\banthropic[\s\\]+as[\s\\]+(\w+)")
# ``anthropic.Client(key)``: a client given anything before a keyword, read on the module
# by any name, or imported from it (``from anthropic import Client as C``, then ``C(key)``).
_POSITIONAL_KEY = re.compile(
    rb"anthropic[\s\\]*\.[\s\\]*(?:Client|Anthropic)[\s\\]*\((?![\s\\]*(?:\)|\w+[\s\\]*=(?!=)))"
)
_POSITIONAL_CALL = rb"[\s\\]*\((?![\s\\]*(?:\)|\*\*|\w+[\s\\]*=(?!=)))"
_CLIENT_IMPORTED = re.compile(rb"\b(Client|Anthropic)\b(?:[\s\\]+as[\s\\]+(\w+))?")
_SDK02_OPTION_BYTES = (b"api_url", b"proxy_url", b"default_request_timeout")
_HTTP_DOUBLE_NAMES = (b"responses", b"respx", b"httpx_mock")
_COMPLETION_KEY = re.compile(rb"[\"']completion[\"']")
# ``.completion``, ``completion=``, ``"completion"``: what ``_completion_shape`` reads.
_COMPLETION_SHAPE = re.compile(rb"\.[\s\\]*completion\b|\bcompletion[\s\\]*=|[\"']completion[\"']")
_CREATE_NAMED = re.compile(rb"[\"']a?create[\"']")
_CREATE_PATH_BYTES = re.compile(rb"\.completions\.a?create[\"']")
# ``x.completions.create.return_value`` / ``.side_effect``: a double on a mocked client.
_CHAINED = re.compile(
    rb"completions[\s\\]*\.[\s\\]*a?create[\s\\]*\.[\s\\]*(?:return_value|side_effect)\b"
)


def may_hold(raw: bytes, retargeted: bool = False) -> bool:
    """False when :func:`scan_tree` finds nothing in the module with these bytes, decided
    from bytes alone: the ``ast`` tier (:mod:`migrator.analysis.gate`) walks a module, and the net
    (:mod:`migrator.rewrite.net`) a migrated one, only when this says it may hold evidence.
    ``retargeted``: the scan is given a ``shaped_before`` (a migrated module's doubles may
    have made a completion before; then no shape of one need be left in these bytes).

    Each kind of evidence needs its own bytes (a string implicitly concatenated from pieces,
    or spelled with escapes, is not read; nor is it by the byte prefilter). A new kind of
    evidence names its bytes here; ``tests/test_prefilter.py`` checks every fixture.
    """
    if any(token in raw for token in _ALWAYS):
        return True
    # Plain scans go first: a regular expression reads the bytes many times slower.
    if b"completion_stream" in raw and _SDK02_STREAM_CALL.search(raw) is not None:
        return True
    if any(marker in raw for marker in _MARKERS) and b"prompt" in raw and b"completion" in raw:
        return True
    if b"anthropic" in raw and _names_the_sdk(raw):
        return True
    if b"invoke_model" in raw and RETIRED_BEDROCK_ID.search(raw) is not None:
        return True  # sent to Bedrock with a body the tool may not read
    if b"completion" not in raw:
        return False  # what is left is a test double: on ``completions``, or giving one
    if b"completions.create" in raw and COMPLETION_READ.search(raw) is not None:
        return True  # ``completions.create``'s answer read for ``.completion``
    if may_read_answers(raw):
        return True  # the answer of Bedrock's ``invoke_model`` read for ``completion``
    if any(name in raw for name in _HTTP_DOUBLE_NAMES) and _COMPLETION_KEY.search(raw):
        return True
    if b"completions" in raw and (b"return_value" in raw or b"side_effect" in raw):
        # Given a completion's field, or a ``stop_reason`` (``completions`` holds the rest).
        shaped = b"stop_reason" in raw or _COMPLETION_SHAPE.search(raw) is not None
        if shaped and _CHAINED.search(raw) is not None:
            return True
    if b".completions.a" in raw or b".completions.create" in raw:
        if (b"patch" in raw or b"setattr" in raw) and _CREATE_PATH_BYTES.search(raw):
            return True  # ``patch("app.client.completions.create")``: the tier asks whose
    double = b"completions" in raw and (b"object" in raw or b"setattr" in raw)
    if not (b"MockTransport" in raw or (double and _CREATE_NAMED.search(raw) is not None)):
        return False
    # Whose doubles they are: the module imports the SDK, or made a completion before, or
    # it imports what it patches from a module of the project that may build a client.
    theirs = retargeted or IMPORTS_ANTHROPIC.search(raw) is not None
    shaped = _COMPLETION_SHAPE.search(raw) is not None
    return (b"MockTransport" in raw and shaped and theirs) or (
        double and _CREATE_NAMED.search(raw) is not None and (theirs or shaped or b"import" in raw)
    )


def _names_the_sdk(raw: bytes) -> bool:
    """A name only the legacy SDK had, read on ``anthropic`` or imported from it, or an
    option only its client took."""
    return (
        any(option in raw for option in _SDK02_OPTION_BYTES)
        or _ON_THE_MODULE.search(raw) is not None
        or _POSITIONAL_KEY.search(raw) is not None
        or b"ApiException" in raw
        or (
            IMPORTS_ANTHROPIC.search(raw) is not None
            and (_sdk_name_imported(raw) or CLIENT_SUBCLASS.search(raw) is not None)
        )
    )


def _sdk_name_imported(raw: bytes) -> bool:
    """A legacy SDK name imported from ``anthropic``, or read on a name it is imported as;
    its client given a key by position under either."""
    clients: set[bytes] = set()
    for imported in _FROM_ANTHROPIC.finditer(raw):
        if _SDK_NAME.search(imported.group(1)) is not None:
            return True
        clients.update(
            found.group(2) or found.group(1)
            for found in _CLIENT_IMPORTED.finditer(imported.group(1))
        )
    aliases = {found.group(1) for found in _ANTHROPIC_AS.finditer(raw)}
    if any(
        re.search(rb"\b" + re.escape(alias) + rb"[\s\\]*\.[\s\\]*" + _SDK_ATTRIBUTE, raw)
        for alias in aliases
    ):
        return True
    called = {rb"(?<![\w.])" + re.escape(name) for name in clients}
    called.update(
        rb"\b" + re.escape(alias) + rb"[\s\\]*\.[\s\\]*(?:Client|Anthropic)" for alias in aliases
    )
    return any(re.search(name + _POSITIONAL_CALL, raw) for name in called)
