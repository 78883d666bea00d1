# migrator-fixture: sdk02
import os

import anthropic

EXAMPLES = [
    ("happy", "positive"),
    ("terrible", "negative"),
]
INSTRUCTIONS = "Classify the sentiment of each word as positive or negative. Reply with one word."

client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])


def build_prompt(word):
    prompt = f"{anthropic.HUMAN_PROMPT} {INSTRUCTIONS}\n\nWord: {EXAMPLES[0][0]}{anthropic.AI_PROMPT} {EXAMPLES[0][1]}"
    for example, label in EXAMPLES[1:]:
        prompt += f"{anthropic.HUMAN_PROMPT} Word: {example}{anthropic.AI_PROMPT} {label}"
    return prompt + f"{anthropic.HUMAN_PROMPT} Word: {word}{anthropic.AI_PROMPT}"


classify = lambda word: client.completion(  # noqa: E731
    prompt=build_prompt(word),
    model="claude-instant-v1",
    max_tokens_to_sample=5,
    stop_sequences=[anthropic.HUMAN_PROMPT, "\n"],
)["completion"]

words = ["sunny", "broken", "lovely"]
labels = [classify(w).strip().lower() for w in words]
for w, label in zip(words, labels):
    print(f"{w:8s} -> {label}")
