import anthropic

client = anthropic.Anthropic()
BASE_STOPS = [anthropic.HUMAN_PROMPT]
TOOL_STOP = "STOP"


def run(question, max_rounds=3):
    prompt = f"{anthropic.HUMAN_PROMPT} {question} Say stop when you need the tool.{anthropic.AI_PROMPT}"
    rounds = 0
    while rounds < max_rounds:
        rounds += 1
        resp = client.completions.create(
            model="claude-2",
            prompt=prompt,
            max_tokens_to_sample=60,
            stop_sequences=BASE_STOPS + [TOOL_STOP],
        )
        prompt += resp.completion
        if resp.stop != TOOL_STOP:
            break
        prompt += f"{TOOL_STOP} -> tool says 7."
    return rounds, prompt[prompt.rfind(anthropic.AI_PROMPT):]


n, tail = run("Count for me.")
print(n)
print(repr(tail))
