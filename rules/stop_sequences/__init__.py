"""Stop sequences: the ``"\\n\\nHuman:"`` guard is removed.

## What it does

Removes `"\\n\\nHuman:"` (or `HUMAN_PROMPT` however it is imported or
aliased, or a module's own name assigned once to that text, such as
`HUMAN = "\\n\\nHuman:"`) from `stop_sequences` wherever it can be
proven to be; every other stop sequence stays:

- a list or tuple at the call loses the marker; when nothing is left, the
  argument goes too;
- a concatenation at the call loses it from each operand, however the `+`
  chain nests: `[HUMAN_PROMPT, "END"] + extra` becomes `["END"] + extra`,
  `[HUMAN_PROMPT] + extra` and `extra + [HUMAN_PROMPT]` become `extra`; when
  every operand goes, the argument goes;
- a fallback, `stop or [HUMAN_PROMPT]`, loses it from the right side, which
  becomes `[]` when nothing is left (the API takes an empty list as no stop
  sequence); the left side, whose truthiness picks the branch, loses it only
  while it stays a non-empty list; the branches of `a if c else b` lose it
  the same way;
- `stop_sequences=stops`, where `stops` is assigned once, to such a list or
  concatenation, and read nowhere but as `stop_sequences=` of legacy calls:
  the assignment is edited (once, however many calls read it); when nothing
  is left, `stops` becomes an empty list (or tuple);
- `stop_sequences=stop`, where `stop` is a parameter whose default is such a
  list (same conditions): the default is edited, and becomes empty when
  nothing is left. The call keeps `stop_sequences=stop`, since callers may
  pass their own list, and the API takes an empty one;
- `stop_sequences=self.stop`, where the class stores `self.stop = stop` once,
  from a parameter `stop` of one of its methods that nothing else reads and
  whose default is such a list, and reads `self.stop` only as
  `stop_sequences=` of legacy calls: the default is edited, as above;
- `stop_sequences=stop` or `self.stop` (stored from `__init__`) with no default
  holding the marker, when a call of the function or class in the module passes
  a list that does (also from a dict literal, `Backend(**CONFIG)`): filtered at
  the call when every value the parameter gets there is a list or tuple, else
  reported for review (Messages would honour the marker as a stop sequence).

When the marker is provably in the value of a name assigned once but that
value is also used elsewhere, the name is left as it is and the call filters
it: `stop_sequences=[stop for stop in stops if stop != "\\n\\nHuman:"]`, and
so does a copy of it made at the call (`list(stops)`, `tuple(stops)`), also
through a parameter whose default is that name (`def ask(q, stops=STOPS)`); so
does a concatenation at the call with such a name among its operands
(`BASE_STOPS + ["STOP"]`, or a class attribute, `self.stop + extra`), filtered
whole. So is a list the call reads where
it is kept: `self.stops` of a class attribute (`stops = [HUMAN_PROMPT,
"STOP"]`, no other class holding anything but a list under that name, nothing
assigning the attribute), or `SETTINGS["stop"]` (also nested keys) of a dict
literal bound once and only ever read by key. So is a field or key of an object
the tool cannot place (`[self.settings.human_marker]`, `list(config.stop) +
extra`, `request.stop`, `self.cfg["stop"]`) when the module gives something of
that name the marker: a class field's default, a keyword of a call
(`Request(stop=(HUMAN_PROMPT,))`), a dict entry, an attribute assigned
(`self.stop = stop or [HUMAN_PROMPT]`); read alone, every such value must be a
list or tuple, so the value is surely a sequence. So is a list one of whose
elements may be the marker without provably being it (`[STOP, "END"]` with
`STOP = os.environ.get("STOP", HUMAN_PROMPT)`, `[extra or HUMAN_PROMPT]`).
A Bedrock or raw HTTP body
filters such a value, or a list held in a name, where it is built. A
parameter default used elsewhere is left as it is, with a review finding
(a caller may pass `None`): the marker is meaningless under Messages and can
be removed by hand. Anything else (a
parameter without a default, a function's result, a name assigned more than
once, or `global` elsewhere) is left as it is, and so is a project's own
`HUMAN_PROMPT` whose text is not the marker.

## Why is this bad?

Text Completions needed the guard so that the model would not write the
user's next turn. Messages ends the assistant's turn by itself, and the
constant is gone from the current SDK.

## Example

```python
import anthropic

client = anthropic.Anthropic()
client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    stop_sequences=[anthropic.HUMAN_PROMPT, "END"],
    prompt=f"{anthropic.HUMAN_PROMPT} Count to three, then say END{anthropic.AI_PROMPT}",
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    stop_sequences=["END"],
    messages=[{"role": "user", "content": "Count to three, then say END"}],
)
```

## Fix safety

Safe: a Messages response never contains the Human marker, so the guard never
fired. A shared name or default may also feed a call left for manual work;
that call loses nothing either, as Text Completions always stopped at the
Human marker by itself.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request".
"""

