"""Names only the pre-0.3 SDK has: ``except ApiException`` becomes
``except APIStatusError``, and every other use is reported for manual work."""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import ModuleAnalysis
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.contract.rule import Rule
from migrator.core.findings import Safety

_SDK02_MODULES = ("anthropic.api", "anthropic.constants", "anthropic.tokenizer")


def _handlers(rule: type[Rule], plan: ModulePlan, uses: list[cst.CSTNode]) -> set[cst.CSTNode]:
    """``except anthropic.ApiException`` becomes ``except anthropic.APIStatusError``.

    The old SDK raised ``ApiException`` for a response with an error status (and
    for its own prompt checks, which a migrated prompt passes); the current one
    raises ``APIStatusError``. Done when the name is only ever caught, and no
    pre-0.3 call of the module is left as it was (it would still raise the old
    exception). Returns the uses rewritten.
    """
    analysis = plan.analysis
    uses = [use for use in uses if not isinstance(analysis.parent(use), cst.ImportAlias)]
    if not uses or not all(_caught(analysis, use) for use in uses):
        return set()
    if any(site.site.sdk02_method is not None and site.blocked for site in plan.sites):
        return set()
    imports = [
        (statement, alias)
        for statement in analysis.scope_of
        if isinstance(statement, cst.ImportFrom) and not isinstance(statement.names, cst.ImportStar)
        for alias in statement.names
        if alias.evaluated_name == "ApiException"
        and cst.helpers.get_full_name_for_node(statement.module or cst.Name(""))
        in ("anthropic", "anthropic.api")
    ]
    for statement, _alias in imports:
        if len(statement.names) != 1 and _module_name(statement) != "anthropic":
            return set()  # ``from anthropic.api import ApiException, Client``
    for statement, alias in imports:
        plan.rewrites[statement] = _import_status_error(alias)
    for use in uses:
        plan.rewrites[use] = _status_error
        plan.report(
            rule,
            use,
            "`ApiException` of the pre-0.3 SDK becomes `APIStatusError`, which the current "
            "SDK raises for a refused request as the old one raised `ApiException`; its text "
            "differs, so read `.status_code` and `.body` instead of parsing `str(error)`",
            Safety.REVIEW,
        )
    return set(uses)


def _removed(qualified: str | None) -> str | None:
    """Why a name of the pre-0.3 SDK cannot be used any more, if it is one."""
    if qualified == "anthropic.ApiException":
        return (
            "`anthropic.ApiException` is gone: the current SDK raises "
            "`anthropic.APIStatusError` for a refused request and `APIConnectionError` "
            "when it cannot connect; the old SDK also raised it for its own prompt checks"
        )
    if qualified == "anthropic.ANTHROPIC_CLIENT_VERSION":
        return "`anthropic.ANTHROPIC_CLIENT_VERSION` is gone; the SDK's version is `anthropic.__version__`"
    for module in _SDK02_MODULES:
        if qualified is not None and (qualified == module or qualified.startswith(module + ".")):
            return f"`{module}` is a module of the pre-0.3 SDK, which the current SDK does not have"
    return None


API_EXCEPTION = ("anthropic.ApiException", "anthropic.api.ApiException")


def _caught(analysis: ModuleAnalysis, use: cst.CSTNode) -> bool:
    """Is ``use`` the type of an ``except`` clause, or one of a tuple of them?"""
    parent = analysis.parent(use)
    if isinstance(parent, cst.Element):
        parent = analysis.parent(analysis.parent(parent) or parent)
    return isinstance(parent, cst.ExceptHandler)


def _module_name(statement: cst.ImportFrom) -> str:
    return cst.helpers.get_full_name_for_node(statement.module or cst.Name("")) or ""


def _status_error(updated: cst.CSTNode) -> cst.CSTNode:
    """``anthropic.ApiException`` / ``anthropic.api.ApiException`` / ``ApiException``."""
    if isinstance(updated, cst.Attribute):
        base = updated.value
        if isinstance(base, cst.Attribute) and base.attr.value == "api":
            base = base.value
        return updated.with_changes(value=base, attr=cst.Name("APIStatusError"))
    assert isinstance(updated, cst.Name)
    if updated.value != "ApiException":
        return updated  # ``from anthropic import ApiException as Failed``: the alias stays
    return updated.with_changes(value="APIStatusError")


def _import_status_error(alias: cst.ImportAlias) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.ImportFrom)
        names = [
            name.with_changes(name=cst.Name("APIStatusError"))
            if name.evaluated_name == "ApiException"
            else name
            for name in updated.names  # type: ignore[union-attr]
        ]
        return updated.with_changes(module=cst.Name("anthropic"), names=names)

    return rewrite
