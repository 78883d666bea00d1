import json

import boto3

HUMAN = "\n\nHuman:"
ASSISTANT = "\n\nAssistant:"
MAX_TURNS = 2

session_state = {"transcript": "", "shown": []}
bedrock = boto3.client(service_name="bedrock-runtime", region_name="us-west-2")
SCRIPT = ["What is a good first houseplant?", "How often should I water it?", "/reset", "Does it need sun?", "Any pests?", "Thanks!"]


def trim(transcript, max_turns=MAX_TURNS):
    turns = transcript.split(HUMAN)[1:]
    return "".join(HUMAN + t for t in turns[-max_turns:])


def ask_claude(user_text):
    session_state["transcript"] += f"{HUMAN} {user_text}{ASSISTANT}"
    session_state["transcript"] = trim(session_state["transcript"])
    body = json.dumps(
        {
            "prompt": session_state["transcript"],
            "max_tokens_to_sample": 50,
            "temperature": 0.3,
            "stop_sequences": [HUMAN],
        }
    )
    response = bedrock.invoke_model(body=body, modelId="anthropic.claude-v2:1")
    answer = json.loads(response.get("body").read()).get("completion").strip()
    session_state["transcript"] += " " + answer
    return answer


for user_text in SCRIPT:
    if user_text == "/reset":
        session_state["transcript"] = ""
        session_state["shown"].append("-- reset --")
        continue
    reply = ask_claude(user_text)
    session_state["shown"].append(f"you: {user_text}")
    session_state["shown"].append(f"bot: {reply}")

print("\n".join(session_state["shown"]))
print(session_state["transcript"].count(HUMAN), len(session_state["transcript"]))
