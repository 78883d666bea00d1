"""What a test asserts a double of ``completions.create`` was called with, as a Messages request.

A test checks the request its code under test sent:
``create.assert_called_once_with(model="claude-2", max_tokens_to_sample=300,
prompt=f"{HUMAN_PROMPT} Hi{AI_PROMPT}")`` or ``"Hi" in
create.call_args.kwargs["prompt"]``. Once the double moves to
``messages.create``, the migrated code sends the same request converted:
:func:`request_rewrite` converts what the test expects the same way (the
model through the model table, the prompt through the one prompt decomposer
the prompt rule uses, the token limit renamed), or raises :class:`Unprovable`
with the reason it cannot be shown to match.
"""

from __future__ import annotations

import libcst as cst

from migrator.fakes import within_one_part
from migrator.mocks import Unprovable, short
from migrator.plan import ModulePlan, Rewrite
from migrator.prompt import NotDecomposable, flatten, render_all, split
from migrator.syntax import fill

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
# The keywords every legacy request had, and nothing else a test may expect of one here.
_LEGACY_REQUEST = frozenset({"model", "prompt", "max_tokens_to_sample"})
# Above this limit the migrated call may be given ``timeout=600`` (TCM005).
_UNTIMED_LIMIT = 21_333


def request_rewrite(
    plan: ModulePlan, read: cst.Attribute, sends: str | None
) -> tuple[cst.CSTNode, Rewrite]:
    """The node to rewrite and its rewrite, for a check of the request the double was sent.

    ``read`` is ``double.assert_called_with`` or ``double.call_args``; ``sends``
    says why the migrated code under test may send more than the legacy
    request's counterpart (None when it is known not to).
    """
    parent = plan.analysis.parent(read)
    if read.attr.value in _CALL_ASSERTIONS and isinstance(parent, cst.Call) and parent.func is read:
        if sends is not None:
            raise Unprovable(f"it expects every argument of the call, and {sends}")
        return parent, _Expected(plan, parent).rewrite()
    return _prompt_test(plan, read)


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
        if set(given) != _LEGACY_REQUEST:
            other = sorted(set(given) ^ _LEGACY_REQUEST)[0]
            raise Unprovable(
                f"it expects a request {'with' if other in given else 'without'} `{other}`, "
                "whose Messages counterpart the tool does not write"
            )
        scope = analysis.scope_of[call]
        try:
            conversation = split(
                flatten(given["prompt"], lambda expr: analysis.constant_value(expr, scope))
            )
            rendered = render_all(conversation, analysis.module.code_for_node)
        except NotDecomposable as why:
            raise Unprovable(f"the prompt it expects cannot be converted here: {why}") from None
        model = self._model(given["model"], rendered.prefill is not None)
        limit = given["max_tokens_to_sample"]
        if not (isinstance(limit, cst.Integer) and int(limit.value) <= _UNTIMED_LIMIT):
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
                if key == "model":
                    args.append(arg.with_changes(value=model))
                elif key == "max_tokens_to_sample":
                    args.append(arg.with_changes(keyword=cst.Name("max_tokens")))
                else:
                    if system is not None:
                        value = cst.parse_expression(system)
                        args.append(
                            arg.with_changes(keyword=cst.Name("system"), value=value, comma=between)
                        )
                    value = cst.parse_expression(f"[{messages}]")
                    args.append(arg.with_changes(keyword=cst.Name("messages"), value=value))
            return updated.with_changes(args=args)

        return expected

    def _model(self, value: cst.BaseExpression, prefill: bool) -> cst.SimpleString:
        """The model the migrated call sends for the one the test expects (TCM006's table)."""
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
    target = analysis.parent(subscript)
    test = analysis.parent(target) if isinstance(target, cst.ComparisonTarget) else None
    if not (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(target, cst.ComparisonTarget)
        and target.comparator is subscript
        and isinstance(target.operator, (cst.In, cst.NotIn))
    ):
        raise Unprovable(
            'it reads the prompt other than testing a literal text in it (`"..." in prompt`)'
        )
    if not within_one_part(test.left):
        raise Unprovable(
            f"it tests `{short(analysis, test.left)}` in the prompt, text that may span what "
            "the conversion to messages takes out (a marker, a line break, a space at either end)"
        )

    def text(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Subscript)
        sent = updated.value
        return fill(
            '"\\n\\n".join([__sent__.get("system", ""), *(message["content"] for message in '
            '__sent__["messages"])])',
            {"__sent__": sent},
        )

    return subscript, text


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
