from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()

history = [
    {"speaker": "human", "text": "I am planning a garden."},
    {"speaker": "human", "text": "It gets morning sun only."},
    {"speaker": "bot", "text": "Shade-tolerant plants will do well."},
    {"speaker": "human", "text": "Name one vegetable for it."},
]


def render(turns):
    prompt = ""
    for turn in turns:
        marker = HUMAN_PROMPT if turn["speaker"] == "human" else AI_PROMPT
        prompt += marker + " " + turn["text"]
    return prompt + AI_PROMPT


completion = client.completions.create(
    prompt=render(history),
    model="claude-2.1",
    max_tokens_to_sample=80,
    temperature=0,
)
history.append({"speaker": "bot", "text": completion.completion.strip()})
for turn in history[-2:]:
    print(turn["speaker"], "->", turn["text"])
