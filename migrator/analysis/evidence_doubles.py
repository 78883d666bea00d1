"""The test doubles of the legacy API the evidence scan reads: a patch of ``create`` on a
client's ``completions``, a mocked client configured to answer a legacy completion, and
the registrations of HTTP mocking libraries that serve ``/v1/complete``.
"""

from __future__ import annotations

import ast
import re

from migrator.analysis.evidence_nodes import ENDPOINT, _dotted, last_name

DOUBLE_WHAT = "a test double replaces"
# ``patch.object(x, "create")``, ``mocker.patch.object(...)``, ``monkeypatch.setattr(x, "create", f)``
_PATCHERS = frozenset({"object", "setattr"})


def patched_create(node: ast.Call) -> ast.Attribute | None:
    """``x.completions`` when ``node`` puts a double on its ``create``."""
    if last_name(node.func) not in _PATCHERS or len(node.args) < 2:
        return None
    target, name = node.args[0], node.args[1]
    if not (isinstance(name, ast.Constant) and name.value in ("create", "acreate")):
        return None
    if not (isinstance(target, ast.Attribute) and target.attr == "completions"):
        return None
    if isinstance(target.value, ast.Attribute) and target.value.attr == "chat":
        return None  # OpenAI's chat completions
    return target


# ``patch("app.client.completions.create")``: a dotted path to a client's ``create``.
_STRING_PATCHERS = frozenset({"patch", "setattr"})
_CREATE_PATH = re.compile(r"^([A-Za-z_][\w.]*)\.completions\.a?create$")


def patched_create_path(node: ast.Call) -> str | None:
    """``app.client`` when ``node`` patches ``create`` of its ``completions`` by a dotted
    path (not the SDK's own classes, not OpenAI's ``chat.completions``)."""
    if last_name(node.func) not in _STRING_PATCHERS or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    found = _CREATE_PATH.match(first.value)
    if found is None:
        return None
    owner = found.group(1)
    if owner.startswith(("anthropic.", "openai.")) or owner.endswith(".chat") or "." not in owner:
        return None
    return owner


# How a double of ``create`` reached through a mocked client is configured: what it returns,
# or what its successive calls return.
_CONFIGURED = frozenset({"return_value", "side_effect"})
# A legacy completion's fields, as a double's answer is given them.
_ANSWER_FIELDS = frozenset({"completion", "stop_reason"})


def configured_create(target: ast.expr, value: ast.expr) -> ast.Attribute | None:
    """``x.completions.create`` when ``target = value`` makes the double reached through a
    mocked client answer a legacy completion: ``x.completions.create.return_value.completion
    = ...`` (or ``.stop_reason``), or ``.return_value`` / ``.side_effect`` given objects built
    with those fields (``Mock(completion=...)``). A mock takes any attribute, so no patch
    fails once the code under test is migrated: the double is just never called. OpenAI's
    legacy answers hold ``choices``, never these fields."""
    if isinstance(target, ast.Attribute) and target.attr in _ANSWER_FIELDS:
        target = target.value
        if not (isinstance(target, ast.Attribute) and target.attr == "return_value"):
            return None
    elif not (
        isinstance(target, ast.Attribute)
        and target.attr in _CONFIGURED
        and _builds_an_answer(value)
    ):
        return None
    create = target.value
    if not (isinstance(create, ast.Attribute) and create.attr in ("create", "acreate")):
        return None
    resource = create.value
    if not (isinstance(resource, ast.Attribute) and resource.attr == "completions"):
        return None
    if isinstance(resource.value, ast.Attribute) and resource.value.attr == "chat":
        return None  # OpenAI's chat completions
    return create


def _builds_an_answer(value: ast.expr) -> bool:
    """An object built with a legacy completion's fields (``Mock(completion=...)``), or a
    pre-0.3 answer (``{"completion": ...}``), anywhere in ``value``."""
    for part in ast.walk(value):
        if isinstance(part, ast.Call) and any(k.arg in _ANSWER_FIELDS for k in part.keywords):
            return True
        if isinstance(part, ast.Dict) and any(
            isinstance(key, ast.Constant) and key.value == "completion" for key in part.keys
        ):
            return True
    return False


# The registrations and routes of HTTP mocking libraries, by library.
_HTTP_DOUBLE_CALLS = {
    "responses": frozenset({"add", "post", "add_callback", "upsert", "replace"}),
    "respx": frozenset({"post", "route", "request"}),
    "pytest_httpx": frozenset({"add_response", "add_callback"}),
}


# The registrations no request method shares a name with: any receiver's is a double.
_ONLY_DOUBLES = {
    "responses": frozenset({"add", "add_callback", "upsert", "replace"}),
    "respx": frozenset({"route"}),
}
# What builds a mock of ``responses`` or ``respx`` that registrations are made on.
_MOCK_FACTORIES = frozenset({"RequestsMock", "MockRouter", "Router"})


