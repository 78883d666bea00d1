"""One hand-made JSON request, followed: its body converted, every read of its answer rewritten.

Shared by the raw HTTP and Bedrock rules; a stop reason read from the answer is remapped
as the stop-reason rule remaps one read from an SDK response (``stop_reasons``).
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at, bound_names, runs_before, unclear
from migrator.analysis.names import ModuleAnalysis, Scope
from migrator.analysis.prompt import NotDecomposable, known_alone
from migrator.analysis.prompt_flatten import flatten
from migrator.analysis.prompt_names import (
    prompt_ends_without_prefill,
    templates_in,
    text_parameters,
)
from migrator.analysis.prompt_render import render_all
from migrator.analysis.prompt_split import split
from migrator.analysis.response_dict import key_read, reads_neither_answer
from migrator.analysis.response_rewrites import rekey
from migrator.code.codegen import code_of
from migrator.code.strings import string_pieces
from migrator.code.syntax import string_value
from migrator.code.wrapping import file_width
from migrator.contract.plan import ModulePlan
from migrator.core.findings import Safety
from migrator.core.models import ONE_SAMPLING, top_p_removed
from migrator.rewrite.json_body import (
    REVIEW_ABOVE,
    ConvertedBody,
    Edit,
    Manual,
    Outcome,
    OutcomeSink,
    answer_text,
    describe,
    describe_use,
    indent_before,
    max_tokens_edit,
    membership,
    message_sources,
    pure,
    replace_with,
    stripped_stops,
)
from migrator.rewrite.stop_reasons import legacy_value, remap_comparison
from migrator.rewrite.stops import filtered, held_list, named_holder, strip
from migrator.runtime.helpers import PROMPT_HELPER, prompt_helper


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

    def _parsed_by(self, node: cst.CSTNode, parser: str) -> cst.Call | None:
        """``json.loads(node)`` (``parser`` names the function): the call, when ``node`` is
        its one plain argument."""
        arg = self.analysis.parent(node)
        call = self.analysis.parent(arg) if isinstance(arg, cst.Arg) else None
        if (
            isinstance(call, cst.Call)
            and len(call.args) == 1
            and call.args[0] is arg
            and arg.keyword is None  # type: ignore[union-attr]
            and not arg.star  # type: ignore[union-attr]
            and self.analysis.qualified_name(
                call.func, self.analysis.scope_of.get(call, self.scope)
            )
            == parser
        ):
            return call
        return None

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
        held = self._held_prompt(value, body, scope)
        if held is not None:
            prefill = self._prompt_in_variable(element, index, edits, held)
            if prefill is not None:
                return prefill
        try:
            conversation = split(
                flatten(
                    value,
                    constant,
                    template=templates_in(analysis, scope),
                    text_name=text_parameters(analysis),
                )
            )
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
        self.outcome.prompts.append(value)
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

    def _held_prompt(
        self, value: cst.BaseExpression, body: cst.Dict, scope: Scope
    ) -> tuple[cst.Name, cst.SimpleStatementLine, cst.BaseExpression] | None:
        """``"prompt": prompt``, where ``prompt = ...`` is one plain assignment in the
        body's scope, before it, whose value nothing else reads."""
        analysis = self.analysis
        if not isinstance(value, cst.Name) or analysis.constant_value(value, scope):
            return None
        found = binding_at(analysis, value)
        if found is None or found[1].kind != "assign" or found[0] is not scope:
            return None
        _owner, binding, reads = found
        assign = binding.statement
        line = analysis.parent(assign) if assign is not None else None
        if not (
            list(reads) == [value]
            and isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)
            and isinstance(line, cst.SimpleStatementLine)
            and len(line.body) == 1
            and line.trailing_whitespace.comment is None
            and runs_before(analysis, line, body)
        ):
            return None
        return value, line, assign.value

    def _prompt_in_variable(
        self,
        element: cst.DictElement,
        index: int,
        edits: dict[int, Edit],
        held: tuple[cst.Name, cst.SimpleStatementLine, cst.BaseExpression],
    ) -> bool | None:
        """The prompt's variable becomes ``messages = [...]`` (and ``system = ...``) where it
        was assigned, its values read there as before, and the body reads those names.
        True or False: whether a prefill stays; None: the prompt is not split here."""
        analysis = self.analysis
        name, line, value = held
        scope = analysis.scope_of.get(name, self.scope)

        def constant(expr: cst.BaseExpression) -> str | None:
            return analysis.constant_value(expr, scope)

        try:
            conversation = split(
                flatten(
                    value,
                    constant,
                    template=templates_in(analysis, scope),
                    text_name=text_parameters(analysis),
                )
            )
            rendered = render_all(conversation, self.plan.code_for)
        except NotDecomposable:
            return None
        sources = message_sources(conversation, rendered, "")
        # A system prompt that is a literal or a constant alone is read as it is, in the
        # body: no `system = SYSTEM`.
        kept = {"system"} if known_alone(conversation.system) else set()
        bound = tuple(key for key, _ in sources if key not in kept)
        names = bound_names(analysis, scope, name.value, bound)
        if names is None:
            return None
        names.update({key: source for key, source in sources if key in kept})
        module = analysis.module
        statements = [
            cst.parse_statement(f"{names[key]} = {source}", config=module.config_for_parsing)
            for key, source in sources
            if key not in kept
        ]
        if not _texts_fit(analysis, line, statements):
            return None
        statements[0] = statements[0].with_changes(leading_lines=line.leading_lines)
        self.outcome.prompts.append(value)
        self.outcome.rewrites[line] = lambda _updated: cst.FlattenSentinel(statements)  # type: ignore[assignment,return-value]
        quote = element.key.quote if isinstance(element.key, cst.SimpleString) else '"'
        edits[index] = replace_with(
            module, [f"{quote}{key}{quote}: {names[key]}" for key, _ in sources]
        )
        count = len(conversation.turns) + (1 if rendered.prefill is not None else 0)
        self.outcome.note(
            element,
            f"the prompt `{name.value}` becomes {count} message{'s' if count != 1 else ''} "
            f"in `{names['messages']}`, where it was assigned",
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
        found = binding_at(analysis, target, lambda use: reads_neither_answer(analysis, use))
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
            # The sink notes what it does under this JSON rule, whatever rule it is told.
            if remap_comparison(type(self), OutcomeSink(self.outcome), parent, read):
                return
            if isinstance(parent.comparisons[0].operator, (cst.Is, cst.IsNot)):
                return  # None before the end, a value at the end: as before
        if isinstance(parent, (cst.If, cst.While)) or (
            isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)
        ):
            return  # only whether there is one
        if isinstance(read, cst.BaseExpression) and legacy_value(
            type(self), OutcomeSink(self.outcome), read, parent, analysis
        ):
            return
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
        if "temperature" in entries and "top_p" in entries:
            # Claude 4.5 and later models answer 400 to a request that sets both.
            top_p = converted.element("top_p")
            edits[entries["top_p"]] = lambda _new: None
            value = " ".join(code_of(top_p.value).split())
            self.outcome.comments.append(top_p_removed(value))
            self.outcome.note(
                top_p,
                f"`top_p` ({value}) goes: {ONE_SAMPLING} (a 400 otherwise); the body keeps "
                "`temperature`",
                Safety.REVIEW,
            )
        if "stop_sequences" in entries:
            stops = converted.element("stop_sequences")
            _stripped, changed = strip(self.analysis, stops.value, stops.value, scope)
            if changed:
                original = stops.value
                edits[entries["stop_sequences"]] = lambda new: stripped_stops(
                    self.analysis, original, new, scope
                )
                self.outcome.note(stops, "the Human marker is removed from `stop_sequences`")
            elif (held := self._held_stops(stops.value)) is not None:
                edits[entries["stop_sequences"]] = lambda new: new.with_changes(
                    value=filtered(new.value)
                )
                self.outcome.note(
                    stops,
                    f"the Human marker that {held} holds is filtered out of `stop_sequences` "
                    "where the body is built",
                )
        return converted

    def _held_stops(self, stops: cst.BaseExpression) -> str | None:
        """Where a body's stop list that no literal shows holds the Human marker."""
        held = held_list(self.analysis, stops)
        if held is not None:
            return held
        fields = named_holder(self.analysis, stops)
        return None if fields is None else f"`{code_of(stops)}` ({fields})"

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
        if isinstance(parent, (cst.Attribute, cst.Subscript)) and parent.value is node:
            return node, [node]  # ``call.get("body")``, ``call["body"]``
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


def _texts_fit(
    analysis: ModuleAnalysis, line: cst.CSTNode, statements: list[cst.SimpleStatementLine]
) -> bool:
    """Does each text of the messages fit the file's width, one line (or, split after each
    ``\\n``, one piece) a line, in a message laid out over lines where the prompt was?
    A text that ran over lines the source broke with a backslash would not: it stays a
    string, converted at run time."""
    module = analysis.module
    depth = sum(isinstance(node, cst.IndentedBlock) for node in analysis.ancestors(line))
    room = file_width(module.code) - len(module.default_indent) * (depth + 3)

    class Texts(cst.CSTVisitor):
        fit = True

        def visit_SimpleString(self, node: cst.SimpleString) -> None:
            self.check(node)

        def visit_FormattedString(self, node: cst.FormattedString) -> bool:
            self.check(node)
            return False

        def check(self, node: cst.BaseExpression) -> None:
            code = module.code_for_node(node)
            pieces = string_pieces(code) or [code]
            self.fit &= all(len(piece) + 1 <= room for piece in pieces)

    texts = Texts()
    for statement in statements:
        statement.visit(texts)
    return texts.fit
