from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

SYSTEM = "You convert temperatures. Reply with a number only."
EXAMPLES = [("0 C in F", "32"), ("100 C in F", "212")]

client = Anthropic()


def build_prompt(query):
    parts = [SYSTEM]
    for q, a in EXAMPLES:
        parts.append(f"{HUMAN_PROMPT} {q}")
        parts.append(f"{AI_PROMPT} {a}")
    parts.append(f"{HUMAN_PROMPT} {query}")
    parts.append(AI_PROMPT)
    return "".join(parts)


prompt = build_prompt("37 C in F")
resp = client.completions.create(
    model="claude-2.1",
    prompt=prompt,
    max_tokens_to_sample=40,
    stop_sequences=[HUMAN_PROMPT, "\n"],
)
print(repr(resp.completion.strip()))
