import anthropic

client = anthropic.Anthropic()
EXAMPLES = [("I loved it", "positive"), ("Never again", "negative")]
REVIEWS = ["The soup was wonderful.", "Service was slow and rude.", "It was fine, I guess, mostly."]

responses = []
for review in REVIEWS:
    prompt = anthropic.HUMAN_PROMPT + " Classify the sentiment of the last text."
    for text, label in EXAMPLES:
        prompt += f"\nText: {text}\nLabel: {label}"
    prompt += f"\nText: {review}\nLabel?" + anthropic.AI_PROMPT
    responses.append(
        client.completions.create(
            model="claude-instant-1",
            prompt=prompt,
            max_tokens_to_sample=12 if len(review) < 28 else 4,
            stop_sequences=["\n"],
        )
    )

print(responses[0].completion.strip())
print(responses[-1].completion.strip(), responses[-1].stop_reason)
print(sum(r.stop_reason == "max_tokens" for r in responses), "cut short")
