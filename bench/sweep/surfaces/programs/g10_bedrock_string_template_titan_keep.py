import json
from string import Template

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
SUMMARY = Template("\n\nHuman: Summarise in one line: $text\n\nAssistant:")


# KEEP-BEGIN
def titan_summary(text):
    body = json.dumps({"inputText": SUMMARY.substitute(text=text), "textGenerationConfig": {"maxTokenCount": 64}})
    response = bedrock.invoke_model(body=body, modelId="amazon.titan-text-lite-v1")
    return json.loads(response["body"].read())["results"][0]["outputText"]
# KEEP-END


def claude_summary(text, model_id="anthropic.claude-instant-v1"):
    body = json.dumps(
        {
            "prompt": SUMMARY.substitute(text=text),
            "max_tokens_to_sample": 64,
            "top_p": 0.9,
        }
    )
    response = bedrock.invoke_model(body=body, modelId=model_id)
    return json.loads(response["body"].read())["completion"]


docs = ["The meeting moved to Thursday because the room was booked.", "Sales rose in spring."]
for d in docs:
    s = claude_summary(d)
    print(len(s), s.strip())
