"""What the rules for hand-made JSON requests share: a Text Completions body in a dict literal.

Raw HTTP (`/v1/complete`) and AWS Bedrock (`invoke_model`) both send the legacy
request as a JSON object the code builds itself, and both read the answer as
parsed JSON. This module holds what converting such a body and following such
an answer take: the prompt spliced into the dict as `messages` (and `system`),
edits of a dict's elements that keep its layout, and the reads of the parsed
answer (`["completion"]`, `.get("completion")`, `["stop"]`, `["stop_reason"]`).

It lives beside the rules, not in `migrator/`, because it leans on two of them:
the prompt rule's template reading and the stop-reason rule's test remapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst
from migrator.rules.stop_reason import StopReason
from migrator.rules.stop_sequences import _strip

from migrator.analysis import ModuleAnalysis, Scope
from migrator.flow import binding_at, unclear
from migrator.plan import ModulePlan, Rewrite, generated
from migrator.prompt import Conversation, NotDecomposable, Rendered, flatten, render_all, split
from migrator.prompt_names import prompt_ends_without_prefill, templates_in
from migrator.response import DICT_TEXT_TEMPLATE, dict_text_of, key_read, rekey
from migrator.rule import Safety
from migrator.runtime import PROMPT_HELPER, prompt_helper
from migrator.syntax import fill, string_value

REVIEW_ABOVE = 64_000


TEXT_OR = f'({DICT_TEXT_TEMPLATE} if "content" in __data__ else __default__)'

DELTA_TEXT = '__data__["delta"]["text"]'
TEXT_DELTA = (
    '__data__["type"] == "content_block_delta" and __data__["delta"]["type"] == "text_delta"'
)
DELTA_TEXT_OR = f"({DELTA_TEXT} if {TEXT_DELTA} else __default__)"
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
    blocker: Manual | None = None

    def note(self, node: cst.CSTNode, message: str, fix: Safety = Safety.SAFE) -> None:
        self.notes.append((node, message, fix))


class OutcomeSink:
    """Where TCM012's test remapping records its edits, on behalf of a JSON rule."""

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
    stripped, _ = _strip(analysis, original, element.value, scope)
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


