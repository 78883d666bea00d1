import os

import anthropic

client = anthropic.Anthropic(
    api_key=os.environ.get("ANTHROPIC_API_KEY"), base_url=os.environ["ANTHROPIC_BASE_URL"]
)
r = client.completions.create(
    model="claude-2", max_tokens_to_sample=20, prompt=f"{anthropic.HUMAN_PROMPT} Hi{anthropic.AI_PROMPT}"
)
print(r.completion)
