import anthropic

client = anthropic.Anthropic()
SYSTEM = "You are a terse geography tutor."


def build_prompt(question):
    return f"{anthropic.HUMAN_PROMPT} {SYSTEM}\n\n{question}{anthropic.AI_PROMPT}"


def answer(question, limit=25):
    events = list(
        client.completions.create(
            model="claude-2",
            prompt=build_prompt(question),
            max_tokens_to_sample=limit,
            stop_sequences=[anthropic.HUMAN_PROMPT],
            stream=True,
        )
    )
    text = "".join(e.completion for e in events)
    return text, events[-1].stop_reason


for q, limit in [("What is an isthmus?", 25), ("Describe every continent.", 6)]:
    text, reason = answer(q, limit)
    print(reason, "|", text.strip())
