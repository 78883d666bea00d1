"""Parse once, run the rules in order, render, validate. Never prints.

``migrate_source`` is the whole pipeline for one file's text; the front ends
(command line, pre-commit, tests) decide what to do with its result.
"""

from __future__ import annotations

import ast
import copy
import functools
import re
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import libcst as cst
from libcst.metadata import CodePosition

from migrator import builder, splat, splat_shared, trees
from migrator.adapted import adapter_rewrite
from migrator.analysis import ClientKind, LegacyCall, ModuleAnalysis
from migrator.analysis_walk import analyse
from migrator.codegen import code_of
from migrator.config import Config
from migrator.doubled import NO_ENDPOINTS, Endpoints
from migrator.evidence import left_endpoints
from migrator.evidence_nodes import ENDPOINT, deep_recursion
from migrator.findings import Finding, Safety
from migrator.fitting import fitted, realigned
from migrator.layout import shorten
from migrator.leave_out import calls_changed, footprint, leave_out_calls, module_rules
from migrator.plan import MESSAGES_PLACEHOLDER, CallPlan, CallRule, ModulePlan, Note, Rewrite
from migrator.positions import start_positions
from migrator.prefilter import may_contain_legacy
from migrator.readwalk import children
from migrator.response import follow
from migrator.result import FileResult
from migrator.rule import Rule
from migrator.runtime import PROMPT_HELPER
from migrator.selection import NOTHING, LeaveOut
from migrator.suppression import Suppressions, collect
from migrator.syntax import leading_blank, one_argument_a_line, preamble_end
from migrator.transformer import Transformer
from migrator.trees import python_tree
from migrator.wrapping import comment_lines, file_width, written_already

COMMENT_PREFIX = "# migrator:"
MANUAL_COMMENT = f"{COMMENT_PREFIX} manual ["
# Keyword arguments of Text Completions that Messages does not take: a site
# that still has one after every rule ran is not finished.
LEGACY_ONLY = ("prompt", "max_tokens_to_sample", "temperature", "top_p", "top_k")


# Where helpers go in a migrated module, given the helper names it calls: the index of the
# top-level statement they go before, and whether they take over that statement's leading
# comment lines (a notebook cell's marker stays above them).
HelperPlace = Callable[[cst.Module, Collection[str]], tuple[int, bool]]


def migrate_source(
    source: str,
    path: str,
    config: Config,
    rules: Sequence[type[Rule]],
    locate: Callable[[int, int], str] | None = None,
    known_clients: Mapping[str, bool] = MappingProxyType({}),
    place_helpers: HelperPlace | None = None,
    leave_out: LeaveOut = NOTHING,
    known_endpoints: Endpoints | None = None,
) -> FileResult:
    """Migrate one module's text; ``source`` is returned unchanged when nothing applies.

    ``locate`` names a line and column of ``source`` in error messages (a
    notebook's module is made of cells); by default ``path:line:column``.
    ``place_helpers`` says where the runtime helpers go in the migrated module
    (a notebook's cell); by default after its imports.
    ``known_clients``: dotted names, as this module spells them, of Anthropic
    clients built in other modules whose calls were all migrated (the run found
    them): a test double on their ``completions.create`` moves to ``messages``.
    ``leave_out``: changes to leave out as if they had never been found (interactive
    review); the result names the changes made (``calls_changed``, ``rules_changed``).
    Each is True when those calls send just the legacy request's counterpart
    (``FileResult.exact_clients``).
    ``known_endpoints``: the run's legacy endpoints, where a ``responses`` registration moves
    with the posts it serves; None when the module is the whole run (its own endpoints).
    """
    if locate is None:
        locate = lambda line, column: f"{path}:{line}:{column}"  # noqa: E731
    legacy = may_contain_legacy(source.encode("utf-8", "surrogatepass"))
    if not legacy and not splat_shared.given_edits():  # nothing of its own, nothing given to it
        return FileResult(path, source, source)
    if len(source) > config.max_file_size:
        message = (
            f"{path}: {len(source) / 1e6:.1f} MB of source is more than the "
            f"{config.max_file_size / 1e6:g} MB migrator parses (a generated file?); it was "
            "left unchanged. Exclude it (--exclude or `exclude` in [tool.migrator]), or raise "
            "`max_file_size` if it really is code to migrate."
        )
        return FileResult(path, source, source, error=message)
    if _too_deep_for_python(source):
        message = (
            f"{path}: cannot parse: the code nests deeper than Python itself can parse "
            "(brackets or an operator chain thousands of levels deep, a generated file?); it "
            "was left unchanged. Exclude the file, or split the expression."
        )
        return FileResult(path, source, source, error=message)
    with deep_recursion():
        job = _Job(source, path, config, tuple(rules), locate, known_clients, place_helpers)
        if known_endpoints is None:
            known_endpoints = _own_endpoints(job, leave_out)
        judged = _judged(job, known_endpoints) if leave_out else None
        result = _migrate_parsed(job, leave_out, known_endpoints)
        result.judged = judged
        result, _ = _review(result, rules, leave_out.rules)
        result.endpoints_left = left_endpoints(result.new_source)
    return result


class _Job(NamedTuple):
    """One module's text and what migrating it takes, whichever changes are left out."""

    source: str
    path: str
    config: Config
    rules: tuple[type[Rule], ...]
    locate: Callable[[int, int], str]
    known_clients: Mapping[str, bool]
    place_helpers: HelperPlace | None


