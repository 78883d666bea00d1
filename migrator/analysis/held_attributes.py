"""Which string literal an attribute provably holds: a class attribute, a field's default.

``model=Config.MODEL`` (or ``self.MODEL`` in a method of ``Config``) reads what the class
body binds, ``MODEL = "claude-2"``, as long as nothing else binds it: no assignment to
``<anything>.MODEL`` in the module, no ``setattr`` that could name it, no subclass that
rebinds it, and the class itself only read, built or subclassed (never handed to code
that could change it). ``model=settings.model``, where ``settings = Settings()`` builds a
dataclass (or a pydantic model) whose field ``model: str = "claude-instant-1"`` every
construction in the module leaves at its default, reads that default the same way.

Such a literal can be rewritten where it is bound, as :mod:`migrator.analysis.held` does for a
plain name, so the code keeps reading ``Config.MODEL`` and a test comparing what is sent
with ``Config.MODEL`` still agrees. A field of a pydantic-settings ``BaseSettings`` reads
the environment first: its default is known, but what the calls send is not.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrator.analysis.held import HeldLiterals, argument_for, environment_default
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.stored import stored_parameter
from migrator.code.syntax import dotted_name

_DATACLASS = frozenset({"dataclasses.dataclass"})
_PYDANTIC = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel"})
# A field of these is read from the environment before its default (pydantic 1 had it).
_SETTINGS = frozenset({"pydantic_settings.BaseSettings", "pydantic.BaseSettings"})
# Decorators on a method that leave its class's attributes alone.
_PLAIN_METHODS = frozenset({"staticmethod", "classmethod", "property"})
# Calls that may set an attribute the code does not spell (``object.__setattr__(self, ...)``
# in a frozen dataclass's ``__post_init__``).
_SETTERS = frozenset({"setattr", "delattr", "__setattr__", "__delattr__"})
# Class methods of pydantic models that build an instance from data, not from defaults.
_PYDANTIC_BUILDERS = frozenset(
    {
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "model_construct",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "construct",
        "validate",
        "from_orm",
    }
)
# Methods through which a class may answer or store attributes its body does not show.
_ATTRIBUTE_HOOKS = frozenset(
    {"__getattr__", "__getattribute__", "__setattr__", "__init_subclass__"}
)


@dataclass(frozen=True)
class _Class:
    """A class of the module whose attribute is read, and what kind of class it is."""

    node: cst.ClassDef
    scope: Scope  # its body's
    kind: str  # "class", "dataclass", "pydantic" or "settings"

    @property
    def name(self) -> str:
        return self.node.name.value


def held_attribute(
    analysis: ModuleAnalysis, read: cst.Attribute, scope: Scope
) -> HeldLiterals | str | None:
    """The literal ``read`` (``Config.MODEL``, ``self.MODEL``, ``settings.model``) holds,
    or why that cannot be proven; None when it reads no attribute of a class of this
    module that the class body binds."""
    name = read.attr.value
    owner = _class_read(analysis, read, scope)
    if owner is None:
        return None
    bindings = owner.scope.bindings.get(name, [])
    if not bindings:
        return _stored_parameter(analysis, owner, name)
    what = f"`{owner.name}.{name}`"
    if len(bindings) != 1 or len(analysis.class_attributes.get(owner.node, {}).get(name, [])) != 1:
        return f"{what} is bound more than once"
    binding = bindings[0]
    statement = binding.statement
    literal = binding.node
    # ``MODEL_ID = os.environ.get("MODEL_ID", "anthropic.claude-v2")``: its default.
    from_environment = isinstance(literal, cst.BaseExpression) and (
        environment_default(literal) is not None
    )
    if from_environment:
        literal = environment_default(literal)  # type: ignore[arg-type]
    if not (isinstance(statement, (cst.Assign, cst.AnnAssign)) and _literal(literal)):
        return f"{what} is not bound to one string literal"
    if isinstance(statement, cst.Assign) and len(statement.targets) != 1:
        return f"{what} is assigned together with other names"
    field = isinstance(statement, cst.AnnAssign) and owner.kind != "class"
    if not field and owner.kind in ("pydantic", "settings"):
        return f"{what} is not a field of the pydantic model"
    why = _may_change(analysis, owner, name, field)
    if why is not None:
        return why
    reads = tuple(_reads(analysis, owner, name))
    if field:
        what = f"the default of field `{name}` of `{owner.name}`"
    assert isinstance(literal, cst.SimpleString)
    caveat = (
        f"; a subclass in another module that binds `{name}` again must change too"
        if any(_through_self(analysis, read) for read in reads)
        else ""
    )
    return HeldLiterals(
        (literal,),
        reads,
        what,
        from_environment=from_environment or (owner.kind == "settings" and field),
        caveat=caveat,
    )


def _stored_parameter(
    analysis: ModuleAnalysis, owner: _Class, name: str
) -> HeldLiterals | str | None:
    """``self.model = model`` in ``__init__``, the attribute's one assignment: the literals
    that parameter takes, its default and what each construction in the module passes."""
    stored = stored_parameter(analysis, owner.node, name) if owner.kind == "class" else None
    if stored is None:
        return None
    value, binding, method = stored
    init, param = method.node, binding.node
    if not (
        isinstance(init, cst.FunctionDef)
        and init.name.value == "__init__"
        and method.class_scope is owner.scope
        and isinstance(param, cst.Param)
    ):
        return None
    what = f"`self.{name}` (set from parameter `{value.value}` of `{owner.name}`)"
    store = analysis.parent(value)
    assert isinstance(store, cst.Assign)
    why = _may_change(analysis, owner, name, False, store=store.targets[0].target)
    if why is not None:
        return why
    params = init.params
    if param in (params.star_arg, params.star_kwarg):
        return f"{what} collects the caller's arguments"
    positional = [*params.posonly_params, *params.params][1:]
    index = positional.index(param) if param in positional else None
    literals: list[cst.SimpleString] = []
    if param.default is not None:
        if not _literal(param.default):
            return f"the default of parameter `{value.value}` of `{owner.name}` is not a string literal"
        literals.append(param.default)  # type: ignore[arg-type]
    holder = analysis.lookup(owner.name, analysis.scope_of[owner.node])
    assert holder is not None
    for use in analysis.uses_of(owner.name, holder[0]):
        call = analysis.parent(use)
        if not (isinstance(call, cst.Call) and call.func is use):
            continue  # read or subclassed: `_may_change` has seen nothing that sets it
        if any(arg.star for arg in call.args):
            return f"a construction of `{owner.name}` splats its arguments"
        passed = argument_for(call, value.value, index)
        if passed is None and param.default is None:
            return f"a construction of `{owner.name}` passes no `{value.value}`"
        if passed is not None and not _literal(passed):
            return f"a construction of `{owner.name}` passes `{value.value}` a value known only at run time"
        if passed is not None:
            literals.append(passed)  # type: ignore[arg-type]
    if not literals:
        return f"`{owner.name}` is never built in this module"
    reads = tuple(read for read in _reads(analysis, owner, name) if not _assigned(analysis, read))
    return HeldLiterals(tuple(literals), reads, what, parameter=True)


def _through_self(analysis: ModuleAnalysis, read: cst.Attribute) -> bool:
    """``self.MODEL`` in a method: what a subclass binds is read there too."""
    receiver = read.value
    return (
        isinstance(receiver, cst.Name)
        and _method_class(analysis, receiver.value, analysis.scope_of[read]) is not None
    )


def _class_read(analysis: ModuleAnalysis, read: cst.Attribute, scope: Scope) -> _Class | None:
    """The class of this module whose attribute ``read`` reads: through the class, a
    method's ``self`` or an instance built once (``settings = Settings()``)."""
    receiver = read.value
    if isinstance(receiver, cst.Attribute):
        return _stored_instance(analysis, receiver, scope)
    if not isinstance(receiver, cst.Name):
        return None
    owner = _named_class(analysis, receiver, scope) or _method_class(
        analysis, receiver.value, scope
    )
    if owner is not None:
        return owner
    assigned = analysis.assigned_once(receiver.value, scope)
    if assigned is None or not isinstance(assigned[1], cst.Call):
        return None
    built = assigned[1].func
    where = analysis.scope_of.get(built, assigned[0])
    owner = _named_class(analysis, built, where) if isinstance(built, cst.Name) else None
    if owner is None or not _only_read_through(analysis, receiver.value, assigned[0]):
        return None
    return owner


