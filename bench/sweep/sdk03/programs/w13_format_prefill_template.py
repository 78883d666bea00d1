import json

import anthropic

TEMPLATE = "\n\nHuman: Give JSON for the city {city}.\n\nAssistant: {{"
client = anthropic.Anthropic()
r = client.completions.create(model="claude-2", max_tokens_to_sample=80, prompt=TEMPLATE.format(city="Oslo"))
print(json.loads("{" + r.completion))
