"""Response type: `anthropic.types.Completion` becomes `Message` in annotations and `isinstance`.

## What it does

In annotations and `isinstance` checks, the legacy response type
`Completion` (imported from `anthropic.types`, `anthropic.types.completion`,
or spelled `anthropic.types.Completion`) becomes `Message`, the type
`messages.create` returns, and its import follows. A `Completion(...)` built
by hand (a fallback or a test double) and any other use are left as they are
and reported: a `Message` is built from different fields.

A test double patched on the removed completions resource moves to the
messages resource. The dotted path given to `mock.patch` (or pytest-mock's
`mocker.patch`) keeps its quotes: `anthropic.resources.Completions.create`
becomes `anthropic.resources.Messages.create`,
`anthropic.resources.completions.Completions.create` becomes
`anthropic.resources.messages.Messages.create`, and `AsyncCompletions`
becomes `AsyncMessages` (each exists in the current SDK). The class given to
`patch.object(anthropic.resources.Completions, "create")` moves the same way.
What the test gives the double is rewritten into the shape the migrated code
reads, with the mock class spelled as the file spells it:

- `Mock(completion=text)` (any mock class, as the `return_value` or in a
  `side_effect` list) becomes `Mock(content=[Mock(type="text", text=text)])`;
- `double.return_value.completion = text` becomes
  `double.return_value.content = [Mock(type="text", text=text)]`;
- `stop_reason="stop_sequence"` becomes `"end_turn"`, how Messages reports
  a natural end (`"max_tokens"` and `None` stay).

A double given nothing, or only exceptions (`side_effect=SomeError`), is
just moved. A check of the arguments the double was called with
(`assert_called_with(prompt=...)`, `call_args`, `mock_calls`, ...) still
describes the legacy request: it is left as it is and reported.

## Why is this bad?

The current SDK has no `anthropic.types.Completion`, no
`anthropic.resources.Completions` and no `anthropic.resources.completions`:
the import fails, and the whole module with it, and a patch of the old path
fails the test before it runs.

## Example

```python
from unittest import mock

from anthropic.types import Completion


def is_response(value: object) -> bool:
    return isinstance(value, Completion)


def first(responses: list[Completion]) -> Completion:
    return responses[0]


@mock.patch("anthropic.resources.completions.Completions.create")
def test_summary(create):
    create.return_value = mock.Mock(completion="short", stop_reason="stop_sequence")
    assert create.call_count == 0
```

## Use instead

```python
from unittest import mock

from anthropic.types import Message


def is_response(value: object) -> bool:
    return isinstance(value, Message)


def first(responses: list[Message]) -> Message:
    return responses[0]


@mock.patch("anthropic.resources.messages.Messages.create")
def test_summary(create):
    create.return_value = mock.Mock(content=[mock.Mock(type="text", text="short")], stop_reason="end_turn")
    assert create.call_count == 0
```

## Fix safety

Safe where the migrated calls produce the values: they return `Message`
objects now. A module whose `Completion` is also used another way keeps its
import and gets a manual finding.

A patch moves only when everything its double is given is seen and
rewritten, so that the double answers what the migrated code reads,
`"".join(block.text for block in response.content if block.type == "text")`.
Otherwise the patch is left as it was and reported with the reason: a double
that returns a `Completion(...)`, a dict, or a value kept in a variable; a
`side_effect` function; a double passed to a helper, called, or whose
`return_value.completion` is read back; a patch given `new=`, a patcher
started later, or a patch decorating a class; a test with a decorator other
than patches, `pytest.mark.*` and `skip...` (it may pass arguments, and which
parameter is the double would be a guess); a double's name bound twice in
its function; a patched attribute other than `create`, or a path the SDK
never had; and every patch in a module whose own legacy calls were left for
manual work, since they still call the completions resource. An exception is
recognised by its name (`...Error`, `...Exception`). The move assumes the
code under test is migrated as well, as it is when the whole tree is: a
patch of `Messages.create` does not catch a call still made to
`completions.create`.

## References

`MIGRATION.md`, "Reading the response".
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import ModulePlan, Rewrite
from migrator.response import completion_as_text
from migrator.rule import Rule, Safety
from migrator.syntax import fill

_LEGACY = {"anthropic.types.Completion", "anthropic.types.completion.Completion"}
_MODULES = {"anthropic.types", "anthropic.types.completion"}


class CompletionType(Rule):
    code = "TCM014"
    summary = "`anthropic.types.Completion` becomes `Message` in annotations and `isinstance`"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        analysis = plan.analysis
        self._patch_targets(plan)
        uses: list[cst.BaseExpression] = []
        for node, scope in analysis.scope_of.items():
            if not isinstance(node, (cst.Name, cst.Attribute)):
                continue
            parent = analysis.parent(node)
            if isinstance(parent, cst.Attribute) and parent.value is node:
                continue  # the whole dotted name is looked at, not its head
            if _in_import(node, analysis):
                continue
            if analysis.qualified_name(node, scope) in _LEGACY:
                uses.append(node)
        if not uses:
            return
        sound = [use for use in uses if _typing_use(use, analysis)]
        others = [use for use in uses if use not in sound]
        for use in others:
            reason = (
                "`Completion` no longer exists in the SDK and this use of it has no direct "
                "`Message` equivalent (a `Message` is built from other fields); rewrite it by hand"
            )
            plan.report(type(self), use, reason, Safety.MANUAL)
            plan.comment(use, f"# migrator: manual [{self.code}] {reason}")
        if others:
            return
        if plan.untouched:
            plan.report(
                type(self),
                sound[0],
                "`Completion` no longer exists in the SDK; it is kept while calls of this module "
                "are left for manual work, since their responses are still completions",
                Safety.MANUAL,
            )
            return
        for param, read in _annotated_reads(plan, sound):
            plan.rewrites[read] = completion_as_text
            plan.report(
                type(self),
                read,
                f"`{param}.completion` becomes the text of `.content`: `{param}` is annotated "
                "as the response",
                Safety.SAFE,
            )
        for use in sound:
            plan.rewrites[use] = _to_message
            plan.report(
                type(self),
                use,
                "`Completion` becomes `Message`, what `messages.create` returns",
                Safety.SAFE,
            )
        plan.finishers.append(_rename_imports)

    def _patch_targets(self, plan: ModulePlan) -> None:
        """Doubles patched on the removed completions resource: retargeted, or left and marked."""
        analysis = plan.analysis
        for target, legacy, call in _patches(analysis):
            new = (
                _RETARGET.get(legacy.removesuffix(".create"))
                if legacy.endswith(".create")
                else None
            )
            if new is None or call is None:
                kind = "AsyncMessages" if "Async" in legacy else "Messages"
                reason = (
                    f"`{legacy}` no longer exists in the SDK; patch "
                    f"`anthropic.resources.messages.{kind}.create` instead, and make the double "
                    "return a `Message` (text in `.content`), since the code now reads that"
                )
                plan.report(type(self), target, reason, Safety.MANUAL)
                plan.comment(target, f"# migrator: manual [{self.code}] {reason}")
                continue
            new = f"{new}.create"
            double = _Double(analysis, call, _quote(call))
            try:
                if plan.untouched:
                    raise _Unprovable("calls of this module are left as they were and still use it")
                rename = _retarget(analysis, target, new)
                double.examine()
            except _Unprovable as why:
                reason = (
                    f"`{legacy}` no longer exists in the SDK and this patch is not moved to "
                    f"`{new}`: {why}; patch that by hand, with a double that returns a `Message` "
                    "(text in `.content`)"
                )
                plan.report(type(self), target, reason, Safety.MANUAL)
                plan.comment(target, f"# migrator: manual [{self.code}] {reason}")
                continue
            plan.rewrites[target] = rename
            plan.rewrites.update(double.rewrites)
            shaped = ", and its double returns the text in `.content`" if double.rewrites else ""
            plan.report(
                type(self),
                target,
                f"`{legacy}` becomes `{new}`, the method the migrated code calls{shaped}",
                Safety.SAFE,
            )
            for read in double.checks:
                reason = (
                    f"`{plan.code_for(read)}` describes the legacy request (`prompt`, "
                    "`max_tokens_to_sample`), but the patched method is now called with "
                    "`messages` and `max_tokens`; rewrite what it expects by hand"
                )
                plan.report(type(self), read, reason, Safety.MANUAL)
                plan.comment(read, f"# migrator: manual [{self.code}] {reason}")


def _annotated_reads(plan: ModulePlan, uses: list[cst.BaseExpression]):  # type: ignore[no-untyped-def]
    """``param.completion`` reads of parameters annotated with the response type."""
    analysis = plan.analysis
    for use in uses:
        annotation = analysis.parent(use)
        while annotation is not None and not isinstance(annotation, cst.Annotation):
            annotation = analysis.parent(annotation)
        param = analysis.parent(annotation) if annotation is not None else None
        if not isinstance(param, cst.Param):
            continue
        scope = analysis.scope_of.get(param.name)
        function = analysis.parent(analysis.parent(param) or param)
        inner = (
            analysis.scope_of.get(function.body) if isinstance(function, cst.FunctionDef) else None
        )
        if scope is None or inner is None:
            continue
        for read in analysis.uses_of(param.name.value, inner):
            attribute = analysis.parent(read)
            if (
                isinstance(attribute, cst.Attribute)
                and attribute.value is read
                and attribute.attr.value == "completion"
            ):
                yield param.name.value, attribute


def _strings(plan: ModulePlan):  # type: ignore[no-untyped-def]
    for node in plan.analysis.scope_of:
        if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
            yield node, node.evaluated_value


def _typing_use(node: cst.CSTNode, analysis) -> bool:  # type: ignore[no-untyped-def]
    """Inside an annotation, or the class argument of ``isinstance``."""
    current = node
    parent = analysis.parent(current)
    while parent is not None and not isinstance(parent, cst.BaseStatement):
        if isinstance(parent, cst.Annotation):
            return True
        if isinstance(parent, cst.Arg) and parent.value is current:
            call = analysis.parent(parent)
            if (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Name)
                and call.func.value in ("isinstance", "issubclass")
                and len(call.args) == 2
                and call.args[1] is parent
            ):
                return True
            return False
        if isinstance(parent, cst.Call):
            return False
        current, parent = parent, analysis.parent(parent)
    return False


def _in_import(node: cst.CSTNode, analysis) -> bool:  # type: ignore[no-untyped-def]
    small = next(
        (a for a in analysis.ancestors(node) if isinstance(a, cst.BaseSmallStatement)), None
    )
    return isinstance(small, (cst.Import, cst.ImportFrom))


def _to_message(updated: cst.CSTNode) -> cst.CSTNode:
    if isinstance(updated, cst.Name):
        # ``Completion as C``: the alias stays, its import changes.
        return updated.with_changes(value="Message") if updated.value == "Completion" else updated
    assert isinstance(updated, cst.Attribute)
    base = updated.value
    if isinstance(base, cst.Attribute) and base.attr.value == "completion":
        base = base.value  # anthropic.types.completion.Completion -> anthropic.types.Message
    return updated.with_changes(value=base, attr=cst.Name("Message"))


def _rename_imports(module: cst.Module) -> cst.Module:
    return module.visit(_RenameImports())  # type: ignore[return-value]


class _RenameImports(cst.CSTTransformer):
    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if updated_node.module is None or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if cst.helpers.get_full_name_for_node(updated_node.module) not in _MODULES:
            return updated_node
        names = []
        have_message = False
        for alias in updated_node.names:
            name = cst.helpers.get_full_name_for_node(alias.name)
            if name == "Message" and alias.asname is None:
                have_message = True
            if name == "Completion":
                names.append(alias.with_changes(name=cst.Name("Message")))
            else:
                names.append(alias)
        if have_message:  # both were imported: keep one Message
            seen = False
            deduplicated = []
            for alias in names:
                if (
                    cst.helpers.get_full_name_for_node(alias.name) == "Message"
                    and alias.asname is None
                ):
                    if seen:
                        continue
                    seen = True
                deduplicated.append(alias)
            deduplicated[-1] = deduplicated[-1].with_changes(comma=names[-1].comma)
            names = deduplicated
        module = updated_node.module
        if cst.helpers.get_full_name_for_node(module) == "anthropic.types.completion":
            module = cst.parse_expression("anthropic.types")  # type: ignore[assignment]
        return updated_node.with_changes(module=module, names=names)


# --- test doubles ---------------------------------------------------------------
# A legacy class a test patches, and the class of the method the migrated code
# calls: each spelling exists in the current SDK (``messages`` is a package
# that exports its classes) as the legacy one did in ``anthropic==0.125.0``.
_RETARGET = {
    "anthropic.resources.Completions": "anthropic.resources.Messages",
    "anthropic.resources.AsyncCompletions": "anthropic.resources.AsyncMessages",
    "anthropic.resources.completions.Completions": "anthropic.resources.messages.Messages",
    "anthropic.resources.completions.AsyncCompletions": (
        "anthropic.resources.messages.AsyncMessages"
    ),
}
_RENAMED = {
    "completions": "messages",
    "Completions": "Messages",
    "AsyncCompletions": "AsyncMessages",
}
# Reads of a double that depend neither on what it returns nor on what it was given.
_HARMLESS = frozenset(
    {
        "assert_called",
        "assert_called_once",
        "assert_not_called",
        "called",
        "call_count",
        "assert_awaited",
        "assert_awaited_once",
        "assert_not_awaited",
        "awaited",
        "await_count",
        "reset_mock",
    }
)
# Reads of the arguments the double was called with: a Messages request now.
_REQUEST = frozenset(
    {
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_has_calls",
        "call_args",
        "call_args_list",
        "mock_calls",
        "method_calls",
        "assert_awaited_with",
        "assert_awaited_once_with",
        "assert_any_await",
        "assert_has_awaits",
        "await_args",
        "await_args_list",
    }
)
_MOCKS = frozenset({"Mock", "MagicMock", "NonCallableMock", "NonCallableMagicMock", "AsyncMock"})
_SWITCHES = ("autospec", "spec", "spec_set", "create")


class _Unprovable(Exception):
    """Why a double cannot be shown to fit the messages resource."""


def _is_patch_target(value: str) -> bool:
    parts = value.split(".")
    return parts[:2] == ["anthropic", "resources"] and (
        "Completions" in parts or "AsyncCompletions" in parts or "completions" in parts
    )


def _patches(analysis):  # type: ignore[no-untyped-def]
    """``(target, legacy path, the patch call or None)`` for each patch of the legacy resource.

    The target is a dotted-path string (``patch("anthropic.resources...")``,
    found wherever it is written) or the class given to ``patch.object``.
    """
    for node, scope in list(analysis.scope_of.items()):
        if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
            if _is_patch_target(node.evaluated_value):
                yield node, node.evaluated_value, _string_patch(analysis, node)
        elif isinstance(node, cst.Call):
            scope = _scope(analysis, node)
            if _mock_api(analysis, node.func, scope) != "patch.object":
                continue
            positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
            legacy = analysis.qualified_name(positional[0].value, scope) if positional else None
            if legacy not in _RETARGET:
                continue
            name = positional[1].value if len(positional) > 1 else None
            method = name.evaluated_value if isinstance(name, cst.SimpleString) else "<attribute>"
            yield positional[0].value, f"{legacy}.{method}", node


def _string_patch(analysis, node: cst.SimpleString) -> cst.Call | None:  # type: ignore[no-untyped-def]
    """The ``patch(...)`` call whose target is ``node``."""
    arg = analysis.parent(node)
    call = analysis.parent(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or _mock_api(analysis, call.func, _scope(analysis, call)) != (
        "patch"
    ):
        return None
    first = call.args[0]
    named = arg.keyword is not None and arg.keyword.value == "target"
    return call if (arg is first and arg.keyword is None and not arg.star) or named else None


def _retarget(analysis, target: cst.CSTNode, new: str):  # type: ignore[no-untyped-def]
    """The rewrite of a patch target: the path in its own quotes, or the class's dotted name."""
    if isinstance(target, cst.SimpleString):
        return lambda updated: updated.with_changes(
            value=f"{updated.prefix}{updated.quote}{new}{updated.quote}"
        )
    root = target
    while isinstance(root, cst.Attribute):
        root = root.value
    scope = analysis.scope_of[target]
    if not isinstance(root, cst.Name) or analysis.qualified_name(root, scope) != "anthropic":
        raise _Unprovable(
            f"`{_short(analysis, root)}` is imported from the removed module, and that import "
            "has to change too"
        )
    return _rename_attributes


