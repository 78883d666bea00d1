import json

import anthropic

TEMPLATE = """{human} You extract data as JSON with a single key "answer".

Text: {text}
Question: {question}{ai} {{"""


class Config:
    MODEL = "claude-v1.3"
    MAX_TOKENS = 8000
    TOP_P = 0.9
    TOP_K = 40


def render(text, question):
    return TEMPLATE.format(
        human=anthropic.HUMAN_PROMPT, ai=anthropic.AI_PROMPT, text=text, question=question
    )


def extract(client, text, question):
    prompt = render(text, question)
    response = client.completions.create(
        model=Config.MODEL,
        prompt=prompt,
        max_tokens_to_sample=Config.MAX_TOKENS,
        top_p=Config.TOP_P,
        top_k=Config.TOP_K,
    )
    return json.loads("{" + response.completion)


client = anthropic.Anthropic()
data = extract(client, "Ana moved to Lisbon in 2019.", "Where does Ana live?")
print(sorted(data), type(data["answer"]).__name__)
print(data["answer"][:40])
