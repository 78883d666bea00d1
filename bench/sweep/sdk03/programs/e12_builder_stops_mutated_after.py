import anthropic

HUMAN_PROMPT = anthropic.HUMAN_PROMPT
AI_PROMPT = anthropic.AI_PROMPT


def build_request(question, model="claude-2"):
    return dict(
        model=model,
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=60,
        stop_sequences=[HUMAN_PROMPT],
    )


def send(client, request):
    response = client.completions.create(**request)
    return response.completion.strip(), response.stop_reason


client = anthropic.Anthropic()
req = build_request("Count to six and then stop.")
req["stop_sequences"].append("STOP")
req.update(temperature=0.0)
text, reason = send(client, req)
print(reason, "|", text)

req2 = build_request("Name two planets.", model="claude-instant-1")
req2["max_tokens_to_sample"] = req2["max_tokens_to_sample"] // 10
print(*send(client, req2), sep=" | ")
