"""A mocked client whose ``completions.create`` a test configures: moved to ``messages``.

A test may replace the whole client of the module under test
(``mock.patch.object(svc, "client") as client``, ``mock.patch("svc.client")``,
``monkeypatch.setattr(svc, "client", fake)``) and configure the legacy method
on the mock: ``client.completions.create.return_value.completion = "hi"``. The
mock takes any attribute, so nothing fails once ``svc`` is migrated; the
migrated code calls ``client.messages.create``, which nothing configures, and
the test no longer checks what it did (rule TCM020 reports the chain,
``evidence_doubles.configured_create``).

When the run migrated every call ``svc`` makes on that client
(``known_clients``, :mod:`migrator.analysis.doubled`), each use of the chain moves to
``client.messages.create``, and what the double is given and asserted is
rewritten as for a double patched on the method itself (:class:`Double`,
:func:`migrator.doubles.patches.check_request`). Any use of the mock the tool cannot
follow leaves the test as written, with a manual finding that says why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import libcst as cst

from migrator.code.syntax import dotted_name
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.doubles.double import Double
from migrator.doubles.handbuilt import HandBuilt
from migrator.doubles.mocks import (
    MOCKS,
    Unprovable,
    bound_double,
    call_scope,
    mock_api,
    patch_api,
    short,
)
from migrator.doubles.patches import check_request, patch_quote, sends_more

# Options of a patch that change nothing the chain relies on.
_HARMLESS_OPTIONS = frozenset({"raising"})


class _Chains:
    """The uses of one mocked client's ``completions.create`` in a test, and their rewrites."""

    def __init__(self, plan: ModulePlan, call: cst.Call, receiver: str) -> None:
        self.plan = plan
        self.analysis = plan.analysis
        self.call = call
        self.receiver = receiver
        self.double = Double(plan, call, patch_quote(call))
        # ``client.completions`` of each use, which becomes ``client.messages``.
        self.resources: list[cst.Attribute] = []
        # The statements that give the double its answer: where a manual finding goes.
        self.configured: list[cst.Attribute] = []

    def examine(self) -> None:
        """Follow every use of the mock, or raise :class:`Unprovable`."""
        if self.plan.untouched:
            raise Unprovable("calls of this module are left as they were and still use it")
        if any(arg.star for arg in self.call.args):
            raise Unprovable("the patch is given arguments unpacked from elsewhere")
        given = self._given()
        if given is None:
            bound = bound_double(self.analysis, self.call)
            if bound is not None:
                self._uses(*bound)
            return
        if isinstance(given, cst.Call) and self._mock(given) and not given.args:
            return  # a bare mock, which nothing configures
        if not isinstance(given, cst.Name):
            raise Unprovable(f"the client is replaced with `{short(self.analysis, given)}`")
        found = self.analysis.assigned_once(given.value, self.analysis.scope_of[given])
        if found is None or not (
            isinstance(found[1], cst.Call) and self._mock(found[1]) and not found[1].args
        ):
            raise Unprovable(f"`{given.value}` is not a plain mock bound once")
        self._uses(given.value, found[0], given=given)

    def _given(self) -> cst.BaseExpression | None:
        """The object the patch puts in the client's place, if the test hands it one."""
        api = patch_api(self.analysis, self.call.func, call_scope(self.analysis, self.call))
        target_string = isinstance(self.call.args[0].value, cst.SimpleString)
        fixed = 1 if api == "patch" or target_string else 2
        positional = [arg.value for arg in self.call.args if arg.keyword is None]
        given = positional[fixed:]
        keyword = "value" if api == "setattr" else "new"
        for arg in self.call.args:
            if arg.keyword is None or arg.keyword.value in _HARMLESS_OPTIONS:
                continue
            if arg.keyword.value != keyword:
                raise Unprovable(
                    f"the patch is given `{arg.keyword.value}=`, which the tool does not follow"
                )
            given.append(arg.value)
        if len(given) > 1:
            raise Unprovable("the patch is given more arguments than the tool follows")
        return given[0] if given else None

    def _mock(self, call: cst.Call) -> bool:
        return mock_api(self.analysis, call.func, self.analysis.scope_of[call]) in MOCKS

    def _uses(self, name: str, scope, given: cst.Name | None = None) -> None:  # type: ignore[no-untyped-def]
        """Every use of the mock's name: each reaches ``completions.create`` on it."""
        analysis = self.analysis
        found = analysis.lookup(name, scope)
        if found is None or found[0] is not scope or len(found[1]) != 1:
            raise Unprovable(f"`{name}` is bound more than once")
        reads: list[cst.Attribute] = []
        why: str | None = None
        for use in analysis.uses_of(name, scope):
            if use is given or isinstance(analysis.parent(use), cst.AssignTarget):
                continue  # what hands the mock to the patch, or its one binding
            read = _chain(analysis, use)
            if read is None:
                why = why or f"`{name}` is used otherwise than through `{name}.completions.create`"
                continue
            if read.value.attr.value == "acreate":  # type: ignore[attr-defined]
                why = f"the test configures `{name}.completions.acreate`, not a method of the SDK"
            reads.append(read)
            resource = read.value.value  # type: ignore[attr-defined]
            self.resources.append(resource)
            if _configures(analysis, read):
                self.configured.append(resource)
        # Every use is seen first, so that a test left as written says why at each.
        if why is not None:
            raise Unprovable(why)
        for read in reads:
            self.double.reads(f"{name}.completions.create", read)