def _stored_instance(
    analysis: ModuleAnalysis, holder: cst.Attribute, scope: Scope
) -> _Class | None:
    """``self.config.model_id``: the class of the instance a method stores once on
    ``self`` (``self.config = ModelConfig()``), when ``.config`` is only ever read for its
    attributes and bound nowhere else."""
    if not isinstance(holder.value, cst.Name):
        return None
    method = _method_class(analysis, holder.value.value, scope)
    if method is None:
        return None
    stores = analysis.class_attributes.get(method.node, {}).get(holder.attr.value, [])
    built = stores[0].node if len(stores) == 1 else None
    if not (isinstance(built, cst.Call) and isinstance(built.func, cst.Name) and not built.args):
        return None
    owner = _named_class(analysis, built.func, analysis.scope_of.get(built.func, scope))
    if owner is None:
        return None
    for node, _where in analysis.nodes_of(cst.Attribute):
        if not (isinstance(node, cst.Attribute) and node.attr.value == holder.attr.value):
            continue
        parent = analysis.parent(node)
        if isinstance(parent, cst.AssignTarget) and stores[0].statement is analysis.parent(parent):
            continue  # the one store
        if not (isinstance(parent, cst.Attribute) and parent.value is node):
            return None  # handed on or bound elsewhere: it may hold another instance
    return owner


