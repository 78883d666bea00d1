# sweep: stays
# A Llama model given the legacy key by mistake (aws-samples' medibot notebooks): not
# Anthropic's code: left as written, with a TCM020 finding that names the key.
from langchain.llms.bedrock import Bedrock

model_id = "meta.llama3-8b-instruct-v1:0"
model_parameter = {"temperature": 0.0, "top_p": 0.5, "max_tokens_to_sample": 200}
llm = Bedrock(model_id=model_id, model_kwargs=model_parameter)
print(llm.model_id)
