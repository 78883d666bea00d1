"""A legacy call site on its way to becoming a Messages call.

The rules do not edit the tree: each records its part of the change on the
site's :class:`CallPlan` (argument edits, response reads to rewrite, comments,
findings) or blocks the site with a reason. The engine renders the plan only
when nothing blocked it and every legacy argument found its new form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import libcst as cst

from migrator.analysis.doubled import NO_ENDPOINTS, Endpoints
from migrator.analysis.names import ClientKind, LegacyCall, ModuleAnalysis
from migrator.analysis.prompt import Conversation, Rendered
from migrator.code.codegen import code_of
from migrator.code.syntax import ARG_COMMA, TIGHT_EQUAL
from migrator.core.config import Config
from migrator.core.findings import Safety
from migrator.runtime.helpers import (
    ASYNC_RESULT_ADAPTER,
    REQUEST_HELPER,
    RESULT_ADAPTER,
    result_adapter_helpers,
)

Rewrite = Callable[[cst.CSTNode], cst.CSTNode]


def generated(module: cst.Module, source: str) -> cst.BaseExpression:
    """Parse generated code, with the line endings of the file it goes into."""
    newline = module.default_newline
    if newline != "\n":
        source = re.sub(r"(?<!\r)\n", newline, source)
    return cst.parse_expression(source)


# Stands for the messages list until every rule has added its turns.
MESSAGES_PLACEHOLDER = "__migrator_messages__"


class CallRule:
    """The call's own rule (TCM001), for findings the engine and the planning raise about a
    call as a whole: an unfinished site, a request dict converted where it is written."""

    code = "TCM001"

    @staticmethod
    def name() -> str:
        return "completions_create"


@dataclass
class Note:
    """A finding before it has a path and a position."""

    node: cst.CSTNode
    rule: str
    name: str
    message: str
    fix: Safety


@dataclass(frozen=True)
class Bound:
    """The prompt is held in a variable: its messages get a variable too.

    The new ``messages_name = [...]`` (and ``system_name = ...`` when the
    system prompt interpolates values) go right after ``statement``, the
    prompt's assignment, or replace it when nothing else reads the prompt; or
    ``return [...]`` replaces the ``return`` of the function that builds it.
    """

    statement: cst.SimpleStatementLine
    replace: bool
    messages_name: str
    system_name: str
    # The prompt is what a function of the module returns (``prompt=build(q)``): the
    # ``return`` gives the messages, and the call passes ``messages=build(q)``.
    returned: bool = False


@dataclass
class CallPlan:
    site: LegacyCall
    analysis: ModuleAnalysis
    config: Config
    args: list[cst.Arg]
    method: str = "completions"
    # The resource method called: ``messages.stream`` for the streaming helper.
    function: str = "create"
    conversation: Conversation | None = None
    rendered: Rendered | None = None
    # Messages as (role, Python source of the content); rendered by the engine.
    messages: list[tuple[str, str]] = field(default_factory=list)
    system_done: bool = False
    prefill_done: bool = False
    notes: list[Note] = field(default_factory=list)
    blockers: list[Note] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    rewrites: dict[cst.CSTNode, Rewrite] = field(default_factory=dict)
    # Module-level functions the migrated call needs (the runtime converter), by name.
    helpers: dict[str, str] = field(default_factory=dict)
    # The prompt is converted at run time and may end in a prefill.
    prefill_possible: bool = False
    # The request is splatted from a dict that the runtime converter converts.
    request_converted: bool = False
    bound: Bound | None = None
    # ``model=`` holds a name or an expression: mapped where its value is
    # written, or at run time, once it is known which calls migrate.
    held_model: cst.Arg | None = None
    # ``stream=True``: the events are read by the stream rule.
    streamed: bool = False
    # ``stream=flag``, known only at run time: the name of the adapter the migrated call
    # (or its ``await``) is wrapped in, which gives the events or the response the
    # legacy shape, so that nothing that reads them changes.
    result_wrapper: str | None = None
    # Other legacy calls whose responses reach the same reads: all migrate, or none.
    linked: list[cst.Call] = field(default_factory=list)
    # Reads of the response left as written: ``result_wrapper`` gives them the legacy shape.
    kept_reads: list[cst.CSTNode] = field(default_factory=list)
    stream_done: bool = False
    # A call of the pre-0.3 SDK: its client has been converted too.
    client_done: bool = False
    # ``response.stop_reason`` reads waiting for the stop_reason rule.
    stop_reason_reads: list[cst.BaseExpression] = field(default_factory=list)
    # Those of them read whole, like a response's: a stream's final message, a name a
    # stream's loop binds to it.
    whole_reads: list[cst.BaseExpression] = field(default_factory=list)
    # Source of the system prompt, when it is assigned to ``bound.system_name``.
    bound_system: str | None = None
    # Statements to insert after (or in place of) a statement of the module.
    statements_after: dict[cst.CSTNode, list[str]] = field(default_factory=dict)
    replaced_statements: set[cst.CSTNode] = field(default_factory=set)
    # The response's reads were followed and converted (by the rule that owns them).
    reads_done: bool = False
    # A ``# migrator: ignore`` comment silences a finding of this call: it stays as written.
    suppressed: bool = False

    @property
    def call(self) -> cst.Call:
        return self.site.call

    @property
    def blocked(self) -> bool:
        return bool(self.blockers) or self.suppressed

    def code_for(self, node: cst.CSTNode) -> str:
        return code_of(node, self.analysis.module)

    def expression(self, source: str) -> cst.BaseExpression:
        return generated(self.analysis.module, source)

    def original_kwarg(self, name: str) -> cst.Arg | None:
        """The argument as written in the source (for positions), even if a rule replaced it."""
        for arg in self.site.call.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg
        return None

    # --- findings -----------------------------------------------------------
    def report(self, rule: type, node: cst.CSTNode, message: str, fix: Safety) -> None:
        self.notes.append(Note(node, rule.code, rule.name(), message, fix))  # type: ignore[attr-defined]

    def block(self, rule: type, node: cst.CSTNode, reason: str) -> None:
        self.blockers.append(
            Note(node, rule.code, rule.name(), reason, Safety.MANUAL)  # type: ignore[attr-defined]
        )

    # --- the result ---------------------------------------------------------
    @property
    def stream_at_run_time(self) -> bool:
        return self.result_wrapper is not None

    def adapt_result(self) -> str:
        """Give the code the result in the legacy shape, response or events: ``stream=`` is
        known only at run time. The name of the adapter the call is wrapped in."""
        asynchronous = self.site.kind is ClientKind.ASYNC
        self.helpers.update(result_adapter_helpers(asynchronous))
        name = ASYNC_RESULT_ADAPTER if asynchronous else RESULT_ADAPTER
        self.result_wrapper = name
        # A request converted at run time may now ask for a stream.
        self.flag_converted_requests("streams")
        return name

    def flag_converted_requests(self, keyword: str) -> None:
        """Pass ``keyword=True`` to each ``**_legacy_request_to_messages(...)`` of the call:
        something the helper cannot see in the request it converts."""
        for arg in list(self.args):
            value = arg.value
            if (
                arg.star == "**"
                and isinstance(value, cst.Call)
                and isinstance(value.func, cst.Name)
                and value.func.value == REQUEST_HELPER
            ):
                flag = cst.Arg(cst.Name("True"), keyword=cst.Name(keyword), equal=TIGHT_EQUAL)
                self.replace(
                    arg, [arg.with_changes(value=value.with_changes(args=[*value.args, flag]))]
                )

    # --- arguments ----------------------------------------------------------
    def kwarg(self, name: str) -> cst.Arg | None:
        for arg in self.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg
        return None

    def replace(self, old: cst.Arg, new: list[cst.Arg]) -> None:
        index = self.args.index(old)
        self.args[index : index + 1] = new

    def remove(self, old: cst.Arg) -> None:
        self.args.remove(old)

    def rename(self, old: cst.Arg, keyword: str) -> cst.Arg:
        new = old.with_changes(keyword=cst.Name(keyword))
        self.replace(old, [new])
        return new

    def like(self, template: cst.Arg, keyword: str, value: cst.BaseExpression) -> cst.Arg:
        return template.with_changes(keyword=cst.Name(keyword), value=value)

    def stale_comment(self, rule: type, arg: cst.Arg, names: tuple[str, ...]) -> None:
        """A review finding when the comment ending ``arg``'s line names what it no longer is."""
        spaces = [arg.whitespace_after_arg]
        if isinstance(arg.comma, cst.Comma):
            spaces.append(arg.comma.whitespace_after)
        for space in spaces:
            if not isinstance(space, cst.ParenthesizedWhitespace):
                continue
            comment = space.first_line.comment
            named = [name for name in names if comment is not None and name in comment.value]
            if comment is not None and named:
                self.report(
                    rule,
                    arg,
                    f"the comment on this line, `{comment.value}`, still names `{named[0]}`: "
                    "update it",
                    Safety.REVIEW,
                )
                return

    def helper_splat(self, name: str) -> cst.Arg | None:
        """The argument ``**name(...)`` of the call: a runtime helper's result, splatted."""
        for arg in self.args:
            value = arg.value
            if (
                arg.star == "**"
                and isinstance(value, cst.Call)
                and isinstance(value.func, cst.Name)
                and value.func.value == name
            ):
                return arg
        return None

    def convert_with_request(self, arg: cst.Arg, helper: str) -> None:
        """Move the legacy ``arg`` into the ``**helper(...)`` splat of the call.

        The request helper converts what it is given together with the splatted
        request, so a prompt that may end in a prefill and the model that must
        accept it are decided at run time, from one another.
        """
        splat = self.helper_splat(helper)
        if splat is None:
            splat = cst.Arg(cst.Call(cst.Name(helper), []), star="**", comma=arg.comma)
            self.replace(arg, [splat])
        else:
            self.remove(arg)
        call = splat.value
        assert isinstance(call, cst.Call)
        given = cst.Arg(arg.value, keyword=arg.keyword, equal=TIGHT_EQUAL)
        args = list(call.args)
        if args:
            args[-1] = args[-1].with_changes(comma=ARG_COMMA)
        self.replace(splat, [splat.with_changes(value=call.with_changes(args=[*args, given]))])


