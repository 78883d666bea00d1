from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()
MODEL = "claude-instant-1.2"
PERSONAS = {"bot": "a travel agent", "user": "a curious traveller who asks short questions"}


def render(turns, me):
    """The transcript as `me` sees it: my own turns are the Assistant's."""
    prompt = f"You are {PERSONAS[me]}.{HUMAN_PROMPT} Let us begin."
    for speaker, text in turns:
        prompt += (AI_PROMPT if speaker == me else HUMAN_PROMPT) + " " + text
    return prompt + AI_PROMPT


def speak(turns, me, budget):
    resp = client.completions.create(
        model=MODEL,
        prompt=render(turns, me),
        max_tokens_to_sample=budget,
        stop_sequences=[HUMAN_PROMPT],
    )
    text = resp.completion.strip()
    if resp.stop_reason == "max_tokens":
        text += " ..."
    return text


turns = [("bot", "Hello! Where would you like to go?")]
for i in range(4):
    me = "user" if i % 2 == 0 else "bot"
    turns.append((me, speak(turns, me, budget=6 if me == "user" else 40)))

for speaker, text in turns:
    print(f"{speaker:>4}: {text[:70]}")
print("truncated:", sum(t.endswith("...") for _, t in turns))
