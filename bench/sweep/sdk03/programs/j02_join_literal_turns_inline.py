import anthropic

client = anthropic.Anthropic()

turns = [
    ("user", "I am planning a trip to Lisbon."),
    ("assistant", "Lovely city. What would you like to know?"),
    ("user", "Which neighbourhood has the best views?"),
]


def reply(turns, max_tokens=80):
    lines = [f"{'Human' if role == 'user' else 'Assistant'}: {text}" for role, text in turns]
    response = client.completions.create(
        model="claude-instant-1.2",
        prompt="\n\n" + "\n\n".join(lines) + "\n\nAssistant:",
        max_tokens_to_sample=max_tokens,
        stop_sequences=["\n\nHuman:"],
    )
    return response.completion.strip()


first = reply(turns)
print("bot:", first)
turns.append(("assistant", first))
turns.append(("user", "And where should I eat?"))
print("bot:", reply(turns, max_tokens=6))
print(len(turns), "turns")