def _own_endpoints(job: _Job, leave_out: LeaveOut) -> Endpoints:
    """The endpoints of a module that is the whole run: what its own posts became, for its
    own ``responses`` registrations and ``respx`` routes (the module migrated once without
    them)."""
    doubled = "responses" in job.source or "respx" in job.source
    if not doubled or not ENDPOINT.search(job.source):
        return NO_ENDPOINTS
    alone = _migrate_parsed(job, leave_out)
    if not (alone.served_endpoints and alone.endpoints_migrated):
        return NO_ENDPOINTS
    alone.endpoints_left = left_endpoints(alone.new_source)  # the net adds only comments
    return Endpoints.of([alone])


# The last text migrated with changes left out, and where the rules that judge the output
# report on it with nothing left out: interactive review migrates one text many times.
_last_judged: list[tuple[tuple[object, ...], frozenset[int]]] = []


def _judged(job: _Job, known_endpoints: Endpoints = NO_ENDPOINTS) -> frozenset[int]:
    """The lines where the rules that judge the output report with nothing left out."""
    # ``locate`` and ``place_helpers`` are made anew per call, from the path and the text.
    settled = job._replace(
        known_clients=tuple(sorted(job.known_clients.items())), locate=None, place_helpers=None
    )
    key = (settled, known_endpoints)
    if not _last_judged or _last_judged[0][0] != key:
        reference = _migrate_parsed(job, known_endpoints=known_endpoints)
        _last_judged[:] = [(key, _review(reference, job.rules, ())[1])]
    return _last_judged[0][1]


def _review(
    result: FileResult, rules: Sequence[type[Rule]], left_out: Collection[str]
) -> tuple[FileResult, frozenset[int]]:
    """The result as the rules that judge the output leave it, and the lines they report at."""
    lines: set[int] = set()
    for rule in rules:
        if rule.code in left_out:
            continue
        reviewed = rule().review_output(result)
        if reviewed is not result:
            reviewed.rules_changed = (*reviewed.rules_changed, rule.code)
            lines.update(finding.line for finding in set(reviewed.findings) - set(result.findings))
        result = reviewed
    return result, frozenset(lines)


# The frames above its caller a program run at the top level has, by default.
_HEADROOM = 1000


def _too_deep_for_python(source: str) -> bool:
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