def _rename_attributes(updated: cst.CSTNode) -> cst.CSTNode:
    if not isinstance(updated, cst.Attribute):
        return updated
    value = _rename_attributes(updated.value)
    attr = _RENAMED.get(updated.attr.value, updated.attr.value)
    return updated.with_changes(value=value, attr=cst.Name(attr))


def _scope(analysis, call: cst.Call):  # type: ignore[no-untyped-def]
    """Where the names of ``call`` resolve: a decorator's in the scope around its function."""
    decorator = analysis.parent(call)
    if isinstance(decorator, cst.Decorator):
        return analysis.scope_of[analysis.parent(decorator)]
    return analysis.scope_of[call]


def _mock_api(analysis, node: cst.BaseExpression, scope) -> str | None:  # type: ignore[no-untyped-def]
    """``patch``, ``patch.object``, ``Mock``...: what ``node`` is in ``unittest.mock``.

    ``mock`` (the backport) counts as ``unittest.mock``, and so does
    ``mocker``, pytest-mock's fixture, when it is a parameter.
    """
    origin = _origin(analysis, node, scope)
    for library in ("unittest.mock.", "mock.", "mocker."):
        if origin is not None and origin.startswith(library):
            return origin[len(library) :]
    return None


def _origin(analysis, node: cst.BaseExpression, scope) -> str | None:  # type: ignore[no-untyped-def]
    if isinstance(node, cst.Attribute):
        base = _origin(analysis, node.value, scope)
        return f"{base}.{node.attr.value}" if base else None
    if not isinstance(node, cst.Name):
        return None
    found = analysis.lookup(node.value, scope)
    if found is None or len(found[1]) != 1:
        return None
    binding = found[1][0]
    statement = binding.node
    if binding.kind == "param":
        return "mocker" if node.value == "mocker" else None
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


