# The notebook shape: one module-level LLM, called directly, with `.predict` and `.invoke`.
import boto3
from langchain.llms.bedrock import Bedrock

boto3_bedrock = boto3.client("bedrock-runtime")
llm = Bedrock(
    model_id="anthropic.claude-v2",
    client=boto3_bedrock,
    model_kwargs={"max_tokens_to_sample": 200, "temperature": 0.5, "stop_sequences": ["\n\nHuman:"]},
)
print(llm("What is Amazon Bedrock?"))
answer = llm.predict("Name three AWS regions.")
print(answer.strip().upper())
print(len(llm.invoke("Say hello")))
