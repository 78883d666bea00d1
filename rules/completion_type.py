"""Response type: `anthropic.types.Completion` becomes `Message` in annotations and `isinstance`.

## What it does

In annotations and `isinstance` checks, the legacy response type
`Completion` (imported from `anthropic.types`, `anthropic.types.completion`,
or spelled `anthropic.types.Completion`) becomes `Message`, the type
`messages.create` returns, and its import follows. A test double patched by dotted path on the removed
completions resource (`"anthropic.resources.Completions.create"`) is reported
with the path to patch instead. A `Completion(...)` built
by hand (a fallback or a test double) and any other use are left as they are
and reported: a `Message` is built from different fields.

## Why is this bad?

The current SDK has no `anthropic.types.Completion`: the import fails, and
the whole module with it.

## Example

```python
from anthropic import Anthropic
from anthropic.types import Completion


def is_response(value: object) -> bool:
    return isinstance(value, Completion)


def first(responses: list[Completion]) -> Completion:
    return responses[0]
```

## Use instead

```python
from anthropic import Anthropic
from anthropic.types import Message


def is_response(value: object) -> bool:
    return isinstance(value, Message)


def first(responses: list[Message]) -> Message:
    return responses[0]
```

## Fix safety

Safe where the migrated calls produce the values: they return `Message`
objects now. A module whose `Completion` is also used another way keeps its
import and gets a manual finding.

## References

`MIGRATION.md`, "Reading the response".
"""

from __future__ import annotations

import libcst as cst

from migrator.plan import ModulePlan
from migrator.response import completion_as_text
from migrator.rule import Rule, Safety

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
        """Test doubles patched by dotted path on the removed completions resource."""
        for node, value in _strings(plan):
            if not _is_patch_target(value):
                continue
            target = "AsyncMessages" if "Async" in value else "Messages"
            reason = (
                f"`{value}` no longer exists in the SDK; patch "
                f"`anthropic.resources.messages.{target}.create` instead, and make the double "
                "return a `Message` (text in `.content`), since the code now reads that"
            )
            plan.report(type(self), node, reason, Safety.MANUAL)
            plan.comment(node, f"# migrator: manual [{self.code}] {reason}")


def _is_patch_target(value: str) -> bool:
    parts = value.split(".")
    return parts[:2] == ["anthropic", "resources"] and (
        "Completions" in parts or "AsyncCompletions" in parts or "completions" in parts
    )


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
