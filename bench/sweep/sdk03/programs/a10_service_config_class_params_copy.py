import os

import anthropic


class Config:
    ANTHROPIC_MODEL = os.environ.get("ANTHROPIC_MODEL_NAME", "claude-instant-1")
    STOP = os.environ.get("LLM_STOP", "\n\nHuman:")
    LLM_PARAMS = {
        "model": ANTHROPIC_MODEL,
        "max_tokens_to_sample": 80,
        "temperature": 0.3,
        "stop_sequences": [STOP],
    }


class SummaryService:
    def __init__(self, client=None, config=Config):
        self.client = client or anthropic.Anthropic()
        self.params = dict(config.LLM_PARAMS)

    def with_budget(self, tokens):
        self.params.update(max_tokens_to_sample=tokens)
        return self

    def summarize(self, title, body):
        prompt = "\n\nHuman: Summarize the article below in two sentences.\n\n"
        prompt += f"Title: {title}\n\n{body}"
        prompt += "\n\nAssistant:"
        return self.client.completions.create(prompt=prompt, **self.params)


ARTICLES = [
    ("Bees in the city", "Urban beekeeping has grown quickly; rooftops now host thousands of hives."),
    ("Rail revival", "Night trains are returning across Europe as travellers avoid short flights."),
]

service = SummaryService()
for title, body in ARTICLES:
    result = service.summarize(title, body)
    print(f"{title}: {result.completion.strip()} [{result.stop_reason}]")

short = SummaryService().with_budget(6)
result = short.summarize(*ARTICLES[0])
print("short:", result.completion.strip(), "|", result.stop_reason == "max_tokens")
