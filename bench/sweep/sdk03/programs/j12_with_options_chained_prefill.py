import anthropic

client = anthropic.Client()
STOPS = ("\n\nHuman:", "END")


def headline(article, retries=3):
    return client.with_options(max_retries=retries, timeout=20.0).completions.create(
        model="claude-2.1",
        prompt=f"\n\nHuman: Write a headline for this article:\n{article}\n\nAssistant: Headline:",
        max_tokens_to_sample=30,
        stop_sequences=list(STOPS),
        top_k=5,
    ).completion.strip()


ARTICLES = [
    "The town council voted to open a new library next spring.",
    "Researchers found a new species of frog in the rainforest.",
]
for article in ARTICLES:
    print("-", headline(article))
