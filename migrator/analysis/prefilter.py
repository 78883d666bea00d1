"""Can these bytes hold a legacy call? Decided from the bytes alone, without parsing.

Most files of a codebase have nothing to migrate; they must cost a byte scan,
and a run that parses nothing must not even import libcst. A legacy call site
needs ``completions`` (``completion`` and ``completion_stream`` on a pre-0.3
``anthropic.Client``) and either a reference to Anthropic or the
``max_tokens_to_sample`` keyword (see ``analysis._find_calls``); the names only
the pre-0.3 SDK had (rule TCM017) are read from ``anthropic`` too, and so is
its client given its key by position (``Client(key)``) or its own options
(``api_url=``, ``proxy_url=``, ``default_request_timeout=``). The old
SDK's tokenizer (``count_tokens``, ``get_tokenizer``; rule TCM011) is acted on
only on an Anthropic client or the ``anthropic`` module, so the file names
``anthropic``; and only as an attribute of a name or of ``name.attr`` other
than ``messages`` (the rule resolves no longer receivers), of a call, or in an
import. So the current SDK's ``client.messages.count_tokens(...)``, all over
code that already uses the Messages API (and over the SDK itself), its
``def count_tokens``, its ``"/v1/messages/count_tokens"`` and dotted names in
strings (``"anthropic.message.count_tokens"``) do not count. A module reading the
removed ``HUMAN_PROMPT`` / ``AI_PROMPT`` constants (rule TCM010) or the
removed ``Completion`` type (rule TCM014) names ``anthropic`` too. A raw HTTP
request (rule TCM015) names the legacy endpoint, ``/v1/complete``, or its
body names ``max_tokens_to_sample``. A test double put on ``completions.create``
and given a legacy completion's field is reported by rule TCM020 wherever the
client comes from, and so is an HTTP double (``responses``, ``respx``,
pytest-httpx) that answers with a legacy completion. So is the answer of Bedrock's
``invoke_model`` read for ``"completion"`` (``migrator.analysis.bedrock_answers``), whatever
else the module names. ``tests/test_prefilter.py`` checks that
no file the rules act on is ever rejected.
A ``# migrator: ignore`` comment is read too (rule TCM019 reports one that
silences nothing).
"""

from __future__ import annotations

import re

from migrator.analysis.bedrock_answers import may_read_answers

# A retired Claude id of Bedrock (``anthropic.claude-v2``), which took only Text Completions.
RETIRED_BEDROCK_ID = re.compile(rb"anthropic\.claude-(?:v1|v2|instant-v1)\b")
# The pre-0.3 SDK's client methods, called (rule TCM017), and the names only it had.
_SDK02_CALL = re.compile(rb"\.a?completion(?:_stream)?\s*\(")
_SDK02_NAMES = (
    b"ApiException",
    b"ANTHROPIC_CLIENT_VERSION",
    b"anthropic.api",
    b"anthropic.constants",
    b"anthropic.tokenizer",
)
# ``Client(key)`` / ``Anthropic(key)``: the pre-0.3 client given its key by position, which
# the current one refuses (rule TCM017 passes it as ``api_key=``); or the class imported
# under another name (``Client as C``), which the ``ast`` tier follows to its calls. A
# class of that name (the SDK's own ``class Anthropic(SyncAPIClient)``) is no call.
# Options only the pre-0.3 client took (``anthropic.Client(api_key=k, api_url=u)``).
_SDK02_OPTIONS = (b"api_url", b"proxy_url", b"default_request_timeout")
# One pattern per name, each starting with its name and looking behind it from there: a
# pattern that starts with a literal is searched for that literal first, several times
# faster than one that starts with a look-behind or an alternation.
_CLIENT_BY_POSITION = tuple(
    (
        name,
        re.compile(
            name + rb"(?<!class " + name + rb")(?<!\w" + name + rb")"
            rb"(?:[\s\\]*\((?![\s\\]*(?:\)|\*\*|\w+[\s\\]*=(?!=)))|[\s\\]+as[\s\\]+\w)"
        ),
    )
    for name in (b"Client", b"Anthropic")
)
# A class that subclasses the pre-0.3 client (``class Claude(anthropic.Client):``, one
# base of several), whose ``super().__init__(key)``, or whose own construction, may give
# the key by position.
# (Starting with the literal, not ``\b``: the engine then finds each ``class`` by a fast
# scan, where a leading ``\b`` has it try every position.)
CLIENT_SUBCLASS = re.compile(
    rb"class[\s\\]+\w+[\s\\]*\((?:[^()]*,)?[\s\\]*(?:anthropic[\s\\]*\.[\s\\]*)?"
    rb"Client[\s\\]*[,)]"
)
# ``.completion``, ``completion=``, ``"completion"``: a legacy completion's field.
_COMPLETION_SHAPE = re.compile(rb"\.completion\b|\bcompletion\s*=|[\"']completion[\"']")
# The old tokenizer's names as whole identifiers.
_TOKENIZER = re.compile(rb"(?<!\w)(?:count_tokens|get_tokenizer)(?!\w)")
_NAME_BEFORE = re.compile(rb"(\w+)[\s\\]*$")
_SPACE = b" \t\r\n\\\f"
# How far back a receiver is read: further than any plausible ``self.client.``.
_LOOK_BACK = 200


