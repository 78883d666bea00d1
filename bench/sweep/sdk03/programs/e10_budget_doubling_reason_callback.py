import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

client = anthropic.Anthropic()


def on_finish(label, reason, attempts):
    if reason == "stop_sequence":
        print(f"{label}: finished after {attempts} attempt(s)")
    else:
        print(f"{label}: gave up ({reason})")


def complete_with_budget(prompt, budget=2, ceiling=32):
    attempts = 0
    while True:
        attempts += 1
        resp = client.completions.create(
            model="claude-2",
            prompt=prompt,
            max_tokens_to_sample=budget,
            stop_sequences=[HUMAN_PROMPT],
        )
        if resp.stop_reason != "max_tokens" or budget * 2 > ceiling:
            return resp.completion, resp.stop_reason, attempts
        budget *= 2


for label, question, ceiling in [("short", "Say hi.", 32), ("long", "Describe Rome.", 4)]:
    text, reason, attempts = complete_with_budget(f"{HUMAN_PROMPT} {question}{AI_PROMPT}", ceiling=ceiling)
    on_finish(label, reason, attempts)
    print("  ", text.strip())
