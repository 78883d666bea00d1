# %% [markdown]
# # Streaming demo (exported from streaming.ipynb)

# %%
import anthropic

client = anthropic.Anthropic()

# %%
stream = client.completions.create(
    prompt=f"{anthropic.HUMAN_PROMPT} Write a haiku about autumn leaves.{anthropic.AI_PROMPT}",
    max_tokens_to_sample=300,
    model="claude-2",
    stream=True,
)
for completion in stream:
    print(completion.completion, end="", flush=True)
print()

# %%
# Collect the whole stream and look at the last event
events = list(
    client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} Count to five then say stop.{anthropic.AI_PROMPT}",
        max_tokens_to_sample=300,
        model="claude-2",
        stop_sequences=["four"],
        stream=True,
    )
)
print(len(events) > 1, events[-1].stop_reason)
print("".join(e.completion for e in events))

# %%
print(
    client.completions.create(
        prompt=f"{anthropic.HUMAN_PROMPT} Say hi.{anthropic.AI_PROMPT}", max_tokens_to_sample=5, model="claude-2"
    ).completion
)