def _migrate_parsed(
    job: _Job, leave_out: LeaveOut = NOTHING, known_endpoints: Endpoints = NO_ENDPOINTS
) -> FileResult:
    source, path, config, rules, locate, known_clients, place_helpers = job
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        where, problem = (error.raw_line, error.raw_column + 1), error.message
        return FileResult(path, source, source, error=_parse_error(source, locate, where, problem))
    except cst.CSTValidationError as error:
        # libcst's parser builds a node that its own checks refuse (an identifier made of a
        # character Python does not allow in names): Python rejects the code too.
        problem = str(error).rstrip(".")
        return FileResult(path, source, source, error=_parse_error(source, locate, (1, 1), problem))
    # Filled once every node a finding or a layout needs is known (one pass for all),
    # unless a `# migrator:` directive may need the line of any node before that.
    positions: dict[cst.CSTNode, CodePosition] = {}
    if "migrator:" in source:
        positions.update(_every_start(module))
    analysis = analyse(module)
    instances = [rule() for rule in rules]

    plans, splats = _plan_calls(analysis, config, instances)

    # Left out before the links are judged: a call linked to one stays as written too.
    leave_out_calls(plans, module, positions, leave_out.calls)
    suppressions = collect(module, source, positions)
    _block_linked(plans)
    leftovers: dict[int, Note] = {}
    while suppressions and _suppress(plans, suppressions, positions, leftovers):
        _block_linked(plans)

    notes: list[Note] = []
    rewrites: dict[cst.CSTNode, Rewrite] = {}
    comments: dict[cst.CSTNode, list[str]] = {}
    helpers: dict[str, str] = {}
    inserted: dict[cst.CSTNode, list[str]] = {}
    replaced: set[cst.CSTNode] = set()
    migrated = manual = 0
    for plan in plans:
        if plan.suppressed:
            leftover = leftovers.get(id(plan))
            if leftover is not None:
                manual += 1
                notes.append(leftover)
            continue
        if plan.blocked:
            manual += 1
            notes.extend(plan.blockers)
            for blocker in plan.blockers:
                comment = f"{MANUAL_COMMENT}{blocker.rule}] {blocker.message}"
                comments.setdefault(plan.site.statement, []).append(comment)
            continue
        migrated += 1
        # Migrated, with a part still for a person (a Bedrock model held in a variable).
        manual += any(note.fix is Safety.MANUAL for note in plan.notes)
        notes.extend(plan.notes)
        rewrites.update(plan.rewrites)
        rewrites[plan.call] = _call_rewrite(plan, source, positions)
        parent = analysis.parent(plan.call)
        if plan.result_wrapper is not None and isinstance(parent, cst.Await):
            # ``adapter(await call)``
            rewrites[parent] = adapter_rewrite(plan, source, positions)
        if plan.comments:
            comments.setdefault(plan.site.statement, []).extend(plan.comments)
        helpers.update(plan.helpers)
        if plan.bound is not None:
            _bind_statements(plan)
        for statement, lines in plan.statements_after.items():
            inserted.setdefault(statement, []).extend(lines)
        replaced |= plan.replaced_statements

    modular = module_rules(instances, leave_out.rules)
    touched: set[str] = set()
    # Module rules edit the call plans too (a model mapped once every migrated call is
    # known): a second phase must start from the plans as the first one found them.
    before_module_phase = [_state(plan) for plan in plans] if suppressions else []
    module_plan = _module_phase(
        ModulePlan(analysis, config, plans, known_clients, known_endpoints), modular, touched
    )
    edited = {
        note.rule
        for note in module_plan.notes
        if note.fix is not Safety.MANUAL
        and suppressions
        and suppressions.covering(_line(note.node, positions), note.rule)
    }
    if edited:
        # A silenced finding that comes with an edit: that rule's module-level edits stay out.
        kept = [rule for rule in modular if rule.code not in edited]
        for plan, state in zip(plans, before_module_phase, strict=True):
            vars(plan).update(_state(state))
        module_plan = _module_phase(
            ModulePlan(analysis, config, plans, known_clients, known_endpoints), kept
        )
    written: dict[cst.CSTNode, str] = {}
    remote: list[tuple[splat.SplattedDict, str]] = []  # dicts bound in other modules
    for plan in plans:
        splatted = splats.get(id(plan))
        if splatted is not None and not plan.blocked:
            known = len(plan.notes)
            splat.finish(plan, splatted, _messages_renderer(plan), module_plan.notes)
            notes.extend(plan.notes[known:])
            literal = splatted.literal
            code = code_of(plan.rewrites[literal](literal), module)
            if splatted.remote is not None:
                remote.append((splatted, code))
                continue
            rewrites[literal] = plan.rewrites[literal]
            if written.setdefault(literal, code) != code:
                raise RuntimeError(f"calls that send `{splatted.name}` convert it differently")
    module_notes = _module_notes(module_plan, modular, rules, suppressions, positions, source)
    notes.extend(module_notes)
    if remote:
        notes = splat_shared.sent_elsewhere(notes, remote)
    for name, edit in splat_shared.given_edits().items():
        edited = splat_shared.given(module, name, edit)
        if edited is not None:
            literal, new_literal, on_it = edited
            rewrites[literal] = lambda _updated, new=new_literal: new
            notes.extend(on_it)
    acted = touched | {note.rule for note in module_notes}
    migrated += module_plan.migrated_requests
    manual += _manual_statements(module_plan, plans)
    rewrites.update(module_plan.rewrites)
    for statement, lines in module_plan.comments.items():
        comments.setdefault(statement, []).extend(lines)
    helpers.update(module_plan.helpers)

    # Sites that share a response variable report its reads once.
    unique = {(id(note.node), note.rule, note.message): note for note in notes}
    wanted = {note.node for note in unique.values()}
    for plan in plans:  # where the messages list is laid out, and how long the call's line is
        wanted.add(plan.site.statement)
        wanted.add(plan.call)
        prompt = plan.original_kwarg("prompt")
        if prompt is not None:
            wanted.add(prompt)
    wanted.update(comments)  # a comment above a statement is wrapped at its indentation
    rewriting = bool(rewrites or comments or helpers or module_plan.finishers)
    reach = _with_ancestors([*rewrites, *comments, *inserted], analysis) if rewriting else set()
    # A rewritten statement that outgrows the file's width is broken at its indentation:
    # where it starts is found in the same rendering of the module as the rest.
    wanted.update(node for node in reach if isinstance(node, cst.SimpleStatementLine))
    wanted -= positions.keys()  # a file with a directive has every node's already
    if wanted:
        positions.update(start_positions(module, wanted))
    findings = sorted(_finding(path, note, positions) for note in unique.values())
    counts = {"migrated_sites": migrated, "manual_sites": manual}
    clients = _module_clients(analysis) if migrated and not manual else ()
    exact = _exact_clients(plans, clients)
    learned = {
        "endpoints_migrated": tuple(dict.fromkeys(module_plan.endpoints_migrated)),
        "served_endpoints": module_plan.served_endpoints,
    }
    if not rewriting:
        return FileResult(
            path,
            source,
            source,
            findings,
            clients=clients,
            exact_clients=exact,
            served_endpoints=module_plan.served_endpoints,
            **counts,
        )
    statements = {
        statement: [_statement(module, line) for line in dict.fromkeys(lines)]
        for statement, lines in inserted.items()
    }
    fit = _CommentFit(positions, file_width(source), module.default_indent)
    new_module = module.visit(_Apply(rewrites, comments, statements, replaced, reach, fit))
    if helpers and config.runtime_module:
        new_module = _import_helpers(new_module, config.runtime_module, helpers)
    elif helpers:
        new_module = _insert_helpers(new_module, helpers, place_helpers)
    for finish in module_plan.finishers:
        new_module = finish(new_module)
    new_source = shorten(source, code_of(new_module, new_module), module.default_indent)
    problem = _does_not_parse(new_source, source)
    if problem is not None:
        message = (
            f"{path}: the rewritten code would not parse ({problem}); "
            "the file was left unchanged. Please report this as a bug."
        )
        return FileResult(
            path,
            source,
            source,
            findings,
            error=message,
            served_endpoints=module_plan.served_endpoints,
        )
    return FileResult(
        path,
        source,
        new_source,
        findings,
        helpers=set(helpers),
        clients=clients,
        calls_changed=calls_changed(plans, positions),
        rules_changed=tuple(rule.code for rule in instances if rule.code in acted),
        exact_clients=exact,
        **learned,
        **counts,
    )


def _state(plan: CallPlan | dict[str, object]) -> dict[str, object]:
    """A plan's fields, with their lists, dicts and sets copied (the plan's own objects are
    kept: rewrites already made refer to them)."""
    fields = plan if isinstance(plan, dict) else vars(plan)
    return {
        name: copy.copy(value) if isinstance(value, (list, dict, set)) else value
        for name, value in fields.items()
    }


