"""A ``Completion(...)`` built by hand, a fallback or default response, rebuilt as a ``Message``.

``Completion(id=..., completion=TEXT, model=..., stop_reason=..., type="completion")``
becomes ``Message(id=..., content=[TextBlock(type="text", text=TEXT)], model=...,
role="assistant", stop_reason=..., stop_sequence=None, type="message",
usage=Usage(input_tokens=0, output_tokens=0))``, each required field of the
current SDK given, so it validates as the original did (``model_construct``
stays ``model_construct``). :meth:`HandBuilt.examine` answers why that is not
sound, or None; then ``rewrites`` hold the new object and the reads of it
that change.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.response import follow
from migrator.analysis.response_rewrites import completion_as_text, stop_sequence_attribute
from migrator.analysis.response_sources import COMPLETION_CLASSES
from migrator.code.syntax import string_value
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.doubles.message_body import NotAMessage, stop_fields

MODULES = {"anthropic.types", "anthropic.types.completion"}
# The names a rebuilt object needs beside ``Message``, imported where ``Completion`` was.
NEEDED = ("TextBlock", "Usage")
_CONSTRUCTORS = ("model_construct", "construct")
_KNOWN = ("id", "completion", "model", "stop_reason", "stop", "type")
_REQUIRED = ("id", "completion", "model", "type")
# Where a mock is given what it returns.
_DOUBLE_FIELDS = ("return_value", "side_effect")
# Values of ``stop_reason`` a Message keeps as they are.
_KEPT = ("max_tokens",)


def end_turn(updated: cst.CSTNode) -> cst.CSTNode:
    """``"stop_sequence"`` becomes ``"end_turn"``, how Messages reports a natural end."""
    assert isinstance(updated, cst.SimpleString)
    return updated.with_changes(value=f"{updated.prefix}{updated.quote}end_turn{updated.quote}")


def completion_class(call: cst.Call, analysis) -> cst.BaseExpression | None:  # type: ignore[no-untyped-def]
    """The ``Completion`` that ``call`` builds (``Completion(...)`` or
    ``Completion.model_construct(...)``), or None when it builds something else."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in _CONSTRUCTORS:
        func = func.value
    scope = analysis.scope_of.get(func)
    if scope is None or analysis.qualified_name(func, scope) not in COMPLETION_CLASSES:
        return None
    return func


def construction(use: cst.BaseExpression, analysis) -> cst.Call | None:  # type: ignore[no-untyped-def]
    """The ``Completion(...)`` or ``Completion.model_construct(...)`` call ``use`` is the class of."""
    parent = analysis.parent(use)
    if isinstance(parent, cst.Call) and parent.func is use:
        return parent
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is use
        and parent.attr.value in _CONSTRUCTORS
    ):
        call = analysis.parent(parent)
        if isinstance(call, cst.Call) and call.func is parent:
            return call
    return None


def reached_by_calls(plan: ModulePlan) -> set[cst.CSTNode]:
    """The reads (and returning functions) the module's migrated calls reach: theirs to rewrite."""
    reached: set[cst.CSTNode] = set()
    for site in plan.migrated:
        if site.streamed:
            continue
        use = follow(site.call, plan.analysis)
        if use.problem is None:
            reached.update(use.reads)
            reached.update(key_read.node for key_read in use.key_reads)
            reached.update(use.returned_by)
    return reached