@dataclass
class ModulePlan:
    """What the module-level rules change, once every call site has its plan.

    ``sites`` holds every call site's plan; a blocked one is left exactly as
    written, and module-level rules must keep what it reads working.
    """

    analysis: ModuleAnalysis
    config: Config
    sites: list[CallPlan]
    # Anthropic clients of other modules, as this one spells them (``svc.client``), whose
    # calls the run migrated: a double on their ``completions.create`` moves with them.
    # True for a client whose calls send just the legacy request's counterpart.
    known_clients: Mapping[str, bool] = field(default_factory=dict)
    # The run's legacy endpoints: a ``responses`` registration on one moves with its posts.
    known_endpoints: Endpoints = NO_ENDPOINTS
    notes: list[Note] = field(default_factory=list)
    comments: dict[cst.CSTNode, list[str]] = field(default_factory=dict)
    rewrites: dict[cst.CSTNode, Rewrite] = field(default_factory=dict)
    # Module-level functions the migrated code calls, by name: their source.
    helpers: dict[str, str] = field(default_factory=dict)
    # Edits of the rewritten module as a whole (they see only what is left).
    finishers: list[Callable[[cst.Module], cst.Module]] = field(default_factory=list)
    # Checks that need every module rule's plan: run after the last of them.
    last_checks: list[Callable[[], None]] = field(default_factory=list)
    # Each comment with the node it was written for.
    commented: list[tuple[cst.CSTNode, cst.CSTNode, str]] = field(default_factory=list)
    # Legacy requests a module-level rule migrated (a Bedrock body, a raw HTTP post, a
    # tokenizer call): sites, like the call sites above.
    migrated_requests: int = 0
    # Prompts of those requests split into messages where they were written: the
    # templates they read may be left unread.
    converted_prompts: list[cst.BaseExpression] = field(default_factory=list)
    # What the run learns from this module (``FileResult.endpoints_migrated``,
    # ``FileResult.served_endpoints``).
    endpoints_migrated: list[str] = field(default_factory=list)
    served_endpoints: tuple[tuple[str, str], ...] = ()

    @property
    def migrated(self) -> list[CallPlan]:
        return [plan for plan in self.sites if not plan.blocked]

    @property
    def untouched(self) -> set[cst.CSTNode]:
        return {plan.call for plan in self.sites if plan.blocked}

    def code_for(self, node: cst.CSTNode) -> str:
        return code_of(node, self.analysis.module)

    def report(self, rule: type, node: cst.CSTNode, message: str, fix: Safety) -> None:
        self.notes.append(Note(node, rule.code, rule.name(), message, fix))  # type: ignore[attr-defined]

    def comment(self, node: cst.CSTNode, text: str) -> None:
        """A ``# migrator: ...`` line above the statement holding ``node``."""
        statement = self.analysis.statement_of.get(node, node)
        self.comments.setdefault(statement, []).append(text)
        self.commented.append((node, statement, text))

    def drop_comments_of(self, nodes: set[cst.CSTNode]) -> None:
        """Forget the comments written for findings at ``nodes`` (they were suppressed)."""
        for node, statement, text in self.commented:
            if node in nodes and text in self.comments.get(statement, ()):
                self.comments[statement].remove(text)
