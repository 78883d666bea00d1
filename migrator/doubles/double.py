"""What a test double patched on the completions resource is given.

A double that stood in for ``completions.create`` returned a completion, and
the test fed it one: ``Mock(completion=text)``, or
``double.return_value.completion = text``. Once the patch moves to
``messages.create``, the migrated code reads ``.content`` instead.
:class:`Double` follows everything a double is given, wherever the test
gives it, and holds the rewrites that give its values a Message's shape, or
raises :class:`Unprovable` with the reason it cannot.
"""

from __future__ import annotations

import libcst as cst

from migrator.code.syntax import fill
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.doubles.fakes import Fake, fake_of
from migrator.doubles.handbuilt import HandBuilt, completion_class, end_turn
from migrator.doubles.mocks import (
    MOCKS,
    Unprovable,
    bound_double,
    call_scope,
    mock_api,
    origin,
    patch_api,
    short,
)

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

_SWITCHES = ("autospec", "spec", "spec_set", "create")


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


class Double:
    """What a patch's double is given, and the rewrites that give it a Message's shape.

    ``examine`` raises :class:`Unprovable` for anything it cannot follow;
    otherwise ``rewrites`` hold the new doubles and ``checks`` the reads of
    the legacy request.
    """

    def __init__(self, plan: ModulePlan, call: cst.Call, quote: str) -> None:
        self.plan = plan
        self.analysis = analysis = plan.analysis
        self.call = call
        self.quote = quote
        self.scope = call_scope(analysis, call)
        self.api = patch_api(analysis, call.func, self.scope)
        self.rewrites: dict[cst.CSTNode, Rewrite] = {}
        # The ``Completion(...)`` objects it returns, rebuilt as the Message the code gets.
        self.built: list[HandBuilt] = []
        self.checks: list[cst.Attribute] = []
        # The fakes (functions, lambdas) given as the double, called as the migrated code calls.
        self.fakes: list[str] = []

    def examine(self) -> None:
        if any(arg.star for arg in self.call.args):
            raise Unprovable("the patch is given arguments unpacked from elsewhere")
        # What comes before the double in a call: the target (and the attribute's name).
        fixed = 2 if self.api in ("patch.object", "setattr") else 1
        given = [arg.value for arg in self.call.args if arg.keyword is None][fixed:]
        if self.api == "setattr" and isinstance(self.call.args[0].value, cst.SimpleString):
            given = [arg.value for arg in self.call.args if arg.keyword is None][1:]
        keyword = "value" if self.api == "setattr" else "new"
        given += [arg.value for arg in self.call.args if _named(arg, keyword)]
        if len(given) > 1:
            raise Unprovable("the patch is given more arguments than the tool follows")
        if self.api == "setattr" and not given:
            raise Unprovable("`monkeypatch.setattr` is given no double")
        for arg in self.call.args:
            if arg.keyword is not None and arg.keyword.value not in ("target", keyword):
                if self.api == "setattr" and arg.keyword.value == "raising":
                    continue
                if given:
                    raise Unprovable(f"the patch is given `{arg.keyword.value}=` beside its double")
                self._option(arg.keyword.value, arg.value)
        if given:
            decorates = isinstance(self.analysis.parent(self.call), cst.Decorator)
            if (
                self.api != "setattr"
                and not decorates  # a decorator given its double passes the test nothing
                and bound_double(self.analysis, self.call) is not None
            ):
                raise Unprovable("the object given to the patch is also bound to a name")
            self._given(given[0])
            return
        bound = bound_double(self.analysis, self.call)
        if bound is not None:
            self._uses(*bound)

    def _given(self, value: cst.BaseExpression) -> None:
        """The object that replaces the method: a mock, or a name bound once to one."""
        analysis = self.analysis
        if isinstance(value, cst.Call) and self._mock(value):
            for arg in value.args:
                if arg.keyword is None:
                    raise Unprovable(f"`{short(analysis, value)}` is built with a `spec`")
                self._option(arg.keyword.value, arg.value)
            return
        if isinstance(value, cst.Name):
            found = analysis.lookup(value.value, analysis.scope_of[value])
            if found is None or len(found[1]) != 1:
                raise Unprovable(f"`{value.value}` is bound more than once")
            binding = found[1][0]
            bound = binding.node
            if binding.kind == "assign" and isinstance(bound, cst.Call) and self._mock(bound):
                self._given(bound)
                self._uses(value.value, found[0], given=value)
                return
        function = fake_of(analysis, value)
        if function is not None:
            Fake(self, function).examine()
            return
        raise Unprovable(
            f"the method is replaced with `{short(analysis, value)}`, which the tool does "
            "not follow"
        )

    def hands_over(self, use: cst.Name) -> bool:
        """Whether ``use`` only hands a fake to a patch or a mock, to be called in its place:
        the patch's double (``new=``, ``monkeypatch.setattr``'s value) or a ``side_effect``."""
        analysis = self.analysis
        arg = analysis.parent(use)
        if isinstance(arg, cst.AssignTarget) or not isinstance(arg, cst.Arg):
            holder = _assigned_to(analysis, use)
            return isinstance(holder, cst.Attribute) and holder.attr.value == "side_effect"
        call = analysis.parent(arg)
        if not isinstance(call, cst.Call):
            return False
        if _named(arg, "side_effect"):
            return True
        if arg is call.args[0]:
            return False  # the target of a patch
        scope = call_scope(analysis, call)
        return patch_api(analysis, call.func, scope) is not None and (
            arg.keyword is None or arg.keyword.value in ("new", "value")
        )

    def _mock(self, call: cst.Call) -> bool:
        return mock_api(self.analysis, call.func, self.analysis.scope_of[call]) in MOCKS

    def _namespace(self, call: cst.Call) -> bool:
        """``SimpleNamespace(...)``: an object with just the attributes it is given, like the
        text block it gets (``SimpleNamespace(type="text", text=...)``)."""
        found = origin(self.analysis, call.func, self.analysis.scope_of[call])
        return found == "types.SimpleNamespace"

    def _option(self, key: str, value: cst.BaseExpression) -> None:
        if key == "return_value":
            self.returns(value)
        elif key == "side_effect":
            self._side_effect(value)
        elif key in _SWITCHES and isinstance(value, cst.Name) and value.value in ("True", "False"):
            pass
        elif key == "new_callable" and mock_api(self.analysis, value, self.scope) in MOCKS:
            pass
        else:
            raise Unprovable(f"the patch is given `{key}=`, which the tool does not follow")

    # --- what the double is given ---------------------------------------------
    def _uses(self, name: str, scope, given: cst.Name | None = None) -> None:  # type: ignore[no-untyped-def]
        """Every read of the double's name; ``given``: the one that hands it to the patch."""
        analysis = self.analysis
        found = analysis.lookup(name, scope)
        if found is None or found[0] is not scope or len(found[1]) != 1:
            raise Unprovable(f"`{name}` is bound more than once")
        for use in analysis.uses_of(name, scope):
            if use is given:
                continue
            parent = analysis.parent(use)
            if isinstance(parent, cst.AssignTarget) or _identity_test(parent):
                continue  # its one binding, or ``double is not None``
            if not (isinstance(parent, cst.Attribute) and parent.value is use):
                raise Unprovable(
                    f"`{short(analysis, _expression_of(analysis, use))}` uses `{name}` where the "
                    "tool cannot follow it"
                )
            self._read(name, parent)

    def reads(self, name: str, read: cst.Attribute) -> None:
        """``read``, an attribute of the double reached otherwise than by a name bound to it
        (``client.completions.create.return_value`` on a mocked client), followed as a read
        of the double's name is; ``name`` spells the double in reasons."""
        self._read(name, read)

    def _read(self, name: str, read: cst.Attribute) -> None:
        attribute = read.attr.value
        if attribute in _HARMLESS:
            return
        if attribute in _REQUEST:
            self.checks.append(read)
            return
        value = _assigned(self.analysis, read)
        if attribute == "return_value" and value is not None:
            self.returns(value)
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
                raise Unprovable(f"`{short(self.analysis, field)}` is read as the legacy text")
            raise Unprovable(
                f"`{short(self.analysis, field)}` is used in a way the tool does not follow"
            )
        raise Unprovable(f"`{name}.{attribute}` is used in a way the tool does not follow")

    def returns(self, value: cst.BaseExpression) -> None:
        """A mock or a ``SimpleNamespace`` built with a completion's fields, or a
        ``Completion(...)``; nothing else is known to be rewritable."""
        built = self._completion(value)
        if built is not None:
            why = built.examine_returned()
            if why is not None:
                raise Unprovable(
                    f"the `Completion(...)` it returns is not rebuilt as a `Message`: {why}"
                )
            self.rewrites.update(built.rewrites)
            self.built.append(built)
            return
        if not (
            isinstance(value, cst.Call)
            and (self._mock(value) or self._namespace(value))
            and all(arg.keyword is not None for arg in value.args)
        ):
            raise Unprovable(
                f"the double returns `{short(self.analysis, value)}`, which the tool cannot turn "
                "into a `Message`"
            )
        for arg in value.args:
            assert arg.keyword is not None
            key = arg.keyword.value
            if key == "stop_reason":
                self._stop_reason(arg.value)
            elif key not in ("completion", "model", "id"):
                raise Unprovable(
                    f"the value it returns is built with `{key}=`, which the tool cannot carry "
                    "over to a `Message`"
                )
        if any(arg.keyword is not None and arg.keyword.value == "completion" for arg in value.args):
            self.rewrites[value] = self._content_keyword

    def _completion(self, value: cst.BaseExpression) -> HandBuilt | None:
        """``value`` as a hand-built ``Completion(...)``, or None when it is not one.

        A name assigned once to one, and read only here, counts: the object then reaches
        nothing but the code under test.
        """
        if isinstance(value, cst.Name):
            analysis = self.analysis
            found = analysis.assigned_once(value.value, analysis.scope_of[value])
            if found is None or not isinstance(found[1], cst.Call):
                return None
            if completion_class(found[1], analysis) is None:
                return None
            reads = [
                use
                for use in analysis.uses_of(value.value, found[0])
                if not isinstance(analysis.parent(use), cst.AssignTarget)
            ]
            if reads != [value]:
                raise Unprovable(
                    f"the `Completion(...)` it returns is held in `{value.value}`, which is "
                    "read elsewhere too"
                )
            value = found[1]
        if not isinstance(value, cst.Call):
            return None
        use = completion_class(value, self.analysis)
        return HandBuilt(self.plan, use, value) if use is not None else None

    def _side_effect(self, value: cst.BaseExpression) -> None:
        if _raises(value) or (isinstance(value, cst.Name) and value.value == "None"):
            return
        function = fake_of(self.analysis, value)
        if function is not None:  # called with the double's arguments; its result returned
            Fake(self, function).examine()
            return
        if isinstance(value, (cst.List, cst.Tuple)):
            for element in value.elements:
                if isinstance(element, cst.StarredElement):
                    raise Unprovable("its `side_effect` list is unpacked from elsewhere")
                if not _raises(element.value):
                    self.returns(element.value)
            return
        raise Unprovable(
            f"its `side_effect` is `{short(self.analysis, value)}`, whose results are out of sight"
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
            self.rewrites[value] = end_turn  # how Messages reports a natural end
            return
        raise Unprovable(
            f"its `stop_reason` is `{short(self.analysis, value)}`, whose Messages value the "
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
            if mock_api(self.analysis, cst.Name(name), module) in ("Mock", "MagicMock"):
                candidates.append(cst.Name(name))
            elif origin(self.analysis, cst.Name(name), module) in ("unittest.mock", "mock"):
                candidates.append(cst.Attribute(value=cst.Name(name), attr=cst.Name("Mock")))
        for candidate in candidates:
            if mock_api(self.analysis, candidate, scope) in ("Mock", "MagicMock"):
                return candidate
        raise Unprovable("no `Mock` is imported to build its text block with")

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


def _named(arg: cst.Arg, keyword: str) -> bool:
    return arg.keyword is not None and arg.keyword.value == keyword


def _identity_test(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.Comparison) and all(
        isinstance(target.operator, (cst.Is, cst.IsNot)) for target in node.comparisons
    )


def _assigned_to(analysis, value: cst.BaseExpression) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """The one target of ``target = value``."""
    statement = analysis.parent(value)
    if (
        isinstance(statement, cst.Assign)
        and statement.value is value
        and len(statement.targets) == 1
    ):
        return statement.targets[0].target
    return None


def _assigned(analysis, target: cst.BaseExpression) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """The value of ``target = value`` when ``target`` is that statement's one target."""
    holder = analysis.parent(target)
    statement = analysis.parent(holder) if isinstance(holder, cst.AssignTarget) else None
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        return statement.value
    return None
