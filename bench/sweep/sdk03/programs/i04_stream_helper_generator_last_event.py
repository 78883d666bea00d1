import anthropic


def pieces(stream, state):
    for event in stream:
        state["events"] += 1
        if event.stop_reason:
            state["reason"] = event.stop_reason
        if event.completion:
            yield event.completion


def open_stream(client, question, limit):
    return client.completions.create(
        model="claude-2",
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
        max_tokens_to_sample=limit,
        stream=True,
    )


def main():
    client = anthropic.Anthropic()
    for question, limit in [("Name a planet.", 40), ("Describe the sea.", 5)]:
        state = {"events": 0, "reason": None}
        words = []
        for piece in pieces(open_stream(client, question, limit), state):
            words.append(piece)
        text = "".join(words).strip()
        print(state["reason"], state["events"] > 0, text)


main()