def _plan_calls(
    analysis: ModuleAnalysis, config: Config, instances: Sequence[Rule]
) -> tuple[list[CallPlan], dict[int, splat.SplattedDict]]:
    """Each call's plan, and the request dicts whose entries go back where they are written.

    A dict the tool reads whole is planned as the call's own arguments. When the rules cannot
    finish that plan, or the calls that send one dict make different things of it, those
    calls convert it at run time instead, as if the dict were unknown.
    """
    plans: list[CallPlan] = []
    splats: dict[int, splat.SplattedDict] = {}
    sending: dict[int, list[int]] = {}  # a literal: the places of the plans that send it
    for site in analysis.calls:
        splatted = (
            splat.find(analysis, site)
            or builder.find(analysis, site)
            or splat_shared.find_imported(analysis, site)
        )
        plan = None
        if splatted is not None:
            plan = _planned(site, analysis, config, instances, splat.expanded_args(site, splatted))
            if plan.blocked or not splat.fits(plan, splatted):
                plan = None
            else:
                splats[id(plan)] = splatted
                sending.setdefault(id(splatted.literal), []).append(len(plans))
        if plan is None:
            plan = _planned(site, analysis, config, instances, list(site.call.args))
        plans.append(plan)
    for places in sending.values():
        group = [(plans[place], splats[id(plans[place])]) for place in places]
        signatures = {splat.signature(plan, splatted) for plan, splatted in group}
        if len(group) == group[0][1].readers and len(signatures) == 1:
            continue
        for place in places:
            del splats[id(plans[place])]
            site = plans[place].site
            plans[place] = _planned(site, analysis, config, instances, list(site.call.args))
    return plans, splats


def _planned(
    site: LegacyCall,
    analysis: ModuleAnalysis,
    config: Config,
    instances: Sequence[Rule],
    args: list[cst.Arg],
) -> CallPlan:
    """The call's plan: every rule applied in turn, until one blocks it."""
    plan = CallPlan(site, analysis, config, args)
    for rule in instances:
        rule.apply(plan)
        if plan.blocked:
            break
    if not plan.blocked:
        _check_finished(plan)
    return plan


def _manual_statements(module_plan: ModulePlan, plans: Sequence[CallPlan]) -> int:
    """Statements a module-level rule marks for manual work, besides those of blocked calls.

    Each is a site left for a person (a Bedrock body built elsewhere, a test double whose
    code under test stays manual): the count says what the file holds once written.
    """
    counted = {plan.site.statement for plan in plans if plan.blocked and not plan.suppressed}
    return sum(
        statement not in counted and any(line.startswith(MANUAL_COMMENT) for line in lines)
        for statement, lines in module_plan.comments.items()
    )


def _exact_clients(plans: Sequence[CallPlan], clients: tuple[str, ...]) -> tuple[str, ...]:
    """The ``clients`` whose migrated calls send only what stands for the legacy request:
    the keywords it had, ``messages`` and ``system`` for ``prompt``, ``max_tokens`` for
    ``max_tokens_to_sample`` (no ``timeout=600`` added, no request converted at run time)."""
    sends_more = set()
    for plan in plans:
        receiver = plan.site.receiver
        if not isinstance(receiver, cst.Name) or receiver.value not in clients:
            continue
        before = {arg.keyword.value for arg in plan.site.call.args if arg.keyword is not None}
        allowed = before | {"messages", "system", "max_tokens"}
        for arg in plan.args:
            splat = arg.star == "**" and not (
                isinstance(arg.value, cst.Call)
                and isinstance(arg.value.func, cst.Name)
                and arg.value.func.value == PROMPT_HELPER
            )
            if splat or (arg.keyword is not None and arg.keyword.value not in allowed):
                sends_more.add(receiver.value)
    return tuple(name for name in clients if name not in sends_more)


def _module_clients(analysis: ModuleAnalysis) -> tuple[str, ...]:
    """Names the module binds once, at its top level, to an Anthropic client it calls."""
    scope = analysis.module_scope
    if scope is None:
        return ()
    called = set()
    for site in analysis.calls:
        if isinstance(site.receiver, cst.Name):
            found = analysis.lookup(site.receiver.value, site.scope)
            if found is not None and found[0] is scope:
                called.add(site.receiver.value)
    return tuple(
        sorted(
            name
            for name in called
            if analysis.assigned_once(name, scope) is not None
            and analysis.client_kind(cst.Name(name), scope) in (ClientKind.SYNC, ClientKind.ASYNC)
        )
    )


# Spellings only Python 2 accepts: the print and exec statements, backticks, ``<>``, ``ur""``
# literals and octal literals without ``0o``.
_PYTHON2 = re.compile(
    r"""^[ \t]*(?:print[ \t]+(?:["'\w]|>>)|exec[ \t]+["'\w])|`|<>|\bur["']|(?<![\w.])0\d+\b""",
    re.MULTILINE,
)


