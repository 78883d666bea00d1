import anthropic

HUMAN = anthropic.HUMAN_PROMPT
AI = anthropic.AI_PROMPT


def build_request(question, *, system=None, max_tokens=80, stream=False):
    prompt = f"{HUMAN} {question}{AI}"
    if system:
        prompt = system + prompt
    req = {"model": "claude-2", "prompt": prompt, "max_tokens_to_sample": max_tokens}
    if stream:
        req["stream"] = True
    return req


client = anthropic.Anthropic()
resp = client.completions.create(**build_request("What is basalt?", system="You are a geologist."))
print(resp.completion)
events = client.completions.create(**build_request("What is granite?", max_tokens=6, stream=True))
print("".join(ev.completion for ev in events))
