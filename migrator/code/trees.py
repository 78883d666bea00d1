"""One ``ast`` parse per text: the trees of the last few texts parsed, for whoever asks next.

A module's text is read by CPython's ``ast`` several times in a run: the prefilter's
second tier (:mod:`migrator.analysis.gate`), the engine's check that the code is not nested deeper
than Python parses, the evidence scan of the output, the shared literals its new text
offers (:mod:`migrator.analysis.shared`). Each asks for the tree of the same text within a few
calls of the others, so the last few trees are kept, keyed by the text itself (equal
texts, one tree; any other text, its own parse). Trees are only read, never changed.

Whether a parse succeeds can depend on the recursion limit (CPython converts deep trees
to Python objects under it), so each tree keeps the headroom it was parsed with: the
recursion limit less the frames below the parse. A tree parsed with no more headroom
than a caller allows proves that the caller's own parse would succeed too.
"""

from __future__ import annotations

import ast
import sys
from collections import OrderedDict
from types import FrameType

# Texts are parsed, then asked for again within the same file's migration: four cover
# a module's input and output and the next module's input read ahead.
_KEPT = 4
# A tree takes about fifty bytes a character of its text: four trees of texts this long
# hold 100 MB at most. Longer texts (generated modules, mostly) are parsed each time they
# are asked for, which costs less than what keeping them would weigh.
LONGEST_KEPT = 500_000
_trees: OrderedDict[str, tuple[ast.Module, int]] = OrderedDict()


def python_tree(source: str) -> ast.Module:
    """``ast.parse(source)``, once per text; raises as ``ast.parse`` does."""
    tree = known_tree(source)
    if tree is None:
        tree = ast.parse(source)
        remember(source, tree, headroom(sys._getframe()))
    return tree


def known_tree(source: str, within: int | None = None) -> ast.Module | None:
    """The tree of ``source`` if it was parsed lately (with no more headroom than
    ``within``, when given), else None."""
    found = _trees.get(source)
    if found is None or (within is not None and found[1] > within):
        return None
    _trees.move_to_end(source)
    return found[0]


def remember(source: str, tree: ast.Module, room: int) -> None:
    """Keep ``tree``, parsed from ``source`` with ``room`` frames of headroom."""
    if len(source) > LONGEST_KEPT:
        return
    kept = _trees.get(source)
    if kept is not None:  # the same tree: keep the one handed out, with the least headroom
        tree, room = kept[0], min(room, kept[1])
    _trees[source] = (tree, room)
    _trees.move_to_end(source)
    while len(_trees) > _KEPT:
        _trees.popitem(last=False)


def headroom(frame: FrameType | None) -> int:
    """The recursion limit less the frames up to and including ``frame``, the caller of
    the parse."""
    depth = 0
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    return sys.getrecursionlimit() - depth


def forget() -> None:
    """Drop every tree kept (tests)."""
    _trees.clear()
