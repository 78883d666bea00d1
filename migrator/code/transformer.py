"""A libcst transformer whose hooks are looked up once per class, not on every node.

``CSTTransformer`` finds ``visit_<Node>`` and ``leave_<Node>`` by building their names
and calling ``getattr`` on every node it meets, and ``visit_<Node>_<field>`` /
``leave_<Node>_<field>`` likewise on every field of every node; where a subclass does
not define one, it calls libcst's stub, which does nothing. In the engine's rewrites
(the module's rewritten part, a call's arguments, a filled-in template) those lookups
were a third of the time of the walk. :class:`Transformer` finds each class's own hooks
once per node class, calls only those, and has no field hooks: a subclass that defines
one is refused when it is created, rather than having it silently ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import libcst as cst

from migrator.code.readwalk import children

# ``visit_Call_func``, ``leave_Arg_comma``: libcst's node classes have no ``_`` in their
# names, so a second one starts a field's name.
_FIELD_HOOK = re.compile(r"^(?:visit|leave)_[A-Za-z0-9]+_\w+$")

_Hook = object  # an unbound method of a Transformer subclass


class Transformer(cst.CSTTransformer):
    """``cst.CSTTransformer`` with the same ``visit_<Node>`` / ``leave_<Node>`` calls, each
    found once per class; no ``visit_<Node>_<field>`` hooks."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for klass in cls.__mro__:
            if klass is Transformer:
                break
            hooks = [name for name in vars(klass) if _FIELD_HOOK.match(name)]
            if hooks:
                raise TypeError(f"{cls.__name__}: field hooks are not called here: {hooks}")

    def on_visit(self, node: cst.CSTNode) -> bool:
        visit = _hooks(type(self), type(node))[0]
        return visit is None or visit(self, node) is not False  # type: ignore[operator]

    def on_leave(  # type: ignore[override]
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
        leave = _hooks(type(self), type(original_node))[1]
        if leave is None:
            return updated_node
        return leave(self, original_node, updated_node)  # type: ignore[operator,no-any-return]

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        return None

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        return None


@functools.cache
def _hooks(
    transformer: type[Transformer], kind: type[cst.CSTNode]
) -> tuple[_Hook | None, _Hook | None]:
    """The ``visit_`` and ``leave_`` methods ``transformer`` has of its own for ``kind``."""

    def own(prefix: str) -> _Hook | None:
        name = f"{prefix}_{kind.__name__}"
        method = getattr(transformer, name, None)
        return (
            None if method is None or method is getattr(cst.CSTTransformer, name, None) else method
        )

    return own("visit"), own("leave")


def pair_nodes(
    original: cst.CSTNode, updated: cst.CSTNode, into: dict[cst.CSTNode, cst.CSTNode]
) -> None:
    """Map each node of ``original`` to the node it became in ``updated``.

    The engine rebuilds a tree node by node, so the two have the same shape down
    to the nodes a rewrite replaced, which map whole.
    """
    if original is updated:
        return
    into[original] = updated
    if type(original) is not type(updated):
        return
    old, new = children(original), children(updated)
    if len(old) == len(new):
        for before, after in zip(old, new, strict=True):
            pair_nodes(before, after, into)


class Replace(Transformer):
    """Swap nodes for their replacements, found by identity, in one pass."""

    def __init__(self, replacements: Mapping[cst.CSTNode, cst.CSTNode]) -> None:
        self.replacements = replacements

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node not in self.replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        return self.replacements.get(original_node, updated_node)


def carried(original: cst.CSTNode, updated: cst.CSTNode, rebuilt: cst.CSTNode) -> cst.CSTNode:
    """``rebuilt``, made from parts of ``original``, with the edits the walk made inside
    those parts (``updated`` is what the walk made of ``original``)."""
    pairs: dict[cst.CSTNode, cst.CSTNode] = {}
    pair_nodes(original, updated, pairs)
    pairs.pop(original, None)
    return rebuilt.visit(Replace(pairs)) if pairs else rebuilt
