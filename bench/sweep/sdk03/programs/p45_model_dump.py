import json

import anthropic

client = anthropic.Anthropic()
resp = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Say yes.{anthropic.AI_PROMPT}",
)
data = resp.model_dump()
print(data["completion"])
print(json.dumps({"text": data["completion"], "reason": data["stop_reason"]}))
