"""The net under the rules: evidence left in a module's output is reported, never dropped.

After the rules ran, the module as it would be written is scanned for evidence of
the legacy API (:mod:`migrator.analysis.evidence`). Each statement that still holds some
and that no manual finding of this run covers gets a manual finding of rule
TCM020 and, in the output, a ``# migrator: manual [TCM020]`` comment above it.
So ``check`` calls a file clean only when no evidence is left, and a file the
tool changed never keeps a read of a name the current SDK lacks unmarked.

Findings point at the input: a line of the output is mapped back through the
diff of the two texts (unchanged lines exactly, a rewritten one to the start of
the block it replaced).
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
from dataclasses import replace

from migrator.analysis.evidence import Evidence, scan, scan_tree
from migrator.analysis.evidence_bytes import may_hold
from migrator.analysis.evidence_nodes import HELPER_PREFIX, completion_shaped
from migrator.analysis.evidence_reasons import REQUEST_REASONS
from migrator.analysis.runflow import RunTimeFlow, changed
from migrator.code.trees import python_tree
from migrator.code.wrapping import comment_lines, file_width
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.core.findings import Finding, Safety

PREFIX = "# migrator: manual"
_DIRECTIVE = re.compile(r"#\s*migrator:\s*ignore\b")
_MANUAL_COMMENT = re.compile(r"#\s*migrator:\s*manual\s*\[(TCM\d{3})\]")


def _shaped(source: str) -> bool:
    try:
        return completion_shaped(python_tree(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def report_leftovers(result: FileResult, rule: type[Rule]) -> FileResult:
    """``result`` with a finding (and a comment) for each statement still holding evidence."""
    if result.error is not None:
        return _unparsed(result, rule)
    if not may_hold(result.new_source.encode("utf-8", "replace"), retargeted=True):
        return result  # no bytes of any evidence: nothing to scan for
    try:
        tree = python_tree(result.new_source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return result  # code only libcst reads (a newer Python's syntax): nothing to scan
    found = scan_tree(tree, functools.cache(lambda: _shaped(result.source)))
    if not found:
        return result
    out_lines = result.new_source.splitlines(keepends=True)
    to_input = _line_map(result.source, out_lines)
    manual = [f for f in result.findings if f.fix is Safety.MANUAL]
    manual_rules = {f.rule for f in manual}

    by_statement: dict[int, list[Evidence]] = {}
    for item in found:
        by_statement.setdefault(id(item.statement), []).append(item)

    def covered(statement: ast.stmt) -> bool:
        first, last = header_span(statement)
        while last > first and out_lines[last - 1].lstrip().startswith(("#", "\n", "\r")):
            last -= 1  # comments between a header and its body are not the header's
        if any(_DIRECTIVE.search(line) for line in out_lines[first - 1 : last]):
            return True  # a person silenced this statement
        low, high = to_input(first), to_input(last)
        if any(low <= f.line <= high for f in manual):
            return True
        above = "".join(_comments_above(out_lines, first))
        # a rule left this statement for a person, with its reason
        return any(code in manual_rules for code in _MANUAL_COMMENT.findall(above))

    # Names read by statements left for a person: their values go with them. It and the
    # flow are found only for a statement that asks (most reports need neither).
    left_names = functools.cache(
        lambda: {
            node.id
            for statement in ast.walk(tree)
            if isinstance(statement, ast.stmt)
            if manual and covered(statement)
            for node in ast.walk(statement)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
        }
    )
    flow = functools.cache(lambda: RunTimeFlow(tree))

    findings = list(result.findings)
    comments: list[tuple[int, str]] = []  # (output line, comment text)
    reported = 0
    for items in by_statement.values():
        if result.judged is not None:  # changes were left out: see FileResult.judged
            items = [item for item in items if to_input(item.line) in result.judged]
            if not items:
                continue
        statement = items[0].statement
        first, _last = header_span(statement)
        if covered(statement):
            continue
        if all(item.sent_by and all(map(covered, item.sent_by)) for item in items):
            continue  # the answer of a request left for a person: it goes with the request
        bound = _names_bound(statement)
        request_only = all(item.why in REQUEST_REASONS for item in items)
        if request_only and (
            (bound and bound & left_names())
            or _calls_helper(statement)
            or flow().reaches(statement)
        ):
            continue  # the request of a call left for a person, or converted at run time
        imported = _imported(statement)
        if imported and imported & left_names():
            continue  # imports a removed name for code left for a person: it goes with that
        above = _comments_above(out_lines, first)
        whats = list(dict.fromkeys(item.what for item in items))
        for item in items:
            if item.what not in whats:
                continue
            whats.remove(item.what)
            line_text = out_lines[item.line - 1] if item.line <= len(out_lines) else ""
            column = len(line_text.encode("utf-8")[: item.column].decode("utf-8", "replace")) + 1
            findings.append(
                Finding(
                    result.path,
                    to_input(item.line),
                    column,
                    rule.code,
                    rule.name(),
                    f"{item.what}: {item.why}",
                    Safety.MANUAL,
                )
            )
        reported += 1
        by_reason: dict[str, list[str]] = {}
        for item in items:
            whats = by_reason.setdefault(item.why, [])
            if item.what not in whats:
                whats.append(item.what)
        text = f"{PREFIX} [{rule.code}] " + "; ".join(
            f"{', '.join(whats)}: {why}" for why, whats in by_reason.items()
        )
        if not any(_MANUAL_COMMENT.search(line) for line in above):
            # One comment over a statement: a second run finds the one it wrote, or the
            # reason another rule gave for leaving it.
            comments.append((first, text))

    if not reported:
        return result
    width = file_width(result.source)
    new_source = _with_comments(result.new_source, tree, out_lines, comments, width)
    return replace(
        result,
        new_source=new_source,
        findings=sorted(findings),
        manual_sites=result.manual_sites + reported,
    )


# Evidence read from the text alone, for code that does not parse.
_TEXT_EVIDENCE = (
    (re.compile(r"\bmax_tokens_to_sample\b"), "`max_tokens_to_sample`"),
    (re.compile(r"\b(?:HUMAN_PROMPT|AI_PROMPT)\b"), "`HUMAN_PROMPT`/`AI_PROMPT`"),
    (re.compile(r"/v1/complete(?![\w/-])"), "the legacy endpoint `/v1/complete`"),
    (re.compile(r"\.a?completion_stream\s*\("), "the pre-0.3 SDK's `completion_stream`"),
    (re.compile(r"\banthropic\.Client\s*\("), "`anthropic.Client`"),
)


def _unparsed(result: FileResult, rule: type[Rule]) -> FileResult:
    """Code that does not parse is not migrated: name each line of it that holds evidence."""
    if scan(result.source) is not None:
        return result  # the error is not about the syntax
    findings = list(result.findings)
    for number, line in enumerate(result.source.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for pattern, what in _TEXT_EVIDENCE:
            match = pattern.search(line)
            if match:
                findings.append(
                    Finding(
                        result.path,
                        number,
                        match.start() + 1,
                        rule.code,
                        rule.name(),
                        f"{what} is used here, but the code does not parse, so nothing in it "
                        "is migrated: fix the syntax, then run migrator again",
                        Safety.MANUAL,
                    )
                )
                break
    if len(findings) == len(result.findings):
        return result
    added = len(findings) - len(result.findings)
    return replace(result, findings=sorted(findings), manual_sites=result.manual_sites + added)


def _names_bound(statement: ast.stmt) -> set[str]:
    """Names a statement assigns or changes in place (``x = ...``, ``x[k] = ...``, ``x.update(...)``)."""
    names = set()
    for target in changed(statement):
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
        if isinstance(target, ast.Name):
            names.add(target.id)
    return names


def _imported(statement: ast.stmt) -> set[str]:
    """The names an import statement binds; none for any other statement."""
    if not isinstance(statement, (ast.Import, ast.ImportFrom)):
        return set()
    return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}


def _calls_helper(statement: ast.stmt) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith(HELPER_PREFIX)
        for node in ast.walk(statement)
    )


def header_span(statement: ast.stmt) -> tuple[int, int]:
    """The lines of a statement that are its own: a compound statement's header only."""
    first = statement.lineno
    decorators = getattr(statement, "decorator_list", None)
    if decorators:
        first = min(first, *(d.lineno for d in decorators))
    body = getattr(statement, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        last = max(first, body[0].lineno - 1)
        if body[0].lineno == statement.lineno:  # ``if x: y`` on one line
            last = statement.lineno
    else:
        last = statement.end_lineno or first
    return first, last


def _comments_above(lines: list[str], first: int) -> list[str]:
    above: list[str] = []
    index = first - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        above.append(lines[index])
        index -= 1
    return above


def _line_map(source: str, out_lines: list[str]):  # type: ignore[no-untyped-def]
    in_lines = source.splitlines(keepends=True)
    if in_lines == out_lines:
        return lambda line: line
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, in_lines, out_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset, out_index in enumerate(range(j1, j2)):
            if tag == "equal":
                mapping[out_index + 1] = i1 + offset + 1
            else:
                mapping[out_index + 1] = min(i1 + offset, max(i1, i2 - 1)) + 1
    return lambda line: mapping.get(line, min(line, len(in_lines) or 1))


def _with_comments(
    new_source: str,
    tree: ast.Module,
    lines: list[str],
    comments: list[tuple[int, str]],
    width: int,
) -> str:
    """Each comment above its line, wrapped to ``width`` at that line's indentation."""
    if not comments:
        return new_source
    edited = list(lines)
    for first, text in sorted(comments, reverse=True):
        line = edited[first - 1]
        indent = line[: len(line) - len(line.lstrip())]
        newline = "\r\n" if line.endswith("\r\n") else "\n"
        wrapped = comment_lines(text, width - len(indent))
        edited[first - 1 : first - 1] = [f"{indent}{part}{newline}" for part in wrapped]
    candidate = "".join(edited)
    try:
        # Comments change no code: a comment that landed inside a string would.
        if ast.dump(ast.parse(candidate)) == ast.dump(tree):
            return candidate
    except SyntaxError:
        pass
    return new_source
