import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

PROVIDER = "anthropic"


# OPENAI-BEGIN
def openai_complete(prompt, client=None):
    from openai import OpenAI

    client = client or OpenAI()
    completion = client.completions.create(model="text-davinci-003", prompt=prompt, max_tokens=64)
    return completion.choices[0].text
# OPENAI-END


def anthropic_complete(prompt, client=None):
    client = client or anthropic.Anthropic()
    completion = client.completions.create(
        model="claude-2", prompt=f"{HUMAN_PROMPT} {prompt}{AI_PROMPT}", max_tokens_to_sample=64
    )
    return completion.completion


def complete(prompt):
    if PROVIDER == "openai":
        return openai_complete(prompt)
    return anthropic_complete(prompt)


print(complete("Tell me about tides."))
