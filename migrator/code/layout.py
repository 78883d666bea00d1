"""Lines a migration made wider than the file's style, broken as black would break them.

The rewrites lay out what they build (a messages list, a call's arguments, the
converter's brackets), but a text read from the content blocks, a tuple returned
with it or an argument line that gained a keyword can still outgrow the file's
width: its longest line, or 100 columns if that is shorter (``file_width``). Each
such line the migration wrote (one the original does not hold) is broken here, on
the output's tokens, the way black breaks a line that does not fit:

- at its last pair of brackets, their contents on a line of their own, one step in
  (``text = "".join(\\n    block.text for block in ...\\n)``); when the contents do
  not fit there, a call's arguments or a literal's items go one a line, each with
  its comma;
- a tuple returned or assigned, ``return text, reason``, inside brackets of its
  own, one item a line;
- a line of arguments between brackets that open and close on the lines around it,
  one argument a line.

Only line breaks, indentation, a trailing comma and the brackets around a bare
tuple are written, and a break is kept only when the module's ``ast`` is the same
after it: a layout that could change what the code does is never written. A line
holding a comment, part of a string over several lines, or brackets opened on
another line, is left as it is.
"""

from __future__ import annotations

import ast
import io
import tokenize
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

from migrator.code.strings import laid_out
from migrator.code.wrapping import file_width

_CLOSING = {"(": ")", "[": "]", "{": "}"}
# Tokens that carry no code of a line: a break inside brackets, the end of a statement.
_LAYOUT = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})


@dataclass(frozen=True)
class _Token:
    text: str
    start: int  # columns on its line
    end: int
    kind: int


@dataclass(frozen=True)
class _Rows:
    """The output's tokens, row by row, and what makes a row unfit to break."""

    tokens: dict[int, list[_Token]]
    depth: dict[int, int]  # brackets left open when the row starts
    unfit: set[int]  # rows with a comment or a token over several lines


@dataclass(frozen=True)
class _Style:
    step: str  # the module's indentation unit
    width: int  # the widest a line may be


def shorten(before: str, after: str, step: str = "    ") -> str:
    """``after`` (the migrated ``before``) with each line it wrote wider than ``before``'s
    style broken as black would; ``step`` is the module's indentation unit."""
    style = _Style(step, file_width(before))
    kept = {line.rstrip("\r\n") for line in before.splitlines()}
    lines = after.splitlines(keepends=True)
    wide = [
        index
        for index, line in enumerate(lines)
        if len(line.rstrip("\r\n")) > style.width and line.rstrip("\r\n") not in kept
    ]
    if not wide:
        return after
    try:
        rows = _tokens(after)
        reference = _dumped(after)
    except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
        return after
    breaks = {}
    for index in wide:
        broken = _broken(index, lines, rows, style)
        if broken is not None:
            line = lines[index]
            ending = line[len(line.rstrip("\r\n")) :]
            breaks[index] = [new + ending for new in broken]
    whole = _with(lines, breaks)
    if not breaks or _same_code("".join(whole), reference):
        return "".join(whole)  # one parse proves them all, as it almost always does
    for index in sorted(breaks, reverse=True):  # else each on its own, from the bottom
        candidate = _with(lines, {index: breaks[index]})
        if _same_code("".join(candidate), reference):
            lines = candidate
    return "".join(lines)


def _with(lines: list[str], breaks: dict[int, list[str]]) -> list[str]:
    """``lines`` with each line ``index`` of ``breaks`` replaced by its lines."""
    out: list[str] = []
    for index, line in enumerate(lines):
        out.extend(breaks.get(index, [line]))
    return out


