from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
SYSTEM = "You only answer in JSON."
examples = [("2+2", '{"a": 4}'), ("3+3", '{"a": 6}')]


def solve(q):
    prompt = SYSTEM
    for x, y in examples:
        prompt += f"{HUMAN_PROMPT} {x}{AI_PROMPT} {y}"
    prompt += f"{HUMAN_PROMPT} {q}{AI_PROMPT} {{"
    r = client.completions.create(model="claude-2", max_tokens_to_sample=50, prompt=prompt)
    return "{" + r.completion


print(solve("5+5"))
