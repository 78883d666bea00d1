"""LangChain's Bedrock LLM with a Text Completions `model_kwargs` becomes langchain-aws's `ChatBedrock`.

## What it does

Finds `Bedrock(...)` of LangChain (`langchain.llms`, `langchain.llms.bedrock`,
`langchain_community.llms`, `langchain_community.llms.bedrock`; also
langchain-aws's `BedrockLLM`) built for a
Claude model with `max_tokens_to_sample` in its `model_kwargs` (a dict literal
inline, in a name bound once, or assigned later as `llm.model_kwargs = {...}`),
and moves it to `ChatBedrock` of `langchain_aws` when every use of the model in
the module is one a chat model serves the same way:

- the class and its import become `ChatBedrock` from `langchain_aws`; the model
  id goes through the Bedrock model table, like TCM016 maps it
  (`[tool.migrator.bedrock_models]`, else a current Claude model through a
  global inference profile); `max_tokens_to_sample` becomes `max_tokens`
  (clamped like TCM016 clamps it), the `"\\n\\nHuman:"` stop sequence goes, a
  `prompt` key goes (the LLM always wrote its own prompt over it), and
  `temperature` / `top_p` / `top_k` stay (ChatBedrock sends them in the body),
  but for `top_p` beside `temperature`, which current Claude models refuse
  together;
- the model may be given as `llm=` (or as the documented positional model) to
  a LangChain chain, agent or memory, piped into a `StrOutputParser`, returned
  from a function whose callers in the module do the same, or called:
  `llm(x)` and `llm.predict(x)` become `llm.invoke(x).content`, and
  `llm.invoke(x)` becomes `llm.invoke(x).content`, the text the LLM answered;
  `llm.client` (the boto3 client both send with) may be read, and a notebook
  cell may display the model; a name rebound cell after cell (`llm` a Titan
  model, then a Claude one) is followed binding by binding;
- `streaming=True` stays, and `callbacks=` may hold LangChain's own handlers
  (`StreamingStdOutCallbackHandler()`): each streamed text piece reaches them
  the same way.

A chat model given the same `model_kwargs` (langchain-aws's `ChatBedrock`,
langchain-community's `BedrockChat` / `ChatBedrock`) sends the Text
Completions key in a Messages body, which Bedrock refuses: its
`max_tokens_to_sample` becomes `max_tokens` and its model id is mapped the
same way; a community class becomes langchain-aws's `ChatBedrock`. Its uses
are a chat model's already and stay.

A model whose id names another vendor's model (`meta.llama3-8b-instruct-v1:0`)
is not Anthropic's, whatever its `model_kwargs` hold: it stays untouched (a
`max_tokens_to_sample` in them is named by TCM020, as a key that model does not take;
a model id that may be Claude's, or is only known at run time, is
Claude's). A name rebound cell after cell, or statement after statement in a
function, is judged by the binding each model reads.

Anything else leaves the whole model as written, with a manual finding that
says which use: the model given to code the tool does not know (a function of
the project), `callbacks=` with a handler of the project's (it would receive
a chat model's events), other methods (`.stream`, `.generate`,
`.get_num_tokens`), other keys in `model_kwargs`, or a name bound to
something else as well.

## Why is this bad?

Bedrock's Claude models that took a Text Completions body are retired, and
LangChain's Bedrock LLM refuses Claude 3 and newer models: the code can only
reach a current Claude model through a chat model.

## Example

```python
from langchain.chains import ConversationChain
from langchain.llms.bedrock import Bedrock

llm = Bedrock(
    model_id="anthropic.claude-v2",
    model_kwargs={"max_tokens_to_sample": 500, "stop_sequences": ["\\n\\nHuman:"]},
)
chain = ConversationChain(llm=llm)
print(llm.predict("Hello"))
```

## Use instead

```python
from langchain.chains import ConversationChain
from langchain_aws import ChatBedrock

llm = ChatBedrock(
    model_id="global.anthropic.claude-sonnet-4-6",
    model_kwargs={"max_tokens": 500},
)
chain = ConversationChain(llm=llm)
print(llm.invoke("Hello").content)
```

## Fix safety

Review: the project must depend on `langchain-aws` (0.2 with LangChain 0.3,
1.x with langchain-core 1.x), and the model id needs a person's choice unless
the Bedrock table names one. ChatBedrock sends a text as one user message:
Bedrock's LLM split a text that held `Human:` / `Assistant:` markers into
turns, so a prompt template with markers is a review finding.

## References

`MIGRATION.md`, "Other surfaces that carry the same legacy request" (AWS
Bedrock); the langchain-aws source (`ChatBedrock`, `LLMInputOutputAdapter`).
"""

from __future__ import annotations

import libcst as cst

from migrator.contract.plan import ModulePlan
from migrator.contract.rule import Rule
from migrator.core.findings import Safety
from migrator.rewrite.json_body import Manual
from migrator.rules.langchain_bedrock.classes import _constructors
from migrator.rules.langchain_bedrock.imports import _import
from migrator.rules.langchain_bedrock.model import Model


class LangchainBedrock(Rule):
    code = "TCM022"
    summary = "LangChain's Bedrock LLM with Text Completions `model_kwargs` becomes `ChatBedrock`"
    safety = Safety.REVIEW
    since = "0.2.0"

    def apply_module(self, plan: ModulePlan) -> None:
        done: set[cst.Call] = set()
        migrated: list[cst.Call] = []
        for call in _constructors(plan.analysis):
            if call in done:
                continue
            model = Model(plan)
            try:
                model.constructor(call)
                model.finish()
            except Manual as manual:
                model.block(type(self), manual)
            else:
                model.apply(type(self))
                migrated.extend(model.constructors)
            done.update(model.constructors)
        if migrated:
            _import(plan, migrated)