from __future__ import annotations

import libcst as cst

from migrator.analysis.names import Binding, Scope
from migrator.contract.plan import CallPlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.stops import definition, filtered, held_list, strip
from migrator.rules.stop_sequences.callers import filter_from_callers
from migrator.rules.stop_sequences.sources import (
    copied,
    edited_definition,
    holds_the_marker,
    only_stop_sequences,
    parameter_behind,
    through_fields,
)


class StopSequences(Rule):
    code = "TCM008"
    summary = "`\\n\\nHuman:` is removed from `stop_sequences`"
    safety = Safety.SAFE
    since = "0.1.0"

    def apply(self, plan: CallPlan) -> None:
        arg = plan.kwarg("stop_sequences")
        if arg is None:
            return
        if isinstance(arg.value, cst.Name):
            self._through_name(plan, arg, arg.value)
            return
        copy = copied(plan, arg.value)
        if copy is not None:
            self._filtered(plan, arg, copy[1], copy[0])
            return
        stripped, changed = strip(plan.analysis, arg.value, arg.value, plan.site.scope)
        if not changed:
            held = held_list(plan.analysis, arg.value)
            if held is not None:
                self._filtered(plan, arg, held)
                return
            behind = parameter_behind(plan.analysis, arg.value)
            if behind is not None:
                self._through_stored_parameter(plan, arg, *behind)
                return
            if not self._through_operands(plan, arg):
                through_fields(type(self), plan, arg)
            return
        if stripped is None:
            plan.remove(arg)
            message = "`stop_sequences` held only the Human marker; removed"
        else:
            plan.replace(arg, [arg.with_changes(value=stripped)])
            message = "the Human marker is removed from `stop_sequences`"
        plan.report(type(self), arg, message, Safety.SAFE)

    def _filtered(
        self, plan: CallPlan, arg: cst.Arg, where: str, value: cst.BaseExpression | None = None
    ) -> None:
        """A list that provably holds the marker, read where it is kept (a class
        attribute, a key of a settings dict), or copied there (``list(STOPS)``): filtered
        at the call, which is exact."""
        value = arg.value if value is None else value
        plan.replace(arg, [arg.with_changes(value=filtered(value, plan.analysis.spelled))])
        shown = plan.code_for(value)
        plan.report(
            type(self),
            arg,
            f"the Human marker that `{shown}` holds ({where}) is filtered out of "
            "`stop_sequences` at the call",
            Safety.SAFE,
        )

    def _through_operands(self, plan: CallPlan, arg: cst.Arg) -> bool:
        """``stop_sequences=BASE_STOPS + ["STOP"]``, where ``BASE_STOPS`` provably holds the
        Human marker: the whole value is filtered at the call, which is exact whatever else
        reads the name."""
        value = arg.value
        if not isinstance(value, cst.BinaryOperation):
            return False
        analysis = plan.analysis
        operands = []
        while isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
            operands.append(value.right)
            value = value.left
        operands.append(value)
        holding = [
            plan.code_for(operand)
            for operand in operands
            if (isinstance(operand, cst.Name) and holds_the_marker(analysis, operand, plan))
            or (isinstance(operand, cst.Attribute) and held_list(analysis, operand) is not None)
        ]
        if not holding:
            return False
        plan.replace(arg, [arg.with_changes(value=filtered(arg.value, analysis.spelled))])
        names = ", ".join(f"`{name}`" for name in holding)
        plan.report(
            type(self),
            arg,
            f"the Human marker that {names} holds is filtered out of `stop_sequences` at the call",
            Safety.SAFE,
        )
        return True

    def _through_stored_parameter(
        self, plan: CallPlan, arg: cst.Arg, parameter: str, binding: Binding, owner: Scope
    ) -> None:
        """``stop_sequences=self.stop``, ``self.stop = stop`` in a method whose parameter
        ``stop`` has a default holding the marker: the default is edited, as it is for
        ``stop_sequences=stop``. A caller's own list reaches the call as it did."""
        target = definition(binding, owner)
        stripped, changed = (
            (None, False) if target is None else strip(plan.analysis, target[0], *target)
        )
        if target is None or not changed:
            if not filter_from_callers(type(self), plan, arg, binding, owner):
                through_fields(type(self), plan, arg)  # ``Backend(**cfg)``, cfg given it
            return
        value, value_scope = target
        analysis = plan.analysis
        plan.rewrites[value] = lambda updated: edited_definition(
            analysis, value, updated, value_scope
        )
        shown = plan.code_for(arg.value)
        if stripped is None:
            message = f"`{parameter}`, which `{shown}` holds, held only the Human marker by default; its default is now empty"
        else:
            message = f"the Human marker is removed from the default of `{parameter}`, which `{shown}` holds"
        plan.report(type(self), arg, message, Safety.SAFE)

    def _through_name(self, plan: CallPlan, arg: cst.Arg, name: cst.Name) -> None:
        """``stop_sequences=stops``: edit the one value ``stops`` can hold, if only such calls read it."""
        analysis = plan.analysis
        found = analysis.lookup(name.value, plan.site.scope)
        if found is None or len(found[1]) != 1:
            return
        owner, (binding,) = found
        target = definition(binding, owner)
        if target is None:
            filter_from_callers(type(self), plan, arg, binding, owner)
            return
        value, value_scope = target
        stripped, changed = strip(analysis, value, value, value_scope)
        if not changed:
            if isinstance(value, cst.Name) and holds_the_marker(analysis, name, plan):
                # ``stops=STOP_TUPLE``: a sequence by default, and whatever a caller passes
                # instead was sent as one, so filtering it at the call is exact.
                self._filtered(plan, arg, f"by default, `{value.value}`")
            else:  # no Human marker that can be proven here; a caller may pass one
                filter_from_callers(type(self), plan, arg, binding, owner)
            return
        if not only_stop_sequences(analysis, name.value, owner, binding):
            if binding.kind == "assign":
                # Assigned once to a list or tuple: filtering it here is exact, whatever
                # else reads or changes it.
                value = filtered(cst.Name(name.value), {name.value})
                plan.replace(arg, [arg.with_changes(value=value)])
                plan.report(
                    type(self),
                    arg,
                    f"the Human marker is filtered out of `{name.value}` at the call (the value "
                    "is also used outside `stop_sequences=`, so it is left as it is)",
                    Safety.SAFE,
                )
                return
            plan.report(
                type(self),
                arg,
                f"the Human marker in `{name.value}` is meaningless under Messages and can be "
                "removed by hand (the value is also used outside `stop_sequences=`, so it was "
                "left as it is)",
                Safety.REVIEW,
            )
            return
        # Keyed by the original value: every site reading the name registers
        # the same edit, and the engine applies it once.
        plan.rewrites[value] = lambda updated: edited_definition(
            analysis, value, updated, value_scope
        )
        where = "default" if binding.kind == "param" else "value"
        if stripped is None:
            message = f"`{name.value}` held only the Human marker; its {where} is now empty"
        else:
            message = f"the Human marker is removed from the {where} of `{name.value}`"
        plan.report(type(self), arg, message, Safety.SAFE)
