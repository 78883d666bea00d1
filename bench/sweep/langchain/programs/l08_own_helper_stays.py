# sweep: stays
# The model goes into a function of the project that calls it: left for a person.
from langchain.llms.bedrock import Bedrock

llm = Bedrock(model_id="anthropic.claude-v2", model_kwargs={"max_tokens_to_sample": 100})


def summarize(model, text):
    return model(f"Summarize: {text}")


print(summarize(llm, "Bedrock serves Claude."))
