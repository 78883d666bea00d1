# %% [markdown]
# # Multi-turn chat walkthrough

# %%
from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()
MODEL = "claude-2"

# %%
conversation = f"{HUMAN_PROMPT} I'm planning a trip to Japan. Suggest one city to visit.{AI_PROMPT}"
reply = client.completions.create(model=MODEL, prompt=conversation, max_tokens_to_sample=100)
print(reply.completion)

# %%
conversation += reply.completion
conversation += f"{HUMAN_PROMPT} What food should I try there?{AI_PROMPT}"
reply = client.completions.create(model=MODEL, prompt=conversation, max_tokens_to_sample=100)
print(reply.completion)

# %%
turns = conversation.count(HUMAN_PROMPT)
print(f"{turns} human turns, transcript {len(conversation)} chars")
