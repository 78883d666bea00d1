"""What the names of one module are: the ``anthropic`` module, its constants, its clients.

One pass over the tree (:mod:`migrator.analysis.names_walk`) records scopes,
bindings, imports and parents; the questions the rules ask ("is this receiver
an Anthropic client?", "what does this name hold?", "where is this value
read?") are answered from that record.
Resolution follows Python's scoping (function scopes, class bodies invisible to
methods, ``global``/``nonlocal``) but not control flow: a name counts as a
client only when every binding it has in its scope makes it one.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain

import libcst as cst

from migrator.analysis.evidence_nodes import LOOKALIKE_ROOTS

CLIENT_CONSTRUCTORS = {
    "anthropic.Anthropic": "sync",
    "anthropic.Client": "sync",
    "anthropic.AsyncAnthropic": "async",
    "anthropic.AsyncClient": "async",
    "anthropic.AnthropicBedrock": "bedrock",
    "anthropic.AsyncAnthropicBedrock": "bedrock",
    "anthropic_bedrock.AnthropicBedrock": "bedrock",
    "anthropic_bedrock.AsyncAnthropicBedrock": "bedrock",
    "anthropic.AnthropicVertex": "vertex",
    "anthropic.AsyncAnthropicVertex": "vertex",
}
CONSTANTS = {
    "anthropic.HUMAN_PROMPT": "\n\nHuman:",
    "anthropic.AI_PROMPT": "\n\nAssistant:",
    # Where they were defined; some code imported them from there.
    "anthropic._constants.HUMAN_PROMPT": "\n\nHuman:",
    "anthropic._constants.AI_PROMPT": "\n\nAssistant:",
    "anthropic_bedrock.HUMAN_PROMPT": "\n\nHuman:",
    "anthropic_bedrock.AI_PROMPT": "\n\nAssistant:",
}
_MARKER_TEXTS = frozenset(CONSTANTS.values())


class ClientKind(str, enum.Enum):
    SYNC = "sync"
    ASYNC = "async"
    BEDROCK = "bedrock"
    VERTEX = "vertex"
    OTHER = "other"  # known not to be Anthropic's (OpenAI and friends)
    UNKNOWN = "unknown"


class Scope:
    """A function, lambda, class body or module namespace."""

    def __init__(self, kind: str, parent: Scope | None, node: cst.CSTNode) -> None:
        self.kind = kind
        self.parent = parent
        self.node = node
        self.bindings: dict[str, list[Binding]] = {}
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        # For a method: the class scope it sits in and its first parameter's name.
        self.self_name: str | None = None
        self.class_scope: Scope | None = None

    def bind(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)


@dataclass(frozen=True)
class Binding:
    """How a name got its value: ``kind`` is import, assign, param or other."""

    kind: str
    node: cst.CSTNode | None = None  # the assigned value, or the parameter
    qualified: str | None = None  # for imports: what the name stands for
    annotation: cst.BaseExpression | None = None
    statement: cst.CSTNode | None = None


@dataclass
class NameUse:
    node: cst.Name
    scope: Scope


# The methods of the pre-0.3 SDK's ``anthropic.Client`` that call Text Completions.
SDK02_METHODS = ("completion", "completion_stream", "acompletion", "acompletion_stream")
SDK02_CLIENT = "anthropic.Client"


@dataclass
class LegacyCall:
    """``X.completions.create(...)`` where X is (or is taken to be) an Anthropic client,
    or ``X.completion(...)`` (and its siblings) on a pre-0.3 ``anthropic.Client``."""

    call: cst.Call
    receiver: cst.BaseExpression
    kind: ClientKind
    scope: Scope
    statement: cst.CSTNode
    # For the pre-0.3 SDK: the method called and the ``anthropic.Client(...)``
    # calls that build the receiver.
    sdk02_method: str | None = None
    constructors: tuple[cst.Call, ...] = ()


@dataclass
class ModuleAnalysis:
    module: cst.Module
    parents: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    scope_of: dict[cst.CSTNode, Scope] = field(default_factory=dict)
    statement_of: dict[cst.CSTNode, cst.CSTNode] = field(default_factory=dict)
    name_uses: dict[str, list[NameUse]] = field(default_factory=dict)
    class_attributes: dict[cst.CSTNode, dict[str, list[Binding]]] = field(default_factory=dict)
    calls: list[LegacyCall] = field(default_factory=list)
    module_scope: Scope | None = None
    # ``nodes_of``'s answers, by the kinds asked for.
    _of_kinds: dict[tuple[type[cst.CSTNode], ...], tuple[tuple[cst.CSTNode, Scope], ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def nodes_of(self, *kinds: type[cst.CSTNode]) -> tuple[tuple[cst.CSTNode, Scope], ...]:
        """The module's nodes of ``kinds``, with their scopes, in source order.

        A dozen rules each look for one kind of node (calls, attributes); each going
        over every node of the module cost more than the walk that found them. The
        nodes of a kind are picked out once, for every rule that asks.
        """
        found = self._of_kinds.get(kinds)
        if found is None:
            # Picked by class, from the nodes grouped by class once: libcst's base classes
            # are ABCs, whose isinstance check on each node cost more than the rest.
            items, places = self._by_class
            picked = [places[kind] for kind in places if _is_kind(kind, kinds)]
            order = picked[0] if len(picked) == 1 else sorted(chain.from_iterable(picked))
            found = self._of_kinds[kinds] = tuple(items[place] for place in order)
        return found

    @cached_property
    def _by_class(
        self,
    ) -> tuple[list[tuple[cst.CSTNode, Scope]], dict[type[cst.CSTNode], list[int]]]:
        """The nodes with their scopes in source order, and where those of each class are."""
        items = list(self.scope_of.items())
        places: dict[type[cst.CSTNode], list[int]] = {}
        for place, (node, _) in enumerate(items):
            places.setdefault(type(node), []).append(place)
        return items, places

    @cached_property
    def spelled(self) -> frozenset[str]:
        """Every name the module spells anywhere: a new name must not be one of them."""
        return frozenset(
            node.value for node, _ in self.nodes_of(cst.Name) if isinstance(node, cst.Name)
        )

    @cached_property
    def order(self) -> dict[cst.CSTNode, int]:
        """Each node's place in source order (the walk met them in that order)."""
        return {node: index for index, node in enumerate(self.scope_of)}

    # --- names -------------------------------------------------------------
    def lookup(self, name: str, scope: Scope) -> tuple[Scope, list[Binding]] | None:
        """The scope that owns ``name`` as seen from ``scope``, and its bindings."""
        if name in scope.globals:
            root = self._root(scope)
            return (root, root.bindings.get(name, []))
        current: Scope | None = scope
        first = True
        while current is not None:
            if (first or current.kind != "class") and name in current.bindings:
                if name not in current.nonlocals:
                    return (current, current.bindings[name])
            first = False
            current = current.parent
        return None

    def assigned_once(self, name: str, scope: Scope) -> tuple[Scope, cst.BaseExpression] | None:
        """The scope owning ``name`` and its value, when one plain assignment is its only binding."""
        found = self.lookup(name, scope)
        if found is None or len(found[1]) != 1:
            return None
        binding = found[1][0]
        if binding.kind == "other":  # ``a, b = [], None``: one element each
            value = _unpacked(name, binding.statement)
            return None if value is None else (found[0], value)
        if binding.kind != "assign":
            return None
        value = binding.node
        return (found[0], value) if isinstance(value, cst.BaseExpression) else None

    def _root(self, scope: Scope) -> Scope:
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def qualified_name(self, node: cst.BaseExpression, scope: Scope) -> str | None:
        """``anthropic.Anthropic`` for ``ant.Anthropic`` after ``import anthropic as ant``."""
        if isinstance(node, cst.Name):
            found = self.lookup(node.value, scope)
            if found is None:
                return None
            qualified = {binding.qualified for binding in found[1] if binding.kind == "import"}
            others = [binding for binding in found[1] if binding.kind != "import"]
            if len(qualified) == 1 and all(_rebinds_from_itself(b, node.value) for b in others):
                return qualified.pop()
            return None
        if isinstance(node, cst.Attribute):
            base = self.qualified_name(node.value, scope)
            return f"{base}.{node.attr.value}" if base else None
        return None

    def constant_value(self, node: cst.BaseExpression, scope: Scope) -> str | None:
        """The text of ``HUMAN_PROMPT`` / ``AI_PROMPT`` however they are spelled here."""
        qualified = self.qualified_name(node, scope)
        if qualified in CONSTANTS:
            return CONSTANTS[qualified]
        if isinstance(node, cst.Name):
            # A local alias: ``H = anthropic.HUMAN_PROMPT`` (bound once).
            found = self.lookup(node.value, scope)
            if found and len(found[1]) == 1 and found[1][0].kind == "other":
                # ``H, A = anthropic.HUMAN_PROMPT, anthropic.AI_PROMPT``: one element each
                # (or the marker texts themselves).
                value = _unpacked(node.value, found[1][0].statement)
                if isinstance(value, cst.SimpleString) and value.evaluated_value in _MARKER_TEXTS:
                    return value.evaluated_value  # type: ignore[return-value]
                return None if value is None else self.constant_value(value, found[0])
            if found and len(found[1]) == 1 and found[1][0].kind == "assign":
                value = found[1][0].node
                if isinstance(value, (cst.Name, cst.Attribute)):
                    return self.constant_value(value, found[0])
                # The module's own copy: ``HUMAN = "\n\nHuman:"`` (bound once).
                if (
                    isinstance(value, cst.SimpleString)
                    and value.evaluated_value in _MARKER_TEXTS
                    and isinstance(value.evaluated_value, str)
                ):
                    return value.evaluated_value
        return None

    # --- clients -----------------------------------------------------------
    def client_kind(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> ClientKind:
        if depth > 8:
            return ClientKind.UNKNOWN
        if isinstance(node, cst.Call):
            qualified = self.qualified_name(node.func, scope)
            if qualified in CLIENT_CONSTRUCTORS:
                return ClientKind(CLIENT_CONSTRUCTORS[qualified])
            if qualified and qualified.split(".")[0] in LOOKALIKE_ROOTS:
                return ClientKind.OTHER
            if isinstance(node.func, cst.Attribute) and node.func.attr.value in (
                "with_options",
                "copy",
            ):
                return self.client_kind(node.func.value, scope, depth + 1)
            if isinstance(node.func, cst.Name):
                return self._local_class_kind(node.func, scope)
            return ClientKind.UNKNOWN
        if isinstance(node, cst.Name):
            found = self.lookup(node.value, scope)
            if found is None:
                return ClientKind.UNKNOWN
            return self._kind_of_bindings(found[1], found[0], depth)
        if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            # ``client or anthropic.Anthropic()``: a client handed in, or else the one built
            # here, which says what kind the code expects to be handed.
            fallback = self.client_kind(node.right, scope, depth + 1)
            if fallback in (ClientKind.UNKNOWN, ClientKind.OTHER):
                return fallback
            given = self.client_kind(node.left, scope, depth + 1)
            return fallback if given in (fallback, ClientKind.UNKNOWN) else ClientKind.UNKNOWN
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            attributes = self.attributes_for(node.value, scope)
            if attributes is not None and node.attr.value in attributes:
                owner = self._class_scope_of_method(scope)
                assert owner is not None
                return self._kind_of_bindings(attributes[node.attr.value], owner, depth)
        return ClientKind.UNKNOWN

    def _local_class_kind(self, name: cst.Name, scope: Scope) -> ClientKind:
        """An instance of a class this module defines: a client only if it subclasses one.

        A test double or a look-alike defined here (``class FakeClient:`` with its
        own ``completions.create``) is not Anthropic's, whatever keywords it takes.
        """
        found = self.lookup(name.value, scope)
        if found is None or len(found[1]) != 1:
            return ClientKind.UNKNOWN
        definition = found[1][0].node
        if not isinstance(definition, cst.ClassDef):
            return ClientKind.UNKNOWN
        for base in definition.bases:
            if base.keyword is not None:
                continue
            qualified = self.qualified_name(base.value, found[0])
            if qualified in CLIENT_CONSTRUCTORS:
                return ClientKind(CLIENT_CONSTRUCTORS[qualified])
            if qualified is None:
                return ClientKind.UNKNOWN  # a base the tool cannot see into
        return ClientKind.OTHER

    def client_calls(
        self, node: cst.BaseExpression, scope: Scope, depth: int = 0
    ) -> list[list[cst.Call]] | None:
        """The calls that build the client ``node``: one chain per way it can be built.

        A chain is the constructor and the ``with_options(...)`` / ``copy(...)``
        calls on it, outermost first. None when some binding is not a call the
        tool can see (a parameter, an import, a value from a function).
        """
        if depth > 8:
            return None
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("with_options", "copy"):
                inner = self.client_calls(func.value, scope, depth + 1)
                return None if inner is None else [[node, *chain] for chain in inner]
            return [[node]]
        owner, bindings = self._receiver_bindings(node, scope)
        if not bindings:
            return None
        chains: list[list[cst.Call]] = []
        for binding in bindings:
            value = binding.node
            if binding.kind != "assign" or not isinstance(value, cst.BaseExpression):
                return None
            inner = self.client_calls(value, self.scope_of.get(value, owner), depth + 1)
            if inner is None:
                return None
            chains += inner
        return chains

    def _receiver_bindings(
        self, node: cst.BaseExpression, scope: Scope
    ) -> tuple[Scope, list[Binding] | None]:
        """How a name, or an attribute of ``self``, got its values, and the scope they are in."""
        if isinstance(node, cst.Name):
            found = self.lookup(node.value, scope)
            if found is not None:
                return found[0], [b for b in found[1] if b.kind != "import"]
        elif isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            attributes = self.attributes_for(node.value, scope)
            if attributes is not None:
                owner = self._class_scope_of_method(scope) or scope
                return owner, attributes.get(node.attr.value)
        return scope, None

    def _kind_of_bindings(self, bindings: list[Binding], scope: Scope, depth: int) -> ClientKind:
        kinds: set[ClientKind] = set()
        # ``client = client or anthropic.Anthropic()``: the parameter is read as that.
        fallbacks = {
            binding.node.left.value
            for binding in bindings
            if binding.kind == "assign"
            and isinstance(binding.node, cst.BooleanOperation)
            and isinstance(binding.node.operator, cst.Or)
            and isinstance(binding.node.left, cst.Name)
        }
        for binding in bindings:
            if binding.kind == "import":
                # ``import anthropic`` then ``anthropic = anthropic.Anthropic()``:
                # the module binding says nothing about the client.
                continue
            if isinstance(binding.node, cst.Param) and binding.node.name.value in fallbacks:
                continue
            kinds.add(self._kind_of_binding(binding, scope, depth))
        anthropic = {ClientKind.SYNC, ClientKind.ASYNC, ClientKind.BEDROCK, ClientKind.VERTEX}
        if ClientKind.OTHER in kinds and kinds & anthropic:
            # Another vendor's client or Anthropic's, by branch: only the call can tell.
            return ClientKind.UNKNOWN
        if ClientKind.OTHER in kinds:
            return ClientKind.OTHER
        if len(kinds) == 1:
            return kinds.pop()
        return ClientKind.UNKNOWN

    def _kind_of_binding(self, binding: Binding, scope: Scope, depth: int) -> ClientKind:
        if binding.kind == "assign" and isinstance(binding.node, cst.BaseExpression):
            value_scope = self.scope_of.get(binding.node, scope)
            return self.client_kind(binding.node, value_scope, depth + 1)
        if binding.kind == "param":
            if binding.annotation is not None:
                qualified = self.qualified_name(binding.annotation, scope)
                if qualified in CLIENT_CONSTRUCTORS:
                    return ClientKind(CLIENT_CONSTRUCTORS[qualified])
                if qualified and qualified.split(".")[0] in LOOKALIKE_ROOTS:
                    return ClientKind.OTHER
            default = binding.node.default if isinstance(binding.node, cst.Param) else None
            if default is not None:
                return self.client_kind(default, scope, depth + 1)
        return ClientKind.UNKNOWN

    def _class_scope_of_method(self, scope: Scope) -> Scope | None:
        return scope.class_scope

    def attributes_for(self, receiver: cst.Name, scope: Scope) -> dict[str, list[Binding]] | None:
        """What ``self.NAME`` is bound to in the class of the method ``scope`` is in, when
        ``receiver`` is that method's ``self``."""
        method = scope
        while method.kind not in ("function", "module"):
            if method.parent is None:
                return None
            method = method.parent
        if method.self_name != receiver.value or method.class_scope is None:
            return None
        return self.class_attributes.get(method.class_scope.node)

    def sdk02_constructors(
        self, receiver: cst.BaseExpression, scope: Scope
    ) -> tuple[cst.Call, ...] | None:
        """The ``anthropic.Client(...)`` calls that every binding of ``receiver`` is, if so.

        ``anthropic.Client(key)`` inline, a name or a ``self.NAME`` attribute
        whose assignments all build one. ``Client`` alone says nothing about the
        SDK (it is an alias of ``Anthropic`` since 0.3): the caller asks only for
        receivers of a pre-0.3 method.
        """
        if isinstance(receiver, cst.Call):
            if self.qualified_name(receiver.func, scope) == SDK02_CLIENT:
                return (receiver,)
            return None
        owner, bindings = self._receiver_bindings(receiver, scope)
        if not bindings:
            return None
        calls = []
        for binding in bindings:
            value = binding.node
            if not (binding.kind == "assign" and isinstance(value, cst.Call)):
                return None
            where = self.scope_of.get(value, owner)
            if self.qualified_name(value.func, where) != SDK02_CLIENT:
                return None
            calls.append(value)
        return tuple(calls)

    # --- reads -------------------------------------------------------------
    def uses_of(self, name: str, owner: Scope) -> Iterator[cst.Name]:
        """Every read of ``name`` that resolves to ``owner``'s binding."""
        for use in self.name_uses.get(name, ()):
            found = self.lookup(name, use.scope)
            if found is not None and found[0] is owner:
                yield use.node

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(node)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The nodes that hold ``node``, innermost first."""
        current = self.parents.get(node)
        while current is not None:
            yield current
            current = self.parents.get(current)


def _rebinds_from_itself(binding: Binding, name: str) -> bool:
    """``anthropic = anthropic.Anthropic()``: the module name still reads as the module.

    The client has no module attributes (``HUMAN_PROMPT``, ``Anthropic``), so a
    dotted read through the name can only mean the module.
    """
    value = binding.node
    if binding.kind != "assign" or not isinstance(value, cst.Call):
        return False
    root = value.func
    while isinstance(root, cst.Attribute):
        root = root.value
    return isinstance(root, cst.Name) and root.value == name


@cache
def _is_kind(kind: type[cst.CSTNode], kinds: tuple[type[cst.CSTNode], ...]) -> bool:
    return issubclass(kind, kinds)


def _unpacked(name: str, statement: cst.CSTNode | None) -> cst.BaseExpression | None:
    """In ``a, b = x, y`` (one target, no ``*``, as many values), the value ``name`` gets."""
    if not (isinstance(statement, cst.Assign) and len(statement.targets) == 1):
        return None
    target, value = statement.targets[0].target, statement.value
    if not (isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List))):
        return None
    if len(target.elements) != len(value.elements) or any(
        isinstance(e, cst.StarredElement) for e in (*target.elements, *value.elements)
    ):
        return None
    for element, held in zip(target.elements, value.elements, strict=True):
        if isinstance(element.value, cst.Name) and element.value.value == name:
            return held.value
    return None
