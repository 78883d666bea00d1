"""A splatted request dict that another module of the project binds, converted where it
is written once the run grants it (:mod:`migrator.analysis.shared`): where the dict comes from, the
findings that go with it, and the edit the module that binds it is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from migrator.analysis import project, shared
from migrator.analysis.names import LegacyCall, ModuleAnalysis, Scope
from migrator.code.syntax import dotted_name
from migrator.contract.plan import CallRule, Note
from migrator.core.findings import Safety
from migrator.rewrite.splat import KEYS, SplattedDict, _literal, only_splat, planned_entries


def find_imported(analysis: ModuleAnalysis, site: LegacyCall) -> SplattedDict | None:
    """The dict literal ``site`` splats from another module of the project, when the run
    grants it (:mod:`migrator.analysis.shared`); asked for otherwise (the module is migrated as
    part of a run)."""
    sharing = shared.current()
    splat = only_splat(site)
    if sharing is None or splat is None:
        return None
    imported = imported_from_project(analysis, splat.value, site.scope)
    if imported is None:
        return None
    origin, reads = imported
    if reads != [splat.value]:
        return None  # read elsewhere in the module too
    located = project.shared_literal(*origin)
    if located is None or shared.is_model(located[1]):
        return None
    want = sharing.want(located, origin[2])
    if not sharing.grants(want):
        return None  # converted at run time, until the run has seen every module
    literal = cst.parse_expression(want.text)
    if not isinstance(literal, cst.Dict):
        return None
    entries = planned_entries(site, literal, KEYS, _literal)
    if entries is None:
        return None
    shown = dotted_name(splat.value) or want.name
    return SplattedDict(shown, splat, literal, entries, True, remote=want)


def _imported_as(statement: cst.ImportFrom, local: str) -> tuple[int, str, str] | None:
    """(level, module, name) of what ``statement`` binds to ``local``."""
    assert not isinstance(statement.names, cst.ImportStar)
    module = "" if statement.module is None else dotted_name(statement.module) or ""
    for alias in statement.names:
        bound = alias.asname.name if alias.asname is not None else alias.name
        if isinstance(bound, cst.Name) and bound.value == local:
            if not isinstance(alias.name, cst.Name):
                return None
            return len(statement.relative), module, alias.name.value
    return None


def sent_elsewhere(notes: list[Note], remote: list[tuple[SplattedDict, str]]) -> list[Note]:
    """The notes that stay with this module; those on a dict another module binds go with
    what was made of it, recorded for the run (:class:`migrator.analysis.shared.Edit`)."""
    sharing = shared.current()
    assert sharing is not None, "a dict of another module is read only within a run"
    places: dict[cst.CSTNode, tuple[int, int | None]] = {}
    for number, (splatted, _code) in enumerate(remote):
        places[splatted.literal] = (number, None)
        for index, element in enumerate(splatted.literal.elements):
            for node in _nodes(element):
                places[node] = (number, index)
    moved: list[list[shared.NoteOnEntry]] = [[] for _ in remote]
    kept = []
    for note in notes:
        place = places.get(note.node)
        if place is None:
            kept.append(note)
        else:
            number, index = place
            moved[number].append((note.rule, note.name, note.message, note.fix.value, index))
    for (splatted, code), notes_on_it in zip(remote, moved, strict=True):
        want = splatted.remote
        assert want is not None
        held = (
            f"`{want.name}` now holds a Messages request (`max_tokens`, a current model): "
            f"`{sharing.sender}` sends it, migrated with it; a module outside this run that "
            "imports it to send a Text Completions request must change with it"
        )
        notes_on_it.append((CallRule.code, CallRule.name(), held, Safety.REVIEW.value, None))
        sharing.edit(want, code, notes_on_it)
    return kept


def _nodes(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class _All(cst.CSTVisitor):
        def on_visit(self, visited: cst.CSTNode) -> bool:
            found.append(visited)
            return True

    node.visit(_All())
    return found


def imported_from_project(
    analysis: ModuleAnalysis, value: cst.BaseExpression, scope: Scope
) -> tuple[tuple[int, str, str], list[cst.BaseExpression]] | None:
    """Where ``value`` comes from in another module, as (level, module, its name there),
    and every read of it in this one: a name bound only by ``from module import name``
    at the top, or ``module.name`` of a module imported whole (``import settings``, every
    use of which reads one of its names). Also an attribute of a class imported so
    (``Config.MODEL``, ``config.Config.MODEL``), named ``Config.MODEL`` there, when every
    use of the class reads one of its attributes."""
    if isinstance(value, cst.Name):
        return _from_import(analysis, value.value, scope)
    if not isinstance(value, cst.Attribute):
        return None
    holder, attribute = value.value, value.attr.value
    if isinstance(holder, cst.Name):
        found = _module_attribute(analysis, holder.value, attribute, scope)
        if found is not None:
            return found
        return _class_attribute(analysis, _from_import(analysis, holder.value, scope), attribute)
    if isinstance(holder, cst.Attribute) and isinstance(holder.value, cst.Name):
        module = _module_attribute(analysis, holder.value.value, holder.attr.value, scope)
        return _class_attribute(analysis, module, attribute)
    return None


def _class_attribute(
    analysis: ModuleAnalysis,
    imported: tuple[tuple[int, str, str], list[cst.BaseExpression]] | None,
    attribute: str,
) -> tuple[tuple[int, str, str], list[cst.BaseExpression]] | None:
    """The reads of ``attribute`` of an imported name every use of which reads one of its
    attributes (a class, for :mod:`migrator.analysis.class_literals`), named ``Class.attribute``."""
    if imported is None:
        return None
    (level, module, name), uses = imported
    reads: list[cst.BaseExpression] = []
    for use in uses:
        parent = analysis.parent(use)
        if not (isinstance(parent, cst.Attribute) and parent.value is use):
            return None  # the class itself goes elsewhere, where it may be changed
        if parent.attr.value == attribute:
            reads.append(parent)
    return (level, module, f"{name}.{attribute}"), reads


def _from_import(
    analysis: ModuleAnalysis, name: str, scope: Scope
) -> tuple[tuple[int, str, str], list[cst.BaseExpression]] | None:
    found = analysis.lookup(name, scope)
    if found is None or found[0].parent is not None or len(found[1]) != 1:
        return None
    statement = found[1][0].node
    if not isinstance(statement, cst.ImportFrom) or isinstance(statement.names, cst.ImportStar):
        return None
    origin = _imported_as(statement, name)
    if origin is None:
        return None
    reads: list[cst.BaseExpression] = [
        use
        for use in analysis.uses_of(name, found[0])
        if not any(isinstance(node, cst.ImportFrom) for node in analysis.ancestors(use))
    ]
    return origin, reads


def _module_attribute(
    analysis: ModuleAnalysis, module: str, name: str, scope: Scope
) -> tuple[tuple[int, str, str], list[cst.BaseExpression]] | None:
    found = analysis.lookup(module, scope)
    if found is None or found[0].parent is not None or len(found[1]) != 1:
        return None
    binding = found[1][0]
    if binding.kind != "import" or not isinstance(binding.node, cst.Import):
        return None
    dotted = binding.qualified or ""
    if "." in dotted and not any(
        alias.asname is not None and dotted_name(alias.name) == dotted
        for alias in binding.node.names
    ):
        return None  # ``import a.b`` binds ``a``: ``a.b.name`` is read another way
    reads: list[cst.BaseExpression] = []
    for use in analysis.uses_of(module, found[0]):
        parent = analysis.parent(use)
        if isinstance(parent, cst.Import) or any(
            isinstance(node, cst.Import) for node in analysis.ancestors(use)
        ):
            continue
        if not (isinstance(parent, cst.Attribute) and parent.value is use):
            return None  # the module itself goes elsewhere, where any name may be read
        if parent.attr.value == name:
            reads.append(parent)
    return (0, dotted, name), reads


def given_edits() -> Mapping[str, shared.Edit]:
    """What the run's senders made of the literals this module binds, by name."""
    sharing = shared.current()
    return sharing.given if sharing is not None else {}


