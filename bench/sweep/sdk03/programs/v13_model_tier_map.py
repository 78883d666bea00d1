import anthropic

MODELS = {"fast": "claude-instant-1.2", "smart": "claude-2.1"}
TOKENS = {"fast": 30, "smart": 200}
client = anthropic.Anthropic()


def run(tier, question):
    response = client.completions.create(
        model=MODELS[tier],
        max_tokens_to_sample=TOKENS[tier],
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    return response.completion


for tier in MODELS:
    print(tier, "->", run(tier, f"Which tier is {tier}?"))
