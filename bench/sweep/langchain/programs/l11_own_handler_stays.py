# sweep: stays
# A handler of the project's would receive a chat model's events: left for a person.
from langchain.callbacks.base import BaseCallbackHandler
from langchain.llms.bedrock import Bedrock


class Collect(BaseCallbackHandler):
    def __init__(self):
        self.tokens = []

    def on_llm_new_token(self, token, **kwargs):
        self.tokens.append(token)


collect = Collect()
llm = Bedrock(
    model_id="anthropic.claude-v2",
    streaming=True,
    callbacks=[collect],
    model_kwargs={"max_tokens_to_sample": 100},
)
llm("Tell me a story")
print(len(collect.tokens))
