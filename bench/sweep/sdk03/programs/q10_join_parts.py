from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()
parts = [HUMAN_PROMPT, " Here is a poem:\n", "Roses are red.", "\nWhat rhymes?", AI_PROMPT]
r = client.completions.create(model="claude-2", max_tokens_to_sample=50, prompt="".join(parts))
print(r.completion)
