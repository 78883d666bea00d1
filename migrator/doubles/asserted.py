"""What a test asserts a double of ``completions.create`` was called with, as a Messages request.

A test checks the request its code under test sent:
``create.assert_called_once_with(model="claude-2", max_tokens_to_sample=300,
prompt=f"{HUMAN_PROMPT} Hi{AI_PROMPT}")`` or ``"Hi" in
create.call_args.kwargs["prompt"]``. Once the double moves to
``messages.create``, the migrated code sends the same request converted:
:func:`request_rewrite` converts what the test expects the same way (the
model through the model table, the prompt through the one prompt decomposer
the prompt rule uses, the token limit renamed), or raises :class:`Unprovable`
with the reason it cannot be shown to match. The same holds for each
``call(...)`` of ``assert_has_calls([...])`` and of a list compared with
``mock_calls`` or ``call_args_list``.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.prompt import HUMAN, NotDecomposable
from migrator.analysis.prompt_flatten import flatten
from migrator.analysis.prompt_render import render_all
from migrator.analysis.prompt_split import split
from migrator.contract.plan import ModulePlan, Rewrite
from migrator.doubles.fakes import prompt_text_test
from migrator.doubles.mocks import Unprovable, mock_api, short

# Assertions that compare every argument of a call with the ones given.
_CALL_ASSERTIONS = frozenset(
    {
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_awaited_with",
        "assert_awaited_once_with",
        "assert_any_await",
    }
)
# Assertions given a list of calls, each expected among the calls made.
_CALLS_ASSERTIONS = frozenset({"assert_has_calls", "assert_has_awaits"})
# Lists of the calls made, and the last call made: compared with ``call(...)``.
_CALL_LISTS = frozenset({"call_args_list", "await_args_list", "mock_calls"})
_LAST_CALL = frozenset({"call_args", "await_args"})
# The keywords every legacy request had.
_LEGACY_REQUEST = frozenset({"model", "prompt", "max_tokens_to_sample"})
# Keywords the migrated call sends as the legacy call did.
_KEPT = frozenset({"metadata", "timeout"})
# Keywords the migrated call drops (TCM007, with ``sampling = "remove"``).
_SAMPLING = frozenset({"temperature", "top_p", "top_k"})
# Above this limit the migrated call may be given ``timeout=600`` (TCM005).
_UNTIMED_LIMIT = 21_333


def request_rewrite(
    plan: ModulePlan, read: cst.Attribute, sends: str | None
) -> dict[cst.CSTNode, Rewrite]:
    """The nodes to rewrite and their rewrites, for a check of the request the double was sent.

    ``read`` is ``double.assert_called_with``, ``double.call_args``,
    ``double.mock_calls``...; ``sends`` says why the migrated code under test may
    send more than the legacy request's counterpart (None when it is known not to).
    """
    calls = _expected_calls(plan, read)
    if calls is None:
        return dict([_prompt_test(plan, read)])
    if sends is not None:
        raise Unprovable(f"it expects every argument of the call, and {sends}")
    return {call: _Expected(plan, call).rewrite() for call in calls}


def _expected_calls(plan: ModulePlan, read: cst.Attribute) -> list[cst.Call] | None:
    """The calls whose arguments ``read`` compares with every argument the double was
    called with: ``assert_called_with(...)`` itself, the ``call(...)`` elements of
    ``assert_has_calls([...])`` or of a list compared with ``mock_calls``, the
    ``call(...)`` compared with ``call_args``. None for a read of another kind."""
    analysis = plan.analysis
    attribute = read.attr.value
    parent = analysis.parent(read)
    if attribute in _CALL_ASSERTIONS and isinstance(parent, cst.Call) and parent.func is read:
        return [parent]
    if attribute in _CALLS_ASSERTIONS and isinstance(parent, cst.Call) and parent.func is read:
        given = [arg for arg in parent.args if arg.keyword is None]
        if len(given) != 1 or any(
            arg.keyword is not None and arg.keyword.value != "any_order" for arg in parent.args
        ):
            raise Unprovable(f"`{attribute}` is given arguments the tool does not follow")
        return _calls_in(plan, given[0].value)
    if isinstance(parent, cst.ComparisonTarget):
        parent = analysis.parent(parent)  # ``value == double.call_args``
    if attribute in (_CALL_LISTS | _LAST_CALL) and isinstance(parent, cst.Comparison):
        compared = _compared(parent, read)
        if compared is None:
            raise Unprovable(f"`{attribute}` is compared in a way the tool does not follow")
        if attribute in _LAST_CALL:
            return [_call_of(plan, compared)]
        return _calls_in(plan, compared)
    if attribute in _CALL_LISTS and _counted(analysis, read):
        return []  # how many calls were made: the same for the migrated code
    if attribute in _CALL_LISTS:
        raise Unprovable(
            f"it reads `{short(analysis, _whole(analysis, read))}`, and the tool converts a "
            f"`{attribute}` only where it is compared with a list of `call(...)`"
        )
    return None


def _counted(analysis, read: cst.Attribute) -> bool:  # type: ignore[no-untyped-def]
    """``len(double.call_args_list)``."""
    arg = analysis.parent(read)
    call = analysis.parent(arg) if isinstance(arg, cst.Arg) else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "len"
        and len(call.args) == 1
    )


def _compared(test: cst.Comparison, read: cst.Attribute) -> cst.BaseExpression | None:
    """The other side of ``read == value`` (or ``value == read``, ``!=``)."""
    if len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.Equal, cst.NotEqual)):
        return None
    if test.left is read:
        return target.comparator
    return test.left if target.comparator is read else None


def _calls_in(plan: ModulePlan, value: cst.BaseExpression) -> list[cst.Call]:
    """The ``call(...)`` elements of a list (or tuple) literal."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        raise Unprovable(
            f"it expects the calls `{short(plan.analysis, value)}`, not a list of `call(...)`"
        )
    calls = []
    for element in value.elements:
        if isinstance(element, cst.StarredElement):
            raise Unprovable("the calls it expects are unpacked from elsewhere")
        calls.append(_call_of(plan, element.value))
    return calls


