# An LCEL pipe that ends in a StrOutputParser.
from langchain.llms.bedrock import Bedrock
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import PromptTemplate

llm = Bedrock(model_id="anthropic.claude-v2:1", model_kwargs={"max_tokens_to_sample": 100})
chain = PromptTemplate.from_template("Explain {topic} to a child.") | llm | StrOutputParser()
for topic in ("rain", "volcanoes"):
    print(chain.invoke({"topic": topic}))
