import anthropic

SYSTEM = "You are a pirate. Answer in pirate speak."
client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2.1",
    max_tokens_to_sample=200,
    prompt=f"{SYSTEM}{anthropic.HUMAN_PROMPT} Where is the treasure?{anthropic.AI_PROMPT}",
)
print(response.completion)
