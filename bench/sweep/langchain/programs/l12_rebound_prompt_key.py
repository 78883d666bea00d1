# A notebook's `llm` is a Titan model in one cell and Claude in the next; the Claude
# cell's model_kwargs carries a `prompt` key that the LLM always wrote over.
from langchain.llms.bedrock import Bedrock

llm = Bedrock(model_id="amazon.titan-tg1-large", model_kwargs={"maxTokenCount": 512})
llm  # noqa: B018 (a notebook cell displaying the model)

llm = Bedrock(
    model_id="anthropic.claude-v2",
    model_kwargs={
        "prompt": "\n\nHuman:<prompt>\n\nAssistant:",
        "max_tokens_to_sample": 50,
        "stop_sequences": ["\n\nHuman:"],
    },
)
print(llm("Name a colour"))
