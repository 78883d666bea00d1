"""Ask the same question to each provider we have a key for."""
import os

import anthropic

QUESTION = "What is the capital of Australia?"
MODELS = {"anthropic": "claude-2", "openai": "gpt-3.5-turbo-instruct"}
answers = {}

# OPENAI-BEGIN
if os.environ.get("OPENAI_API_KEY"):
    from openai import OpenAI

    oa = OpenAI()
    completion = oa.completions.create(model=MODELS["openai"], prompt=QUESTION, max_tokens=50)
    answers["openai"] = completion.choices[0].text.strip()
# OPENAI-END

client = anthropic.Anthropic()
completion = client.completions.create(
    model=MODELS["anthropic"],
    prompt=anthropic.HUMAN_PROMPT + " " + QUESTION + anthropic.AI_PROMPT,
    max_tokens_to_sample=50,
)
answers["anthropic"] = completion.completion.strip()

for name, text in sorted(answers.items()):
    print(f"{name:10} {text[:60]}")
