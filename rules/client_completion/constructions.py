"""Every ``anthropic.Client(key)`` the migrated calls did not rewrite: an ``Anthropic``
when the whole module is migrated, else the key passed as ``api_key=``."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import SDK02_CLIENT, ModuleAnalysis, Scope
from migrator.code.syntax import TIGHT_EQUAL, walk
from migrator.contract.plan import CallPlan, ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.client_completion.client import SDK02_PARAMETERS, _client, _parameter

# The client classes whose key a ``Client(key)`` gives by position: the pre-0.3 one, and
# its successor under the name it has had since 0.3 (which never took it so).
_CLIENT_CLASSES = (SDK02_CLIENT, "anthropic.Anthropic")


def _constructions(rule: type[Rule], plan: ModulePlan) -> None:
    """Every ``anthropic.Client(key)`` the migrated calls did not rewrite: a client
    built here for calls elsewhere, or one whose own calls are left for a person.

    In a module whose pre-0.3 calls are all migrated and that has no async one,
    ``anthropic.Client(key)`` becomes ``anthropic.Anthropic(api_key=key)``. Anywhere
    else the key alone is passed by keyword (``Client(api_key=key)``): both SDKs take
    it so (the current one only so), and the calls left on the client keep their
    own findings.
    """
    analysis = plan.analysis
    whole = _whole_clients(plan)
    done = {node for site in plan.migrated for node in site.rewrites}
    subclasses = _subclasses(plan)
    for node, scope in analysis.nodes_of(cst.Call):
        if not (
            isinstance(node, cst.Call)
            and node not in done
            and node.args
            and node.args[0].keyword is None
            and node.args[0].star != "**"
        ):
            continue
        if node in subclasses and not node.args[0].star:  # ``super().__init__(key)``
            _key_by_keyword(rule, plan, node, subclasses[node])
            continue
        qualified = analysis.qualified_name(node.func, scope)
        if qualified not in _CLIENT_CLASSES:
            continue
        if (
            whole
            and qualified == SDK02_CLIENT
            and isinstance(node.func, cst.Attribute)
            and _client(plan, node, asynchronous=False) is None
        ):
            plan.report(
                rule,
                node,
                "the pre-0.3 SDK's `Client(key)` becomes `Anthropic(api_key=...)`: the "
                "current client takes the key by keyword only",
                Safety.SAFE,
            )
        else:
            _key_by_keyword(rule, plan, node, plan.code_for(node.func))


def client_subclasses(analysis: ModuleAnalysis) -> list[tuple[cst.ClassDef, Scope]]:
    """The classes of the module that subclass the client, with the scope each is in."""
    return [
        (klass, scope)
        for klass, scope in analysis.nodes_of(cst.ClassDef)
        if isinstance(klass, cst.ClassDef)
        and any(
            base.keyword is None and analysis.qualified_name(base.value, scope) in _CLIENT_CLASSES
            for base in klass.bases
        )
    ]


def subclass_receiver(plan: CallPlan) -> str | None:
    """The subclass of the client this call's receiver is an instance of: ``self`` in one
    of its methods, or a name bound once to its construction."""
    analysis = plan.analysis
    receiver = plan.call.func.value if isinstance(plan.call.func, cst.Attribute) else None
    if not isinstance(receiver, cst.Name):
        return None
    names = {klass.name.value: klass for klass, _ in client_subclasses(analysis)}
    if receiver.value == "self":
        for node in analysis.ancestors(plan.call):
            if isinstance(node, cst.ClassDef):
                return node.name.value if node.name.value in names else None
        return None
    found = analysis.lookup(receiver.value, plan.site.scope)
    if found is None or len(found[1]) != 1:
        return None
    value = found[1][0].node
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        return value.func.value if value.func.value in names else None
    return None


def _subclasses(plan: ModulePlan) -> dict[cst.Call, str]:
    """The calls that give a subclass of the client, defined here, its key by position,
    each with how it is shown: ``super().__init__(key)`` in the subclass's ``__init__``,
    or ``Claude(key)`` where the subclass takes the client's own ``__init__``."""
    analysis = plan.analysis
    found: dict[cst.Call, str] = {}
    for klass, scope in client_subclasses(analysis):
        init = next(
            (
                statement
                for statement in klass.body.body
                if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__"
            ),
            None,
        )
        if init is not None:
            for node in walk(init.body):
                if (
                    isinstance(node, cst.Call)
                    and isinstance(node.func, cst.Attribute)
                    and node.func.attr.value == "__init__"
                    and isinstance(node.func.value, cst.Call)
                    and isinstance(node.func.value.func, cst.Name)
                    and node.func.value.func.value == "super"
                ):
                    found[node] = "super().__init__"
            continue
        name = klass.name.value
        for node, where in analysis.nodes_of(cst.Call):
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
                bound = analysis.lookup(name, where)
                if node.func.value == name and bound is not None and bound[0] is scope:
                    found[node] = name
    return found


def _key_by_keyword(rule: type[Rule], plan: ModulePlan, constructor: cst.Call, name: str) -> None:
    """``Client(key)`` becomes ``Client(api_key=key)``, the class left as it is written.

    Exact under both SDKs: the pre-0.3 client took ``api_key`` by keyword as well.
    A construction with more (its ``api_url``, ``proxy_url`` or
    ``default_request_timeout``, by position or by keyword, which the current
    client refuses, or ``*args`` / ``**kwargs``) is reported for manual work.
    """
    message = _not_by_keyword(constructor, name)
    if message is not None:
        plan.report(rule, constructor, message, Safety.MANUAL)
        plan.comment(constructor, f"# migrator: manual [{rule.code}] {message}")
        return

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        key = updated.args[0].with_changes(keyword=cst.Name("api_key"), equal=TIGHT_EQUAL)
        return updated.with_changes(args=[key, *updated.args[1:]])

    plan.rewrites[constructor] = rewrite
    plan.report(
        rule,
        constructor,
        f"`{name}(key)` passes its key as `api_key=`: the current client takes keywords "
        "only, and the pre-0.3 one took this one too",
        Safety.SAFE,
    )


def _whole_clients(plan: ModulePlan) -> bool:
    """May a ``Client(key)`` built here become an ``Anthropic``: the module's pre-0.3
    calls are all migrated, and none is async (its client would be an ``AsyncAnthropic``)."""
    sdk02 = [site for site in plan.sites if site.site.sdk02_method is not None]
    if not sdk02 or any(site.blocked for site in sdk02):
        return False
    return not any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in ("acompletion", "acompletion_stream")
        for node in plan.analysis.scope_of
    )


def _not_by_keyword(constructor: cst.Call, name: str) -> str | None:
    """Why the key alone cannot be passed by keyword, if so: the rest of the construction
    cannot be seen, or the current client refuses it too."""
    first, *others = constructor.args
    if first.star or any(arg.star for arg in others):
        return (
            f"`{name}(...)` is built from `*args` / `**kwargs` the tool cannot see, which may "
            "give it its key by position: the current client takes `api_key=` only"
        )
    old = [
        _parameter(arg, index)
        for index, arg in enumerate(others, start=1)
        if arg.keyword is None or arg.keyword.value in SDK02_PARAMETERS[1:]
    ]
    if not old:
        return None
    named = [f"`{parameter}`" for parameter in old if parameter]
    shown = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    return (
        f"`{name}(...)` is given its key by position and the pre-0.3 client's {shown}, which "
        "the current client does not take (it takes keywords only): pass `api_key=` and the "
        "current client's options by hand"
    )
