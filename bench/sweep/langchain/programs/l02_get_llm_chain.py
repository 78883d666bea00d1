# The workshop library shape: a function builds the LLM, chains take it as `llm=`.
from langchain.chains import LLMChain
from langchain.llms.bedrock import Bedrock
from langchain.prompts import PromptTemplate


def get_llm():
    model_kwargs = {
        "max_tokens_to_sample": 300,
        "temperature": 0,
        "top_k": 250,
        "top_p": 0.999,
        "stop_sequences": ["\n\nHuman:"],
    }
    llm = Bedrock(model_id="anthropic.claude-v2", region_name="us-east-1", model_kwargs=model_kwargs)
    return llm


def get_text_response(topic):
    prompt = PromptTemplate(input_variables=["topic"], template="Write a short poem about {topic}.")
    chain = LLMChain(llm=get_llm(), prompt=prompt)
    return chain.predict(topic=topic)


print(get_text_response("the sea"))
print(get_text_response("mountains"))
