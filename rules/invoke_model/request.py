"""The request of a Bedrock site: the body ``invoke_model`` dumps, and its model id.

The body is found where it is built, also as the one Text Completions body among several
built per vendor; the model id goes through the Bedrock model table.
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.flow import binding_at, is_store, value_at
from migrator.analysis.guards import Guard, Standing, guard_of, standing, steady
from migrator.analysis.held import HeldLiterals, held_in_table, held_literals
from migrator.analysis.held_attributes import held_attribute
from migrator.analysis.legacy_calls import legacy_request_dict
from migrator.analysis.names import Binding
from migrator.code.syntax import string_value
from migrator.core.findings import Safety
from migrator.rewrite.json_body import Manual, describe_use, keys_of
from migrator.rewrite.json_site import JsonSite

# What a model finding adds when the request may end in an assistant message.
_KEEPS_PREFILL = "; the request keeps an assistant prefill, which the model must accept"
_MAY_PREFILL = (
    "; the request may end in an assistant prefill (its prompt is split at run time), "
    "which the model must then accept"
)


def _keyword(call: cst.Call, keyword: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    return None


class Request(JsonSite):
    """The request part of ``_Site`` (``site.py``), which sets ``call`` and ``guard``."""

    call: cst.Call
    guard: Guard | None

    def _model_id(self, model: cst.BaseExpression | None) -> str | None:
        if isinstance(model, cst.Name):
            found = value_at(self.analysis, model)
            model = found[1] if found is not None else None
        held = self._held_model(model)
        if held is not None:
            return string_value(held.literals[0])
        return string_value(model) if model is not None else None

    def _held_model(self, model: cst.BaseExpression | None) -> HeldLiterals | None:
        """``modelId=self.model_id`` (a class attribute, a field's default, a parameter
        stored on ``self``, a table's entry ``MODELS[tier]``): the literals it can hold,
        when it is read only as the model id of Bedrock calls."""
        if isinstance(model, cst.Name):
            held: HeldLiterals | str | None = held_literals(self.analysis, model, self.scope)
        elif isinstance(model, cst.Attribute):
            held = held_attribute(self.analysis, model, self.scope)
        elif isinstance(model, cst.Subscript):
            held = held_in_table(self.analysis, model, self.scope)
        else:
            return None
        if not isinstance(held, HeldLiterals):
            return None
        for read in held.reads:
            arg = self.analysis.parent(read)
            call = self.analysis.parent(arg) if isinstance(arg, cst.Arg) else None
            if not (
                isinstance(arg, cst.Arg)
                and arg.keyword is not None
                and arg.keyword.value == "modelId"
                and isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and call.func.attr.value in ("invoke_model", "invoke_model_with_response_stream")
            ):
                return None
        return held

    def _body(self) -> cst.Dict | str | None:
        """The dict literal dumped as the body; a reason when it cannot be read; None: no body."""
        value = _keyword(self.call, "body")
        if value is None:
            return None
        dumped = self._dumped(value)
        if isinstance(dumped, str) and isinstance(value, cst.Name):
            dispatched = self._dispatched(value)
            if dispatched is not None:
                return dispatched
        return dumped if isinstance(dumped, str) else self._dict_value(dumped)

    def _dispatched(self, name: cst.Name) -> cst.Dict | None:
        """The Text Completions body among several built one per vendor; None: no such body.

        ``body`` bound in each branch of an ``if``/``elif`` chain on the model id:
        the legacy one must sit under a test the tool can read, every other one
        where that test is false, and ``name`` must be the body's only read. The
        test is kept in ``self.guard`` for the reads of the answer.
        """
        found = self.analysis.lookup(name.value, self.scope)
        if found is None or len(found[1]) < 2:
            return None
        owner, bindings = found
        legacy = [(b, body) for b in bindings if (body := self._legacy_body(b)) is not None]
        if len(legacy) != 1:
            return None  # none, or a legacy body rebound: not one body per vendor
        (binding, body), site = legacy[0], legacy[0][0].statement
        assert site is not None
        for use in self.analysis.uses_of(name.value, owner):
            if use is not name and not is_store(self.analysis, use):
                raise Manual(use, f"the body `{name.value}` {describe_use(self.analysis, use)}")
        guard = self._guard_over(site, name.value)
        test = self.plan.code_for(guard.test)
        if not steady(self.analysis, guard, owner.node):
            raise Manual(
                guard.test,
                f"`{guard.subject}` may change between the test `{test}` and the reading of the "
                "answer",
            )
        for other in bindings:
            if other is not binding and (
                other.statement is None
                or standing(self.analysis, other.statement, guard) is not Standing.EXCLUDED
            ):
                raise Manual(
                    other.statement or site,
                    f"the body `{name.value}` is also bound where `{test}` may hold",
                )
        self.guard = guard
        return body

    def _legacy_body(self, binding: Binding) -> cst.Dict | None:
        """The dict a binding ``json.dumps``, when it holds ``max_tokens_to_sample``."""
        if binding.kind != "assign" or not isinstance(binding.node, cst.Call):
            return None
        dumped = self._dumped(binding.node)
        found = None if isinstance(dumped, str) else self._dict_value(dumped)
        if isinstance(found, cst.Dict) and "max_tokens_to_sample" in keys_of(found):
            return found
        return None

    def _guard_over(self, site: cst.CSTNode, name: str) -> Guard:
        """The test of the innermost ``if`` whose body builds the legacy body."""
        current = site
        for holder in self.analysis.ancestors(site):
            if isinstance(holder, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                break
            if isinstance(holder, cst.If) and current is holder.body:
                guard = guard_of(holder.test)
                if guard is None:
                    raise Manual(
                        holder.test,
                        f"the body `{name}` is built for Text Completions under "
                        f"`{self.plan.code_for(holder.test)}`, which the tool cannot read as a "
                        "test of one value against a string",
                    )
                return guard
            current = holder
        raise Manual(
            site,
            f"the body `{name}` is built for Text Completions in one of several places, "
            "not in a branch on the model",
        )

    def _guard_note(self, guard: Guard) -> None:
        """A test on the id's first word misses the ids of inference profiles."""
        if guard.kind in ("prefix", "equals") and guard.value.startswith("anthropic"):
            self.outcome.note(
                guard.test,
                f"the Messages body is sent only where `{self.plan.code_for(guard.test)}`: "
                "current Claude models on Bedrock are called through inference profiles "
                "(`global.anthropic.…`, `us.anthropic.…`), whose ids this test may not match",
                Safety.REVIEW,
            )

    def _legacy_elsewhere(self) -> bool:
        """Is the body dumped from a dict given ``max_tokens_to_sample`` where it is built?"""
        value = _keyword(self.call, "body")
        for _ in range(4):  # body=name, name = json.dumps(request).encode(), request = {...}
            if isinstance(value, cst.Name):
                if legacy_request_dict(self.analysis, value, self.scope):
                    return True
                found = value_at(self.analysis, value)
                value = found[1] if found is not None else None
            elif (
                isinstance(value, cst.Call)
                and isinstance(value.func, cst.Attribute)
                and value.func.attr.value == "encode"
            ):
                value = value.func.value
            elif isinstance(value, cst.Call) and value.args:
                value = value.args[0].value  # ``json.dumps(...)``
            else:
                return False
        return False

    def _model(
        self, model: cst.BaseExpression | None, model_id: str | None, prefill: bool | None
    ) -> None:
        where = model if model is not None else self.call
        held = self._held_model(model)
        if held is not None:
            self._held_models(held, prefill, model)
            return
        if model_id is None:
            self.outcome.note(
                where,
                "the model id is only known at run time; make sure it names a Bedrock model "
                "that takes the Messages format",
                Safety.REVIEW,
            )
            return
        chosen = self.plan.config.bedrock_target_for(model_id, prefill)
        if chosen is None:
            self.outcome.note(
                where,
                f"Bedrock model {model_id!r} has no entry in [tool.migrator.bedrock_models]; "
                "make sure it takes the Messages format",
                Safety.REVIEW,
            )
            return
        target, default = chosen
        literal = model
        if isinstance(literal, cst.Name):
            found = binding_at(self.analysis, literal)
            assert found is not None
            literal = found[1].node  # type: ignore[assignment]
            for use in found[2]:
                if use is not model and not self._is_target(use):
                    self.outcome.note(
                        where,
                        f"Bedrock model {model_id!r} maps to {target!r}, but its name is also "
                        "used elsewhere; change it by hand",
                        Safety.REVIEW,
                    )
                    return
        assert isinstance(literal, cst.SimpleString)
        quote = literal.quote
        new_value = cst.SimpleString(f"{quote}{target}{quote}")
        self.outcome.rewrites[literal] = lambda updated: new_value
        extra = {True: _KEEPS_PREFILL, None: _MAY_PREFILL}.get(prefill, "")
        self.outcome.note(
            where, f"Bedrock model {model_id!r} becomes {target!r}{extra}{default}", Safety.REVIEW
        )

    def _held_models(
        self, held: HeldLiterals, prefill: bool | None, model: cst.BaseExpression | None
    ) -> None:
        """Each retired id the name or attribute can hold, respelled where it is written.
        Read by several calls, it takes the model that accepts a prefill, which serves
        them all whichever of them keeps one."""
        shared = len(held.reads) > 1
        if shared:
            prefill = None
        for literal in held.literals:
            legacy = string_value(literal)
            chosen = self.plan.config.bedrock_target_for(legacy, prefill) if legacy else None
            if chosen is None:
                continue
            target, default = chosen
            new_value = cst.SimpleString(f"{literal.quote}{target}{literal.quote}")
            self.outcome.rewrites[literal] = lambda _updated, new=new_value: new
            if shared and model is not None:
                readers = [self.analysis.parent(self.analysis.parent(read)) for read in held.reads]
                self.outcome.shared_models.append((literal, new_value, readers, model))  # type: ignore[arg-type]
            extra = "" if shared else {True: _KEEPS_PREFILL, None: _MAY_PREFILL}.get(prefill, "")
            elsewhere = (
                "; callers in other modules that pass a retired id must change too"
                if held.parameter
                else "; the environment may still give a retired id, which Bedrock refuses"
                if held.from_environment
                else held.caveat
            )
            self.outcome.note(
                literal,
                f"Bedrock model {legacy!r} becomes {target!r}{extra}{default}: {held.what} "
                f"holds it and is read only as the model id of Bedrock calls{elsewhere}",
                Safety.REVIEW,
            )
