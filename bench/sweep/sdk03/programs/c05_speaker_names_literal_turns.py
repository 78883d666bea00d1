import anthropic

SPEAKERS = {"user": "Human", "bot": "Assistant"}
PREAMBLE = "The assistant is a patient cooking tutor."


def render(history, next_speaker="bot"):
    text = PREAMBLE
    for who, said in history:
        text += f"\n\n{SPEAKERS[who]}: {said}"
    text += f"\n\n{SPEAKERS[next_speaker]}:"
    return text


def chat(client, turns):
    history = []
    for user_text in turns:
        history.append(("user", user_text))
        completion = client.completions.create(
            model="claude-1.3",
            prompt=render(history),
            max_tokens_to_sample=80,
            stop_sequences=["\n\nHuman:"],
        )
        reply = completion.completion.strip()
        history.append(("bot", reply))
        print(f"user: {user_text}")
        print(f"bot:  {reply}")
    return history


log = chat(anthropic.Anthropic(), ["How do I boil an egg?", "And for a soft yolk?"])
print(len(log), "turns;", sum(len(t) for _, t in log), "chars")