class JsonSite:
    """One request whose body is a dict literal and whose answer is parsed JSON.

    Subclasses set ``plan``, ``analysis``, ``scope`` and ``outcome``.
    """

    plan: ModulePlan
    analysis: ModuleAnalysis
    scope: Scope
    outcome: Outcome
    # A client that raises for every refusal: a parsed answer is always a Message, so
    # ``.get("completion", default)`` reads its text and never the default.
    answers_or_raises = False

    def _is_target(self, use: cst.Name) -> bool:
        parent = self.analysis.parent(use)
        return isinstance(parent, (cst.AssignTarget, cst.AnnAssign)) and (
            getattr(parent, "target", None) is use
        )

    def _prompt(
        self,
        element: cst.DictElement,
        index: int,
        edits: dict[int, Edit],
        body: cst.Dict,
        scope: Scope,
    ) -> bool | None:
        """Record the prompt's new form. True: a prefill stays; None: it may (run time)."""
        analysis = self.analysis

        def constant(expr: cst.BaseExpression) -> str | None:
            return analysis.constant_value(expr, scope)

        value = element.value
        try:
            conversation = split(flatten(value, constant, template=templates_in(analysis, scope)))
            rendered = render_all(conversation, self.plan.code_for)
        except NotDecomposable as reason:
            if not reason.runtime:
                raise Manual(element, str(reason)) from None
            edits[index] = lambda new: cst.StarredDictElement(
                cst.Call(cst.Name(PROMPT_HELPER), [cst.Arg(new.value)]), comma=new.comma
            )
            self.outcome.helpers[PROMPT_HELPER] = prompt_helper()
            self.outcome.note(
                element, f"converted at run time by `{PROMPT_HELPER}`: {reason}", Safety.REVIEW
            )
            ends = prompt_ends_without_prefill(analysis, scope, value, constant)
            return None if not ends else False
        sources = message_sources(conversation, rendered, indent_before(body, index))
        key_quote = element.key.quote if isinstance(element.key, cst.SimpleString) else '"'
        edits[index] = replace_with(
            self.analysis.module, [f"{key_quote}{k}{key_quote}: {v}" for k, v in sources]
        )
        count = len(conversation.turns) + (1 if rendered.prefill is not None else 0)
        self.outcome.note(
            element, f"the prompt string becomes {count} message{'s' if count != 1 else ''}"
        )
        return rendered.prefill is not None

    def _value_uses(
        self, value: cst.BaseExpression, what: str
    ) -> tuple[list[cst.BaseExpression], str]:
        """The reads of ``value``, and what to call it in messages.

        The value itself when it is read where it is made; else the uses of the
        one variable it is assigned to, once.
        """
        analysis = self.analysis
        parent = analysis.parent(value)
        if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1):
            return [value], what
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            raise Manual(value, f"{what} is unpacked")
        found = binding_at(analysis, target)
        if found is None:
            raise Manual(target, f"`{target.value}` is assigned more than once")
        return list(found[2]), f"{what} `{target.value}`"

    def _json(self, value: cst.BaseExpression) -> None:
        """Every read of the parsed answer ``value`` (chained, or through one variable)."""
        analysis = self.analysis
        uses, name = self._value_uses(value, "the JSON answer")
        for use in uses:
            if membership(analysis, use) == "error":
                continue
            key = key_read(use, analysis)
            if key is None:
                raise Manual(use, f"{name} {describe_use(analysis, use)}")
            field_name, read = key.key, key.node
            if (
                isinstance(read, cst.Call)
                and field_name in ("completion", "stop")
                and not pure(use)
                and not self.answers_or_raises
            ):
                raise Manual(
                    read, "the answer is read with `.get` on an expression the tool would repeat"
                )
            if field_name == "completion":
                self.outcome.rewrites[read] = answer_text(read, self.answers_or_raises)
                self.outcome.note(
                    read, "the completion becomes the text of the answer's content blocks"
                )
            elif field_name == "stop":
                self.outcome.rewrites[read] = rekey("stop_sequence")
            elif field_name == "stop_reason":
                self._stop_reason(read)
            elif field_name not in ("model", "id", "error"):
                raise Manual(
                    read, f"{name} is read for `{field_name}`, which Messages does not answer"
                )

    def _stop_reason(self, read: cst.CSTNode) -> None:
        analysis = self.analysis
        parent = analysis.parent(read)
        if isinstance(parent, cst.ComparisonTarget):
            parent = analysis.parent(parent)
        if isinstance(parent, cst.Comparison) and len(parent.comparisons) == 1:
            if StopReason()._comparison(OutcomeSink(self.outcome), parent, read):  # type: ignore[arg-type]
                return
            if isinstance(parent.comparisons[0].operator, (cst.Is, cst.IsNot)):
                return  # None before the end, a value at the end: as before
        if isinstance(parent, (cst.If, cst.While)) or (
            isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)
        ):
            return  # only whether there is one
        self.outcome.note(
            read,
            '`stop_reason` is used as a value: a natural end is now "end_turn" where it was '
            '"stop_sequence"; check the code that reads it',
            Safety.REVIEW,
        )

    def _convert_body(
        self, body: cst.Dict, known: tuple[str, ...], required: tuple[str, ...]
    ) -> ConvertedBody:
        """The prompt, ``max_tokens_to_sample`` and ``stop_sequences`` of ``body``, converted.

        Keys other than ``known`` block the site: a body the tool does not
        fully understand is not rewritten.
        """
        entries: dict[str, int] = {}
        for index, element in enumerate(body.elements):
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                raise Manual(element, "the body has keys the tool cannot read (`**` or computed)")
            if key not in known:
                raise Manual(element, f"the body has `{key}`, a key the tool does not know")
            entries[key] = index
        for key in required:
            if key not in entries:
                raise Manual(body, f"the body has no `{key}` the tool can read")
        converted = ConvertedBody(body, entries, {}, None)
        edits = converted.edits
        scope = self.analysis.scope_of.get(body, self.scope)
        converted.prefill = self._prompt(
            converted.element("prompt"), entries["prompt"], edits, body, scope
        )
        limit = converted.element("max_tokens_to_sample").value
        edits[entries["max_tokens_to_sample"]], lowered = max_tokens_edit(limit)
        if lowered:
            self.outcome.note(
                limit,
                f"`max_tokens` {limit.value} becomes {REVIEW_ABOVE}, the output limit of the "
                "default target models: Text Completions clamped a larger value to the model's "
                "limit, Messages refuses it",
                Safety.REVIEW,
            )
        if "stop_sequences" in entries:
            stops = converted.element("stop_sequences")
            _stripped, changed = _strip(self.analysis, stops.value, stops.value, scope)
            if changed:
                original = stops.value
                edits[entries["stop_sequences"]] = lambda new: stripped_stops(
                    self.analysis, original, new, scope
                )
                self.outcome.note(stops, "the Human marker is removed from `stop_sequences`")
        return converted

    def _holder(
        self, answer: cst.BaseExpression | None = None
    ) -> tuple[cst.CSTNode, list[cst.CSTNode]] | None:
        """The expression or the uses of the name that hold the response.

        ``answer`` is the expression whose value is the response (the request
        call unless told: ``await call``, ``conn.getresponse()``). None: the
        response is discarded.
        """
        analysis = self.analysis
        node: cst.CSTNode = self.call if answer is None else answer
        parent = analysis.parent(node)
        if isinstance(parent, cst.Expr):
            return None
        if isinstance(parent, cst.Attribute) and parent.value is node:
            return node, [node]
        target: cst.BaseExpression | None = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and parent.value is node:
            target = parent.targets[0].target
        elif isinstance(parent, cst.WithItem) and parent.asname is not None:
            target = parent.asname.name
        if not isinstance(target, cst.Name):
            raise Manual(self.call, f"the response is {describe(parent)}")
        found = binding_at(analysis, target)
        if found is None:
            raise Manual(target, f"the response `{target.value}` is assigned more than once")
        return target, list(found[2])

    def _dict_value(self, value: cst.BaseExpression) -> cst.Dict | str:
        """The dict literal ``value`` is, inline or through a name used nowhere else; or why not."""
        if isinstance(value, cst.Dict):
            return value
        if not isinstance(value, cst.Name):
            return "the body is built by code the tool cannot read"
        found = binding_at(self.analysis, value)
        if found is None:
            return unclear(self.analysis, value, "the body")
        if found[1].kind != "assign" or not isinstance(found[1].node, cst.Dict):
            return f"the body `{value.value}` is built by code the tool cannot read"
        for use in found[2]:
            if use is value or self._is_target(use):
                continue
            return f"the body `{value.value}` {describe_use(self.analysis, use)}"
        return found[1].node

    def _dumped(self, value: cst.BaseExpression) -> cst.BaseExpression | str:
        """What ``json.dumps`` serialises in a body ``value``; or why it cannot be read.

        ``json.dumps(x)``, with ``.encode(...)`` or not, inline or in a name assigned
        once and used nowhere else.
        """
        if isinstance(value, cst.Name):
            found = binding_at(self.analysis, value)
            if found is None:
                return unclear(self.analysis, value, "the body")
            if found[1].kind != "assign":
                return f"the body `{value.value}` is built by code the tool cannot read"
            for use in found[2]:
                if use is not value and not self._is_target(use):
                    return f"the body `{value.value}` is also used elsewhere"
            value = found[1].node  # type: ignore[assignment]
        if (  # json.dumps(...).encode(...)
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "encode"
        ):
            value = value.func.value
        if not (
            isinstance(value, cst.Call)
            and self.analysis.qualified_name(value.func, self.analysis.scope_of[value])
            == "json.dumps"
            and len(value.args) == 1
            and value.args[0].keyword is None
            and not value.args[0].star
        ):
            return "the body is not `json.dumps` of a dict the tool can read"
        return value.args[0].value
