import anthropic

client = anthropic.Anthropic()


def long_answer(question, chunk_tokens=6, max_rounds=3):
    prompt = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    pieces = []
    for _ in range(max_rounds):
        resp = client.completions.create(
            model="claude-2",
            prompt=prompt,
            max_tokens_to_sample=chunk_tokens,
        )
        pieces.append(resp.completion)
        if resp.stop_reason != "max_tokens":
            break
        # keep going from where the model stopped
        prompt += resp.completion
    return pieces


parts = long_answer("Describe the water cycle in detail.")
print(len(parts), "rounds")
for i, part in enumerate(parts):
    print(i, repr(part))
full = "".join(parts)
print("words:", len(full.split()))
short = long_answer("Say hi.", chunk_tokens=200)
print(len(short), repr(short[0].strip()))