def _same_code(text: str, reference: str) -> bool:
    try:
        return _dumped(text) == reference
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def _dumped(text: str) -> str:
    """The module's ``ast``, as text to compare; without the warnings the compiler gives
    about the code itself (``"x" is 1``), which the user's own run shows if at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        return ast.dump(ast.parse(text))


def _tokens(text: str) -> _Rows:
    tokens: dict[int, list[_Token]] = {}
    depth: dict[int, int] = {}
    unfit: set[int] = set()
    level = 0
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        (row, column), (end_row, end_column) = token.start, token.end
        if token.type in _LAYOUT or token.type == tokenize.ENDMARKER:
            continue
        if token.type == tokenize.COMMENT or end_row != row:
            unfit.update(range(row, end_row + 1))
        depth.setdefault(row, level)
        tokens.setdefault(row, []).append(_Token(token.string, column, end_column, token.type))
        if token.type == tokenize.OP and token.string in _CLOSING:
            level += 1
        elif token.type == tokenize.OP and token.string in _CLOSING.values():
            level -= 1
    return _Rows(tokens, depth, unfit)


def _broken(index: int, lines: Sequence[str], rows: _Rows, style: _Style) -> list[str] | None:
    """The lines that stand for line ``index``, each within the width; None when it cannot
    be broken here."""
    row = index + 1
    tokens = rows.tokens.get(row)
    if not tokens or row in rows.unfit:
        return None
    inside = rows.depth.get(row, 0) > 0
    if inside:  # it may end by closing brackets opened above: they stay at its end
        tokens = tokens[: len(tokens) - _closed_above(tokens)]
    line = _Line.of(lines[index].rstrip("\r\n"), tokens, style)
    if line is None:
        return None  # it closes brackets opened above, or opens some closed below
    if inside:
        broken = line.among_arguments(rows.tokens.get(index), rows.tokens.get(index + 2))
    elif tokens[-1].text == ":":
        return None  # a block's header: black breaks its condition, which reads worse here
    else:
        broken = line.statement()
    return None if broken is None else _fitted(broken, style)


def _fitted(lines: list[str], style: _Style, depth: int = 0) -> list[str] | None:
    """``lines`` with each one still too wide broken in turn, as black breaks the lines
    its own breaks made; None when one cannot be."""
    fitted: list[str] = []
    for line in lines:
        if len(line) <= style.width:
            fitted.append(line)
            continue
        broken = _fragment(line, style) if depth < _DEEPEST else None
        broken = None if broken is None else _fitted(broken, style, depth + 1)
        if broken is None:
            return None
        fitted.extend(broken)
    return fitted


# How many breaks inside breaks are tried (an argument of an argument of a call).
_DEEPEST = 4


def _fragment(text: str, style: _Style) -> list[str] | None:
    """A line a break wrote, holding one item inside brackets (with its comma), broken
    as such; None for any other line."""
    try:
        tokens = [
            _Token(token.string, token.start[1], token.end[1], token.type)
            for token in tokenize.generate_tokens(io.StringIO(text + "\n").readline)
            if token.type not in _LAYOUT and token.type != tokenize.ENDMARKER
        ]
    except (tokenize.TokenError, SyntaxError):
        return None
    if any(token.kind == tokenize.COMMENT for token in tokens):
        return None
    line = _Line.of(text, tokens, style)
    if line is None or line.commas(0, len(tokens)) not in ([], [len(tokens) - 1]):
        return None
    return line.item()


def _closed_above(tokens: Sequence[_Token]) -> int:
    """How many of the line's last tokens close brackets opened on lines above it."""
    level, lowest = 0, 0
    for token in tokens:
        if token.kind == tokenize.OP and token.text in _CLOSING:
            level += 1
        elif token.kind == tokenize.OP and token.text in _CLOSING.values():
            level -= 1
            lowest = min(lowest, level)
    if lowest == 0:
        return 0
    last = tokens[lowest:]  # as many tokens as brackets it closes: all must be closing ones
    closing = all(token.kind == tokenize.OP and token.text in _CLOSING.values() for token in last)
    return -lowest if closing else len(tokens)