def _chain(analysis, use: cst.Name) -> cst.Attribute | None:  # type: ignore[no-untyped-def]
    """``use.completions.create.<attribute>`` (or ``acreate``): the read of the double's own
    attribute."""
    node: cst.CSTNode = use
    for names in (("completions",), ("create", "acreate"), None):
        parent = analysis.parent(node)
        if not (isinstance(parent, cst.Attribute) and parent.value is node):
            return None
        if names is not None and parent.attr.value not in names:
            return None
        node = parent
    assert isinstance(node, cst.Attribute)
    return node


def _configures(analysis, read: cst.Attribute) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``read`` is (inside) the target of an assignment: it sets what the double
    answers."""
    for ancestor in analysis.ancestors(read):
        if isinstance(ancestor, cst.AssignTarget):
            return True
        if isinstance(ancestor, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            return False
    return False


def client_patches(analysis, known: Mapping[str, bool]) -> Iterator[tuple[cst.Call, str]]:  # type: ignore[no-untyped-def]
    """Each patch that replaces a whole client the run migrated, with the client as the
    test spells it (``svc.client``): ``patch.object(svc, "client")``, ``patch("svc.client")``,
    ``monkeypatch.setattr(svc, "client", fake)``, and pytest-mock's."""
    for node, _ in analysis.nodes_of(cst.Call):
        if not isinstance(node, cst.Call):
            continue
        api = patch_api(analysis, node.func, call_scope(analysis, node))
        if api is None or not node.args or node.args[0].keyword is not None:
            continue
        first = node.args[0].value
        receiver: str | None = None
        if isinstance(first, cst.SimpleString) and isinstance(first.evaluated_value, str):
            receiver = first.evaluated_value
        elif api in ("patch.object", "setattr") and len(node.args) > 1:
            name = node.args[1].value
            owner = dotted_name(first)
            if owner is not None and isinstance(name, cst.SimpleString):
                receiver = f"{owner}.{name.evaluated_value}"
        if receiver is not None and receiver in known:
            yield node, receiver


def retarget_clients(plan: ModulePlan, rule: type[Rule]) -> list[HandBuilt]:
    """Doubles configured on a mocked client the run migrated: moved to ``messages.create``,
    or left with a manual finding that says why. Returns the ``Completion(...)`` objects
    the moved doubles return, rebuilt as the ``Message`` the migrated code gets."""
    rebuilt: list[HandBuilt] = []
    for call, receiver in client_patches(plan.analysis, plan.known_clients):
        chains = _Chains(plan, call, receiver)
        try:
            chains.examine()
        except Unprovable as why:
            _leave(plan, rule, chains, why)
            continue
        if not chains.resources:
            continue  # nothing reaches the legacy method through this mock
        for resource in chains.resources:
            plan.rewrites[resource] = _to_messages
        double = chains.double
        plan.rewrites.update(double.rewrites)
        rebuilt.extend(double.built)
        shaped = (
            ", and what it answers is a Message (text in `.content`)" if double.rewrites else ""
        )
        plan.report(
            rule,
            chains.resources[0],
            f"the mocked `{receiver}` is configured on `messages.create`, the method the "
            f"migrated code calls, instead of `completions.create`{shaped}",
            Safety.SAFE,
        )
        new = f"{receiver}.messages.create"
        for read in double.checks:
            check_request(plan, rule, read, sends_more(plan, call, new))
    return rebuilt


def _leave(plan: ModulePlan, rule: type[Rule], chains: _Chains, why: Unprovable) -> None:
    """The test stays as written: each statement that configures the legacy method says why."""
    reason = (
        f"`{chains.receiver}` is a client the run migrated, but the double configured on its "
        f"mock's `completions.create` is not moved to `messages.create`: {why}; configure "
        "`messages.create` by hand, returning a Message (its text in `content` blocks)"
    )
    for resource in dict.fromkeys(chains.configured):
        plan.report(rule, resource, reason, Safety.MANUAL)
        plan.comment(resource, f"# migrator: manual [{rule.code}] {reason}")  # type: ignore[attr-defined]


def _to_messages(updated: cst.CSTNode) -> cst.CSTNode:
    """``client.completions`` becomes ``client.messages``."""
    assert isinstance(updated, cst.Attribute)
    return updated.with_changes(attr=cst.Name("messages"))
