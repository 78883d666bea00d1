"""A request splatted from a dict literal of the same module, converted where it is written.

``params = {"model": "claude-2", "max_tokens_to_sample": 300}`` splatted into one legacy
call (``create(prompt=..., **params)``) is a request the tool can read whole. Instead of
converting it at run time, the call is planned as if the dict's entries were its own
keyword arguments, every rule converts them as it converts those, and the converted
entries go back into the literal:

    params = {"model": "claude-sonnet-5-5", "max_tokens": 300}
    client.messages.create(messages=[...], **params)

Only a literal the tool can follow completely qualifies: assigned once, read nowhere but in
that one call's ``**``, with string keys of the legacy request and literal values. A literal
written in the scope that sends it may also hold the prompt, a stream flag, and strings or
numbers that read names, when those names stay as they are until the call. Anything else
keeps the runtime converter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

import libcst as cst

from migrator.analysis import shared
from migrator.analysis.names import LegacyCall, ModuleAnalysis, Scope
from migrator.code.syntax import walk
from migrator.code.transformer import carried
from migrator.contract.plan import CallPlan, CallRule, Note
from migrator.core.findings import Safety
from migrator.runtime.helpers import SAMPLING

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
    # Bound in another module of the project, which the run rewrites (migrator.analysis.shared):
    # ``literal`` is parsed from its text, and belongs to no tree of this module.
    remote: shared.Want | None = None


def find(analysis: ModuleAnalysis, site: LegacyCall) -> SplattedDict | None:
    """The dict literal ``site`` splats, when the rules can convert it where it is written."""
    splat = only_splat(site)
    if splat is None or not isinstance(splat.value, cst.Name):
        return None
    found = _read_only_here(analysis, splat.value, site.scope)
    if found is None:
        return None
    owner, literal = found
    entries = planned_entries(site, literal, KEYS, _literal)
    if entries is None and owner is site.scope:
        between = _statements_between(analysis, literal, site.call)
        if between is not None:
            entries = planned_entries(
                site,
                literal,
                _LOCAL_KEYS,
                lambda value: _unchanged_until(analysis, site.scope, between, value),
            )
    if entries is None:
        return None
    return SplattedDict(splat.value.value, splat, literal, entries, owner.parent is None)


def _read_only_here(
    analysis: ModuleAnalysis, name: cst.Name, scope: Scope
) -> tuple[Scope, cst.Dict] | None:
    """The scope owning ``name`` and the dict literal it is bound to, when that is its one
    binding and ``name`` (a ``**name`` of a call) is its only read: changing the dict then
    changes nothing else the code reads."""
    found = analysis.assigned_once(name.value, scope)
    if found is None or not isinstance(found[1], cst.Dict):
        return None
    owner, literal = found
    reads = [
        use
        for use in analysis.uses_of(name.value, owner)
        if not isinstance(analysis.parent(use), (cst.AssignTarget, cst.AnnAssign))
    ]
    return (owner, literal) if reads == [name] else None


# A request written whole in the scope that sends it: its prompt is converted where it
# is written too, and a stream it asks for is the stream rule's, as a keyword's would be.
_LOCAL_KEYS = KEYS | {"prompt", "stream"}
# The keys whose values are strings, numbers or flags: what a name read by one of them holds
# cannot change in place.
_IMMUTABLE = frozenset(
    {"prompt", "model", "max_tokens_to_sample", "temperature", "top_p", "top_k", "stream"}
)


def _statements_between(
    analysis: ModuleAnalysis, literal: cst.Dict, call: cst.Call
) -> list[cst.CSTNode] | None:
    """The statements a value written in ``literal`` passes before ``call`` sends it: those
    after the dict's statement and before the call's in one block, and the call's own when
    it is a loop or a branch (which may rebind names before the call). None when the two
    are not in one block, the dict's first."""
    written = analysis.statement_of.get(literal)
    sending = analysis.statement_of.get(call)
    while sending is not None and analysis.parent(sending) is not analysis.parent(written):
        sending = analysis.statement_of.get(sending)
    block = analysis.parent(written) if written is not None else None
    body = getattr(block, "body", None)
    if sending is None or not isinstance(body, (list, tuple)):
        return None
    lines = list(body)
    if written not in lines or sending not in lines or lines.index(written) > lines.index(sending):
        return None
    between = lines[lines.index(written) + 1 : lines.index(sending)]
    if not isinstance(sending, cst.SimpleStatementLine):
        between.append(sending)
    return between


def _unchanged_until(
    analysis: ModuleAnalysis,
    scope: Scope,
    between: list[cst.CSTNode],
    value: cst.BaseExpression,
) -> bool:
    """Whether ``value``, an entry of a dict written in the scope that sends it, means at
    the call what it meant where it was written: no statement ``between`` so much as names
    a name the value reads (a rebinding, or a change to a list it holds, would part the
    two), and a value that reads a name holds a string, a number or a flag, which nothing
    changes in place (a function called in between may change a list)."""
    read = {
        node.value
        for node in walk(value)
        if isinstance(node, cst.Name)
        and not _attribute_name(analysis, node)
        and analysis.qualified_name(node, scope) is None
    }  # a module bound only by its import (``anthropic``) is the same module all along
    entry = analysis.parent(value)
    key = entry.key if isinstance(entry, cst.DictElement) else None
    if read and not (isinstance(key, cst.SimpleString) and key.evaluated_value in _IMMUTABLE):
        return False
    return not any(
        isinstance(node, cst.Name) and node.value in read
        for statement in between
        for node in walk(statement)
    )


def _attribute_name(analysis: ModuleAnalysis, node: cst.Name) -> bool:
    """``HUMAN_PROMPT`` of ``anthropic.HUMAN_PROMPT``: a field of what is before it, no name."""
    parent = analysis.parent(node)
    return isinstance(parent, cst.Attribute) and parent.attr is node


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
    # Kept values carry what other rules edited inside them (a marker written out).
    plan.rewrites[literal] = lambda updated: carried(literal, updated, new_literal)
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


def holds_no_sampling(analysis: ModuleAnalysis, scope: Scope, value: cst.BaseExpression) -> bool:
    """``**params`` where ``params`` is bound once to a dict literal that spells every key,
    none of them a sampling parameter, and nothing but this call reads it: there is nothing
    for the converter to drop, and a comment saying it may would only puzzle."""
    if not isinstance(value, cst.Name):
        return False
    found = _read_only_here(analysis, value, scope)
    if found is None:
        return False
    return all(
        isinstance(element, cst.DictElement)
        and isinstance(element.key, cst.SimpleString)
        and isinstance(element.key.evaluated_value, str)
        and element.key.evaluated_value not in SAMPLING
        for element in found[1].elements
    )