def tokenizer_use(data: bytes) -> bool:
    """A use of the old tokenizer that the rule could act on (see the module docstring)."""
    if b"count_tokens" not in data and b"get_tokenizer" not in data:
        return False  # two scans of the bytes cost far less than the regular expression's one
    for match in _TOKENIZER.finditer(data):
        before = data[max(0, match.start() - _LOOK_BACK) : match.start()].rstrip(_SPACE)
        if not before.endswith(b"."):
            if before.endswith((b",", b"(")) or before.endswith(b"import"):
                return True  # ``from anthropic import count_tokens``
            continue
        names = []
        in_string = False
        while before.endswith(b"."):
            before = before[:-1].rstrip(_SPACE)
            found = _NAME_BEFORE.search(before)
            if found is None:
                break  # the receiver is a call, a subscript or parentheses
            names.append(found.group(1))
            # A dotted name right after a quote is text in a string, such as
            # "anthropic.message.count_tokens" (no expression can follow a quote).
            in_string = before[: found.start()].endswith((b'"', b"'"))
            before = before[: found.start()].rstrip(_SPACE)
        else:
            # ``x.count_tokens`` or ``self.client.count_tokens``: a name or attribute of one
            if 1 <= len(names) <= 2 and names[0] != b"messages" and not in_string:
                return True
            continue
        if not names:
            return True  # ``Anthropic().count_tokens``
    return False


def _client_by_position(data: bytes) -> bool:
    """A client class given something before its first keyword (which of them are
    Anthropic's, the ``ast`` tier decides)."""
    # plain scans first: most files name neither
    return any(name in data and pattern.search(data) for name, pattern in _CLIENT_BY_POSITION)


# A patch, or a double configured on a mocked client (``.return_value``, ``.side_effect``).
_DOUBLE_WORDS = (b"patch", b"setattr", b"return_value", b"side_effect")


def _double_of_completions(data: bytes) -> bool:
    """A test that patches ``create`` of a ``completions`` resource, or configures it on a
    mocked client, and gives it, or reads, a legacy completion's field (rule TCM020 reports
    it: ``evidence_doubles.patched_create``, ``evidence_doubles.configured_create``); or that patches the
    ``create`` of a client another module of the project builds (``patch.object(
    app.client.completions, "create")``, which the ``ast`` tier follows)."""
    return (
        b"completions" in data
        and any(word in data for word in _DOUBLE_WORDS)
        and (_COMPLETION_SHAPE.search(data) is not None or _PATCHED_CREATE.search(data) is not None)
    )


_PATCHED_CREATE = re.compile(rb"completions(?:\s*,\s*[\"']|\.)a?create[\"']")


def may_contain_legacy(data: bytes) -> bool:
    # Most files name nothing of this: a few scans decide them.
    if b"anthropic" not in data:
        # Then only the keyword no other vendor uses, or the endpoint, make a site.
        # (rule TCM020 reports them on any receiver), or the marker constants read from
        # an object or another module, or the pre-0.3 SDK's streaming methods.
        # Each scan reads the whole file: the endpoint, the streaming methods and the
        # doubles all hold ``complet``, which one scan rules out in most files.
        return (
            b"max_tokens_to_sample" in data
            or b"migrator:" in data
            or (b"_PROMPT" in data and (b"HUMAN_PROMPT" in data or b"AI_PROMPT" in data))
            or (
                b"complet" in data
                and (
                    b"/v1/complete" in data
                    or b"completion_stream" in data
                    or _double_of_completions(data)
                    or _http_double_answering_a_completion(data)
                    or may_read_answers(data)
                    or _answer_read_as_completion(data)
                )
            )
        )
    return (
        b"completions" in data
        or b"/v1/complete" in data
        or b"max_tokens_to_sample" in data
        or b"HUMAN_PROMPT" in data
        or b"AI_PROMPT" in data
        or b"Completion" in data
        or b"migrator:" in data
        or (b"completion" in data and _SDK02_CALL.search(data) is not None)
        or any(name in data for name in _SDK02_NAMES)
        or _client_by_position(data)
        or (b"class" in data and CLIENT_SUBCLASS.search(data) is not None)
        or any(option in data for option in _SDK02_OPTIONS)
        or tokenizer_use(data)
        or _http_double_answering_a_completion(data)
        or may_read_answers(data)
        or (b"invoke_model" in data and RETIRED_BEDROCK_ID.search(data) is not None)
    )


def _answer_read_as_completion(data: bytes) -> bool:
    """``completions.create`` whose answer may be read for ``.completion``, which only a
    Text Completions response or event has: on a client built in another module."""
    return b"completions.create" in data and COMPLETION_READ.search(data) is not None


# ``.completion`` read on a value: not a string's ``"chat.completion"``, nor a module's name.
COMPLETION_READ = re.compile(rb"\.[\s\\]*completion\b(?![\"'])(?!\.chunk)(?![\s\\]*import\b)")
_HTTP_DOUBLES = (b"responses", b"respx", b"httpx_mock")
# ``"completion"`` or ``'completion'``: two plain scans, many times faster than a pattern
# that starts with a class of characters (and ``responses`` is in most of OpenAI's files).
_COMPLETION_KEY = (b'"completion"', b"'completion'")


def _http_double_answering_a_completion(data: bytes) -> bool:
    """A test that registers a legacy completion as an HTTP double's answer, at a URL
    that may be the code's own (``responses.add(POST, svc.API_URL, json={"completion":
    ...})``): rule TCM020 reports it."""
    return any(key in data for key in _COMPLETION_KEY) and any(
        name in data for name in _HTTP_DOUBLES
    )
