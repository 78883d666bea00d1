from anthropic import AI_PROMPT, HUMAN_PROMPT, AnthropicBedrock

client = AnthropicBedrock(aws_region="us-east-1")
MODEL = "anthropic.claude-v2:1"
SYSTEM = "You are a patient maths tutor."


def render(history):
    parts = [SYSTEM]
    for speaker, text in history:
        parts.append(f"{HUMAN_PROMPT if speaker == 'student' else AI_PROMPT} {text}")
    return "".join(parts) + AI_PROMPT


def reply(history, max_tokens=120):
    completion = client.completions.create(
        model=MODEL,
        prompt=render(history),
        max_tokens_to_sample=max_tokens,
        stop_sequences=[HUMAN_PROMPT],
        temperature=0.2,
    )
    return completion.completion.strip(), completion.stop_reason


history = []
for line in ["What is a fraction?", "Give me an example.", "And a long proof of that?", "quit"]:
    if line == "quit":
        break
    history.append(("student", line))
    answer, why = reply(history, max_tokens=8 if "long" in line else 120)
    history.append(("tutor", answer))
    print(f"[{why}] tutor: {answer}")
print(len(history), render(history).count(HUMAN_PROMPT))
