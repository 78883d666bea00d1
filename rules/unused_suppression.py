"""Suppressions: a `# migrator: ignore` comment that silences nothing is removed.

## What it does

Reports each `# migrator: ignore` directive that silenced no finding in the
run, like ruff's `RUF100` for `# noqa`: a bare directive on a line where no
rule found anything, or the codes of a `# migrator: ignore[CODE, ...]` list
that matched nothing. `migrate` removes what is unused: the whole directive
with its reason, or only the unused codes of the list; the rest of the
comment (a `# noqa`, your own words before it) stays. A directive that names
an unknown rule is reported for you to fix and left as written.

Only the rules that ran count: with `--select` or `--ignore`, a code of a rule
that did not run is never called unused, and a bare directive is judged only
when every rule ran.

## Why is this bad?

A directive outlives what it was written for: once the call is migrated by
hand, the comment silences nothing today but would hide a legacy call that
comes back on that line tomorrow. An unknown code is a typo that silences
nothing at all.

## Example

```python
import anthropic

client = anthropic.Anthropic()
message = client.messages.create(  # migrator: ignore[TCM001] kept on the old API for now
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
```

## Use instead

```python
import anthropic

client = anthropic.Anthropic()
message = client.messages.create(
    model="claude-sonnet-5-5",
    max_tokens=50,
    messages=[{"role": "user", "content": "Hi"}],
)
```

## Fix safety

Safe: only the comment changes. Unknown codes are reported, not removed.

## References

The suppression comments are described in the README, "Suppressing a
finding"; ruff's `unused-noqa` (RUF100) is the model.
"""

from __future__ import annotations

import libcst as cst

from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.contract.suppression import ALL, Unused, without
from migrator.core.catalog import code_of
from migrator.core.findings import Safety


class UnusedSuppression(Rule):
    code = "TCM019"
    summary = "a `# migrator: ignore` comment that silences nothing is removed"
    safety = Safety.SAFE
    since = "0.2.0"

    def apply_suppressions(self, plan: ModulePlan, unused: list[Unused]) -> None:
        for item in unused:
            suppression = item.suppression
            if suppression.unknown:
                names = ", ".join(repr(entry) for entry in suppression.unknown)
                plan.report(
                    type(self),
                    suppression.comment,
                    f"`# migrator: ignore` names no known rule ({names}); spell a code such as "
                    "TCM006 or a name such as `model` (see `migrator rules`)",
                    Safety.MANUAL,
                )
                continue
            if item.codes == (ALL,):
                what = "a bare `# migrator: ignore` silences nothing on this line"
            else:
                named = {code_of(entry): entry for entry in suppression.spelled}
                listed = ", ".join(named[code] for code in item.codes)
                what = f"`# migrator: ignore[{listed}]` silences nothing here"
            plan.report(type(self), suppression.comment, f"{what}; it is removed", Safety.SAFE)
            holder = plan.analysis.parent(suppression.comment)
            if holder is not None:
                plan.rewrites[holder] = _rewrite(without(suppression, item.codes))


def _rewrite(text: str | None):  # type: ignore[no-untyped-def]
    def rewrite(updated: cst.CSTNode):  # type: ignore[no-untyped-def]
        if isinstance(updated, cst.TrailingWhitespace):
            if text is None:
                return updated.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None)
            return updated.with_changes(comment=cst.Comment(text))
        if isinstance(updated, cst.EmptyLine):
            if text is None:
                return cst.RemovalSentinel.REMOVE
            return updated.with_changes(comment=cst.Comment(text))
        return updated

    return rewrite
