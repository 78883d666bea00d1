# migrator-fixture: sdk02
import os

import anthropic

SYSTEM = "You are a helpful librarian who recommends books."
client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def recommend(genre, n=2):
    prompt = SYSTEM + anthropic.HUMAN_PROMPT + f" Recommend {n} {genre} books." + anthropic.AI_PROMPT
    result = client.completion(
        prompt=prompt,
        model="claude-v1",
        max_tokens_to_sample=80,
        stop_sequences=[anthropic.HUMAN_PROMPT],
        disable_checks=True,
    )
    return result["completion"]


for genre in ["mystery", "science fiction"]:
    text = recommend(genre)
    print(genre.upper(), len(text.split()))
    print(text.strip())
