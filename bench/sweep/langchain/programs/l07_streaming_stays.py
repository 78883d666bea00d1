# sweep: stays
# Streaming callbacks receive a chat model's events after the move: left for a person.
from langchain.callbacks.streaming_stdout import StreamingStdOutCallbackHandler
from langchain.llms.bedrock import Bedrock

llm = Bedrock(
    model_id="anthropic.claude-v2",
    streaming=True,
    callbacks=[StreamingStdOutCallbackHandler()],
    model_kwargs={"max_tokens_to_sample": 100},
)
llm("Tell me a story")
