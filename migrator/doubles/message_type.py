"""``Completion`` becomes ``Message``: where the class is named, and where it is imported."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from migrator.code.transformer import Transformer
from migrator.doubles.handbuilt import MODULES


def to_message(updated: cst.CSTNode) -> cst.CSTNode:
    if isinstance(updated, cst.Name):
        # ``Completion as C``: the alias stays, its import changes.
        return updated.with_changes(value="Message") if updated.value == "Completion" else updated
    assert isinstance(updated, cst.Attribute)
    base = updated.value
    if isinstance(base, cst.Attribute) and base.attr.value == "completion":
        base = base.value  # anthropic.types.completion.Completion -> anthropic.types.Message
    return updated.with_changes(value=base, attr=cst.Name("Message"))


class RenameImports(Transformer):
    """``Completion`` becomes ``Message`` where it is imported, followed by ``added`` names;
    with ``keep``, ``Completion`` stays and the ``added`` names follow it."""

    def __init__(self, added: list[str], keep: bool = False) -> None:
        self.added = added
        self.keep = keep

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if updated_node.module is None or isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if cst.helpers.get_full_name_for_node(updated_node.module) not in MODULES:
            return updated_node
        names = []
        have_message = False
        for alias in updated_node.names:
            name = cst.helpers.get_full_name_for_node(alias.name)
            if name == "Message" and alias.asname is None:
                have_message = True
            if name == "Completion":
                names.extend(self._message(alias, updated_node.names))
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

    def _message(self, alias: cst.ImportAlias, beside: Sequence[cst.ImportAlias]):  # type: ignore[no-untyped-def]
        """``Completion`` (``as C``) becomes ``Message`` (``as C``), and the added names follow it."""
        present = {cst.helpers.get_full_name_for_node(other.name) for other in beside}
        group = [alias if self.keep else alias.with_changes(name=cst.Name("Message"))]
        group += [
            cst.ImportAlias(name=cst.Name(name)) for name in self.added if name not in present
        ]
        separator = (
            alias.comma
            if isinstance(alias.comma, cst.Comma)
            else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        )
        last = alias.comma
        return [item.with_changes(comma=separator) for item in group[:-1]] + [
            group[-1].with_changes(comma=last)
        ]