def given(
    module: cst.Module, name: str, edit: shared.Edit
) -> tuple[cst.BaseExpression, cst.BaseExpression, list[Note]] | None:
    """The top-level literal ``name`` is bound to (``Config.MODEL``: in the body of a class
    at the top; ``settings.model``: in the body of the class of ``settings = Settings()``),
    what it becomes, and the findings on it; None when the module no longer binds it as
    the senders read it."""
    owner, _, name = name.rpartition(".")
    body: Sequence[cst.CSTNode] = module.body
    if owner:
        built = [_bound_to(s, owner, annotated=False) for s in _small_statements(module)]
        calls = [value.func for value in built if isinstance(value, cst.Call)]
        if len(calls) == 1 and isinstance(calls[0], cst.Name):
            owner = calls[0].value
        classes = [s for s in body if isinstance(s, cst.ClassDef) and s.name.value == owner]
        body = classes[0].body.body if len(classes) == 1 else ()
    for statement in body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = _bound_to(small, name, annotated=bool(owner))
            if value is not None and module.code_for_node(value) == edit.before:
                after = cst.parse_expression(edit.after)
                return value, after, _notes_on(value, edit)
    return None


def _small_statements(module: cst.Module) -> list[cst.BaseSmallStatement]:
    return [
        small
        for statement in module.body
        if isinstance(statement, cst.SimpleStatementLine)
        for small in statement.body
    ]


def _bound_to(
    statement: cst.BaseSmallStatement, name: str, annotated: bool
) -> cst.BaseExpression | None:
    """The value ``statement`` binds ``name`` alone to (with an annotation, when allowed)."""
    if (
        isinstance(statement, cst.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0].target, cst.Name)
        and statement.targets[0].target.value == name
    ):
        return statement.value
    if (
        annotated
        and isinstance(statement, cst.AnnAssign)
        and isinstance(statement.target, cst.Name)
        and statement.target.value == name
    ):
        return statement.value
    return None


def _notes_on(literal: cst.BaseExpression, edit: shared.Edit) -> list[Note]:
    notes = []
    for rule, rule_name, message, fix, index in edit.notes:
        node: cst.CSTNode = literal
        if index is not None and isinstance(literal, cst.Dict):
            element = literal.elements[index]
            node = element.key if isinstance(element, cst.DictElement) else element
        notes.append(Note(node, rule, rule_name, message, Safety(fix)))
    return notes
