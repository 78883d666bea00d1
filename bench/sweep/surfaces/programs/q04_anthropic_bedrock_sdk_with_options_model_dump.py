import anthropic
from anthropic import AnthropicBedrock

client = AnthropicBedrock(aws_region="us-west-2", max_retries=1)
MODEL = "anthropic.claude-v2:1"


def classify(review: str) -> dict:
    completion = client.with_options(max_retries=4, timeout=30.0).completions.create(
        model=MODEL,
        max_tokens_to_sample=64,
        temperature=0.0,
        prompt=(
            f"{anthropic.HUMAN_PROMPT} Classify the sentiment of this review as positive or negative."
            f"\n\n<review>{review}</review>{anthropic.AI_PROMPT}"
        ),
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    data = completion.model_dump()
    return {"label": data["completion"].strip(), "truncated": data["stop_reason"] == "max_tokens"}


for review in ["Great battery life, terrible speakers.", "Arrived broken and support never replied."]:
    result = classify(review)
    print(result["truncated"], result["label"])