def http_mock_names(node: ast.AST) -> list[str]:
    """The names ``node`` binds to a mock of ``responses`` or ``respx``: ``rsps`` of ``with
    responses.RequestsMock() as rsps`` or ``router = respx.mock(base_url=...)``."""
    pairs: list[tuple[ast.expr, ast.expr | None]] = []
    if isinstance(node, (ast.With, ast.AsyncWith)):
        pairs = [(item.context_expr, item.optional_vars) for item in node.items]
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        pairs = [(node.value, node.targets[0])]
    return [
        target.id
        for value, target in pairs
        if isinstance(target, ast.Name)
        and isinstance(value, ast.Call)
        and (
            last_name(value.func) in _MOCK_FACTORIES
            or _dotted(value.func)[:1] in (["responses"], ["respx"])
        )
    ]


def http_double_library(
    node: ast.Call, imported: set[str], mocks: set[str] | frozenset[str] = frozenset()
) -> str | None:
    """The mocking library ``node`` registers a double with, if any: one the module imports
    (``responses``, ``respx``), or pytest-httpx's ``httpx_mock`` fixture. ``mocks``: the
    names bound to a mock of theirs; ``session.post(...)`` on anything else is a request."""
    method = last_name(node.func)
    receiver = _dotted(node.func)[:-1]
    if not receiver:
        return None
    if receiver == ["httpx_mock"]:  # pytest-httpx's fixture
        library: str | None = "pytest_httpx"
    elif receiver[0] in ("respx", "respx_mock"):  # the module, or respx's pytest fixture
        library = "respx"
    elif receiver[0] == "responses":
        library = "responses"
    else:  # ``rsps.add(...)``, ``router.post(...)``: the one library the module imports
        mocking = imported & {"responses", "respx"}
        library = mocking.pop() if len(mocking) == 1 else None
        if (
            library is not None
            and receiver[0] not in mocks
            and method not in _ONLY_DOUBLES[library]
        ):
            return None  # ``session.post(...)``, ``requests.post(...)``: a request
    if library is None or method not in _HTTP_DOUBLE_CALLS[library]:
        return None
    return (
        library
        if library == "pytest_httpx" or library in imported or receiver[0] == "respx_mock"
        else None
    )


def double_urls(node: ast.Call) -> list[ast.expr]:
    """What a double's registration may be given as its URL."""
    return [*node.args, *(k.value for k in node.keywords if k.arg in ("url", "path"))]


def answers_a_completion(node: ast.Call) -> bool:
    """A registration whose body (``json={...}``, ``body=json.dumps({...})``) is a Text
    Completions answer: a dict with a ``completion`` key."""
    bodies = [keyword.value for keyword in node.keywords if keyword.arg in ("json", "body")]
    return any(
        isinstance(part, ast.Dict)
        and any(isinstance(key, ast.Constant) and key.value == "completion" for key in part.keys)
        for body in bodies
        for part in ast.walk(body)
    )


def served_constants(tree: ast.Module, libraries: set[str], mocks: set[str]) -> set[int]:
    """The nodes of module constants that name the endpoint and are read only in the URLs
    of HTTP doubles (``URL = ".../v1/complete"``, ``responses.add(responses.POST, URL,
    ...)``), or in the values of other such constants: the doubles serve them. Each
    read of such a constant is among them, so that its double says it serves the endpoint."""
    values: dict[str, ast.expr] = {}
    for statement in tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            values[statement.targets[0].id] = statement.value
    if not any(names_endpoint(part) for value in values.values() for part in ast.walk(value)):
        return set()  # no constant names the endpoint: none is served
    stores: dict[str, int] = {}
    loads: dict[str, list[int]] = {}
    in_urls: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loads.setdefault(node.id, []).append(id(node))
            else:
                stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.Call) and http_double_library(node, libraries, mocks):
            in_urls.update(id(part) for url in double_urls(node) for part in ast.walk(url))
    candidates = {
        name: value
        for name, value in values.items()
        if stores.get(name) == 1 and any(names_endpoint(part) for part in ast.walk(value))
    }
    served: set[int] = set()
    changed = True
    while changed:  # a constant read only in the value of a served one is served too
        changed = False
        for name, value in list(candidates.items()):
            if all(use in in_urls for use in loads.get(name, [])) and name in loads:
                parts = {id(part) for part in ast.walk(value)}
                served |= parts | set(loads[name])
                in_urls |= parts
                del candidates[name]
                changed = True
    return served


def names_endpoint(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ENDPOINT.search(node.value) is not None
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
        return ENDPOINT.search(text) is not None
    return False
