# migrator-fixture: requests-unordered
import json
from concurrent.futures import ThreadPoolExecutor

import boto3

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")


# KEEP-BEGIN
def llama_generate(text):
    body = {"prompt": f"<s>[INST] Human: {text} [/INST]", "max_gen_len": 64, "temperature": 0.1}
    response = bedrock.invoke_model(modelId="meta.llama2-70b-chat-v1", body=json.dumps(body))
    return json.loads(response["body"].read())["generation"]
# KEEP-END


def claude_generate(text):
    body = {
        "prompt": "\n\nHuman: " + text + "\n\nAssistant:",
        "max_tokens_to_sample": 64,
        "temperature": 0.1,
        "top_p": 0.95,
    }
    response = bedrock.invoke_model(modelId="anthropic.claude-instant-v1", body=json.dumps(body))
    return json.loads(response["body"].read())["completion"]


BACKENDS = {
    # KEEP-BEGIN
    "llama": llama_generate,
    # KEEP-END
    "claude": claude_generate,
}

questions = ["Name a river in Africa.", "Name a mountain in Asia.", "Name a lake in Canada."]
with ThreadPoolExecutor(max_workers=3) as pool:
    answers = list(pool.map(BACKENDS["claude"], questions))
for q, a in zip(questions, answers):
    print(q, "->", a.strip())
