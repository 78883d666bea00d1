# Streaming to stdout with LangChain's own handler: each text piece is printed as it comes.
from langchain.callbacks.streaming_stdout import StreamingStdOutCallbackHandler
from langchain.llms.bedrock import Bedrock

llm = Bedrock(
    model_id="anthropic.claude-v2",
    streaming=True,
    callbacks=[StreamingStdOutCallbackHandler()],
    model_kwargs={"max_tokens_to_sample": 100},
)
answer = llm("Tell me a story")
print()
print(len(answer))
