import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()

question = "What is the capital of France?"
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=300,
    prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
)
print(response.completion)
