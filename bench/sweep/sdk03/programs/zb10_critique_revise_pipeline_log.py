from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()
history = []


def log_step(name, resp):
    history.append(
        {"step": name, "chars": len(resp.completion), "reason": resp.stop_reason, "tail": resp.completion[-12:]}
    )
    return resp.completion.strip()


def call(prompt, **overrides):
    params = {"model": "claude-2", "max_tokens_to_sample": 120, "stop_sequences": [HUMAN_PROMPT]}
    params.update(overrides)
    return client.completions.create(prompt=prompt, **params)


def pipeline(topic):
    ask = f"{HUMAN_PROMPT} Write a two-sentence pitch for {topic}."
    draft = log_step("draft", call(ask + AI_PROMPT))

    critique_prompt = f"{ask}{AI_PROMPT} {draft}{HUMAN_PROMPT} List one weakness of your pitch.{AI_PROMPT}"
    critique = log_step("critique", call(critique_prompt, max_tokens_to_sample=40))

    revise_prompt = (
        critique_prompt + " " + critique + HUMAN_PROMPT + " Rewrite the pitch fixing that weakness." + AI_PROMPT
    )
    final = log_step("revise", call(revise_prompt, temperature=0.3))
    return final


result = pipeline("a solar-powered kettle")
print(result)
for row in history:
    print(f"{row['step']:8} {row['chars']:4} {row['reason']} {row['tail']!r}")
