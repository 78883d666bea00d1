import os

import anthropic

# KEEP-BEGIN
import openai

oai = openai.OpenAI(api_key=os.environ.get("OPENAI_API_KEY", "x"))


def gpt(prompt):
    response = oai.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=50)
    return response.choices[0].text
# KEEP-END

claude = anthropic.Anthropic()


def ask_claude(prompt):
    response = claude.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=50,
    )
    return response.completion


print(ask_claude("Hi"))
