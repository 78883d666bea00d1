"""What a name is in ``unittest.mock``, and where a patch puts its double.

Test doubles are recognised by where their names come from, not by how they
are spelled: ``mock.patch``, ``from unittest.mock import patch as p`` and
pytest-mock's ``mocker.patch`` all resolve to ``patch``, and pytest's
``monkeypatch.setattr`` to ``setattr`` (:func:`patch_api`). :func:`bound_double`
finds the name a test reaches its double by, or raises :class:`Unprovable`.
"""

from __future__ import annotations

import libcst as cst

# The classes a double (or a value a double returns) is built from.
MOCKS = frozenset({"Mock", "MagicMock", "NonCallableMock", "NonCallableMagicMock", "AsyncMock"})
# pytest fixtures, parameters known by name, that put doubles in place.
_FIXTURES = frozenset({"mocker", "monkeypatch"})


class Unprovable(Exception):
    """Why a double cannot be shown to fit the messages resource."""


def call_scope(analysis, call: cst.Call):  # type: ignore[no-untyped-def]
    """Where the names of ``call`` resolve: a decorator's in the scope around its function."""
    decorator = analysis.parent(call)
    if isinstance(decorator, cst.Decorator):
        return analysis.scope_of[analysis.parent(decorator)]
    return analysis.scope_of[call]


def mock_api(analysis, node: cst.BaseExpression, scope) -> str | None:  # type: ignore[no-untyped-def]
    """``patch``, ``patch.object``, ``Mock``...: what ``node`` is in ``unittest.mock``.

    ``mock`` (the backport) counts as ``unittest.mock``, and so does
    ``mocker``, pytest-mock's fixture, when it is a parameter.
    """
    found = origin(analysis, node, scope)
    for library in ("unittest.mock.", "mock.", "mocker."):
        if found is not None and found.startswith(library):
            return found[len(library) :]
    return None


def patch_api(analysis, node: cst.BaseExpression, scope) -> str | None:  # type: ignore[no-untyped-def]
    """``patch``, ``patch.object`` or ``setattr``: how a call of ``node`` puts a double in place.

    ``setattr`` is pytest's ``monkeypatch.setattr``, which takes the double
    itself (``setattr(obj, "name", double)`` or ``setattr("dotted.path", double)``)
    and returns nothing.
    """
    if origin(analysis, node, scope) == "monkeypatch.setattr":
        return "setattr"
    api = mock_api(analysis, node, scope)
    return api if api in ("patch", "patch.object") else None


def origin(analysis, node: cst.BaseExpression, scope) -> str | None:  # type: ignore[no-untyped-def]
    """The dotted name ``node`` was imported as, or None.

    pytest's fixtures are parameters, known by name: ``mocker`` (pytest-mock)
    and ``monkeypatch``.
    """
    if isinstance(node, cst.Attribute):
        base = origin(analysis, node.value, scope)
        return f"{base}.{node.attr.value}" if base else None
    if not isinstance(node, cst.Name):
        return None
    found = analysis.lookup(node.value, scope)
    if found is None or len(found[1]) != 1:
        return None
    binding = found[1][0]
    statement = binding.node
    if binding.kind == "param":
        return node.value if node.value in _FIXTURES else None
    if isinstance(statement, cst.Import):
        return binding.qualified
    if (
        isinstance(statement, cst.ImportFrom)
        and statement.module is not None
        and not statement.relative
        and not isinstance(statement.names, cst.ImportStar)
    ):
        module = cst.helpers.get_full_name_for_node(statement.module)
        for alias in statement.names:
            name = cst.helpers.get_full_name_for_node(alias.name)
            local = alias.asname.name if alias.asname is not None else alias.name
            if isinstance(local, cst.Name) and local.value == node.value:
                return f"{module}.{name}"
    return None


def positional(call: cst.Call) -> int:
    """How many arguments ``call`` is given by position."""
    return sum(1 for arg in call.args if arg.keyword is None)


def short(analysis, node: cst.CSTNode) -> str:  # type: ignore[no-untyped-def]
    """Source of ``node`` on one line, cut to fit in a comment."""
    code = " ".join(analysis.module.code_for_node(node).split()).replace("( ", "(")
    return code if len(code) <= 50 else code[:47] + "..."


# --- where a patch puts its double ------------------------------------------------
def bound_double(analysis, call: cst.Call):  # type: ignore[no-untyped-def]
    """The name the double of ``call`` is bound to and the scope owning it; None when nothing is."""
    scope = call_scope(analysis, call)
    # pytest-mock's ``mocker.patch(...)`` returns the double itself.
    returns_double = origin(analysis, call.func, scope) in ("mocker.patch", "mocker.patch.object")
    node: cst.CSTNode = call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Decorator):
        return _injected(analysis, parent, scope)
    if isinstance(parent, cst.WithItem) and not returns_double:
        if parent.asname is None:
            return None
        if not isinstance(parent.asname.name, cst.Name):
            raise Unprovable("the double is unpacked")
        return parent.asname.name.value, analysis.scope_of[parent]
    if returns_double:
        pass
    elif isinstance(parent, cst.Attribute) and parent.attr.value == "start":
        started = analysis.parent(parent)  # ``patch(...).start()`` returns the double
        if isinstance(started, cst.Call) and not started.args:
            node, parent = started, analysis.parent(started)
    else:
        raise Unprovable("the patcher is kept, and what it is given later is out of sight")
    if isinstance(parent, cst.Expr):
        return None
    if (
        isinstance(parent, cst.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0].target, cst.Name)
    ):
        return parent.targets[0].target.value, analysis.scope_of[parent]
    raise Unprovable("the double is kept where the tool cannot follow it")


def _injected(analysis, decorator: cst.Decorator, scope):  # type: ignore[no-untyped-def]
    """The parameter a ``@patch(...)`` decorator passes its double in.

    Patch decorators pass their doubles first (after ``self``), the one
    nearest the function first; any decorator that might pass arguments
    of its own makes the count unprovable.
    """
    function = analysis.parent(decorator)
    if not isinstance(function, cst.FunctionDef):
        raise Unprovable("it decorates a class, and each of its tests gets the double")
    decorators = list(function.decorators)
    below = 0
    for index, other in enumerate(decorators):
        passes = _passes_double(analysis, other, scope)
        if passes is None:
            raise Unprovable(
                f"`@{short(analysis, other.decorator)}` may pass the test arguments too"
            )
        if index > decorators.index(decorator):
            below += passes
    params = [*function.params.posonly_params, *function.params.params]
    position = below + (1 if analysis.scope_of[function].kind == "class" else 0)
    if position >= len(params):
        raise Unprovable("the test has no parameter for the double")
    return params[position].name.value, analysis.scope_of[function.body]


def _passes_double(analysis, decorator: cst.Decorator, scope) -> bool | None:  # type: ignore[no-untyped-def]
    """Whether a decorator passes the test one double, none, or (None) perhaps anything."""
    expression = decorator.decorator
    func = expression.func if isinstance(expression, cst.Call) else expression
    api = mock_api(analysis, func, scope)
    if api in ("patch", "patch.object") and isinstance(expression, cst.Call):
        fixed = 2 if api == "patch.object" else 1
        given = any(
            arg.keyword is not None and arg.keyword.value == "new" for arg in expression.args
        )
        return not given and positional(expression) <= fixed
    if api == "patch.dict":
        return False
    dotted = cst.helpers.get_full_name_for_node(func) or ""
    if dotted.startswith("pytest.mark.") or dotted.rpartition(".")[2].startswith("skip"):
        return False
    return None
