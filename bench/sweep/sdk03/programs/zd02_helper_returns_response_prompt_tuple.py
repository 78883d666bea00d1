import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT

SYSTEM = "You are a terse geography tutor."

client = anthropic.Anthropic()


def ask(question, *, max_tokens=80, stop=None):
    prompt = f"{SYSTEM}{HUMAN_PROMPT} {question}{AI_PROMPT}"
    response = client.completions.create(
        prompt=prompt,
        model="claude-instant-1.2",
        max_tokens_to_sample=max_tokens,
        stop_sequences=stop or [HUMAN_PROMPT],
    )
    return response, prompt


def main():
    audit = []
    for q in ("Largest desert?", "Longest river? Say stop after.", "Deepest lake, with history?"):
        resp, sent = ask(q, stop=["STOP"] if "stop" in q else None, max_tokens=6 if "history" in q else 80)
        audit.append({"question": q, "echoed": q in sent, "reason": resp.stop_reason})
        print(resp.completion.strip())
    for row in audit:
        print(row["question"], row["echoed"], row["reason"] == "max_tokens")


if __name__ == "__main__":
    main()
