# sweep: stays
# Another vendor's model through the same class: not Anthropic's, byte-identical.
from langchain.llms.bedrock import Bedrock

llm = Bedrock(model_id="amazon.titan-tg1-large", model_kwargs={"maxTokenCount": 100})
