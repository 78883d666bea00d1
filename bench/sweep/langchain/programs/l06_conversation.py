# ConversationChain: LangChain's own prompt holds "Human:" / "AI:" lines. Bedrock's LLM
# split it into Text Completions turns; ChatBedrock sends it as one user message, so the
# request is not the same (a review finding of the migration).
from langchain.chains import ConversationChain
from langchain.llms.bedrock import Bedrock
from langchain.memory import ConversationBufferMemory

llm = Bedrock(model_id="anthropic.claude-v2", model_kwargs={"max_tokens_to_sample": 300})
conversation = ConversationChain(llm=llm, memory=ConversationBufferMemory())
print(conversation.predict(input="Hi there"))
print(conversation.predict(input="What did I just say?"))
