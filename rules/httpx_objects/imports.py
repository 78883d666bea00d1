"""The module's ``import httpx`` once objects are built with ``httpx2``: ``import httpx2``
goes after it, or in its place when nothing reads ``httpx`` any more."""

from __future__ import annotations

import libcst as cst


def httpx_import(module: cst.Module) -> int | None:
    """The index of the module-level ``import httpx`` line."""
    for index, statement in enumerate(module.body):
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            if (
                isinstance(small, cst.Import)
                and len(small.names) == 1
                and small.names[0].asname is None
                and cst.helpers.get_full_name_for_node(small.names[0].name) == "httpx"
            ):
                return index
    return None


class _ReadsHttpx(cst.CSTVisitor):
    found = False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.found = self.found or node.value == "httpx"


def import_httpx2(module: cst.Module) -> cst.Module:
    """``import httpx2`` after ``import httpx``, or in its place when ``httpx`` is unread."""
    index = httpx_import(module)
    if index is None:
        return module
    reads = _ReadsHttpx()
    module.visit(reads)
    body = list(module.body)
    statement = body[index]
    assert isinstance(statement, cst.SimpleStatementLine)
    new = statement.with_changes(body=[cst.Import(names=[cst.ImportAlias(cst.Name("httpx2"))])])
    if reads.found:
        body.insert(index + 1, new.with_changes(leading_lines=[]))
    else:
        body[index] = new
    return module.with_changes(body=body)
