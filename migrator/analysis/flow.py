"""Which binding of a name a read sees, where the code runs straight.

The analysis answers "what does this name hold?" for a name bound once. Real code
binds names again and again: a notebook reuses `body`, `modelId` and `response` in
every cell, a script calls the API twice into the same `response`. Each read there
still sees exactly one binding when every path to it last passed the same plain
assignment: the nearest one before it in its block, or in a block around it,
with no loop, `if`, `try` or walrus in between that could have bound the name
another way.

`binding_at` gives that binding for a read (or a binding's own target) and the
reads it alone reaches; a read that could see more than one binding, and that
this binding might reach, makes the answer None, and the rules then leave the
site for a person as before. Nothing here guesses: where the walk meets a branch,
a loop or an exception handler that binds the name, it stops.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from migrator.analysis.names import Binding, ModuleAnalysis, NameUse, Scope
from migrator.code.syntax import string_value


def binding_at(
    analysis: ModuleAnalysis,
    name: cst.Name,
    same_either_way: Callable[[cst.Name], bool] | None = None,
) -> tuple[Scope, Binding, list[cst.Name]] | None:
    """The binding ``name`` stands for, and every read that binding reaches.

    ``name`` is a read (the binding that reaches it) or the target of a binding
    (that binding). None when that is not one binding, or when some read might
    see this binding or another, unless ``same_either_way`` says that read does
    the same whichever it sees (it is then left out).
    """
    scope = analysis.scope_of.get(name)
    if scope is None:
        return None
    found = analysis.lookup(name.value, scope)
    if found is None:
        return None
    owner, bindings = found
    binding = _own_binding(analysis, name, bindings) if is_store(analysis, name) else None
    if binding is None:
        binding = reaching(analysis, name)
    if binding is None:
        return None
    reads = []
    for use in analysis.uses_of(name.value, owner):
        if is_store(analysis, use):
            continue
        seen = reaching(analysis, use) if len(bindings) > 1 else bindings[0]
        if seen is binding:
            reads.append(use)
        elif seen is None and _may_reach(analysis, [binding], use, owner):
            if same_either_way is None or not same_either_way(use):
                return None
    return owner, binding, reads


def entangled(
    analysis: ModuleAnalysis, target: cst.Name
) -> tuple[list[Binding], list[cst.Name]] | None:
    """The bindings whose values may meet at some read along with ``target``'s, and
    those reads: the smallest set a rule must handle together. None: not a binding."""
    scope = analysis.scope_of.get(target)
    found = analysis.lookup(target.value, scope) if scope is not None else None
    own = _own_binding(analysis, target, found[1]) if found is not None else None
    if found is None or own is None:
        return None
    owner, bindings = found
    reads = [u for u in analysis.uses_of(target.value, owner) if not is_store(analysis, u)]
    # What each read may see: the one binding that reaches it, or every one that might.
    seen = {}
    for use in reads:
        one = reaching(analysis, use)
        seen[id(use)] = (
            {id(one)}
            if one is not None
            else {id(b) for b in _may_reach(analysis, bindings, use, owner)}
        )
    group, taken = {id(own)}, []
    grew = True
    while grew:
        grew = False
        for use in reads:
            if use not in taken and seen[id(use)] & group:
                group |= seen[id(use)]
                taken.append(use)
                grew = True
    return [b for b in bindings if id(b) in group], [u for u in reads if u in taken]


def reads_of_value(
    analysis: ModuleAnalysis, target: cst.Name, value: cst.CSTNode
) -> list[cst.Name] | None:
    """The reads of ``target = value`` and of the bindings it meets at some read,
    when each of those binds ``value`` itself or ``None`` ("not yet", before a loop
    that sets it); None otherwise. What those reads see is ``value`` (or ``None``).
    """
    found = entangled(analysis, target)
    if found is None:
        return None
    bindings, reads = found
    for binding in bindings:
        held = binding.node
        if binding.kind != "assign" or not (
            held is value or (isinstance(held, cst.Name) and held.value == "None")
        ):
            return None
    return reads


def value_at(analysis: ModuleAnalysis, name: cst.Name) -> tuple[Scope, cst.BaseExpression] | None:
    """The scope owning ``name`` and the value a plain assignment gave the binding it reads."""
    found = binding_at(analysis, name)
    if found is None or found[1].kind != "assign":
        return None
    value = found[1].node
    return (found[0], value) if isinstance(value, cst.BaseExpression) else None


def unclear(analysis: ModuleAnalysis, name: cst.Name, what: str) -> str:
    """Why ``binding_at`` found no one binding for ``name``, in the words of a finding."""
    scope = analysis.scope_of.get(name)
    found = analysis.lookup(name.value, scope) if scope is not None else None
    if found is not None and len(found[1]) > 1:
        return (
            f"{what} `{name.value}` is bound more than once, and which value reaches here "
            "depends on the path taken (a branch, a loop, a `try` or another function)"
        )
    return f"{what} `{name.value}` is built by code the tool cannot read"


def reaching(analysis: ModuleAnalysis, read: cst.Name) -> Binding | None:
    """The one binding every path to ``read`` last passed; None when there is not one."""
    return _walk(analysis, read, strict=True)


def _walk(analysis: ModuleAnalysis, read: cst.Name, *, strict: bool) -> Binding | None:
    """Back from ``read`` through the blocks that hold it, to the binding it sees.

    Strict: stop at the first block that binds the name, None if it may not have.
    Not strict: pass over such blocks to the nearest binding that surely ran (a
    floor: no binding before it can reach the read).
    """
    scope = analysis.scope_of.get(read)
    found = analysis.lookup(read.value, scope) if scope is not None else None
    if found is None:
        return None
    owner, bindings = found
    if len(bindings) == 1:
        return bindings[0]
    if owner is not scope:
        return None  # read from a nested function: it runs whenever it is called
    sites = [_site(binding) for binding in bindings]
    if any(site is None or analysis.scope_of.get(site) is not owner for site in sites):
        return None  # bound by a nested function (`global`), or placed where we cannot see
    holders = [_chain(analysis, site) for site in sites]  # type: ignore[arg-type]

    def held(node: cst.CSTNode) -> list[Binding]:
        return [b for b, chain in zip(bindings, holders, strict=True) if node in chain]

    current: cst.CSTNode = read
    while True:
        parent = analysis.parent(current)
        if parent is None:
            return None
        block = _block(parent)
        if block is not None:
            index = next(i for i, statement in enumerate(block) if statement is current)
            for previous in reversed(block[:index]):
                inside = held(previous)
                if inside:
                    last = _last(previous, inside, held)
                    if strict or last is not None:
                        return last
        if parent is owner.node:
            params = [b for b in held(parent) if b.kind == "param"]
            return params[0] if len(params) == 1 else None
        if block is None:
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                return None
            verdict = _enter(parent, current, held)
            if verdict is not _GO_ON and (strict or verdict is not None):
                return verdict  # type: ignore[return-value]
        current = parent


def is_store(analysis: ModuleAnalysis, name: cst.Name) -> bool:
    """``name`` only receives a value here (an assignment or loop target), reading nothing."""
    node: cst.CSTNode = name
    parent = analysis.parent(node)
    while isinstance(parent, (cst.Element, cst.StarredElement, cst.Tuple, cst.List)):
        node, parent = parent, analysis.parent(parent)
    if isinstance(parent, cst.AssignTarget):
        return True
    if isinstance(parent, (cst.For, cst.CompFor, cst.AnnAssign, cst.NamedExpr)):
        return parent.target is node
    if isinstance(parent, cst.Param):
        return parent.name is node
    return isinstance(parent, cst.AsName)


# --- the walk ------------------------------------------------------------------------

_GO_ON = object()


def _enter(parent: cst.CSTNode, current: cst.CSTNode, held) -> object:  # noqa: ANN001
    """What stepping out of ``current`` into the compound ``parent`` says about the read."""
    inside = held(parent)
    if not inside:
        return _GO_ON
    if isinstance(parent, cst.For):
        if current is parent.iter:
            return _GO_ON  # evaluated once, before the target is bound
        if current is parent.body:
            # the target is bound afresh before each pass, so it is what the body sees
            target = [b for b in inside if _site(b) is parent]
            return target[0] if len(target) == 1 else None
        return None
    if isinstance(parent, cst.If):
        return None if held(parent.test) else _GO_ON
    if isinstance(parent, (cst.Try, cst.TryStar)):
        if current is parent.body:
            return _GO_ON
        if isinstance(current, cst.ExceptHandler):
            if held(parent.body):
                return None  # the body may have stopped anywhere
            own = [b for b in inside if _site(b) is current]
            return own[0] if len(own) == 1 else _GO_ON
        return None
    if isinstance(parent, cst.With):
        if current is parent.body:
            items = [b for item in parent.items for b in held(item)]
            if not items:
                return _GO_ON
            return (
                items[0] if len(items) == 1 and isinstance(_site(items[0]), cst.WithItem) else None
            )
        return _GO_ON
    if isinstance(parent, cst.ExceptHandler):
        return _GO_ON  # its `as` name: checked on stepping out into the `try`
    if isinstance(parent, cst.Else):
        return _GO_ON
    if isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)) and all(
        _site(b) is parent for b in inside
    ):
        return _GO_ON  # the value is read before the statement binds the name
    # A loop, a `match`, an expression with a walrus or a comprehension in it.
    return None


def _last(statement: cst.CSTNode, inside: list[Binding], held) -> Binding | None:  # noqa: ANN001
    """The binding in force after ``statement``, which binds the name; None if it depends."""
    if isinstance(statement, cst.BaseSmallStatement):
        return inside[0] if len(inside) == 1 and _site(inside[0]) is statement else None
    if isinstance(statement, cst.SimpleStatementLine):
        for small in reversed(statement.body):
            found = held(small)
            if found:
                return found[0] if len(found) == 1 and _site(found[0]) is small else None
        return None
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return inside[0] if len(inside) == 1 and _site(inside[0]) is statement else None
    if isinstance(statement, cst.With):
        body = statement.body
        if isinstance(body, cst.IndentedBlock | cst.SimpleStatementSuite):
            for inner in reversed(body.body):
                found = held(inner)
                if found:
                    return _last(inner, found, held)
        items = [b for item in statement.items for b in held(item)]
        return items[0] if len(items) == 1 else None
    return None  # a branch, a loop or a `try`: the name may or may not be bound there


def _block(node: cst.CSTNode) -> tuple[cst.CSTNode, ...] | None:
    """The statements ``node`` runs one after another, if it holds such a sequence."""
    blocks = (cst.Module, cst.IndentedBlock, cst.SimpleStatementSuite, cst.SimpleStatementLine)
    return node.body if isinstance(node, blocks) else None  # type: ignore[return-value]


def _site(binding: Binding) -> cst.CSTNode | None:
    return binding.statement if binding.statement is not None else binding.node


def _chain(analysis: ModuleAnalysis, node: cst.CSTNode) -> set[cst.CSTNode]:
    return {node, *analysis.ancestors(node)}


def _own_binding(
    analysis: ModuleAnalysis, target: cst.Name, bindings: list[Binding]
) -> Binding | None:
    chain = _chain(analysis, target)
    own = [b for b in bindings if _site(b) in chain]
    return own[0] if len(own) == 1 else None


def _rebound_at_once(analysis: ModuleAnalysis, binding: Binding, name: str) -> cst.CSTNode | None:
    """The statement right after ``binding``'s, when it surely binds ``name`` again
    (``response = create(...)`` then ``response = response.completion``): past it,
    nothing sees ``binding``. None when there is no such statement, or when a ``try`` or a
    ``with`` around them could carry an exception raised in between to code that still
    sees ``binding``."""
    assign = binding.statement
    line = analysis.parent(assign) if isinstance(assign, cst.Assign) else None
    if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1):
        return None
    block = analysis.parent(line)
    statements = _block(block) if block is not None else None
    if statements is None:
        return None
    index = next(i for i, statement in enumerate(statements) if statement is line)
    following = statements[index + 1] if index + 1 < len(statements) else None
    if not (
        isinstance(following, cst.SimpleStatementLine)
        and len(following.body) == 1
        and isinstance(following.body[0], cst.Assign)
        and len(following.body[0].targets) == 1
        and isinstance(following.body[0].targets[0].target, cst.Name)
        and following.body[0].targets[0].target.value == name
    ):
        return None
    for holder in analysis.ancestors(line):
        if isinstance(holder, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            break
        if isinstance(holder, (cst.Try, cst.TryStar, cst.With)):
            return None
    return following


def _may_reach(
    analysis: ModuleAnalysis, bindings: list[Binding], read: cst.Name, owner: Scope
) -> list[Binding]:
    """Those of ``bindings`` that ``read`` could see on some path.

    Not one that a binding which surely ran comes after, nor one that comes
    after the read in no loop around both.
    """
    if analysis.scope_of.get(read) is not owner:
        return list(bindings)
    order = analysis.order
    floor = _walk(analysis, read, strict=False)
    floor_site = _site(floor) if floor is not None else None
    loops = {node for node in analysis.ancestors(read) if isinstance(node, (cst.For, cst.While))}
    possible = []
    for binding in bindings:
        site = _site(binding)
        rebound = _rebound_at_once(analysis, binding, read.value)
        if rebound is not None and rebound not in analysis.ancestors(read):
            continue  # only a read in the statement that rebinds the name may see it
        if site is None:
            possible.append(binding)
        elif floor_site is not None and order.get(site, 0) < order.get(floor_site, 0):
            continue
        elif order.get(site, 0) < order.get(read, 0) or any(
            node in loops for node in analysis.ancestors(site)
        ):
            possible.append(binding)
    return possible


def runs_before(
    analysis: ModuleAnalysis, statement: cst.CSTNode, call_statement: cst.CSTNode
) -> bool:
    """``statement`` comes earlier in a block that (through its nesting) holds the call."""
    block = analysis.parent(statement)
    if block is None or not hasattr(block, "body"):
        return False
    body = list(block.body)  # type: ignore[attr-defined]
    current: cst.CSTNode | None = call_statement
    while current is not None and analysis.parent(current) is not block:
        current = analysis.parent(current)
    if current is None or current not in body:
        return False
    return body.index(statement) < body.index(current)


def free_name(analysis: ModuleAnalysis, owner: Scope, candidates: tuple[str, ...]) -> str | None:
    """The first of ``candidates`` that ``owner`` may bind: nothing it sees binds it, and
    every use of it in ``owner`` is a local of a scope nested there (another function's
    own ``response``), which a binding in ``owner`` does not reach."""
    for candidate in candidates:
        if analysis.lookup(candidate, owner) is None and all(
            _local_below(analysis, use, candidate, owner)
            for use in analysis.name_uses.get(candidate, ())
        ):
            return candidate
    return None


def _local_below(analysis: ModuleAnalysis, use: NameUse, name: str, owner: Scope) -> bool:
    """Is ``use`` outside ``owner``, or bound in a scope nested in ``owner``?"""
    inside = use.scope
    while inside is not None and inside is not owner:
        inside = inside.parent
    if inside is None:
        return True  # elsewhere in the module
    found = analysis.lookup(name, use.scope)
    scope = found[0].parent if found is not None and found[0] is not owner else None
    while scope is not None and scope is not owner:
        scope = scope.parent
    return scope is owner


def bound_names(
    analysis: ModuleAnalysis, owner: Scope, variable: str, keys: tuple[str, ...]
) -> dict[str, str] | None:
    """The names that hold a prompt's ``keys`` (``messages``, ``system``) once its variable
    ``variable`` is split where it is assigned; None when one is taken.

    ``messages`` while one variable of ``owner`` holds prompts (rebound or not: the new
    name is bound and read wherever it was); with several (``p1 = ...``, ``p2 = ...``,
    then the calls), one shared name would hand the first call the second prompt, so
    each takes its variable's (``p1_messages``)."""
    several = len(_prompt_variables(analysis, owner) - {variable}) > 0
    names = {}
    for key in keys:
        name = free_name(
            analysis, owner, (f"{variable}_{key}",) if several else (key, f"{variable}_{key}")
        )
        if name is None:
            return None
        names[key] = name
    return names


def _prompt_variables(analysis: ModuleAnalysis, owner: Scope) -> set[str]:
    """The names assigned in ``owner`` whose value is read as a prompt (``prompt=name``,
    ``"prompt": name``)."""
    found: set[str] = set()
    for node, _scope in analysis.nodes_of(cst.Arg, cst.DictElement):
        held = None
        if (
            isinstance(node, cst.Arg)
            and node.keyword is not None
            and node.keyword.value == "prompt"
        ):
            held = node.value
        elif isinstance(node, cst.DictElement) and string_value(node.key) == "prompt":
            held = node.value
        if not isinstance(held, cst.Name):
            continue
        reached = binding_at(analysis, held)
        if reached is not None and reached[0] is owner:
            found.add(held.value)
    return found
