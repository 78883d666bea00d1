"""A node's code, as ``Module.code_for_node`` writes it, at a fifth less of the cost.

libcst's codegen state records each node's syntactic position in a context manager
made by ``@contextmanager`` on every node it renders; for plain code the manager does
nothing, and making it was a fifth of rendering. The engine renders the module it
writes, and each rewritten statement and call to check its width.
``tests/test_shared_work.py`` compares the two on every fixture.
"""

from __future__ import annotations

import contextlib

import libcst as cst
from libcst._nodes.internal import CodegenState

_EMPTY = cst.Module([])
_NOTHING = contextlib.nullcontext()


class _PlainState(CodegenState):
    """libcst's state, with the position it records for nothing not recorded."""

    __slots__ = ()

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> contextlib.AbstractContextManager[None]:
        return _NOTHING


def code_of(node: cst.CSTNode, module: cst.Module = _EMPTY) -> str:
    """``module.code_for_node(node)``: ``node``'s code with ``module``'s newline and
    indentation (a module's own code for the module itself)."""
    state = _PlainState(
        default_indent=module.default_indent, default_newline=module.default_newline
    )
    node._codegen(state)
    return "".join(state.tokens)