class HandBuilt:
    def __init__(self, plan: ModulePlan, use: cst.BaseExpression, call: cst.Call) -> None:
        self.plan = plan
        self.use = use
        self.call = call
        self.rewrites: dict[cst.CSTNode, Rewrite] = {}
        self.returned_by: list[cst.FunctionDef] = []
        self.imports: set[str] = set()  # of NEEDED, those to import beside ``Message``
        # What a test double's answer says differently (:meth:`examine_returned`): the
        # model the migrated call names, and a legacy ``stop`` the Message does not keep.
        self.model: str | None = None
        self.stop_reason = "end_turn"  # for a legacy "stop_sequence"
        self.drops_stop = False
        # ``Completion`` stays imported (another use of it is left): build ``Message`` by name.
        self.keeps_completion = False

    def examine(self, reached: set[cst.CSTNode]) -> str | None:
        """Why the object cannot become a ``Message``; None when it can.

        ``reached``: the reads the module's migrated calls reach, rewritten by
        their own rules (a fallback returned where a response is).
        """
        if self.plan.untouched:
            return "calls of this module are left for manual work, and their code reads completions"
        why = self._fields()
        if why is not None:
            return why
        kept = self._stop_reason_kept()
        use = follow(self.call, self.plan.analysis)
        if use.problem is not None:
            if given_to_double(self.plan.analysis, self.call):
                return (
                    "it is what a test double returns, and that double stays as written (its "
                    "finding says why)"
                )
            return use.problem
        if use.adapted:
            return "it is returned to callers the tool cannot see, which read a completion"
        for key_read in use.key_reads:
            if key_read.node not in reached:
                return f'`["{key_read.key}"]` is read of its dict, which Messages changes'
        for read in use.reads:
            if read in reached:
                continue
            attribute = read.attr.value
            if attribute == "completion":
                self.rewrites[read] = completion_as_text
            elif attribute == "stop":
                self.rewrites[read] = stop_sequence_attribute
            elif attribute not in ("id", "model") and not (attribute == "stop_reason" and kept):
                return f"`.{attribute}` is read of it, and a `Message` says it differently"
        self.returned_by = [
            function for function in dict.fromkeys(use.returned_by) if function not in reached
        ]
        self.rewrites[self.call] = self._rebuild
        return None

    def examine_returned(self) -> str | None:
        """Why the object, which a test double returns to the migrated code under test, cannot
        become the ``Message`` that code's call gets; None when it can.

        The code reads it as it reads a response, so it says what the API says of the
        migrated request, as a served body does (:mod:`migrator.doubles.message_body`): a retired
        model is the one the migrated call names, a natural end (no ``stop``, or the
        ``"\\n\\nHuman:"`` the migrated call no longer sends) is ``"end_turn"``, and a custom
        stop sequence stays ``"stop_sequence"``.
        """
        why = self._fields()
        if why is not None:
            return why
        given = self._given()
        model = string_value(given["model"])
        if model is not None:
            self.model = self.plan.config.target_for(model)
        if string_value(given.get("stop_reason")) == "stop_sequence":
            try:
                reason, keeps_stop = stop_fields(given["stop_reason"], given.get("stop"))
            except NotAMessage as why:
                return str(why)
            assert reason is not None
            self.stop_reason = reason
            self.drops_stop = "stop" in given and not keeps_stop
        self.rewrites[self.call] = self._rebuild
        return None

    def _given(self) -> dict[str, cst.BaseExpression]:
        return {arg.keyword.value: arg.value for arg in self.call.args if arg.keyword is not None}

    def _fields(self) -> str | None:
        """Why the arguments it is built with make no ``Message``; None when they do."""
        args = self.call.args
        if any(arg.keyword is None for arg in args):
            return "it is built with positional arguments or `**`"
        given = self._given()
        unknown = [key for key in given if key not in _KNOWN]
        if unknown:
            return f"it is built with `{unknown[0]}=`, which a `Message` has no place for"
        missing = [key for key in _REQUIRED if key not in given]
        if missing:
            return f"it is built without `{missing[0]}=`"
        kind = given["type"]
        if not (isinstance(kind, cst.SimpleString) and kind.evaluated_value == "completion"):
            return 'its `type` is not the literal `"completion"`'
        reason = given.get("stop_reason")
        if not self._stop_reason_kept() and string_value(reason) != "stop_sequence":
            return "its `stop_reason` is not a literal whose Messages value the tool can tell"
        return self._spelling()

    def _stop_reason_kept(self) -> bool:
        """Its ``stop_reason`` means the same to a Message: none, or ``"max_tokens"``."""
        reason = self._given().get("stop_reason")
        return reason is None or _is_none(reason) or string_value(reason) in _KEPT

    def _spelling(self) -> str | None:
        """``TextBlock`` and ``Usage`` are reachable the way ``Completion`` is; why not, if not."""
        func = self.use
        if isinstance(func, cst.Attribute):
            return None  # ``anthropic.types.TextBlock``: spelled from the same module
        analysis = self.plan.analysis
        scope = analysis.scope_of[self.call]
        found = analysis.lookup(func.value, scope)  # type: ignore[attr-defined]
        if found is None or not all(
            isinstance(binding.node, cst.ImportFrom)
            and binding.node.module is not None
            and not binding.node.relative
            and cst.helpers.get_full_name_for_node(binding.node.module) in MODULES
            for binding in found[1]
        ):
            return (
                "`Completion` is not imported from `anthropic.types` where the tool can add to it"
            )
        for name in NEEDED:
            other = analysis.lookup(name, scope)
            if other is None:
                self.imports.add(name)
            elif any(binding.qualified != f"anthropic.types.{name}" for binding in other[1]):
                return f"`{name}`, which it needs, is something else in this module"
        message = analysis.lookup("Message", scope)
        if message is not None and any(
            binding.qualified != "anthropic.types.Message" for binding in message[1]
        ):
            return "`Message`, which it becomes, is something else in this module"
        return None

    def _rebuild(self, updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Call)
        func = updated.func
        constructor = None
        if isinstance(func, cst.Attribute) and func.attr.value in _CONSTRUCTORS:
            constructor, func = func.attr.value, func.value
        quote = next(
            arg.value.quote[0]
            for arg in updated.args
            if arg.keyword is not None
            and arg.keyword.value == "type"
            and isinstance(arg.value, cst.SimpleString)
        )

        def build(name: str, fields: str) -> str:
            made = f"{name}.{constructor}" if constructor else name
            return f"{made}({fields})"

        text_block = build("__module__TextBlock", f"type={quote}text{quote}, text=__text__")
        usage = build("__module__Usage", "input_tokens=0, output_tokens=0")
        args = list(updated.args)
        stop_given = any(arg.keyword is not None and arg.keyword.value == "stop" for arg in args)
        for index, arg in enumerate(args):
            assert arg.keyword is not None
            key, value = arg.keyword.value, arg.value
            if key == "completion":
                args[index] = arg.with_changes(
                    keyword=cst.Name("content"),
                    value=self._fill(f"[{text_block}]", func, value),
                )
            elif key == "stop":
                args[index] = arg.with_changes(
                    keyword=cst.Name("stop_sequence"),
                    value=cst.Name("None") if self.drops_stop else value,
                )
            elif key == "stop_reason" and string_value(value) == "stop_sequence":
                if self.stop_reason == "end_turn":
                    args[index] = arg.with_changes(value=end_turn(value))
            elif key == "model" and self.model is not None:
                assert isinstance(value, cst.SimpleString)
                args[index] = arg.with_changes(
                    value=value.with_changes(
                        value=f"{value.prefix}{value.quote}{self.model}{value.quote}"
                    )
                )
            elif key == "type":
                args[index] = arg.with_changes(
                    value=value.with_changes(  # type: ignore[attr-defined]
                        value=f"{value.prefix}{value.quote}message{value.quote}"  # type: ignore[attr-defined]
                    )
                )
        keys = [arg.keyword.value for arg in args if arg.keyword is not None]
        _insert(args, keys.index("model"), "role", cst.SimpleString(f"{quote}assistant{quote}"))
        if not stop_given:
            after = "stop_reason" if "stop_reason" in keys else "role"
            keys = [arg.keyword.value for arg in args if arg.keyword is not None]
            _insert(args, keys.index(after), "stop_sequence", cst.Name("None"))
        keys = [arg.keyword.value for arg in args if arg.keyword is not None]
        _insert(args, keys.index("type"), "usage", self._fill(usage, func, None))
        message = (
            func.with_changes(value=_types_module(func), attr=cst.Name("Message"))
            if isinstance(func, cst.Attribute)
            else func.with_changes(value="Message")
            if isinstance(func, cst.Name) and (func.value == "Completion" or self.keeps_completion)
            else func
        )
        if constructor:
            message = cst.Attribute(value=message, attr=cst.Name(constructor))
        return updated.with_changes(func=message, args=args)

    def _fill(
        self, template: str, func: cst.BaseExpression, text: cst.BaseExpression | None
    ) -> cst.BaseExpression:
        """``template`` with ``__module__X`` spelled as ``Completion`` is, and ``__text__``."""
        if isinstance(func, cst.Attribute):
            prefix = self.plan.analysis.module.code_for_node(_types_module(func))
            template = template.replace("__module__", f"{prefix}.")
        else:
            template = template.replace("__module__", "")
        expression = cst.parse_expression(template)
        if text is None:
            return expression
        return expression.visit(_Text(text))  # type: ignore[return-value]


