"""Why the engine leaves a module unchanged for its syntax: code nested deeper than Python
parses, code libcst cannot read (said in CPython's words when it can), and rewritten code
that would not parse."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable

import libcst as cst

from migrator.code import trees
from migrator.code.trees import python_tree

# The frames above its caller a program run at the top level has, by default.
_HEADROOM = 1000


def too_deep_for_python(source: str) -> bool:
    """Whether CPython refuses the code for its depth: libcst's parser may crash on it.

    Judged as a program run at the top level would be, with the default recursion limit
    above the frames of whoever calls this. A tree parsed already with no more headroom
    answers for it, and the tree parsed here is kept for the next reader of the text.
    """
    if trees.known_tree(source, within=_HEADROOM) is not None:
        return False
    before = sys.getrecursionlimit()
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(depth + _HEADROOM)
    try:
        tree = ast.parse(source)
    except RecursionError:
        return True
    except SyntaxError as error:
        return "too many nested" in str(error.msg)
    except (MemoryError, ValueError):
        return False
    finally:
        sys.setrecursionlimit(before)
    trees.remember(source, tree, _HEADROOM)
    return False


# Spellings only Python 2 accepts: the print and exec statements, backticks, ``<>``, ``ur""``
# literals and octal literals without ``0o``.
_PYTHON2 = re.compile(
    r"""^[ \t]*(?:print[ \t]+(?:["'\w]|>>)|exec[ \t]+["'\w])|`|<>|\bur["']|(?<![\w.])0\d+\b""",
    re.MULTILINE,
)


def parse_error(
    source: str, locate: Callable[[int, int], str], where: tuple[int, int], problem: str
) -> str:
    """Why a module libcst cannot read is left unchanged, in CPython's words when it can.

    libcst's own message lists the tokens its grammar expected, at the place its parser
    gave up (often the end of the file); CPython names the mistake where it is ("'(' was
    never closed"). libcst's is kept only when CPython parses the code: libcst then
    lacks a construct, and the code has no error to fix.
    """
    try:
        ast.parse(source)
    except SyntaxError as error:
        python = f"{type(error).__name__}: {error.msg}"
        end = " " if python.endswith((".", "?", "!")) else ". "
        fix = (
            "It looks like Python 2 code, which migrator cannot parse (nor does the current "
            "SDK run on it): port the file to Python 3 first, or exclude it"
            if _looks_like_python2(source, error.lineno)
            else "migrator cannot parse the file: fix the syntax error (or exclude it)"
        )
        where = (error.lineno or 1, error.offset or 1)
        return f"{locate(*where)}: {python}{end}{fix}; it was left unchanged."
    except (ValueError, RecursionError, MemoryError):
        pass
    return (
        f"{locate(*where)}: cannot parse: {problem}. Python itself reads this code, but libcst, "
        "which migrator rewrites code with, does not: exclude the file, and please report the "
        "construct; it was left unchanged."
    )


def _looks_like_python2(source: str, line: int | None) -> bool:
    """Whether the line CPython stopped at reads as Python 2 (``print "x"``, a backtick).

    Only that line: a backtick or a ``0``-led number elsewhere in a file is as likely
    to sit in a string (a Markdown fence) of Python 3 code with another mistake.
    """
    lines = source.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return False
    return _PYTHON2.search(lines[line - 1]) is not None


def does_not_parse(new_source: str, source: str) -> str | None:
    """Why the output does not parse, or None.

    Python's own parser judges, unless it rejects the input too: code written for a newer
    Python than the one running (a ``type`` statement under 3.11) is then judged by libcst,
    which read the input.
    """
    try:
        python_tree(new_source)
        return None
    except SyntaxError as error:
        problem = f"{error.msg} at line {error.lineno}"
    try:
        ast.parse(source)
    except SyntaxError:
        try:
            cst.parse_module(new_source)
            return None
        except cst.ParserSyntaxError as error:
            return f"{error.message} at line {error.raw_line}"
    return problem
