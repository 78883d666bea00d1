"""A request splatted from a dict literal of the same module, converted where it is written.

``params = {"model": "claude-2", "max_tokens_to_sample": 300}`` splatted into one legacy
call (``create(prompt=..., **params)``) is a request the tool can read whole. Instead of
converting it at run time, the call is planned as if the dict's entries were its own
keyword arguments, every rule converts them as it converts those, and the converted
entries go back into the literal:

    params = {"model": "claude-sonnet-5-5", "max_tokens": 300}
    client.messages.create(messages=[...], **params)

Only a literal the tool can follow completely qualifies: assigned once, read nowhere but in
that one call's ``**``, with string keys of the legacy request and literal values. Anything
else keeps the runtime converter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass

import libcst as cst

from migrator import project, shared
from migrator.analysis import LegacyCall, ModuleAnalysis, Scope
from migrator.findings import Safety
from migrator.plan import CallPlan, CallRule, Note
from migrator.syntax import dotted_name

# Keys of a Text Completions request that the rules convert like keyword arguments. A
# prompt or a stream in the dict keeps the runtime converter.
KEYS = frozenset(
    {"model", "max_tokens_to_sample", "stop_sequences", "temperature", "top_p", "top_k", "metadata"}
)
# Each legacy key, as the keyword the migrated call would take.
_RENAMED = {"max_tokens_to_sample": "max_tokens"}


@dataclass
class SplattedDict:
    """The ``**name`` argument of a call and the dict literal it splats."""

    name: str
    splat: cst.Arg
    literal: cst.Dict
    # Each keyword argument planned in place of an entry, with the entry.
    entries: dict[cst.Arg, cst.DictElement]
    module_level: bool
    # How many legacy calls send the dict (a builder may feed several), and names local to
    # the builder that its entries read: they must not reach the call's own arguments.
    readers: int = 1
    builder_locals: frozenset[str] = frozenset()
    # Bound in another module of the project, which the run rewrites (migrator.shared):
    # ``literal`` is parsed from its text, and belongs to no tree of this module.
    remote: shared.Want | None = None


def find(analysis: ModuleAnalysis, site: LegacyCall) -> SplattedDict | None:
    """The dict literal ``site`` splats, when the rules can convert it where it is written."""
    splat = only_splat(site)
    if splat is None or not isinstance(splat.value, cst.Name):
        return None
    name = splat.value.value
    found = analysis.assigned_once(name, site.scope)
    if found is None or not isinstance(found[1], cst.Dict):
        return None
    owner, literal = found
    reads = [
        use
        for use in analysis.uses_of(name, owner)
        if not isinstance(analysis.parent(use), (cst.AssignTarget, cst.AnnAssign))
    ]
    if reads != [splat.value]:
        return None  # read elsewhere too: changing it would change what that reads
    entries = planned_entries(site, literal, KEYS, _literal)
    if entries is None:
        return None
    return SplattedDict(name, splat, literal, entries, owner.parent is None)


def find_imported(analysis: ModuleAnalysis, site: LegacyCall) -> SplattedDict | None:
    """The dict literal ``site`` splats from another module of the project, when the run
    grants it (:mod:`migrator.shared`); asked for otherwise (the module is migrated as
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


def only_splat(site: LegacyCall) -> cst.Arg | None:
    """The call's one ``**`` argument, when it has no other and no ``*`` argument."""
    splats = [arg for arg in site.call.args if arg.star == "**"]
    if len(splats) != 1 or any(arg.star == "*" for arg in site.call.args):
        return None
    return splats[0]


def planned_entries(
    site: LegacyCall,
    literal: cst.Dict,
    keys: Set[str],
    same_at_the_call: Callable[[cst.BaseExpression], bool],
) -> dict[cst.Arg, cst.DictElement] | None:
    """The keyword argument planned for each of the literal's entries, when every entry has
    a string key among ``keys`` that the call does not also give, and a value that
    ``same_at_the_call`` says means there what it means in the literal; else None (as for
    an empty literal)."""
    explicit = {arg.keyword.value for arg in site.call.args if arg.keyword is not None}
    entries: dict[cst.Arg, cst.DictElement] = {}
    for element in literal.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(
            element.key, cst.SimpleString
        ):
            return None
        key = element.key.evaluated_value
        if not isinstance(key, str) or key not in keys or key in explicit:
            return None
        if not same_at_the_call(element.value):
            return None
        entries[keyword_for(key, element.value)] = element
    return entries or None


def keyword_for(key: str, value: cst.BaseExpression) -> cst.Arg:
    """The keyword argument ``key=value`` planned in place of a dict entry."""
    return cst.Arg(
        value,
        keyword=cst.Name(key),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )


def _literal(node: cst.BaseExpression) -> bool:
    """A value that reads the same wherever it is written: no name to look up."""
    if isinstance(node, (cst.SimpleString, cst.Integer, cst.Float)):
        return True
    if isinstance(node, cst.Name):
        return node.value in ("True", "False", "None")
    if isinstance(node, (cst.List, cst.Tuple)):
        return all(
            isinstance(element, cst.Element) and _literal(element.value)
            for element in node.elements
        )
    if isinstance(node, cst.Dict):
        return all(
            isinstance(element, cst.DictElement)
            and _literal(element.key)
            and _literal(element.value)
            for element in node.elements
        )
    return isinstance(node, cst.UnaryOperation) and isinstance(node.expression, cst.Integer)


def expanded_args(site: LegacyCall, splatted: SplattedDict) -> list[cst.Arg]:
    """The call's arguments with the dict's entries in place of ``**name``."""
    args = [arg for arg in site.call.args if arg is not splatted.splat]
    return [*args, *splatted.entries]


def fits(plan: CallPlan, splatted: SplattedDict) -> bool:
    """Whether everything the rules made of the entries can go back where they are written.

    A prompt held in a variable gets its messages in a statement beside that variable: at
    the call, not where the dict is written. An argument that stays at the call must not
    read a name that only the builder has.
    """
    if plan.bound is not None or plan.statements_after or plan.replaced_statements:
        return False
    if not splatted.builder_locals:
        return True
    converted, prompt_parts = _moved(plan, splatted)
    moved = [*converted.values(), *prompt_parts]
    original = set(plan.site.call.args)
    return not any(
        _reads_any(arg, splatted.builder_locals)
        for arg in plan.args
        if arg not in moved and arg not in original
    )


def signature(plan: CallPlan, splatted: SplattedDict) -> tuple[object, ...]:
    """What the rules made of the entries, as code: two calls that send one dict must agree.

    A model held in a name is left out: the module phase decides it from the entry alone.
    """
    converted, prompt_parts = _moved(plan, splatted)
    held = plan.held_model
    return (
        tuple(
            (arg.keyword.value if arg.keyword else "**", plan.code_for(arg.value))
            for arg in [*converted.values(), *prompt_parts]
            if arg is not held
        ),
        tuple(plan.messages),
    )


class _NameReads(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def _reads_any(arg: cst.Arg, names: frozenset[str]) -> bool:
    reads = _NameReads()
    arg.value.visit(reads)
    return bool(reads.names & names)


def _moved(plan: CallPlan, splatted: SplattedDict) -> tuple[dict[str, cst.Arg], list[cst.Arg]]:
    """The plan's arguments that go back into the literal: converted entries, and what the
    rules made of a prompt entry."""
    explicit = {arg.keyword.value for arg in plan.site.call.args if arg.keyword is not None}
    keys = _keys(splatted)
    wanted = {_RENAMED.get(key, key) for key in keys} - explicit
    prompt_parts = _prompt_parts(plan) if "prompt" in keys else []
    converted = {
        arg.keyword.value: arg
        for arg in plan.args
        if arg.keyword is not None and arg.keyword.value in wanted
    }
    return converted, prompt_parts


def finish(
    plan: CallPlan,
    splatted: SplattedDict,
    render: Callable[[cst.Arg, str], cst.Arg] = lambda arg, _indent: arg,
    module_notes: list[Note] | None = None,
) -> None:
    """Put the converted entries back into the literal, and ``**name`` back into the call.

    A prompt entry becomes what the rules made of it (``system``, ``messages``, or a runtime
    helper's result splatted), in its place; ``render`` lays out the messages list at an
    indentation. Called once the module phase has decided what it decides from the call's
    arguments (a model held in a name); findings the rules made on an entry's keyword, then
    or in ``module_notes``, point at the entry.
    """
    _point_at_entries([*plan.notes, *(module_notes or [])], splatted)
    converted, prompt_parts = _moved(plan, splatted)
    moved = [*converted.values(), *prompt_parts]
    plan.args = [arg for arg in plan.args if arg not in moved] + [splatted.splat]
    literal = splatted.literal
    indent = _entry_indent(literal)
    kept: list[cst.BaseDictElement] = []
    for element in splatted.entries.values():
        key = element.key
        assert isinstance(key, cst.SimpleString)
        if key.evaluated_value == "prompt":
            kept += [_element(render(arg, indent), element) for arg in prompt_parts]
            continue
        new_key = _RENAMED.get(key.evaluated_value, key.evaluated_value)
        arg = converted.get(new_key)
        if arg is None:
            continue  # the rules dropped it (a sampling parameter, the Human stop sequence)
        quote = key.quote
        spelled = cst.SimpleString(f"{key.prefix}{quote}{new_key}{quote}")
        kept.append(element.with_changes(key=spelled, value=arg.value))
    new_literal = literal.with_changes(elements=_with_commas(kept, literal.elements))
    plan.rewrites[literal] = lambda _updated: new_literal
    if splatted.module_level and not splatted.name.startswith("_") and splatted.remote is None:
        plan.report(
            CallRule,
            literal,
            f"`{splatted.name}` now holds a Messages request (`max_tokens`, a current model): "
            "a module that imports it to send a Text Completions request must change with it",
            Safety.REVIEW,
        )


def _prompt_parts(plan: CallPlan) -> list[cst.Arg]:
    """What the rules made of the prompt: ``system=``, ``messages=``, or a helper's splat."""
    original = set(plan.site.call.args)
    return [
        arg
        for arg in plan.args
        if (arg.keyword is not None and arg.keyword.value in ("system", "messages"))
        or (
            arg.star == "**"
            and arg not in original
            and isinstance(arg.value, cst.Call)
            and isinstance(arg.value.func, cst.Name)
            and arg.value.func.value.startswith("_legacy_")
        )
    ]


def _element(arg: cst.Arg, like: cst.DictElement) -> cst.BaseDictElement:
    """The dict entry for a keyword argument (or ``**value`` for a splat), spelled like ``like``."""
    if arg.keyword is None:
        return cst.StarredDictElement(arg.value)
    key = like.key
    assert isinstance(key, cst.SimpleString)
    spelled = cst.SimpleString(f"{key.prefix}{key.quote}{arg.keyword.value}{key.quote}")
    return like.with_changes(key=spelled, value=arg.value)


def _entry_indent(literal: cst.Dict) -> str:
    """How far the literal's entries sit beyond its block, when each has a line of its own."""
    space = literal.lbrace.whitespace_after
    if isinstance(space, cst.ParenthesizedWhitespace) and space.indent:
        return space.last_line.value
    return ""


def _with_commas(
    elements: list[cst.BaseDictElement], originals: Sequence[cst.BaseDictElement]
) -> list[cst.BaseDictElement]:
    """The entries with the commas of the literal they replace: its last one keeps its own."""
    if not elements or not originals:
        return elements
    between = [original.comma for original in originals[:-1]] or [
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    ]
    laid = [
        element.with_changes(comma=between[min(index, len(between) - 1)])
        for index, element in enumerate(elements[:-1])
    ]
    return [*laid, elements[-1].with_changes(comma=originals[-1].comma)]


def _keys(splatted: SplattedDict) -> list[str]:
    keys = []
    for element in splatted.entries.values():
        assert isinstance(element.key, cst.SimpleString)
        keys.append(str(element.key.evaluated_value))
    return keys


def _point_at_entries(notes: list[Note], splatted: SplattedDict) -> None:
    stand_ins: dict[cst.CSTNode, cst.CSTNode] = {}
    for arg, element in splatted.entries.items():
        stand_ins[arg] = element
        if arg.keyword is not None:
            stand_ins[arg.keyword] = element.key
    for note in notes:
        note.node = stand_ins.get(note.node, note.node)


# --- a dict bound in another module (migrator.shared) -----------------------------------------


def sent_elsewhere(notes: list[Note], remote: list[tuple[SplattedDict, str]]) -> list[Note]:
    """The notes that stay with this module; those on a dict another module binds go with
    what was made of it, recorded for the run (:class:`migrator.shared.Edit`)."""
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
    attributes (a class, for :mod:`migrator.class_literals`), named ``Class.attribute``."""
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