@dataclass(frozen=True)
class _Line:
    """One line's text and tokens, with its brackets matched, and how to break it."""

    text: str
    tokens: Sequence[_Token]
    pairs: dict[int, int]  # each opening bracket's token index: its closing one's
    levels: list[int]  # how deep in the line's own brackets each token is
    indent: str
    style: _Style

    @classmethod
    def of(cls, text: str, tokens: Sequence[_Token], style: _Style) -> _Line | None:
        """The line, or None when its brackets do not all open and close on it."""
        pairs: dict[int, int] = {}
        opened: list[int] = []
        levels: list[int] = []
        for position, token in enumerate(tokens):
            closes = token.kind == tokenize.OP and token.text in _CLOSING.values()
            if closes:
                if not opened:
                    return None
                pairs[opened.pop()] = position
            levels.append(len(opened))  # a bracket counts as outside what it holds
            if token.kind == tokenize.OP and token.text in _CLOSING:
                opened.append(position)
        if opened or not tokens:
            return None
        indent = text[: len(text) - len(text.lstrip())]
        return cls(text, tokens, pairs, levels, indent, style)

    @property
    def inner(self) -> str:
        return self.indent + self.style.step

    def span(self, first: int, after: int) -> str:
        """The text of tokens ``first`` to ``after`` (not included)."""
        return self.text[self.tokens[first].start : self.tokens[after - 1].end].strip()

    def commas(self, low: int, high: int) -> list[int]:
        """The commas of tokens ``low`` to ``high`` that separate items at the first level."""
        top = self.levels[low] if low < high else 0
        return [
            position
            for position in range(low, high)
            if self.tokens[position].text == "," and self.levels[position] == top
        ]

    def items(self, low: int, high: int, commas: list[int]) -> list[str]:
        """The text of each item between tokens ``low`` and ``high``, split at ``commas``,
        with a trailing comma left out."""
        bounds = [low, *(comma + 1 for comma in commas), high]
        items = []
        for first, after in zip(bounds, bounds[1:], strict=False):
            end = after - 1 if after - 1 in commas else after
            if first < end:
                items.append(self.span(first, end))
        return items

    def among_arguments(
        self, above: list[_Token] | None, below: list[_Token] | None
    ) -> list[str] | None:
        """A line inside brackets: several arguments go one a line when the brackets around
        them open at the end of the line above and close at the start of the line below
        (as black lays out a call whose arguments share a line); one argument is broken
        as an item."""
        tokens = self.tokens
        commas = self.commas(0, len(tokens))
        trailing = bool(commas) and commas[-1] == len(tokens) - 1
        if len(commas) - trailing == 0:
            return self.item()
        if self.text[tokens[-1].end :].strip():
            return None  # brackets opened above close on it: its items stay together
        if not (above and below and above[-1].text in _CLOSING):
            return None
        if below[0].text not in _CLOSING.values():
            return None
        if above[-1].text == "[" and _subscript(above, len(above) - 1):
            return None  # an index: a comma added after its one item would make a tuple
        return [f"{self.indent}{item}," for item in self.items(0, len(tokens), commas)]

    def item(self) -> list[str] | None:
        """One item inside brackets, perhaps with its comma: split before its operators
        (``key="..." % (...)``), as black splits it, else at its last brackets."""
        tokens = self.tokens
        end = len(tokens) - (tokens[-1].text == ",")
        parts = self.operands(0, end)
        if parts is not None:
            return [
                *(self.indent + part for part in parts[:-1]),
                self.indent + parts[-1] + self.text[tokens[end - 1].end :],
            ]
        broken = self.at_last_brackets(0, end)
        return broken if broken is not None else self.string_lines(end)

    def string_lines(self, end: int) -> list[str] | None:
        """One string literal, alone or as a key's value or a keyword argument, one piece
        a line (see ``laid_out``); None for anything else."""
        tokens = self.tokens
        keyed = end == 3 and tokens[1].text in (":", "=")
        if not (end == 1 or keyed) or tokens[end - 1].kind != tokenize.STRING:
            return None
        head = self.text[: tokens[1].end] if keyed else None
        tail = self.text[tokens[end - 1].end :]
        return laid_out(self.span(end - 1, end), head, tail, self.indent, self.inner)

    def statement(self) -> list[str] | None:
        """A statement on one line: a bare tuple it returns or assigns goes into brackets of
        its own, one item a line; so does a value of several operations, split before its
        operators when it does not fit on a line of its own; else it breaks at its last
        brackets."""
        tokens = self.tokens
        if any(token.text == ";" for token in tokens):
            return None  # statements that share a line
        start = self.value_start()
        if start is not None and start < len(tokens) and tokens[start].text == "yield":
            return None  # brackets would make its tuple read as the first item
        at_brackets = self.at_last_brackets(0, len(tokens))
        if start is None or start >= len(tokens):
            return at_brackets
        head = self.text[: tokens[start].start].rstrip() + " ("
        end = f"{self.indent})"
        commas = self.commas(start, len(tokens))
        if commas:  # with its trailing comma, black keeps it so
            items = self.items(start, len(tokens), commas)
            return [head, *(f"{self.inner}{item}," for item in items), end]
        parts = self.operands(start, len(tokens))
        ends_in_brackets = tokens[-1].text in _CLOSING.values()
        if parts is None or (len(parts) == 2 and ends_in_brackets and at_brackets):
            return at_brackets  # one operator before a call: black breaks the call
        value = self.text[tokens[start].start :].strip()
        if len(self.inner + value) <= self.style.width:
            return [head, self.inner + value, end]
        return [head, *(self.inner + part for part in parts), end]

    def value_start(self) -> int | None:
        """Where the value a statement returns or assigns starts, if it is one of those."""
        tokens = self.tokens
        if tokens[0].kind == tokenize.NAME and tokens[0].text == "return":
            return 1
        assigned = [
            position
            for position, token in enumerate(tokens)
            if self.levels[position] == 0
            and token.kind == tokenize.OP
            and (token.text == "=" or (token.text.endswith("=") and token.text[:-1] in _AUGMENTED))
        ]
        return assigned[-1] + 1 if assigned else None

    def operands(self, low: int, high: int) -> list[str] | None:
        """Tokens ``low`` to ``high`` split before each of their first-level operators of
        the highest priority, each part starting with its operator; None without one."""
        tokens, levels = self.tokens, self.levels
        top = levels[low]
        found: dict[int, list[int]] = {}
        for position in range(low + 1, high):
            token = tokens[position]
            priority = _PRIORITIES.get(token.text)
            if levels[position] != top or priority is None or token.kind == tokenize.STRING:
                continue
            if token.text in "+-*" and not _ends_operand(tokens[position - 1]):
                continue  # a sign or an unpacking, not an operator
            split = position
            if token.text == "in" and tokens[position - 1].text == "not":
                split = position - 1  # ``not in`` goes to the next line whole
            elif token.text == "not":
                continue
            found.setdefault(priority, []).append(split)
        if not found:
            return None
        if any(tokens[p].text in ("lambda", "for") and levels[p] == top for p in range(low, high)):
            return None  # a lambda's or a generator's operators are not the value's
        bounds = [low, *found[max(found)], high]
        return [self.span(first, after) for first, after in zip(bounds, bounds[1:], strict=False)]

    def at_last_brackets(self, low: int, high: int) -> list[str] | None:
        """Tokens ``low`` to ``high`` broken at their last brackets that hold something and
        are followed by nothing but attributes and calls (``"".join(...).strip()``): what
        they hold on a line of its own, or one item a line when it is a call's arguments
        or a literal's items. Brackets further back are tried when the lines would not
        fit, as black omits a trailer."""
        closing_of = {close: open_ for open_, close in self.pairs.items()}
        position = high - 1
        while position > low:
            token = self.tokens[position]
            opening = closing_of.get(position)
            if opening is not None and self.levels[opening] == self.levels[low] and opening >= low:
                if opening + 1 < position:  # brackets that hold something
                    broken = self.inside(opening, position)
                    fitted = None if broken is None else _fitted(broken, self.style)
                    if fitted is not None:
                        return fitted
                position = opening - 1  # look before them
            elif token.text == "." or token.kind == tokenize.NAME:
                position -= 1  # an attribute after the brackets
            else:
                return None
        return None

    def inside(self, opening: int, closing: int) -> list[str] | None:
        """The line broken at these brackets: a call's arguments together on a line of their
        own when they fit there, a literal's items (or arguments that do not fit) one a
        line."""
        tokens, text = self.tokens, self.text
        if tokens[opening].text == "[" and _subscript(tokens, opening):
            return None  # an index: black would break it, but that reads worse than the width
        head = text[: tokens[opening].end]
        tail = f"{self.indent}{text[tokens[closing].start :]}"
        inside = text[tokens[opening].end : tokens[closing].start].strip()
        commas = self.commas(opening + 1, closing)
        literal = tokens[opening].text in "[{" or not _called(tokens, opening)
        if commas and (literal or len(self.inner + inside) > self.style.width):
            items = self.items(opening + 1, closing, commas)
            return [head, *(f"{self.inner}{item}," for item in items), tail]
        clauses = self.clauses(opening + 1, closing)
        if clauses and len(self.inner + inside) > self.style.width:
            return [head, *(self.inner + clause for clause in clauses), tail]
        return [head, self.inner + inside, tail]

    def clauses(self, low: int, high: int) -> list[str] | None:
        """A comprehension's element and each of its ``for`` and ``if`` clauses, as black
        puts them one a line; None when tokens ``low`` to ``high`` are not one."""
        tokens, levels = self.tokens, self.levels
        top = levels[low] if low < high else 0
        splits: list[int] = []
        for position in range(low + 1, high):
            token = tokens[position]
            if levels[position] != top or token.kind != tokenize.NAME:
                continue
            if token.text == "for":
                after_async = tokens[position - 1].text == "async"
                splits.append(position - 1 if after_async else position)
            elif token.text == "if" and splits:
                splits.append(position)  # a ternary needs brackets after the first ``for``
        if not splits:
            return None
        bounds = [low, *splits, high]
        return [self.span(first, after) for first, after in zip(bounds, bounds[1:], strict=False)]


