import anthropic

STOPS = [anthropic.HUMAN_PROMPT, "\n\nObservation:"]
client = anthropic.Anthropic()
r = client.completions.create(
    model="claude-2",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Think step by step about 2+3.{anthropic.AI_PROMPT}",
    stop_sequences=STOPS,
)
print(r.completion)
print(len(STOPS), STOPS[1].strip())
