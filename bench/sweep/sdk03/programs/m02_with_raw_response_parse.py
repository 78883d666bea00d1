import anthropic

client = anthropic.Anthropic()


def ask_with_status(question):
    raw = client.completions.with_raw_response.create(
        model="claude-instant-1.2",
        max_tokens_to_sample=80,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    completion = raw.parse()
    return raw.status_code, completion.completion.strip()


for q in ["What is entropy?", "Define osmosis in one sentence."]:
    status, text = ask_with_status(q)
    print(status, text)
