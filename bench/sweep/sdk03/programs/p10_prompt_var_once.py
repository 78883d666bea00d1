import anthropic

client = anthropic.Anthropic()


def classify(review):
    prompt = f"{anthropic.HUMAN_PROMPT} Is this review positive or negative? {review}{anthropic.AI_PROMPT}"
    response = client.completions.create(
        model="claude-instant-1",
        prompt=prompt,
        max_tokens_to_sample=10,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    return response.completion.strip()


for review in ["Loved it!", "Terrible service."]:
    print(review, "->", classify(review))
