import json

from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    prompt=f'{HUMAN_PROMPT} Return JSON with key "answer".{AI_PROMPT} {{"answer":',
)
obj = json.loads('{"answer":' + resp.completion)
print(obj["answer"])
