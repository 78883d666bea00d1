import json

import boto3

bedrock = boto3.client("bedrock-runtime")


# KEEP-BEGIN
def titan(text):
    body = json.dumps({"inputText": f"Human: {text}\nAssistant:", "textGenerationConfig": {"maxTokenCount": 100}})
    response = bedrock.invoke_model(body=body, modelId="amazon.titan-text-express-v1")
    return json.loads(response["body"].read())["results"][0]["outputText"]


def cohere(text):
    body = json.dumps({"prompt": text, "max_tokens": 100})
    response = bedrock.invoke_model(body=body, modelId="cohere.command-text-v14")
    return json.loads(response["body"].read())["generations"][0]["text"]


def llama(text):
    body = json.dumps({"prompt": f"[INST] {text} [/INST]", "max_gen_len": 100})
    response = bedrock.invoke_model(body=body, modelId="meta.llama2-13b-chat-v1")
    return json.loads(response.get("body").read()).get("generation")
# KEEP-END


def claude(text):
    body = json.dumps({"prompt": f"\n\nHuman: {text}\n\nAssistant:", "max_tokens_to_sample": 100})
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2")
    return json.loads(response["body"].read())["completion"]


print(claude("Name a primary colour."))
