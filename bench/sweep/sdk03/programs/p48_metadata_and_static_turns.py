import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
response = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=100,
    metadata={"user_id": "user-123"},
    prompt=(
        f"{HUMAN_PROMPT} Let's play a word game. I say a word, you say its opposite."
        f"{AI_PROMPT} Sounds fun! Go ahead."
        f"{HUMAN_PROMPT} Hot"
        f"{AI_PROMPT} Cold"
        f"{HUMAN_PROMPT} Up"
        f"{AI_PROMPT}"
    ),
)
print(response.completion)
