import anthropic

SYSTEM_PROMPT = f"You are a chef.{anthropic.HUMAN_PROMPT} Suggest a dinner.{anthropic.AI_PROMPT}"
client = anthropic.Anthropic()


def suggest():
    r = client.completions.create(model="claude-2", max_tokens_to_sample=60, prompt=SYSTEM_PROMPT)
    return r.completion


print(suggest())
