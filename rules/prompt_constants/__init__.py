"""Prompt constants: `HUMAN_PROMPT` / `AI_PROMPT` no longer come from the SDK.

## What it does

Wherever a module still reads the constants once its calls are migrated (a
prompt builder with no API call, a log line, a template, a prompt converted
at run time), it keeps working without them: an import
`from anthropic import HUMAN_PROMPT, AI_PROMPT` (aliases too) becomes a local
definition of the same string, and `anthropic.HUMAN_PROMPT` becomes the
string itself (inside an f-string, its text). Where the text cannot be
written in place (a field that chooses the marker, `{A if c else B}`, where a
backslash does not parse before Python 3.12; a field with `!r` or a format
spec; a raw f-string), the field reads `HUMAN_PROMPT` / `AI_PROMPT` defined in
the module after its imports, with the same text; a field that would see
another binding of that name is left for a person. An import that nothing
reads any more is removed, and so is an `import anthropic` at the top of the
module that only the migrated code read (one the module never read may be
imported from it by another module, and stays). Calls left for manual work
keep their text as written.

The SDK as an optional dependency (`try: import anthropic` with
`except ImportError: anthropic = None`) is still the SDK: where the name holds
anything, it holds the module. A `try` left holding only the definitions can
no longer raise ImportError, so its handler goes and the definitions stand
alone.

## Why is this bad?

The current SDK (1.0 and later) has no `HUMAN_PROMPT` or `AI_PROMPT`: the
import fails, and the whole module with it, even where no API call is made.

## Example

```python
from anthropic import AI_PROMPT, HUMAN_PROMPT


def transcript(question):
    return f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
```

## Use instead

```python
AI_PROMPT = "\\n\\nAssistant:"
HUMAN_PROMPT = "\\n\\nHuman:"


def transcript(question):
    return f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
```

## Fix safety

Safe: the constants were plain strings, and the module sees the same
strings under the same names. Other modules that imported the constants
from this one keep finding them.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request".
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import CONSTANTS, Binding, ModuleAnalysis
from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rules.prompt_constants.imports import (
    _local,
    constant_aliases,
    settle_imports,
    with_definitions,
)


class PromptConstants(Rule):
    code = "TCM010"
    summary = "`HUMAN_PROMPT` / `AI_PROMPT` imports become local definitions or go"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        analysis = plan.analysis
        untouched = plan.untouched
        # Constants the module defines for f-string fields that read them by name.
        definitions: dict[str, str] = {}
        inlined = False
        for node, scope in analysis.nodes_of(cst.Attribute):
            if not isinstance(node, cst.Attribute):
                continue
            value = CONSTANTS.get(analysis.qualified_name(node, scope) or "")
            if value is None or _inside(node, untouched, analysis):
                continue
            self._inline(plan, node, value, definitions)
            inlined = True
        if definitions:
            plan.finishers.append(lambda module: with_definitions(module, definitions))
        # A name the module never read may be imported from it by others.
        read_before = {name for name, uses in analysis.name_uses.items() if uses}
        imports = [
            node
            for node, _ in analysis.nodes_of(cst.ImportFrom)
            if isinstance(node, cst.ImportFrom) and constant_aliases(node)
        ]
        for node in imports:
            aliases = constant_aliases(node)
            names = ", ".join(f"`{_local(alias)}`" for alias in aliases)
            exist = "exists" if len(aliases) == 1 else "exist"
            plan.report(
                type(self),
                node,
                f"{names} no longer {exist} in the SDK: defined here instead, "
                "or the import goes when nothing reads them",
                Safety.SAFE,
            )
        if imports or plan.migrated or inlined:
            # The constants' imports become definitions, and an ``import anthropic`` read
            # only for them (or for the migrated calls) goes.
            constants = bool(imports)
            plan.finishers.append(lambda module: settle_imports(module, read_before, constants))

    def _inline(
        self, plan: ModulePlan, node: cst.Attribute, value: str, definitions: dict[str, str]
    ) -> None:
        hole = plan.analysis.parent(node)
        fstring = plan.analysis.parent(hole) if hole is not None else None
        string = fstring if isinstance(fstring, cst.FormattedString) else None
        field = (
            hole if isinstance(hole, cst.FormattedStringExpression) and string is not None else None
        )
        plain_field = (
            field is not None
            and string is not None
            and not (field.conversion or field.format_spec or "r" in string.prefix.lower())
        )
        in_field = field is not None or any(
            isinstance(outer, cst.FormattedStringExpression)
            for outer in plan.analysis.ancestors(node)
        )
        if in_field and not plain_field:
            # ``{A!r}``, ``{A if c else B}``, a raw f-string: the text cannot go into the
            # literal part, and a backslash inside a field does not parse before Python
            # 3.12, so the field reads a module constant of the same name and text.
            self._named(plan, node, value, definitions)
            return
        if string is not None and field is not None:
            # ``{anthropic.HUMAN_PROMPT}`` becomes text of the f-string: an
            # expression part may not hold a backslash before Python 3.12.
            plan.rewrites[string] = _without_constant_holes(string, plan.analysis)
        elif (joined := _joined_with_next(plan, node, value)) is not None:
            # ``HUMAN_PROMPT + " " + q``: one literal, ``"\n\nHuman: " + q``.
            holder, literal = joined
            plan.rewrites[holder] = lambda updated, literal=literal: literal.with_changes(
                lpar=updated.lpar, rpar=updated.rpar
            )
        else:
            literal = cst.SimpleString('"' + value.replace("\n", "\\n") + '"')
            plan.rewrites[node] = lambda updated, literal=literal: literal.with_changes(
                lpar=updated.lpar, rpar=updated.rpar
            )
        plan.report(
            type(self),
            node,
            f"`{plan.code_for(node)}` no longer exists in the SDK: written out as its text",
            Safety.SAFE,
        )

    def _named(
        self, plan: ModulePlan, node: cst.Attribute, value: str, definitions: dict[str, str]
    ) -> None:
        """The field reads ``HUMAN_PROMPT`` / ``AI_PROMPT`` of the module itself.

        The name is defined after the module's imports unless the module already
        imports it from the SDK (that import becomes the same definition). Any other
        binding of the name the field would see leaves the field for a person.
        """
        name = node.attr.value
        analysis = plan.analysis
        found = analysis.lookup(name, analysis.scope_of[node])
        if found is None:
            definitions[name] = value
        elif not _imports_the_constant(found[1], value):
            reason = (
                f"`{plan.code_for(node)}` no longer exists in the SDK, and its text cannot be "
                "written inside this f-string field (a backslash there needs Python 3.12); "
                f"the module binds `{name}` to something else: bind "
                f'"{value.encode("unicode_escape").decode()}" to a free name and use that'
            )
            plan.report(type(self), node, reason, Safety.MANUAL)
            plan.comment(node, f"# migrator: manual [{self.code}] {reason}")
            return
        plan.rewrites[node] = lambda updated, name=name: cst.Name(
            name, lpar=updated.lpar, rpar=updated.rpar
        )
        plan.report(
            type(self),
            node,
            f"`{plan.code_for(node)}` no longer exists in the SDK: this f-string field reads "
            f"`{name}`, defined in the module with the same text",
            Safety.SAFE,
        )


def _imports_the_constant(bindings: list[Binding], value: str) -> bool:
    """``from anthropic import HUMAN_PROMPT``: the name already holds the same text."""
    return all(
        binding.kind == "import" and CONSTANTS.get(binding.qualified or "") == value
        for binding in bindings
    )


def _without_constant_holes(fstring: cst.FormattedString, analysis: ModuleAnalysis):  # type: ignore[no-untyped-def]
    """The f-string with its constant holes as text; a plain string if no hole is left."""
    scope = analysis.scope_of[fstring]
    texts: dict[int, str] = {}
    for index, part in enumerate(fstring.parts):
        if not isinstance(part, cst.FormattedStringExpression):
            continue
        if part.conversion or part.format_spec:
            continue
        value = CONSTANTS.get(analysis.qualified_name(part.expression, scope) or "")
        if value is not None and isinstance(part.expression, cst.Attribute):
            texts[index] = value.replace("\n", "\\n")

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.FormattedString)
        parts = [
            cst.FormattedStringText(texts[index]) if index in texts else part
            for index, part in enumerate(updated.parts)
        ]
        if any(isinstance(part, cst.FormattedStringExpression) for part in parts):
            return updated.with_changes(parts=parts)
        body = "".join(part.value for part in parts if isinstance(part, cst.FormattedStringText))
        body = body.replace("{{", "{").replace("}}", "}")
        prefix = updated.start[: -len(updated.end)].replace("f", "").replace("F", "")
        return cst.SimpleString(
            prefix + updated.end + body + updated.end, lpar=updated.lpar, rpar=updated.rpar
        )

    return rewrite


def _inside(node: cst.CSTNode, holders: set[cst.CSTNode], analysis: ModuleAnalysis) -> bool:
    return node in holders or any(a in holders for a in analysis.ancestors(node))


def _joined_with_next(
    plan: ModulePlan, node: cst.Attribute, value: str
) -> tuple[cst.BinaryOperation, cst.SimpleString] | None:
    """``MARKER + "text"``: the ``+`` and the one literal it becomes, when the literal after
    the marker is a plain one-line string."""
    holder = plan.analysis.parent(node)
    right = holder.right if isinstance(holder, cst.BinaryOperation) else None
    if not (
        isinstance(holder, cst.BinaryOperation)
        and isinstance(holder.operator, cst.Add)
        and holder.left is node
        and isinstance(right, cst.SimpleString)
        and not right.prefix
        and len(right.quote) == 1
        and not right.lpar
        and holder in plan.analysis.scope_of
    ):
        return None
    quote = right.quote
    text = value.replace("\n", "\\n")
    return holder, cst.SimpleString(f"{quote}{text}{right.raw_value}{quote}")
