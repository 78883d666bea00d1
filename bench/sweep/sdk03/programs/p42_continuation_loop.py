import anthropic

client = anthropic.Anthropic()


def run_with_tools(question):
    prompt = f"{anthropic.HUMAN_PROMPT} {question} Use <calc> tags if needed.{anthropic.AI_PROMPT}"
    for _ in range(2):
        resp = client.completions.create(
            model="claude-2",
            prompt=prompt,
            max_tokens_to_sample=30,
            stop_sequences=["</calc>"],
        )
        prompt += resp.completion
        if resp.stop_reason == "stop_sequence" and resp.stop == "</calc>":
            prompt += "</calc> result: 42\n"
        else:
            break
    return prompt


print(repr(run_with_tools("What is 6*7?")[-120:]))
