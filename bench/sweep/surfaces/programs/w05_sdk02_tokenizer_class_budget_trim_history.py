# migrator-fixture: sdk02
import os

import anthropic

MODEL = "claude-v1-100k"
CONTEXT_TOKENS = 60
RESERVED_FOR_ANSWER = 24


class TokenCounter:
    def __init__(self):
        try:
            self._tokenizer = anthropic.get_tokenizer()
        except Exception:
            self._tokenizer = None

    def __call__(self, text):
        if self._tokenizer is not None:
            return len(self._tokenizer.encode(text).ids)
        return len(text.split()) + text.count("\n")


count = TokenCounter()
client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"])

history = [
    ("Human", "I am planning a trip to Lisbon."),
    ("Assistant", "Lisbon is lovely in spring; the hills are steep, so bring good shoes."),
    ("Human", "What food should I try there?"),
    ("Assistant", "Try pasteis de nata, grilled sardines and bacalhau."),
]


def render(turns, question):
    text = "".join(f"\n\n{role}: {content}" for role, content in turns)
    return f"{text}{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"


def ask(question):
    turns = list(history)
    prompt = render(turns, question)
    while turns and count(prompt) > CONTEXT_TOKENS - RESERVED_FOR_ANSWER:
        turns = turns[2:]
        prompt = render(turns, question)
    budget = max(8, CONTEXT_TOKENS - count(prompt))
    resp = client.completion(
        prompt=prompt,
        model=MODEL,
        max_tokens_to_sample=budget,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    history.extend([("Human", question), ("Assistant", resp["completion"].strip())])
    return len(turns), budget, resp["completion"].strip()


for q in ("Is the tram worth it?", "How many days should I stay?"):
    kept, budget, answer = ask(q)
    print(f"kept={kept} budget={budget} -> {answer}")