# Black's priorities of the operators it breaks a line before (the highest first).
_PRIORITIES = {
    **dict.fromkeys(("if", "else"), 16),
    **dict.fromkeys(("and", "or"), 14),
    **dict.fromkeys(("==", "!=", "<", ">", "<=", ">=", "in", "is"), 10),
    "|": 9,
    "^": 8,
    "&": 7,
    **dict.fromkeys(("<<", ">>"), 6),
    **dict.fromkeys(("+", "-"), 5),
    **dict.fromkeys(("*", "/", "//", "%", "@"), 4),
}
_AUGMENTED = {"+", "-", "*", "/", "//", "%", "@", "&", "|", "^", ">>", "<<", "**"}
# Names after which a bracket opens a value, not a call or an index.
_KEYWORDS = frozenset(
    {"return", "in", "not", "and", "or", "if", "else", "yield", "await", "lambda"}
)


def _ends_operand(token: _Token) -> bool:
    return (
        token.kind in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING)
        and token.text not in _KEYWORDS
    ) or token.text in _CLOSING.values()


def _called(tokens: Sequence[_Token], opening: int) -> bool:
    """Whether the bracket opens a call's arguments (``f(``, ``x.f(``, ``f()(``)."""
    before = tokens[opening - 1] if opening > 0 else None
    return (
        before is not None
        and (before.kind == tokenize.NAME or before.text in (")", "]"))
        and before.text not in _KEYWORDS
    )


def _subscript(tokens: Sequence[_Token], opening: int) -> bool:
    return _called(tokens, opening)  # ``x[`` as ``f(``: a name or a closing bracket before
