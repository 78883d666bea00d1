from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

ROLE_PREFIX = {"user": HUMAN_PROMPT, "assistant": AI_PROMPT}


def to_prompt(messages):
    prompt = "".join(f"{ROLE_PREFIX[m['role']]} {m['content']}" for m in messages)
    return prompt + AI_PROMPT


client = Anthropic()
msgs = [
    {"role": "user", "content": "I have a dog."},
    {"role": "assistant", "content": "Lovely."},
    {"role": "user", "content": "What pet do I have?"},
]
res = client.completions.create(model="claude-2", prompt=to_prompt(msgs), max_tokens_to_sample=50)
print(res.completion)
