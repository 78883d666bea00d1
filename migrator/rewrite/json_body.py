"""What the rules for hand-made JSON requests share: a Text Completions body in a dict literal.

Raw HTTP (`/v1/complete`), AWS Bedrock (`invoke_model`) and LangChain's Bedrock
classes send the legacy request as a JSON object the code builds itself. This
module holds the edits converting one is made of: the prompt spliced into the
dict as `messages` (and `system`), edits of a dict's elements that keep its
layout, the rewrites of the parsed answer's reads (`["completion"]`, a stream's
deltas and end), and the record of one request's edits (`Outcome`), applied to
the plan at once. Following a request through the code is `json_site.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis.evidence_nodes import HELPER_PREFIX
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.prompt import Conversation, Rendered
from migrator.analysis.response_rewrites import DICT_TEXT_TEMPLATE, dict_text_of
from migrator.code.codegen import code_of
from migrator.code.syntax import fill, string_value
from migrator.contract.plan import ModulePlan, Rewrite, generated
from migrator.core.findings import Safety
from migrator.rewrite.stops import strip

REVIEW_ABOVE = 64_000


TEXT_OR = f'({DICT_TEXT_TEMPLATE} if "content" in __data__ else __default__)'
TEXT_OR_EMPTY = DICT_TEXT_TEMPLATE.replace('__data__["content"]', '__data__.get("content", [])')

DELTA_TEXT = '__data__["delta"]["text"]'
TEXT_DELTA = (
    '__data__["type"] == "content_block_delta" and __data__["delta"]["type"] == "text_delta"'
)
DELTA_TEXT_OR = f"({DELTA_TEXT} if {TEXT_DELTA} else __default__)"
# What each field of a legacy event is, read from a parsed Messages event: from a text
# delta, and from the final ``message_delta``.
JSON_FIELDS = {
    "completion": ('{data}["delta"]["text"]', '""'),
    "stop_reason": ("None", '{data}["delta"]["stop_reason"]'),
    "stop": ("None", '{data}["delta"]["stop_sequence"]'),
}
END_FIELD = '(__data__["delta"]["{field}"] if __data__["type"] == "message_delta" else __default__)'


class Manual(Exception):
    def __init__(self, node: cst.CSTNode, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


@dataclass
class Outcome:
    """What migrating one request records, applied only if nothing blocks it."""

    call: cst.Call
    rewrites: dict[cst.CSTNode, Rewrite] = field(default_factory=dict)
    notes: list[tuple[cst.CSTNode, str, Safety]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    helpers: dict[str, str] = field(default_factory=dict)
    # Prompt expressions split into messages where they were written.
    prompts: list[cst.BaseExpression] = field(default_factory=list)
    blocker: Manual | None = None
    # A model id literal read by several calls, rewritten for them all: (the literal, its
    # new text, the calls that read it, what this call passes as its model).
    shared_models: list[tuple[cst.CSTNode, cst.SimpleString, list[cst.CSTNode], cst.CSTNode]] = (
        field(default_factory=list)
    )

    def note(self, node: cst.CSTNode, message: str, fix: Safety = Safety.SAFE) -> None:
        self.notes.append((node, message, fix))


class OutcomeSink:
    """Where the stop-reason remapping (``stop_reasons``) records its edits, for a JSON rule."""

    def __init__(self, outcome: Outcome) -> None:
        self.rewrites = outcome.rewrites
        self.outcome = outcome

    def report(self, rule: type, node: cst.CSTNode, message: str, fix: Safety) -> None:
        self.outcome.note(node, message, fix)


def pure(expr: cst.CSTNode) -> bool:
    """A name, or ``name.json()``: reading it twice does nothing more."""
    if isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute):
        return expr.func.attr.value == "json" and isinstance(expr.func.value, cst.Name)
    return isinstance(expr, cst.Name)


def membership(analysis: ModuleAnalysis, use: cst.CSTNode) -> str | None:
    """``"KEY" in use``: the key."""
    target = analysis.parent(use)
    comparison = analysis.parent(target) if target is not None else None
    if (
        isinstance(target, cst.ComparisonTarget)
        and isinstance(target.operator, (cst.In, cst.NotIn))
        and target.comparator is use
        and isinstance(comparison, cst.Comparison)
        and len(comparison.comparisons) == 1
    ):
        return string_value(comparison.left)
    return None


def read_parts(updated: cst.CSTNode) -> tuple[cst.BaseExpression, cst.BaseExpression | None, bool]:
    """The value a read reads from, its default, and whether it is a ``.get``."""
    if isinstance(updated, cst.Subscript):
        return updated.value, None, False
    assert isinstance(updated, cst.Call) and isinstance(updated.func, cst.Attribute)
    default = updated.args[1].value if len(updated.args) > 1 else cst.Name("None")
    return updated.func.value, default, True


def answer_text(original: cst.CSTNode, always_answered: bool = False) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        source, default, is_get = read_parts(updated)
        if not is_get or always_answered:
            return dict_text_of(source)
        assert default is not None
        if string_value(default) == "":
            # No content, no text: `.get("content", [])` joins to the same "", and
            # reads the answer once.
            return fill(TEXT_OR_EMPTY, {"__data__": source})
        return fill(TEXT_OR, {"__data__": source, "__default__": default})

    return rewrite


def describe(parent: cst.CSTNode | None) -> str:
    if isinstance(parent, cst.Return):
        return "returned to callers"
    if isinstance(parent, cst.Arg):
        return "passed to a function"
    if isinstance(parent, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
        return "stored where the tool cannot follow it"
    return "used in a way the tool does not follow"


def describe_use(analysis: ModuleAnalysis, use: cst.CSTNode) -> str:
    parent = analysis.parent(use)
    if isinstance(parent, cst.Subscript):
        holder = analysis.parent(parent)
        if isinstance(holder, (cst.AssignTarget, cst.AugAssign, cst.Del)) or (
            isinstance(holder, cst.AnnAssign) and holder.target is parent
        ):
            code = analysis.module.code_for_node(parent)
            return f"is changed after it is built (`{code} = ...`)"
    if isinstance(parent, cst.Attribute) and parent.attr.value in (
        "update",
        "setdefault",
        "pop",
        "popitem",
        "clear",
    ):
        return f"is changed after it is built (`.{parent.attr.value}(...)`)"
    if isinstance(parent, cst.Return):
        return "is returned to callers"
    if isinstance(parent, cst.Arg):
        call = analysis.parent(parent)
        # Named unless another rule rewrites that call (the name would change with it).
        if (
            isinstance(call, cst.Call)
            and len(callee := code_of(call.func)) <= 40
            and not callee.startswith(HELPER_PREFIX)
            and all(site.call is not call for site in analysis.calls)
        ):
            return f"is passed to `{callee}`"
        return "is passed to a function"
    return "is also used elsewhere"


Edit = Callable[[cst.DictElement], "cst.BaseDictElement | list[cst.BaseDictElement] | None"]


def keys_of(body: cst.Dict) -> set[str]:
    return {
        key
        for element in body.elements
        if isinstance(element, cst.DictElement) and (key := string_value(element.key)) is not None
    }


def rekey_element(key: str) -> Edit:
    def edit(element: cst.DictElement) -> cst.BaseDictElement:
        assert isinstance(element.key, cst.SimpleString)
        quote = element.key.quote
        return element.with_changes(key=cst.SimpleString(f"{quote}{key}{quote}"))

    return edit


def max_tokens_edit(limit: cst.BaseExpression) -> tuple[Edit, bool]:
    """``max_tokens_to_sample`` -> ``max_tokens``, and whether its literal value was lowered to
    ``REVIEW_ABOVE``: Text Completions clamped a larger value to the model's limit, Messages
    refuses it."""
    rekey = rekey_element("max_tokens")
    if isinstance(limit, cst.Integer) and int(limit.value.replace("_", ""), 0) > REVIEW_ABOVE:
        lowered = cst.Integer(str(REVIEW_ABOVE))
        return lambda element: rekey(element.with_changes(value=lowered)), True
    return rekey, False


def stripped_stops(
    analysis: ModuleAnalysis, original: cst.BaseExpression, element: cst.DictElement, scope: Scope
) -> cst.BaseDictElement | None:
    stripped, _ = strip(analysis, original, element.value, scope)
    return None if stripped is None else element.with_changes(value=stripped)


def replace_with(module: cst.Module, sources: list[str]) -> Edit:
    def edit(element: cst.DictElement) -> list[cst.BaseDictElement]:
        return [new_element(module, source).with_changes(comma=element.comma) for source in sources]

    return edit


def new_element(module: cst.Module, source: str) -> cst.BaseDictElement:
    parsed = generated(module, "{" + source + "}")
    assert isinstance(parsed, cst.Dict)
    return parsed.elements[0]


def indent_before(body: cst.Dict, index: int) -> str | None:
    """Indentation of the line the element starts, when the dict has one element a line."""
    before = body.lbrace.whitespace_after if index == 0 else body.elements[index - 1].comma
    if isinstance(before, cst.Comma):
        before = before.whitespace_after
    if isinstance(before, cst.ParenthesizedWhitespace):
        return before.last_line.value
    return None


def message_sources(
    conversation: Conversation, rendered: Rendered, indent: str | None
) -> list[tuple[str, str]]:
    quote = conversation.style.quote
    turns = list(rendered.turns)
    if rendered.prefill is not None:
        turns.append(("assistant", rendered.prefill))
    items = [
        f"{{{quote}role{quote}: {quote}{role}{quote}, {quote}content{quote}: {content}}}"
        for role, content in turns
    ]
    if len(items) == 1 or indent is None:
        messages = f"[{', '.join(items)}]"
    else:
        lines = "".join(f"{indent}    {item},\n" for item in items)
        messages = f"[\n{lines}{indent}]"
    sources = []
    if rendered.system is not None:
        sources.append(("system", rendered.system))
    sources.append(("messages", messages))
    return sources


def dict_edit(
    original: cst.Dict,
    edits: dict[int, Edit],
    added: list[str] | None = None,
    module: cst.Module | None = None,
) -> Rewrite:
    """Edit a dict's elements by position, keeping its commas and line layout."""

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        assert isinstance(updated, cst.Dict)
        old = list(updated.elements)
        separator = next(
            (e.comma for e in old[:-1] if isinstance(e.comma, cst.Comma)),
            cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
        )
        last_comma = old[-1].comma if old else cst.MaybeSentinel.DEFAULT
        out: list[cst.BaseDictElement] = []
        for index, element in enumerate(old):
            edit = edits.get(index)
            if edit is None:
                out.append(element)
                continue
            assert isinstance(element, cst.DictElement)
            result = edit(element)
            if result is None:
                continue
            out.extend(result if isinstance(result, list) else [result])
        if added:
            assert module is not None
            out.extend(new_element(module, source) for source in added)
        laid = []
        for index, element in enumerate(out):
            if index == len(out) - 1:
                laid.append(element.with_changes(comma=last_comma))
            elif not isinstance(element.comma, cst.Comma) or element.comma is last_comma:
                laid.append(element.with_changes(comma=separator))
            else:
                laid.append(element)
        return updated.with_changes(elements=laid)

    return rewrite


