from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

EXTRA_STOPS = ["</answer>", "END"]
client = Anthropic()
r = client.completions.create(
    model="claude-2",
    prompt=f"{HUMAN_PROMPT} Answer inside <answer> tags: what is 2+2? Then say END.{AI_PROMPT}",
    max_tokens_to_sample=60,
    stop_sequences=[HUMAN_PROMPT] + EXTRA_STOPS,
)
print(repr(r.completion))
print(r.stop_reason)
