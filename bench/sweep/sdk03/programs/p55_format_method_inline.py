from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
template = "{}Translate to French: {}{}"
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=40,
    prompt=template.format(HUMAN_PROMPT + " ", "good morning", AI_PROMPT),
)
print(r.completion)