def _named_class(analysis: ModuleAnalysis, name: cst.Name, scope: Scope) -> _Class | None:
    """The class ``name`` stands for, when one ``class`` statement of the module binds it."""
    found = analysis.lookup(name.value, scope)
    if found is None or len(found[1]) != 1 or not isinstance(found[1][0].node, cst.ClassDef):
        return None
    node = found[1][0].node
    kind = _kind(analysis, node, found[0])
    return None if kind is None else _Class(node, analysis.scope_of[node.body], kind)


def _method_class(analysis: ModuleAnalysis, receiver: str, scope: Scope) -> _Class | None:
    """The class whose method ``scope`` is, when ``receiver`` is its ``self`` (or ``cls``)."""
    method: Scope | None = scope
    while method is not None and method.kind == "class":
        method = method.parent
    if method is None or method.self_name != receiver or method.class_scope is None:
        return None
    node = method.class_scope.node
    assert isinstance(node, cst.ClassDef)
    kind = _kind(analysis, node, method.class_scope.parent or method.class_scope)
    return None if kind is None else _Class(node, method.class_scope, kind)


def _kind(analysis: ModuleAnalysis, node: cst.ClassDef, scope: Scope) -> str | None:
    """What kind of class ``node`` is, when one this module knows: a plain class with no
    base, a dataclass with no base, or a pydantic model (settings read the environment)."""
    if node.keywords:
        return None  # a metaclass may answer attributes its own way
    bases = [
        _imported_name(analysis, arg.value, scope)
        for arg in node.bases
        if not (isinstance(arg.value, cst.Name) and arg.value.value == "object")
    ]
    decorators = [_imported_name(analysis, d.decorator, scope) for d in node.decorators]
    if len(bases) == 1 and not decorators:
        if bases[0] in _PYDANTIC:
            return "pydantic"
        return "settings" if bases[0] in _SETTINGS else None
    if bases or any(decorator not in _DATACLASS for decorator in decorators):
        return None
    return "dataclass" if decorators else "class"


