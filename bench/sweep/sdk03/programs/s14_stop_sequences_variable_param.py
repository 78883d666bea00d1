import anthropic

client = anthropic.Anthropic()


def ask(q, stop_sequences=None):
    r = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=40,
        prompt=f"{anthropic.HUMAN_PROMPT} {q}{anthropic.AI_PROMPT}",
        stop_sequences=stop_sequences or [anthropic.HUMAN_PROMPT],
    )
    return r.completion


print(ask("Hi"))
print(ask("Say a word then END", stop_sequences=["END"]))
