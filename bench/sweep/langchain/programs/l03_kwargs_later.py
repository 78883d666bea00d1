# Parameters set after construction, as the workshop notebooks do between cells.
import boto3
from langchain.llms import Bedrock

bedrock = boto3.client("bedrock-runtime")
textgen_llm = Bedrock(model_id="anthropic.claude-instant-v1", client=bedrock)
textgen_llm.model_kwargs = {"max_tokens_to_sample": 50, "stop_sequences": ["three"]}
print(textgen_llm.predict("Please stop counting soon"))
textgen_llm.model_kwargs = {"max_tokens_to_sample": 3}
print(textgen_llm("Write a long essay about clouds"))