def _parse_error(
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


def _does_not_parse(new_source: str, source: str) -> str | None:
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


def _every_start(module: cst.Module) -> dict[cst.CSTNode, CodePosition]:
    from libcst.metadata import MetadataWrapper, PositionProvider

    ranges = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {node: where.start for node, where in ranges.items()}


def _module_phase(
    module_plan: ModulePlan,
    instances: Sequence[Rule],
    touched: set[str] | None = None,
) -> ModulePlan:
    """``touched``, when given, gets the codes of the rules that added anything to the plan."""
    for rule in instances:
        before = footprint(module_plan)
        rule.apply_module(module_plan)
        if touched is not None and footprint(module_plan) != before:
            touched.add(rule.code)
    count = len(module_plan.notes)
    for check in module_plan.last_checks:
        check()
    if touched is not None:
        touched.update(note.rule for note in module_plan.notes[count:])
    return module_plan


def _line(node: cst.CSTNode, positions: Mapping[cst.CSTNode, CodePosition]) -> int:
    where = positions.get(node)
    return where.line if where else 1


def _suppress(
    plans: Sequence[CallPlan],
    suppressions: Suppressions,
    positions: Mapping[cst.CSTNode, CodePosition],
    leftovers: dict[int, Note],
) -> bool:
    """Leave as written each call a directive silences a finding of; True if one more is.

    A directive covers the findings on its line and, on the first line of a call, every
    finding of that call. What it does not cover is reported once, as manual work: the call
    is migrated whole or not at all. One that names the call's own rule (``TCM001``, the
    README's example) on its first line means the whole call: nothing is left to report.
    """
    more = False
    for plan in plans:
        if plan.suppressed:
            continue
        first = _line(plan.call, positions)
        if suppressions.covering(first, CallRule.code) is not None:
            for note in plan.blockers or plan.notes:  # the other codes it lists are used too
                suppressions.covering(first, note.rule)
            plan.suppressed = more = True
            continue
        silenced_at: list[int] = []
        kept = 0
        for note in plan.blockers or plan.notes:
            directive = suppressions.covering(first, note.rule) or suppressions.covering(
                _line(note.node, positions), note.rule
            )
            if directive is None:
                kept += 1
            else:
                silenced_at.append(directive.line)
        if not silenced_at:
            continue
        plan.suppressed = more = True
        if kept:
            leftovers[id(plan)] = Note(
                plan.call,
                CallRule.code,
                CallRule.name(),
                f"left as written: the `# migrator: ignore` on line {silenced_at[0]} silences "
                "part of this call, which is migrated whole or not at all; put a bare "
                "`# migrator: ignore` on its first line to leave all of it, or remove the "
                "comment to migrate it",
                Safety.MANUAL,
            )
    return more


def _module_notes(
    module_plan: ModulePlan,
    instances: Sequence[Rule],
    rules: Sequence[type[Rule]],
    suppressions: Suppressions,
    positions: Mapping[cst.CSTNode, CodePosition],
    source: str,
) -> list[Note]:
    """The module-level findings no directive silences, then those about the directives.

    A silenced module-level finding loses its report and its ``# migrator: manual`` comment.
    """
    if not suppressions:
        return module_plan.notes
    kept, silenced = [], set()
    for note in module_plan.notes:
        if suppressions.covering(_line(note.node, positions), note.rule):
            silenced.add(note.node)
        else:
            kept.append(note)
    module_plan.drop_comments_of(silenced)
    for rule in instances:
        rule.claim_suppressions(source, suppressions)
    unused = suppressions.unused({rule.code for rule in rules})
    if unused:
        count = len(module_plan.notes)
        for rule in instances:
            rule.apply_suppressions(module_plan, unused)
        kept.extend(module_plan.notes[count:])
    return kept


def _block_linked(plans: Sequence[CallPlan]) -> None:
    """Calls whose responses reach the same reads migrate together or not at all."""
    blocked = {plan.call for plan in plans if plan.blocked}
    changed = True
    while changed:
        changed = False
        for plan in plans:
            if plan.blocked or not any(call in blocked for call in plan.linked):
                continue
            plan.block(
                CallRule,
                plan.call,
                "it shares its response variable or its client with another legacy call, "
                "which is left for manual work; they can only be migrated together",
            )
            blocked.add(plan.call)
            changed = True


def _check_finished(plan: CallPlan) -> None:
    """Block a site a deselected rule left half done: correct or untouched."""
    leftovers = [name for name in LEGACY_ONLY if plan.kwarg(name) is not None]
    if plan.method == "completions":
        leftovers.insert(0, "the call itself")
    if plan.site.sdk02_method is not None and not plan.client_done:
        leftovers.append("the pre-0.3 client")
    if plan.stop_reason_reads:
        leftovers.append("the `stop_reason` reads")
    if plan.streamed and not plan.stream_done:
        leftovers.append("the stream handling")
    if not plan.streamed and not plan.reads_done and _response_is_read(plan):
        leftovers.append("the reads of its response")
    if plan.conversation is not None:
        if plan.conversation.system is not None and not plan.system_done:
            leftovers.append("the system prompt")
        if plan.conversation.prefill is not None and not plan.prefill_done:
            leftovers.append("the prefill")
    if leftovers:
        plan.block(
            CallRule,
            plan.call,
            f"not migrated: the selected rules leave {', '.join(leftovers)} unconverted",
        )


def _response_is_read(plan: CallPlan) -> bool:
    """Whether the response is read in a way Messages changes (or goes where it cannot be seen)."""
    use = follow(plan.call, plan.analysis)
    unchanged = ("model", "id")
    return (
        use.problem is not None
        or bool(use.adapted)
        or any(read.attr.value not in unchanged for read in use.reads)
        or any(read.key not in unchanged for read in use.key_reads)
    )


def _finding(path: str, note: Note, positions: Mapping[cst.CSTNode, CodePosition]) -> Finding:
    where = positions.get(note.node)
    line, column = (where.line, where.column + 1) if where else (1, 1)
    return Finding(path, line, column, note.rule, note.name, note.message, note.fix)


def _call_rewrite(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> Rewrite:
    awaited = isinstance(plan.analysis.parent(plan.call), cst.Await)

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        indent = _messages_indent(plan, source, positions)
        func = updated.func
        assert isinstance(func, cst.Attribute)
        if plan.site.sdk02_method is not None:
            # ``client.completion(...)`` of the pre-0.3 SDK: ``client.messages.create(...)``.
            new_func = func.with_changes(
                value=cst.Attribute(func.value, cst.Name(plan.method)),
                attr=cst.Name(plan.function),
            )
        else:
            assert isinstance(func.value, cst.Attribute)
            new_func = func.with_changes(
                value=func.value.with_changes(attr=cst.Name(plan.method)),
                attr=cst.Name(plan.function) if plan.function != func.attr.value else func.attr,
            )
        args = [_render_messages(arg, plan, indent) for arg in plan.args]
        # Arguments kept from the source (or rebuilt by a rule around parts of it)
        # must carry the edits made inside them, such as an inlined constant.
        pairs: dict[cst.CSTNode, cst.CSTNode] = {}
        for original, now in zip(plan.site.call.args, updated.args, strict=True):
            _pair(original.value, now.value, pairs)
        laid = _layout(args, plan.site.call.args)
        if pairs:  # a walk that replaces nothing would rebuild every node of the arguments
            edited = _Replace(pairs)
            laid = [arg.visit(edited) for arg in laid]
        new = _aligned(plan, updated.with_changes(func=new_func, args=laid), source, positions)
        fitted = _fitted(plan, new, source, positions)
        if plan.result_wrapper is not None and not awaited:
            return adapter_rewrite(plan, source, positions)(fitted)
        return fitted

    return rewrite


def _aligned(
    plan: CallPlan, call: cst.Call, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> cst.Call:
    """Continuation lines lined up with the old opening bracket follow it to the new one."""
    where = positions.get(plan.site.call)
    statement = positions.get(plan.site.statement)
    if where is None or statement is None:
        return call
    line = source.splitlines()[statement.line - 1]
    block = line[: len(line) - len(line.lstrip())]
    return realigned(call, plan.site.call.func, block, where.column)


def _whole_value(plan: CallPlan) -> bool:
    """Is the call (awaited or not) the whole value of its statement?"""
    analysis = plan.analysis
    node: cst.CSTNode = plan.call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Await):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Expr)):
        return getattr(parent, "value", None) is node
    return False