class _Text(cst.CSTTransformer):
    def __init__(self, text: cst.BaseExpression) -> None:
        self.text = text

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.text if original_node.value == "__text__" else updated_node


def _types_module(func: cst.Attribute) -> cst.BaseExpression:
    """``anthropic.types`` of ``anthropic.types.completion.Completion``."""
    base = func.value
    if isinstance(base, cst.Attribute) and base.attr.value == "completion":
        base = base.value
    return base


def _insert(args: list[cst.Arg], after: int, keyword: str, value: cst.BaseExpression) -> None:
    """A new ``keyword=value`` after ``args[after]``, laid out like its neighbours."""
    previous = args[after]
    if after + 1 < len(args):
        new = previous.with_changes(keyword=cst.Name(keyword), value=value)
        args.insert(after + 1, new)
        return
    separator = (
        args[after - 1].comma
        if after > 0
        else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    )
    new = previous.with_changes(keyword=cst.Name(keyword), value=value)
    args[after] = previous.with_changes(
        comma=separator, whitespace_after_arg=cst.SimpleWhitespace("")
    )
    args.append(new)


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def given_to_double(analysis, call: cst.Call) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``call`` is what a mock returns: its ``return_value=`` or ``side_effect=``, one
    assigned to ``.return_value`` / ``.side_effect``, or an element of such a list."""
    node: cst.CSTNode = call
    parent = analysis.parent(node)
    if isinstance(parent, cst.Element):
        node, parent = analysis.parent(parent), analysis.parent(analysis.parent(parent))
    if isinstance(parent, cst.Arg):
        return parent.keyword is not None and parent.keyword.value in _DOUBLE_FIELDS
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
        return isinstance(target, cst.Attribute) and target.attr.value in _DOUBLE_FIELDS
    return False
