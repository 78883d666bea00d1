# A summarization chain that takes the model by position.
from langchain.chains.summarize import load_summarize_chain
from langchain.docstore.document import Document
from langchain.llms.bedrock import Bedrock

llm = Bedrock(model_id="anthropic.claude-v2", model_kwargs={"max_tokens_to_sample": 500})
chain = load_summarize_chain(llm, chain_type="stuff")
docs = [Document(page_content="Bedrock serves Claude."), Document(page_content="It runs on AWS.")]
print(chain.run(docs))
