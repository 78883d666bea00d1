import json

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

# settings.json of a provider-neutral support bot, OpenAI-style names
SETTINGS = """
{
  "model": "claude-2.1",
  "max_tokens": 60,
  "stop": ["</answer>"],
  "temperature": 0.3
}
"""

RENAMES = {"max_tokens": "max_tokens_to_sample", "stop": "stop_sequences"}
SYSTEM = "You are a support agent for a bicycle shop. Answer inside <answer> tags."


def load_params(text):
    params = json.loads(text)
    for old, new in RENAMES.items():
        if old in params:
            params[new] = params.pop(old)
    params.setdefault("stop_sequences", [])
    params["stop_sequences"] = [HUMAN_PROMPT] + params["stop_sequences"]
    return params


client = anthropic.Anthropic()
PARAMS = load_params(SETTINGS)


def answer(question, **overrides):
    request = dict(PARAMS)
    request.update(overrides)
    request.update(prompt=f"{HUMAN_PROMPT} {SYSTEM}\n\n<question>{question}</question>{AI_PROMPT} <answer>")
    response = client.completions.create(**request)
    return response.completion.strip()


for q in ["Do you fix flat tyres?", "Can I rent a tandem?"]:
    text = answer(q)
    print(f"{q} -> {text}")
    print("  words:", len(text.split()))
print(answer("Please count, then stop.", stop_sequences=[HUMAN_PROMPT, "STOP"], max_tokens_to_sample=20))
