"""Parse once, run the rules in order, render, validate. Never prints.

``migrate_source`` is the whole pipeline for one file's text; the front ends
(command line, pre-commit, tests) decide what to do with its result.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

import libcst as cst
from libcst.metadata import CodePosition

from migrator.analysis.doubled import NO_ENDPOINTS, Endpoints
from migrator.analysis.evidence import left_endpoints
from migrator.analysis.evidence_nodes import ENDPOINT, deep_recursion
from migrator.analysis.names import ModuleAnalysis
from migrator.analysis.names_walk import analyse
from migrator.analysis.prefilter import may_contain_legacy
from migrator.code.codegen import code_of
from migrator.code.layout import shorten
from migrator.code.positions import start_positions
from migrator.code.wrapping import file_width
from migrator.contract.plan import ModulePlan, Note, Rewrite
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.contract.selection import NOTHING, LeaveOut
from migrator.contract.suppression import collect
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.engine.call_rewrite import _call_rewrite, bind_statements, messages_renderer
from migrator.engine.leave_out import calls_changed, leave_out_calls, module_rules
from migrator.engine.parse_errors import does_not_parse, parse_error, too_deep_for_python
from migrator.engine.planning import (
    MANUAL_COMMENT,
    _exact_clients,
    _finding,
    _line,
    _module_notes,
    _state,
    block_linked,
    every_start,
    manual_statements,
    module_clients,
    module_phase,
    plan_calls,
    suppress,
)
from migrator.engine.rendering import (
    Apply,
    CommentFit,
    HelperPlace,
    _statement,
    import_helpers,
    insert_helpers,
    with_ancestors,
)
from migrator.rewrite import splat, splat_shared
from migrator.rewrite.adapted import adapter_rewrite


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
    if too_deep_for_python(source):
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


def _migrate_parsed(
    job: _Job, leave_out: LeaveOut = NOTHING, known_endpoints: Endpoints = NO_ENDPOINTS
) -> FileResult:
    source, path, config, rules, locate, known_clients, place_helpers = job
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        where, problem = (error.raw_line, error.raw_column + 1), error.message
        return FileResult(path, source, source, error=parse_error(source, locate, where, problem))
    except cst.CSTValidationError as error:
        # libcst's parser builds a node that its own checks refuse (an identifier made of a
        # character Python does not allow in names): Python rejects the code too.
        problem = str(error).rstrip(".")
        return FileResult(path, source, source, error=parse_error(source, locate, (1, 1), problem))
    # Filled once every node a finding or a layout needs is known (one pass for all),
    # unless a `# migrator:` directive may need the line of any node before that.
    positions: dict[cst.CSTNode, CodePosition] = {}
    if "migrator:" in source:
        positions.update(every_start(module))
    analysis = analyse(module)
    instances = [rule() for rule in rules]

    plans, splats = plan_calls(analysis, config, instances)

    # Left out before the links are judged: a call linked to one stays as written too.
    leave_out_calls(plans, module, positions, leave_out.calls)
    suppressions = collect(module, source, positions)
    block_linked(plans)
    leftovers: dict[int, Note] = {}
    while suppressions and suppress(plans, suppressions, positions, leftovers):
        block_linked(plans)

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
            bind_statements(plan)
        for statement, lines in plan.statements_after.items():
            inserted.setdefault(statement, []).extend(lines)
        replaced |= plan.replaced_statements

    modular = module_rules(instances, leave_out.rules)
    touched: set[str] = set()
    # Module rules edit the call plans too (a model mapped once every migrated call is
    # known): a second phase must start from the plans as the first one found them.
    before_module_phase = [_state(plan) for plan in plans] if suppressions else []
    module_plan = module_phase(
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
        module_plan = module_phase(
            ModulePlan(analysis, config, plans, known_clients, known_endpoints), kept
        )
    written: dict[cst.CSTNode, str] = {}
    remote: list[tuple[splat.SplattedDict, str]] = []  # dicts bound in other modules
    for plan in plans:
        splatted = splats.get(id(plan))
        if splatted is not None and not plan.blocked:
            known = len(plan.notes)
            splat.finish(plan, splatted, messages_renderer(plan), module_plan.notes)
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
    manual += manual_statements(module_plan, plans)
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
    reach = with_ancestors([*rewrites, *comments, *inserted], analysis) if rewriting else set()
    # A rewritten statement that outgrows the file's width is broken at its indentation:
    # where it starts is found in the same rendering of the module as the rest.
    wanted.update(
        node
        for node in reach
        if isinstance(node, (cst.SimpleStatementLine, cst.FunctionDef, cst.If))
    )
    wanted -= positions.keys()  # a file with a directive has every node's already
    if wanted:
        positions.update(start_positions(module, wanted))
    findings = sorted(_finding(path, note, positions) for note in unique.values())
    counts = {"migrated_sites": migrated, "manual_sites": manual}
    clients = module_clients(analysis) if migrated and not manual else ()
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
    fit = CommentFit(positions, file_width(source), module.default_indent)
    new_module = module.visit(Apply(rewrites, comments, statements, replaced, reach, fit))
    if helpers and config.runtime_module:
        new_module = import_helpers(new_module, config.runtime_module, helpers)
    elif helpers:
        new_module = insert_helpers(new_module, helpers, place_helpers)
    for finish in module_plan.finishers:
        new_module = finish(new_module)
    new_source = shorten(source, code_of(new_module, new_module), module.default_indent)
    problem = does_not_parse(new_source, source)
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


__all__ = ["FileResult", "ModuleAnalysis", "Safety", "migrate_source"]