def _fitted(
    plan: CallPlan, call: cst.Call, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> cst.Call:
    """One argument a line, as black writes it, when the call no longer fits its line.

    Only a call that is the whole value of its statement, written on one line
    (or with its arguments on one line of their own), that would now run past
    the file's own longest line (100 columns at least); a call laid over lines
    keeps its layout.
    """
    module = plan.analysis.module
    where = positions.get(plan.site.call)
    if where is None or not call.args:
        return call
    if not _whole_value(plan):
        return call  # inside a larger expression: breaking it would read worse
    after = code_of(call, module)
    new_lines = after.split("\n")
    if len(new_lines) not in (1, 3):
        return call  # laid over lines already: its layout stays (whatever it was before)
    before = code_of(plan.site.call, module)
    lines = source.splitlines()
    widest = file_width(source)
    old_lines = before.split("\n")
    if len(old_lines) == 1 == len(new_lines):
        # `x = client.messages.create(a, b, c)`: the whole call on its line.
        length = len(lines[where.line - 1]) - len(before) + len(after)
    elif len(old_lines) == 3 == len(new_lines) and where.line < len(lines):
        # `x = client.messages.create(\n    a, b, c\n)`: the arguments on a line of their own.
        length = len(lines[where.line]) - len(old_lines[1].strip()) + len(new_lines[1].strip())
    else:
        return call  # laid over lines already: its layout stays
    if length <= widest or "#" in after:
        return call  # fits; or a comment among the arguments would have nowhere to go
    return one_argument_a_line(call, "", module.default_indent)


def _messages_indent(
    plan: CallPlan, source: str, positions: Mapping[cst.CSTNode, CodePosition]
) -> str:
    """Indentation of the messages list's lines, relative to the enclosing block.

    libcst adds the block's own indentation to generated lines, so only the
    part beyond it is written here.
    """
    lines = source.splitlines()

    def leading(node: cst.CSTNode) -> str | None:
        where = positions.get(node)
        if where is None:
            return None
        line = lines[where.line - 1]
        return line[: len(line) - len(line.lstrip())]

    block = leading(plan.site.statement) or ""
    prompt = plan.original_kwarg("prompt")
    line = (leading(prompt) if prompt is not None else None) or block
    return line[len(block) :] if line.startswith(block) else ""


def _messages_renderer(plan: CallPlan) -> Callable[[cst.Arg, str], cst.Arg]:
    """Lays out ``plan``'s messages list where a request dict holds it, at an indentation."""
    return lambda arg, indent: _render_messages(arg, plan, indent)


def _render_messages(arg: cst.Arg, plan: CallPlan, indent: str) -> cst.Arg:
    if not (isinstance(arg.value, cst.Name) and arg.value.value == MESSAGES_PLACEHOLDER):
        return arg
    return arg.with_changes(value=plan.expression(_messages_list(plan, indent)))


def _messages_list(plan: CallPlan, indent: str) -> str:
    quote = plan.conversation.style.quote if plan.conversation else '"'
    items = [
        f"{{{quote}role{quote}: {quote}{role}{quote}, {quote}content{quote}: {content}}}"
        for role, content in plan.messages
    ]
    if len(items) == 1 and "\n" not in items[0]:
        return f"[{items[0]}]"
    body = "".join(f"{indent}    {item},\n" for item in items)
    return f"[\n{body}{indent}]"


def _bind_statements(plan: CallPlan) -> None:
    """The prompt's variable gets its messages (and system prompt) right where it was built."""
    bound = plan.bound
    assert bound is not None
    lines = []
    if plan.bound_system is not None:
        lines.append(f"{bound.system_name} = {plan.bound_system}")
    lines.append(f"{bound.messages_name} = {_messages_list(plan, '')}")
    plan.statements_after.setdefault(bound.statement, []).extend(lines)
    if bound.replace:
        plan.replaced_statements.add(bound.statement)


def _layout(args: list[cst.Arg], original: Sequence[cst.Arg]) -> list[cst.Arg]:
    """Commas and trailing whitespace so that the new arguments read like the old ones."""
    if not args:
        return args
    separator = next(
        (arg.comma for arg in original if isinstance(arg.comma, cst.Comma)),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    last = original[-1] if original else None
    laid: list[cst.Arg] = []
    for index, arg in enumerate(args):
        if index < len(args) - 1:
            # A copy of the original last argument carries the comma before ``)``.
            own = isinstance(arg.comma, cst.Comma) and (last is None or arg.comma is not last.comma)
            comma = arg.comma if own else separator
            after = (
                cst.SimpleWhitespace("")
                if last is not None and arg is last
                else arg.whitespace_after_arg
            )
            laid.append(arg.with_changes(comma=comma, whitespace_after_arg=after))
        elif last is not None:
            laid.append(
                arg.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
            )
        else:
            laid.append(arg)
    return laid


def _pair(
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
            _pair(before, after, into)


class _Replace(Transformer):
    """Swap nodes for their replacements, found by identity, in one pass."""

    def __init__(self, replacements: Mapping[cst.CSTNode, cst.CSTNode]) -> None:
        self.replacements = replacements

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node not in self.replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        return self.replacements.get(original_node, updated_node)


def _statement(module: cst.Module, source: str) -> cst.BaseStatement:
    """Generated code as a statement of ``module`` (its newline and indentation)."""
    return cst.parse_statement(source, config=module.config_for_parsing)


def _with_ancestors(nodes: list[cst.CSTNode], analysis: ModuleAnalysis) -> set[cst.CSTNode]:
    """The nodes and every node above them: where the rewrite has something to do."""
    reach: set[cst.CSTNode] = set()
    for node in nodes:
        current: cst.CSTNode | None = node
        while current is not None and current not in reach:
            reach.add(current)
            current = analysis.parents.get(current)
    return reach


class _Apply(Transformer):
    def __init__(
        self,
        rewrites: dict[cst.CSTNode, Rewrite],
        comments: dict[cst.CSTNode, list[str]],
        inserted: dict[cst.CSTNode, list[cst.BaseStatement]] | None = None,
        replaced: set[cst.CSTNode] | None = None,
        reach: set[cst.CSTNode] | None = None,
        fit: _CommentFit | None = None,
    ):
        self.rewrites = rewrites
        self.fit = fit
        self.comments = comments
        self.inserted = inserted or {}
        self.replaced = replaced or set()
        # The quotes of the single-quoted f-strings around the node being left.
        self.fstring_quotes: list[str] = []
        # Subtrees with nothing to change are kept as they are, not rebuilt node by node.
        self.reach = reach

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.FormattedString):
            # Pushed whether or not it is entered: its on_leave runs either way.
            self.fstring_quotes.append(_quote_of(node))
        return self.reach is None or node in self.reach

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[override]
        updated = super().on_leave(original_node, updated_node)
        if isinstance(original_node, cst.FormattedString):
            self.fstring_quotes.pop()
        # Comments first: a rewrite that moves a statement takes them along.
        updated = self._comment(original_node, updated)
        rewrite = self.rewrites.get(original_node)
        if rewrite is not None and isinstance(updated, cst.CSTNode):
            updated = rewrite(updated)
            forbidden = {quote for quote in self.fstring_quotes if len(quote) == 1}
            if forbidden and isinstance(updated, cst.CSTNode):
                # Before Python 3.12 an f-string's expressions cannot use its quote.
                updated = updated.visit(_Requote(forbidden))
        if self.fit is not None and isinstance(original_node, cst.SimpleStatementLine):
            updated = self.fit.statement(original_node, updated)
        new = self.inserted.get(original_node)
        if new and self.fit is not None:
            new = [self.fit.statement(original_node, statement) for statement in new]
        if new and isinstance(updated, cst.SimpleStatementLine):
            if original_node in self.replaced:
                new = list(new)
                new[0] = new[0].with_changes(leading_lines=updated.leading_lines)
                if isinstance(new[-1], cst.SimpleStatementLine):
                    new[-1] = new[-1].with_changes(trailing_whitespace=updated.trailing_whitespace)
                return cst.FlattenSentinel(new)
            return cst.FlattenSentinel([updated, *new])
        return updated

    def _comment(self, original_node: cst.CSTNode, updated):  # type: ignore[no-untyped-def]
        wanted = self.comments.get(original_node)
        if wanted and isinstance(updated, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            present = [line.comment.value for line in updated.leading_lines if line.comment]
            extra = [
                cst.EmptyLine(indent=True, comment=cst.Comment(line))
                for text in dict.fromkeys(wanted)
                for line in self._new_lines(text, original_node, present)
            ]
            if extra:
                updated = updated.with_changes(leading_lines=[*updated.leading_lines, *extra])
        return updated

    def _new_lines(self, text: str, statement: cst.CSTNode, present: list[str]) -> list[str]:
        """The comment's lines, wrapped to the file's width; none if it is there already."""
        room = self.fit.room(statement) if self.fit is not None else None
        lines = comment_lines(text, room) if room is not None else [text]
        return [] if written_already(lines, present) else lines


class _CommentFit(NamedTuple):
    """What a comment above a statement may take: the file's width less the statement's indent."""

    positions: Mapping[cst.CSTNode, CodePosition]
    width: int
    step: str = "    "

    def room(self, statement: cst.CSTNode) -> int | None:
        where = self.positions.get(statement)
        return None if where is None else self.width - where.column

    def statement(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
        """The rewritten statement (or one written beside ``original``, at its indentation),
        broken inside its brackets if it outgrew the width."""
        where = self.positions.get(original)
        if updated is original or where is None or not isinstance(updated, cst.SimpleStatementLine):
            return updated
        return fitted(updated, where.column, self.step, self.width)


def _quote_of(node: cst.FormattedString) -> str:
    return node.start.lstrip("fFrRbBuU")


class _Requote(Transformer):
    """Strings written by a rewrite inside an f-string take a quote it allows."""

    def __init__(self, forbidden: set[str]) -> None:
        self.forbidden = forbidden

    def _other(self, quote: str, body: str) -> str | None:
        if len(quote) != 1 or quote not in self.forbidden:
            return None
        other = "'" if quote == '"' else '"'
        # Backslashes are not allowed in f-string expressions either: no escaping.
        return None if other in self.forbidden or other in body or "\\" in body else other

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        quote, prefix = updated_node.quote, updated_node.prefix
        body = updated_node.value[len(prefix) + len(quote) : -len(quote)]
        other = self._other(quote, body)
        if other is None:
            return updated_node
        return updated_node.with_changes(value=f"{prefix}{other}{body}{other}")

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.FormattedString:
        quote = _quote_of(updated_node)
        text = "".join(
            part.value for part in updated_node.parts if isinstance(part, cst.FormattedStringText)
        )
        other = self._other(quote, text)
        if other is None:
            return updated_node
        prefix = updated_node.start[: -len(quote)]
        return updated_node.with_changes(start=prefix + other, end=other)


def _import_helpers(module: cst.Module, where: str, helpers: Mapping[str, str]) -> cst.Module:
    """``from <runtime_module> import ...`` after the imports, unless already there.

    Only the helpers the module calls: those they call in turn live beside them.
    """
    code = module.code
    names = [name for name in sorted(helpers) if f"{name}(" in code]
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if (
                    isinstance(small, cst.ImportFrom)
                    and small.module is not None
                    and cst.helpers.get_full_name_for_node(small.module) == where
                    and not isinstance(small.names, cst.ImportStar)
                ):
                    present = {cst.helpers.get_full_name_for_node(a.name) for a in small.names}
                    names = [name for name in names if name not in present]
    if not names:
        return module
    line = _statement(module, f"from {where} import {', '.join(names)}")
    at = preamble_end(module)
    body = list(module.body)
    if at == 0 and body:
        body[0] = body[0].with_changes(leading_lines=[cst.EmptyLine(), *body[0].leading_lines])
    return module.with_changes(body=[*body[:at], line, *body[at:]])


def _insert_helpers(
    module: cst.Module, helpers: Mapping[str, str], place: HelperPlace | None = None
) -> cst.Module:
    """Module-level helper functions, after the imports (or where ``place`` says), unless the
    module already has them."""
    defined = {
        statement.name.value for statement in module.body if isinstance(statement, cst.FunctionDef)
    }
    missing = [source for name, source in helpers.items() if name not in defined]
    if not missing:
        return module
    body = list(module.body)
    at, take_leading = place(module, list(helpers)) if place else (preamble_end(module), False)
    above: Sequence[cst.EmptyLine] = ()
    if take_leading and at < len(body):
        above = body[at].leading_lines
        body[at] = body[at].with_changes(leading_lines=())
    two_blank = [cst.EmptyLine(), cst.EmptyLine()]
    new: list[cst.BaseStatement] = []
    for source in missing:
        for index, statement in enumerate(_helper_statements(source, module.config_for_parsing)):
            if index == 0 and isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                statement = statement.with_changes(leading_lines=two_blank)
            new.append(statement)
    if above:
        new[0] = new[0].with_changes(leading_lines=above)  # the cell starts with them
    if at < len(body):
        following = body[at]
        wanted = 2 - leading_blank(following)
        if wanted > 0:
            lines = [*[cst.EmptyLine()] * wanted, *following.leading_lines]
            body[at] = following.with_changes(leading_lines=lines)
    return module.with_changes(body=[*body[:at], *new, *body[at:]])


@functools.lru_cache(maxsize=64)
def _helper_statements(
    source: str, config: cst.PartialParserConfig
) -> tuple[cst.BaseStatement, ...]:
    """A helper's statements, parsed once per text and layout: nodes are never changed in
    place, so every module that gets the helper may share them."""
    return tuple(cst.parse_module(source, config=config).body)


__all__ = ["FileResult", "ModuleAnalysis", "Safety", "migrate_source"]
