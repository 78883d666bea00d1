from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()
MODEL_NAME = "claude-instant-1.2"

reviews = [
    "Arrived broken and support never answered.",
    "Exactly what I needed, works great.",
    "Stopped charging after a week.",
]

prompt_lines = [
    f"{HUMAN_PROMPT} Classify the sentiment of each review below as positive or negative.",
    "Answer with one label per line, in order.",
    "",
]
for n, review in enumerate(reviews, 1):
    prompt_lines.append(f"{n}. {review}")
prompt_lines.append(AI_PROMPT + " Labels:")
prompt = "\n".join(prompt_lines)

response = client.completions.create(
    model=MODEL_NAME,
    prompt=prompt,
    max_tokens_to_sample=30,
    temperature=0.0,
)
labels = response.completion.strip().splitlines()
counts = {"positive": 0, "negative": 0, "other": 0}
for label in labels:
    word = label.strip().lower()
    counts[word if word in counts else "other"] += 1
print(counts, len(labels))