def _call_of(plan: ModulePlan, value: cst.BaseExpression) -> cst.Call:
    """``value`` as ``call(...)`` of ``unittest.mock``, the record of one call."""
    analysis = plan.analysis
    scope = analysis.scope_of.get(value)
    if not (
        isinstance(value, cst.Call)
        and scope is not None
        and mock_api(analysis, value.func, scope) == "call"
    ):
        raise Unprovable(
            f"it expects `{short(analysis, value)}`, which is not a `call(...)` of the double "
            "itself"
        )
    return value


class _Expected:
    """The arguments of ``assert_called_with(...)``, converted like the legacy call's."""

    def __init__(self, plan: ModulePlan, call: cst.Call) -> None:
        self.plan = plan
        self.call = call

    def rewrite(self) -> Rewrite:
        call, analysis = self.call, self.plan.analysis
        if any(arg.keyword is None for arg in call.args):
            raise Unprovable(
                "it expects arguments by position or `**`, which the tool does not follow"
            )
        given = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
        missing = sorted(_LEGACY_REQUEST - set(given))
        if missing:
            raise Unprovable(
                f"it expects a request without `{missing[0]}`, which every legacy request had"
            )
        dropped = {key for key in given if self._dropped(key, given[key])}
        scope = analysis.scope_of[call]
        if self._any(given["prompt"]):
            raise Unprovable(
                "it expects any prompt (`ANY`), and the migrated call sends it as `messages` "
                "and perhaps `system`, which one `ANY` does not stand for"
            )
        try:
            conversation = split(
                flatten(given["prompt"], lambda expr: analysis.constant_value(expr, scope))
            )
            rendered = render_all(conversation, analysis.module.code_for_node)
        except NotDecomposable as why:
            raise Unprovable(f"the prompt it expects cannot be converted here: {why}") from None
        model = self._model(given["model"], rendered.prefill is not None)
        limit = given["max_tokens_to_sample"]
        if not self._any(limit) and not (
            isinstance(limit, cst.Integer) and int(limit.value) <= _UNTIMED_LIMIT
        ):
            raise Unprovable(
                f"the token limit it expects, `{short(analysis, limit)}`, is not a number the "
                "migrated call is known to send alone (above 21,333 it gets `timeout=`)"
            )
        quote = conversation.style.quote
        turns = [*rendered.turns]
        if rendered.prefill is not None:
            turns.append(("assistant", rendered.prefill))
        messages = ", ".join(
            f"{{{quote}role{quote}: {quote}{role}{quote}, {quote}content{quote}: {content}}}"
            for role, content in turns
        )
        system = rendered.system

        def expected(updated: cst.CSTNode) -> cst.CSTNode:
            assert isinstance(updated, cst.Call)
            # ``system`` goes before ``messages``, parted from it as the arguments are.
            between = next(
                (arg.comma for arg in updated.args[:-1] if isinstance(arg.comma, cst.Comma)),
                cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            )
            args: list[cst.Arg] = []
            for arg in updated.args:
                assert arg.keyword is not None
                key = arg.keyword.value
                if key in dropped:
                    continue
                if key == "model":
                    args.append(arg.with_changes(value=model))
                elif key == "max_tokens_to_sample":
                    args.append(arg.with_changes(keyword=cst.Name("max_tokens")))
                elif key != "prompt":
                    args.append(arg)
                else:
                    if system is not None:
                        value = cst.parse_expression(system)
                        args.append(
                            arg.with_changes(keyword=cst.Name("system"), value=value, comma=between)
                        )
                    value = cst.parse_expression(f"[{messages}]")
                    args.append(arg.with_changes(keyword=cst.Name("messages"), value=value))
            # The last argument keeps the comma (or none) the last one had.
            args[-1] = args[-1].with_changes(comma=updated.args[-1].comma)
            return updated.with_changes(args=args)

        return expected

    def _any(self, value: cst.BaseExpression) -> bool:
        """``mock.ANY``: equal to whatever the migrated call sends in its place."""
        analysis = self.plan.analysis
        scope = analysis.scope_of.get(value)
        return scope is not None and mock_api(analysis, value, scope) == "ANY"

    def _dropped(self, key: str, value: cst.BaseExpression) -> bool:
        """Whether the migrated call no longer sends ``key``; raises :class:`Unprovable` for a
        keyword whose Messages counterpart the tool cannot tell from here."""
        if key in _LEGACY_REQUEST or key in _KEPT:
            return False
        if key in _SAMPLING:
            if self.plan.config.sampling != "remove":
                raise Unprovable(
                    f"it expects `{key}=`, which the migrated call sends in `extra_body`"
                )
            return True  # removed from the call by TCM007
        if key == "stop_sequences":
            if not _without_marker(value):
                raise Unprovable(
                    "it expects `stop_sequences=` holding the `\\n\\nHuman:` guard or values "
                    "the tool cannot read: whether the migrated call sends the rest, an empty "
                    "list or none depends on how the code under test holds them"
                )
            return False  # the guard alone is removed from a call's stop sequences
        raise Unprovable(
            f"it expects a request with `{key}`, whose Messages counterpart the tool does not write"
        )

    def _model(self, value: cst.BaseExpression, prefill: bool) -> cst.BaseExpression:
        """The model the migrated call sends for the one the test expects (TCM006's table)."""
        if self._any(value):
            return value
        config = self.plan.config
        legacy = value.evaluated_value if isinstance(value, cst.SimpleString) else None
        target = config.target_for(legacy) if isinstance(legacy, str) else None
        if target is None:
            raise Unprovable(
                f"the model it expects, `{short(self.plan.analysis, value)}`, is not a retired "
                "model name whose replacement the tool can tell"
            )
        if prefill and not config.accepts_prefill(target):
            target = config.prefill_model
        assert isinstance(value, cst.SimpleString)
        return value.with_changes(value=f"{value.prefix}{value.quote}{target}{value.quote}")


