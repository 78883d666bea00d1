"""Where a few nodes start, in one pass that tracks nothing else.

libcst's ``PositionProvider`` records the range of every node of the module,
which costs more than parsing it; the engine needs the start of the handful of
nodes its findings and layout refer to. :func:`start_positions` renders the
module once with a codegen state that only notes where wanted nodes begin,
counting lines over the text generated so far when one does. Positions are
the ones ``PositionProvider`` gives (syntactic starts: a statement's leading
blank lines and comments are not part of it); a test compares the two on
every node of every fixture.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterator

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition

_NEWLINE = re.compile(r"\r\n?|\n")
_NOTHING = contextlib.nullcontext()


class _AllFound(Exception):
    """Every wanted node's start is known: the rest of the module need not be rendered."""


class _StartsState(CodegenState):
    def __init__(self, module: cst.Module, wanted: Collection[cst.CSTNode]) -> None:
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.wanted = set(wanted)
        self.left = set(wanted)  # the wanted nodes whose start is not known yet
        self.inclusive: dict[cst.CSTNode, CodePosition] = {}
        self.starts: dict[cst.CSTNode, CodePosition] = {}
        self._counted = 0  # tokens already counted into line and column
        self._line = 1
        self._column = 0

    def _here(self) -> CodePosition:
        tokens = self.tokens
        if self._counted < len(tokens):
            text = "".join(tokens[self._counted :])
            self._counted = len(tokens)
            breaks = _NEWLINE.findall(text)
            if breaks:
                self._line += len(breaks)
                last = max(text.rfind("\n"), text.rfind("\r"))
                self._column = len(text) - last - 1
            else:
                self._column += len(text)
        return CodePosition(self._line, self._column)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if node in self.wanted:
            self.inclusive[node] = self._here()

    def after_codegen(self, node: cst.CSTNode) -> None:
        if node in self.wanted and node not in self.starts:
            self.starts[node] = self.inclusive[node]
            self._known(node)

    def _known(self, node: cst.CSTNode) -> None:
        """A start is set once (a node's own codegen sets it before it ends)."""
        self.left.discard(node)
        if not self.left:
            raise _AllFound

    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> contextlib.AbstractContextManager[None]:
        """Nothing to record for most nodes: no manager made by ``@contextmanager`` for
        them (making one for every node was a fifth of the rendering)."""
        if node not in self.wanted:
            return _NOTHING
        return self._recording(node, start_node)

    @contextlib.contextmanager
    def _recording(self, node: cst.CSTNode, start_node: cst.CSTNode | None) -> Iterator[None]:
        if start_node is not None:
            self.wanted.add(start_node)
            yield
            self.starts[node] = self.starts[start_node]
        else:
            start = self._here()
            yield
            self.starts[node] = start
        self._known(node)


def start_positions(
    module: cst.Module, nodes: Collection[cst.CSTNode]
) -> dict[cst.CSTNode, CodePosition]:
    """The start (line from 1, column from 0) of each of ``nodes`` that is in ``module``."""
    if not nodes:
        return {}
    state = _StartsState(module, nodes)
    try:
        module._codegen(state)
    except _AllFound:
        pass  # what follows the last of them is not rendered
    return {node: state.starts[node] for node in nodes if node in state.starts}