def _imported_name(analysis: ModuleAnalysis, node: cst.BaseExpression, scope: Scope) -> str:
    """``dataclasses.dataclass`` for ``dataclass`` after ``from dataclasses import
    dataclass`` (called or not), or for ``dataclasses.dataclass``; else the code's spelling."""
    if isinstance(node, cst.Call):
        node = node.func
    dotted = dotted_name(node) or ""
    head, _, rest = dotted.partition(".")
    found = analysis.lookup(head, scope) if head else None
    if found is None or len(found[1]) != 1:
        return dotted
    statement = found[1][0].node
    if isinstance(statement, cst.ImportFrom) and statement.module is not None:
        if not statement.relative and not isinstance(statement.names, cst.ImportStar):
            for alias in statement.names:
                local = alias.asname.name if alias.asname else alias.name
                if isinstance(local, cst.Name) and local.value == head:
                    imported = dotted_name(alias.name) or head
                    module = dotted_name(statement.module) or ""
                    return ".".join(filter(None, (module, imported, rest)))
    if found[1][0].kind == "import" and found[1][0].qualified:
        return ".".join(filter(None, (found[1][0].qualified, rest)))
    return dotted


def _may_change(
    analysis: ModuleAnalysis,
    owner: _Class,
    name: str,
    field: bool,
    store: cst.CSTNode | None = None,
) -> str | None:
    """Why the attribute may hold something else than its literal when it is read
    (``store``: the one assignment that gives it its value)."""
    what = f"`{owner.name}.{name}`"
    for node, _scope in analysis.nodes_of(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        if node.attr.value == name and node is not store and _assigned(analysis, node):
            code = analysis.module.code_for_node(node)
            return f"{what} may be set elsewhere (`{code}` is assigned)"
        if node.attr.value == "__dict__":
            return f"{what} may be set elsewhere (through `__dict__`)"
    for node, _scope in analysis.nodes_of(cst.Call):
        assert isinstance(node, cst.Call)
        setter = (dotted_name(node.func) or "").rpartition(".")[2]
        if setter in _SETTERS and not _names_other(node, name):
            return f"{what} may be set elsewhere (by `{dotted_name(node.func)}`)"
    for statement in owner.node.body.body:
        if isinstance(statement, cst.FunctionDef) and (
            statement.name.value in _ATTRIBUTE_HOOKS
            or any(dotted_name(d.decorator) not in _PLAIN_METHODS for d in statement.decorators)
        ):
            return f"`{owner.name}` has a method that may change its attributes"
    found = analysis.lookup(owner.name, analysis.scope_of[owner.node])
    if found is None:
        return f"`{owner.name}` is not bound in this module"
    for use in analysis.uses_of(owner.name, found[0]):
        why = _class_use(analysis, owner, use, name, field)
        if why is not None:
            return why
    return None


def _class_use(
    analysis: ModuleAnalysis, owner: _Class, use: cst.Name, name: str, field: bool
) -> str | None:
    """Why one read of the class's name could change the attribute, if it could."""
    parent = analysis.parent(use)
    if isinstance(parent, cst.Attribute) and parent.value is use:
        if owner.kind in ("pydantic", "settings") and parent.attr.value in _PYDANTIC_BUILDERS:
            code = analysis.module.code_for_node(parent)
            return f"`{code}` builds a `{owner.name}` from values the tool cannot see"
        return None
    if isinstance(parent, cst.Annotation):
        return None
    if isinstance(parent, cst.Call) and parent.func is use:
        if field and _passes(owner, parent, name):
            code = " ".join(analysis.module.code_for_node(parent).split())
            return f"`{code}` may set field `{name}` of `{owner.name}`"
        return None
    if isinstance(parent, cst.Arg) and isinstance(analysis.parent(parent), cst.ClassDef):
        subclass = analysis.parent(parent)
        assert isinstance(subclass, cst.ClassDef)
        if name in analysis.scope_of[subclass.body].bindings:
            return f"subclass `{subclass.name.value}` of `{owner.name}` binds `{name}` again"
        return None
    return f"`{owner.name}` is used otherwise than read, built or subclassed"


def _passes(owner: _Class, call: cst.Call, name: str) -> bool:
    """Whether building the class with ``call`` may give field ``name`` a value."""
    positional = 0
    for arg in call.args:
        if arg.star or (arg.keyword is not None and arg.keyword.value == name):
            return True
        positional += arg.keyword is None
    if owner.kind != "dataclass":
        # A pydantic model takes no positional argument, and may take a field by an alias.
        fields = _annotated(owner.node)
        return bool(positional) or any(
            arg.keyword is not None and arg.keyword.value not in fields for arg in call.args
        )
    if not positional:
        return False
    return positional > _plain_fields_before(owner.node, name)


def _annotated(node: cst.ClassDef) -> set[str]:
    """The names the class body annotates: a pydantic model's fields."""
    return {
        statement.target.value
        for line in node.body.body
        if isinstance(line, cst.SimpleStatementLine)
        for statement in line.body
        if isinstance(statement, cst.AnnAssign) and isinstance(statement.target, cst.Name)
    }


def _plain_fields_before(node: cst.ClassDef, name: str) -> int:
    """How many positional arguments a dataclass's ``__init__`` takes before field ``name``,
    counting only up to the first field that ``field(...)``, ``ClassVar`` or ``KW_ONLY``
    could take out of (or put into) that order."""
    count = 0
    for line in node.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for statement in line.body:
            if not (
                isinstance(statement, cst.AnnAssign) and isinstance(statement.target, cst.Name)
            ):
                continue
            if statement.target.value == name:
                return count
            annotation = dotted_name(statement.annotation.annotation)
            if annotation is None or "ClassVar" in annotation or "KW_ONLY" in annotation:
                return count
            if isinstance(statement.value, cst.Call):
                return count
            count += 1
    return count


def _reads(analysis: ModuleAnalysis, owner: _Class, name: str) -> Iterator[cst.Attribute]:
    """Every read of the attribute in the module: through the class, its methods' ``self``
    and the instances it is built into."""
    for node, scope in analysis.nodes_of(cst.Attribute):
        assert isinstance(node, cst.Attribute)
        if node.attr.value != name:
            continue
        found = _class_read(analysis, node, scope)
        if found is not None and found.node is owner.node:
            yield node


def _only_read_through(analysis: ModuleAnalysis, name: str, owner: Scope) -> bool:
    """Whether ``name`` (an instance) is only read for its attributes, never handed on."""
    for use in analysis.uses_of(name, owner):
        parent = analysis.parent(use)
        if not (isinstance(parent, cst.Attribute) and parent.value is use):
            stored = isinstance(parent, cst.AssignTarget) or (
                isinstance(parent, cst.AnnAssign) and parent.target is use
            )
            if not stored:
                return False
    return True


def _assigned(analysis: ModuleAnalysis, node: cst.Attribute) -> bool:
    """Whether ``node`` is a target: assigned, augmented, deleted, bound by a loop or ``with``."""
    child: cst.CSTNode = node
    parent = analysis.parent(node)
    while isinstance(parent, (cst.Element, cst.StarredElement, cst.Tuple, cst.List)):
        child, parent = parent, analysis.parent(parent)
    if isinstance(parent, (cst.AssignTarget, cst.AsName, cst.Del)):
        return True
    if isinstance(parent, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor)):
        return parent.target is child
    return False


def _names_other(call: cst.Call, name: str) -> bool:
    """``setattr(x, "other", ...)``: a call that provably names another attribute."""
    if len(call.args) < 2 or call.args[1].keyword is not None or call.args[1].star:
        return False
    value = call.args[1].value
    return _literal(value) and isinstance(value, cst.SimpleString) and value.evaluated_value != name


def _literal(node: object) -> bool:
    return isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str)
