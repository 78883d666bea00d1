# %% [markdown]
# # Few-shot review classification (exported from fewshot.ipynb)

# %%
import collections

import anthropic

client = anthropic.Anthropic()
MODEL_NAME = "claude-instant-1"

# %%
examples = [
    ("The food was cold and bland.", "negative"),
    ("Loved the friendly staff!", "positive"),
    ("Service was slow but the view was great.", "mixed"),
]
shots = [
    f"{anthropic.HUMAN_PROMPT} Review: {review}{anthropic.AI_PROMPT} {label}"
    for review, label in examples
]
fewshot_block = "".join(shots)

# %%
reviews = ["Best pizza in town.", "Never coming back.", "Okay, nothing special."]
responses = []
for review in reviews:
    prompt = fewshot_block + f"{anthropic.HUMAN_PROMPT} Review: {review}{anthropic.AI_PROMPT}"
    responses.append(
        client.completions.create(
            model=MODEL_NAME,
            prompt=prompt,
            max_tokens_to_sample=5,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
    )

# %%
labels = [r.completion.strip().split()[0].lower() if r.completion.strip() else "" for r in responses]
print(collections.Counter(r.stop_reason for r in responses).most_common())
for review, label in zip(reviews, labels):
    print(f"{review!r:30} {label}")
