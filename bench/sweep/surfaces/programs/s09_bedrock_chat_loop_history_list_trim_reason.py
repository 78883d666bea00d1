import json

import boto3

bedrock = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")
MODEL_ID = "anthropic.claude-v2"
MAX_TURNS = 2
history = []


def chat(user_input, max_tokens=300):
    history.append(f"\n\nHuman: {user_input}")
    prompt = "".join(history[-(2 * MAX_TURNS - 1):]) + "\n\nAssistant:"
    body = json.dumps(
        {
            "prompt": prompt,
            "max_tokens_to_sample": max_tokens,
            "temperature": 0.5,
            "top_p": 0.9,
            "stop_sequences": ["\n\nHuman:"],
        }
    )
    response = bedrock.invoke_model(body=body, modelId=MODEL_ID, accept="*/*", contentType="application/json")
    response_body = json.loads(response.get("body").read())
    answer = response_body.get("completion")
    history.append(f"\n\nAssistant:{answer}")
    return answer.strip(), response_body.get("stop_reason")


SCRIPT = ["Hello, who are you?", "Tell me about Mars.", "How far is it?", "Write a long poem about it.", "exit"]
for user_input in SCRIPT:
    if user_input.lower() in ("exit", "quit"):
        print("Goodbye!")
        break
    answer, reason = chat(user_input, max_tokens=5 if "poem" in user_input else 300)
    suffix = " [...]" if reason == "max_tokens" else ""
    print(f"Claude: {answer}{suffix}")
print(len(history), sum(h.startswith("\n\nHuman:") for h in history))
