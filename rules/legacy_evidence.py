"""Evidence of the legacy API that no other rule migrated is reported, never passed over.

## What it does

After every other rule ran, reads the module as it would be written and
lists what still plainly belongs to Text Completions: `max_tokens_to_sample`
as a keyword or a dict key, or as a field of a class (`max_tokens_to_sample: int
= 300`) that the module neither reads by name nor converts at run time,
`HUMAN_PROMPT` / `AI_PROMPT` (imported from any
module, or read as an attribute of anything but a class of the module that
spells the text itself), the `/v1/complete` endpoint in a
string, the pre-0.3 SDK's `completion_stream(...)`, `anthropic.Client`
given its key by position or its own options (`api_url=`, `proxy_url=`,
`default_request_timeout=`, which the current client refuses),
`anthropic.api` and `ApiException`, `completions.create` with a
Human/Assistant prompt (also one held in a name the module binds to such text,
or built by a function of the module that returns it) or whose answer is read
for `.completion` (on the call, on a name bound to it, or on the events of a
loop over either, in a module that need not import the SDK), the old tokenizer of `anthropic`, the removed
`anthropic.types.Completion`, and a double of `completions.create` on a mocked
client that is given a legacy completion (`client.completions.create.return_value
.completion = ...`, `.return_value = Mock(completion=...)`, a `side_effect` of
such objects; OpenAI's doubles, which answer `choices`, are not), and the
answer of Bedrock's `invoke_model` read for its text, `["completion"]` or
`.get("completion")` on `json.loads(response["body"].read())` or on a chunk of
`invoke_model_with_response_stream` (followed through names, the module's own
functions and generators), a retired Claude id of Bedrock
(`anthropic.claude-v2`, `-v1`, `-instant-v1`) sent to `invoke_model` (also
handed to a thread, `asyncio.to_thread(bedrock.invoke_model, modelId=...)`) with a
body no rule could read (that model took nothing but Text Completions), unless
the module shows the call is another
vendor's: a `modelId` it spells, every way, for a model that is not
Anthropic's, or a body dumped from a dict literal without
`max_tokens_to_sample`. Each one that no rule migrated and no finding
already covers is reported as manual work, and `migrate` marks its statement
with a `# migrator: manual [TCM020]` comment that names the evidence. A read of
the answer of a call another rule left for a person (TCM016) goes with that
call's finding.

Docstrings and comments are not evidence, nor the helpers migrator writes
(`_legacy_...`). A call to a function of the same module that takes a
parameter named `max_tokens_to_sample` passes the wrapper's own argument, and
so does a call to one the project defines in another module: a function or
class imported from a module of the project (`from .llm import complete_text`,
`llm.complete_text(...)`, also a `**kwargs` it hands on only to its module's
own functions that all take the keyword), or a method that the project's
modules the file imports define, every definition of that name taking the
keyword (never `create` or another method name of the SDKs). Imports are
found as Python finds them from the file, up to the project's root
(`pyproject.toml`, `setup.py`, `setup.cfg` or `.git`). And
OpenAI's `client.completions.create(prompt=..., max_tokens=...)` holds no
evidence at all: neither is reported. Nor is `completion_stream(...)`, a common
method name of agent frameworks, in a module that does not import `anthropic`
unless the call passes `prompt=`, `max_tokens_to_sample=` or `**`.

Nor is a request key that reaches a converter migrator wrote
(`_legacy_request_to_messages`), which translates it when the code runs: a
dict followed back from the converter's argument through assignments,
`.update(...)`, item assignments, `self.<name>` within its class, and a
class's `__init__(**kwargs)` to the keywords its constructor is given
(`DEFAULTS` copied into `self.kwargs`, updated with `**overrides`, copied into
`request`), from a call of a function of the module (or of a method
through `self`) to the dicts its `return` gives, and from a parameter of such
a function to what its calls in the module pass for it (`ask(q, settings)`;
a function's `**kwargs` takes the keywords it has no parameter for and the
dicts splatted into it, and an instance called runs its class's `__call__`),
from a `for` loop's variable to what it iterates, and from a class body's
`defaults = {...}` to `self.defaults`; a key read back from such a dict is not
work either. Names are followed within
their own function: a dict of the same name elsewhere that reaches no
converter is still reported. A key the tool cannot follow is reported with
where it sits: a key of the dict a function returns names that function, and a
name listed among other key names says the request is built from data. A
validator of a field of that name in the project's own settings class is an
option its users set, not a request's key: reported with a reason of its own.

## Why is this bad?

`migrator check` in CI and the pre-commit hook must never call a file clean
while it still calls the legacy API: the team would ship, upgrade the SDK,
and the call would fail in production. Code the rules cannot follow (a
request built in another method, a client the tool cannot trace, a helper of
the project's own) is exactly where that would happen.

## Example

```python
def make_body(prompt):
    return {"prompt": prompt, "max_tokens_to_sample": 300}
```

## Use instead

```python
def make_body(prompt):
    # migrator: manual [TCM020] `"max_tokens_to_sample"` is a key of what `make_body` builds: Text
    #   Completions' token limit; the tool could not follow it to a request it migrates: send it as
    #   `max_tokens` of a Messages request (`messages.create`, or a body with `messages`)
    return {"prompt": prompt, "max_tokens_to_sample": 300}
```

## Fix safety

Manual: nothing is rewritten, only reported. Silence a site you have checked
with `# migrator: ignore[TCM020]` on its line.

## References

The migration guide's list of what changed (every section); `migrator
rules` lists the rules that migrate what they can follow.
"""

from __future__ import annotations

from migrator.analysis.evidence import scan
from migrator.contract.result import FileResult
from migrator.contract.rule import Rule
from migrator.contract.suppression import Suppressions
from migrator.core.findings import Safety
from migrator.rewrite.net import header_span, report_leftovers


class LegacyEvidence(Rule):
    code = "TCM020"
    summary = "evidence of the legacy API that no rule migrated is reported as manual work"
    safety = Safety.MANUAL
    since = "0.2.0"

    def review_output(self, result: FileResult) -> FileResult:
        return report_leftovers(result, type(self))

    def claim_suppressions(self, source: str, suppressions: Suppressions) -> None:
        for item in scan(source) or ():
            first, last = header_span(item.statement)
            for line in range(first, last + 1):
                suppressions.covering(line, self.code)
