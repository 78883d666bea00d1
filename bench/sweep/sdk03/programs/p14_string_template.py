from string import Template

import anthropic

PROMPT = Template("$human You are a poet. Write about $subject.$ai")

client = anthropic.Anthropic()
prompt = PROMPT.substitute(human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, subject="rain")
res = client.completions.create(model="claude-2", max_tokens_to_sample=90, prompt=prompt)
print(res.completion)
