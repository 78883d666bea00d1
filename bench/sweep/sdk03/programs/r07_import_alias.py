import anthropic as ant
from anthropic import Anthropic as Claude

client = Claude()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=30,
    prompt=ant.HUMAN_PROMPT + " Hello" + ant.AI_PROMPT,
    stop_sequences=[ant.HUMAN_PROMPT],
)
print(r.completion)