def _without_marker(value: cst.BaseExpression) -> bool:
    """A list or tuple of string literals, none of them the ``"\\n\\nHuman:"`` guard."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return False
    for element in value.elements:
        text = element.value if isinstance(element, cst.Element) else None
        if not isinstance(text, cst.SimpleString):
            return False
        if text.evaluated_value == HUMAN:
            return False
    return True


def _prompt_test(plan: ModulePlan, read: cst.Attribute) -> tuple[cst.CSTNode, Rewrite]:
    """``"text" in double.call_args.kwargs["prompt"]`` (or ``call_args[1]``, ``await_args``):
    the same test on the text of the system prompt and the messages it was sent."""
    analysis = plan.analysis
    arguments: cst.CSTNode = read
    parent = analysis.parent(read)
    if read.attr.value in ("call_args", "await_args"):
        if isinstance(parent, cst.Attribute) and parent.attr.value == "kwargs":
            arguments, parent = parent, analysis.parent(parent)
        elif isinstance(parent, cst.Subscript) and _key(parent) == "1":
            arguments, parent = parent, analysis.parent(parent)
    subscript = parent
    if not (
        arguments is not read
        and isinstance(subscript, cst.Subscript)
        and subscript.value is arguments
        and _key(subscript) == "prompt"
    ):
        raise Unprovable(
            f"it reads `{short(analysis, _whole(analysis, read))}`, and the tool converts only "
            '`assert_called_with(...)` and a literal text tested in `call_args.kwargs["prompt"]`'
        )
    return subscript, prompt_text_test(analysis, subscript, Unprovable)


def _key(subscript: cst.Subscript) -> str | None:
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return None
    key = subscript.slice[0].slice.value
    if isinstance(key, cst.Integer):
        return key.value
    if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
        return key.evaluated_value
    return None


def _whole(analysis, node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[no-untyped-def]
    """``node`` with the attributes, subscripts and calls made on it."""
    parent = analysis.parent(node)
    while isinstance(parent, (cst.Attribute, cst.Subscript, cst.Call)) and (
        getattr(parent, "value", None) is node or getattr(parent, "func", None) is node
    ):
        node, parent = parent, analysis.parent(parent)
    return node
