import os

import anthropic

PROVIDER = os.environ.get("LLM_PROVIDER", "anthropic")
INSTRUCTION = "Suggest a short, catchy name for a {thing}."


def build_prompt(thing, provider=PROVIDER):
    body = INSTRUCTION.format(thing=thing)
    if provider == "anthropic":
        return f"{anthropic.HUMAN_PROMPT} {body}{anthropic.AI_PROMPT}"
    return body + "\nName:"


# OPENAI-BEGIN
def name_with_openai(thing):
    import openai

    client = openai.OpenAI()
    response = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=build_prompt(thing, provider="openai"),
        max_tokens=20,
    )
    return response.choices[0].text.strip()
# OPENAI-END


def name_with_claude(thing):
    client = anthropic.Anthropic()
    response = client.completions.create(
        model="claude-instant-1",
        prompt=build_prompt(thing),
        max_tokens_to_sample=20,
    )
    return response.completion.strip()


def suggest(thing):
    if PROVIDER == "openai":
        return name_with_openai(thing)
    return name_with_claude(thing)


for thing in ["coffee shop", "bicycle repair service"]:
    name = suggest(thing)
    print(f"{thing}: {name!r} ({len(name)} chars)")
