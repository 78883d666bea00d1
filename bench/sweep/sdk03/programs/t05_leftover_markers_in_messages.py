import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()


# OPENAI-BEGIN
def buggy_new(q):
    return client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": f"{HUMAN_PROMPT} {q}{AI_PROMPT}"}],
    )
# OPENAI-END


r = client.completions.create(
    model="claude-2", max_tokens_to_sample=50, prompt=f"{HUMAN_PROMPT} Hello{AI_PROMPT}"
)
print(r.completion)
