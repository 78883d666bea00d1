import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


def headline(client, article):
    result = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=40,
        prompt=f"{HUMAN_PROMPT} Write a headline for: {article}{AI_PROMPT}",
        stop_sequences=["\n"],
    )
    return result.completion.strip()


with anthropic.Anthropic(max_retries=1) as client:
    for article in ("Rain expected all week.", "Local team wins cup."):
        print(headline(client, article))