def _quote(call: cst.Call) -> str:
    """The quote the patch's own strings use, for the strings written next to it."""
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            return arg.value.quote[0]
    return '"'


def _short(analysis, node: cst.CSTNode) -> str:
    """Source of ``node`` on one line, cut to fit in a comment."""
    code = " ".join(analysis.module.code_for_node(node).split()).replace("( ", "(")
    return code if len(code) <= 50 else code[:47] + "..."


def _raises(node: cst.BaseExpression) -> bool:
    """An exception class or instance: named ``...Error`` or ``...Exception``, by convention."""
    if isinstance(node, cst.Call):
        node = node.func
    name = node.attr.value if isinstance(node, cst.Attribute) else None
    if isinstance(node, cst.Name):
        name = node.value
    return name is not None and (
        name.endswith(("Error", "Exception")) or name in ("KeyboardInterrupt", "SystemExit")
    )


def _end_turn(updated: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(updated, cst.SimpleString)
    return updated.with_changes(value=f"{updated.prefix}{updated.quote}end_turn{updated.quote}")


class _Double:
    """What a patch's double is given, and the rewrites that give it a Message's shape.

    ``examine`` raises :class:`_Unprovable` for anything it cannot follow;
    otherwise ``rewrites`` hold the new doubles and ``checks`` the reads of
    the legacy request.
    """

    def __init__(self, analysis, call: cst.Call, quote: str) -> None:  # type: ignore[no-untyped-def]
        self.analysis = analysis
        self.call = call
        self.quote = quote
        self.scope = _scope(analysis, call)
        self.api = _mock_api(analysis, call.func, self.scope)
        self.rewrites: dict[cst.CSTNode, Rewrite] = {}
        self.checks: list[cst.Attribute] = []

    def examine(self) -> None:
        fixed = 2 if self.api == "patch.object" else 1
        if any(arg.star for arg in self.call.args) or _positional(self.call) > fixed:
            raise _Unprovable("the patch replaces the method with an object given to it")
        for arg in self.call.args:
            if arg.keyword is not None and arg.keyword.value != "target":
                self._option(arg.keyword.value, arg.value)
        bound = self._bound()
        if bound is not None:
            self._uses(*bound)

    def _option(self, key: str, value: cst.BaseExpression) -> None:
        if key == "return_value":
            self._returns(value)
        elif key == "side_effect":
            self._side_effect(value)
        elif key in _SWITCHES and isinstance(value, cst.Name) and value.value in ("True", "False"):
            pass
        elif key == "new_callable" and _mock_api(self.analysis, value, self.scope) in _MOCKS:
            pass
        else:
            raise _Unprovable(f"the patch is given `{key}=`, which the tool does not follow")

    # --- where the double is bound ------------------------------------------
    def _bound(self):  # type: ignore[no-untyped-def]
        """The name the double is bound to and the scope owning it; None when nothing is."""
        analysis = self.analysis
        node: cst.CSTNode = self.call
        parent = analysis.parent(node)
        if isinstance(parent, cst.Decorator):
            return self._injected(parent)
        if isinstance(parent, cst.WithItem) and not self._returns_double():
            if parent.asname is None:
                return None
            if not isinstance(parent.asname.name, cst.Name):
                raise _Unprovable("the double is unpacked")
            return parent.asname.name.value, analysis.scope_of[parent]
        if self._returns_double():
            pass
        elif isinstance(parent, cst.Attribute) and parent.attr.value == "start":
            started = analysis.parent(parent)  # ``patch(...).start()`` returns the double
            if isinstance(started, cst.Call) and not started.args:
                node, parent = started, analysis.parent(started)
        else:
            raise _Unprovable("the patcher is kept, and what it is given later is out of sight")
        if isinstance(parent, cst.Expr):
            return None
        if (
            isinstance(parent, cst.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name)
        ):
            return parent.targets[0].target.value, analysis.scope_of[parent]
        raise _Unprovable("the double is kept where the tool cannot follow it")

    def _returns_double(self) -> bool:
        """pytest-mock's ``mocker.patch(...)`` returns the double itself."""
        return _origin(self.analysis, self.call.func, self.scope) in (
            "mocker.patch",
            "mocker.patch.object",
        )

    def _injected(self, decorator: cst.Decorator):  # type: ignore[no-untyped-def]
        """The parameter a ``@patch(...)`` decorator passes its double in.

        Patch decorators pass their doubles first (after ``self``), the one
        nearest the function first; any decorator that might pass arguments
        of its own makes the count unprovable.
        """
        function = self.analysis.parent(decorator)
        if not isinstance(function, cst.FunctionDef):
            raise _Unprovable("it decorates a class, and each of its tests gets the double")
        decorators = list(function.decorators)
        below = 0
        for index, other in enumerate(decorators):
            passes = self._passes_double(other)
            if passes is None:
                raise _Unprovable(
                    f"`@{_short(self.analysis, other.decorator)}` may pass the test arguments too"
                )
            if index > decorators.index(decorator):
                below += passes
        params = [*function.params.posonly_params, *function.params.params]
        position = below + (1 if self.analysis.scope_of[function].kind == "class" else 0)
        if position >= len(params):
            raise _Unprovable("the test has no parameter for the double")
        return params[position].name.value, self.analysis.scope_of[function.body]

    def _passes_double(self, decorator: cst.Decorator) -> bool | None:
        expression = decorator.decorator
        func = expression.func if isinstance(expression, cst.Call) else expression
        api = _mock_api(self.analysis, func, self.scope)
        if api in ("patch", "patch.object") and isinstance(expression, cst.Call):
            fixed = 2 if api == "patch.object" else 1
            given = any(
                arg.keyword is not None and arg.keyword.value == "new" for arg in expression.args
            )
            return not given and _positional(expression) <= fixed
        if api == "patch.dict":
            return False
        dotted = cst.helpers.get_full_name_for_node(func) or ""
        if dotted.startswith("pytest.mark.") or dotted.rpartition(".")[2].startswith("skip"):
            return False
        return None

    # --- what the double is given ---------------------------------------------
    def _uses(self, name: str, scope) -> None:  # type: ignore[no-untyped-def]
        analysis = self.analysis
        found = analysis.lookup(name, scope)
        if found is None or found[0] is not scope or len(found[1]) != 1:
            raise _Unprovable(f"`{name}` is bound more than once")
        for use in analysis.uses_of(name, scope):
            parent = analysis.parent(use)
            if isinstance(parent, cst.AssignTarget) or _identity_test(parent):
                continue  # its one binding, or ``double is not None``
            if not (isinstance(parent, cst.Attribute) and parent.value is use):
                raise _Unprovable(
                    f"`{_short(analysis, _expression_of(analysis, use))}` uses `{name}` where the "
                    "tool cannot follow it"
                )
            self._read(name, parent)

    def _read(self, name: str, read: cst.Attribute) -> None:
        attribute = read.attr.value
        if attribute in _HARMLESS:
            return
        if attribute in _REQUEST:
            self.checks.append(read)
            return
        value = _assigned(self.analysis, read)
        if attribute == "return_value" and value is not None:
            self._returns(value)
            return
        if attribute == "side_effect" and value is not None:
            self._side_effect(value)
            return
        field = self.analysis.parent(read)
        if attribute == "return_value" and isinstance(field, cst.Attribute) and field.value is read:
            value = _assigned(self.analysis, field)
            if value is not None and field.attr.value in (
                "completion",
                "stop_reason",
                "model",
                "id",
            ):
                self._field(field, value)
                return
            if value is None and field.attr.value == "completion":
                raise _Unprovable(f"`{_short(self.analysis, field)}` is read as the legacy text")
            raise _Unprovable(
                f"`{_short(self.analysis, field)}` is used in a way the tool does not follow"
            )
        raise _Unprovable(f"`{name}.{attribute}` is used in a way the tool does not follow")

    def _returns(self, value: cst.BaseExpression) -> None:
        """A mock built with a completion's fields; nothing else is known to be rewritable."""
        if not (
            isinstance(value, cst.Call)
            and _mock_api(self.analysis, value.func, self.analysis.scope_of[value]) in _MOCKS
            and all(arg.keyword is not None for arg in value.args)
        ):
            raise _Unprovable(
                f"the double returns `{_short(self.analysis, value)}`, which the tool cannot turn "
                "into a `Message`"
            )
        for arg in value.args:
            assert arg.keyword is not None
            key = arg.keyword.value
            if key == "stop_reason":
                self._stop_reason(arg.value)
            elif key not in ("completion", "model", "id"):
                raise _Unprovable(
                    f"the value it returns is built with `{key}=`, which the tool cannot carry "
                    "over to a `Message`"
                )
        if any(arg.keyword is not None and arg.keyword.value == "completion" for arg in value.args):
            self.rewrites[value] = self._content_keyword

    def _side_effect(self, value: cst.BaseExpression) -> None:
        if _raises(value) or (isinstance(value, cst.Name) and value.value == "None"):
            return
        if isinstance(value, (cst.List, cst.Tuple)):
            for element in value.elements:
                if isinstance(element, cst.StarredElement):
                    raise _Unprovable("its `side_effect` list is unpacked from elsewhere")
                if not _raises(element.value):
                    self._returns(element.value)
            return
        raise _Unprovable(
            f"its `side_effect` is `{_short(self.analysis, value)}`, whose results are out of sight"
        )

    def _field(self, field: cst.Attribute, value: cst.BaseExpression) -> None:
        """``double.return_value.<field> = value``."""
        if field.attr.value == "stop_reason":
            self._stop_reason(value)
        elif field.attr.value == "completion":
            factory = self._factory(self.analysis.scope_of[value])
            # On the statement: another rule may rewrite the value itself (an inlined constant).
            statement = self.analysis.parent(self.analysis.parent(field))
            self.rewrites[statement] = lambda updated: self._content_assignment(factory, updated)

    def _stop_reason(self, value: cst.BaseExpression) -> None:
        if isinstance(value, cst.Name) and value.value == "None":
            return
        if isinstance(value, cst.SimpleString) and value.evaluated_value == "max_tokens":
            return
        if isinstance(value, cst.SimpleString) and value.evaluated_value == "stop_sequence":
            self.rewrites[value] = _end_turn  # how Messages reports a natural end
            return
        raise _Unprovable(
            f"its `stop_reason` is `{_short(self.analysis, value)}`, whose Messages value the "
            "tool cannot tell"
        )

    def _factory(self, scope) -> cst.BaseExpression:  # type: ignore[no-untyped-def]
        """The mock class for the text block, spelled as this module spells its mock library.

        ``mock.patch`` gives ``mock.Mock`` (``mocker.patch``, ``mocker.Mock``);
        a ``patch`` imported by name needs ``Mock`` or the module imported too.
        """
        candidates: list[cst.BaseExpression] = []
        base: cst.BaseExpression | None = self.call.func
        for _ in (self.api or "").split("."):
            base = base.value if isinstance(base, cst.Attribute) else None
        if base is not None:
            candidates.append(cst.Attribute(value=base.deep_clone(), attr=cst.Name("Mock")))
        module = self.analysis.module_scope
        for name in module.bindings:
            if _mock_api(self.analysis, cst.Name(name), module) in ("Mock", "MagicMock"):
                candidates.append(cst.Name(name))
            elif _origin(self.analysis, cst.Name(name), module) in ("unittest.mock", "mock"):
                candidates.append(cst.Attribute(value=cst.Name(name), attr=cst.Name("Mock")))
        for candidate in candidates:
            if _mock_api(self.analysis, candidate, scope) in ("Mock", "MagicMock"):
                return candidate
        raise _Unprovable("no `Mock` is imported to build its text block with")

    def _content(self, factory: cst.BaseExpression, text: cst.BaseExpression) -> cst.BaseExpression:
        quote = self.quote
        return fill(
            f"[__mock__(type={quote}text{quote}, text=__text__)]",
            {"__mock__": factory.deep_clone(), "__text__": text},
        )

    def _content_assignment(self, factory: cst.BaseExpression, updated: cst.CSTNode) -> cst.CSTNode:
        """``double.return_value.completion = text`` sets ``.content`` to one text block."""
        assert isinstance(updated, cst.Assign)
        target = updated.targets[0]
        assert isinstance(target.target, cst.Attribute)
        content = target.target.with_changes(attr=cst.Name("content"))
        return updated.with_changes(
            targets=[target.with_changes(target=content)],
            value=self._content(factory, updated.value),
        )

    def _content_keyword(self, updated: cst.CSTNode) -> cst.CSTNode:
        """``Mock(completion=text)`` becomes ``Mock(content=[Mock(type="text", text=text)])``."""
        assert isinstance(updated, cst.Call)
        args = [
            arg.with_changes(
                keyword=cst.Name("content"), value=self._content(updated.func, arg.value)
            )
            if arg.keyword is not None and arg.keyword.value == "completion"
            else arg
            for arg in updated.args
        ]
        return updated.with_changes(args=args)


def _expression_of(analysis, node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[no-untyped-def]
    """The whole expression ``node`` is part of, up to its statement."""
    for ancestor in analysis.ancestors(node):
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            break
        node = ancestor
    return node


def _identity_test(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.Comparison) and all(
        isinstance(target.operator, (cst.Is, cst.IsNot)) for target in node.comparisons
    )


def _positional(call: cst.Call) -> int:
    return sum(1 for arg in call.args if arg.keyword is None)


def _assigned(analysis, target: cst.BaseExpression) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """The value of ``target = value`` when ``target`` is that statement's one target."""
    holder = analysis.parent(target)
    statement = analysis.parent(holder) if isinstance(holder, cst.AssignTarget) else None
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        return statement.value
    return None