def add_rewrite(plan: ModulePlan, node: cst.CSTNode, rewrite: Rewrite) -> None:
    """Register ``rewrite``; another rule's rewrite of the same node runs first."""
    earlier = plan.rewrites.get(node)
    if earlier is None:
        plan.rewrites[node] = rewrite
    else:
        plan.rewrites[node] = lambda updated: rewrite(earlier(updated))


def stream_text(original: cst.CSTNode, data: str, simple: bool) -> Rewrite:
    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        source, default, _ = read_parts(updated)
        if simple:
            return fill(DELTA_TEXT, {"__data__": source})
        values = {"__data__": source, "__default__": default or cst.SimpleString('""')}
        return fill(DELTA_TEXT_OR, values)

    return rewrite


def stream_end(original: cst.CSTNode, data: str, field_name: str) -> Rewrite:
    key = "stop_sequence" if field_name == "stop" else "stop_reason"

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        source, default, _ = read_parts(updated)
        values = {"__data__": source, "__default__": default or cst.Name("None")}
        return fill(END_FIELD.format(field=key), values)

    return rewrite


def apply_outcome(plan: ModulePlan, rule: type, outcome: Outcome, done: set[cst.CSTNode]) -> None:
    """Record a site's edits and findings on ``plan``, or its blocker and comment.

    ``done`` holds the nodes already rewritten by an earlier site of the same
    rule (a shared body or URL literal is edited once).
    """
    code = rule.code  # type: ignore[attr-defined]
    if outcome.blocker is not None:
        message = outcome.blocker.reason
        plan.report(rule, outcome.blocker.node, message, Safety.MANUAL)
        plan.comment(outcome.call, f"# migrator: manual [{code}] {message}")
        return
    if outcome.rewrites:
        plan.migrated_requests += 1
    for node, rewrite in outcome.rewrites.items():
        if node not in done:
            done.add(node)
            add_rewrite(plan, node, rewrite)
    for node, message, fix in outcome.notes:
        plan.report(rule, node, message, fix)
    for text in outcome.comments:
        plan.comment(outcome.call, text)
    plan.helpers.update(outcome.helpers)
    plan.converted_prompts.extend(outcome.prompts)


@dataclass
class ConvertedBody:
    """A legacy body's keys (by position) and the edits that make it a Messages body."""

    body: cst.Dict
    entries: dict[str, int]
    edits: dict[int, Edit]
    # True: a prefill stays; False: none; None: the prompt is converted at run time.
    prefill: bool | None

    def element(self, key: str) -> cst.DictElement:
        found = self.body.elements[self.entries[key]]
        assert isinstance(found, cst.DictElement)
        return found
