import anthropic

MODEL = "claude-2.0"
QUESTIONS = ["What is a fjord?", "What is a delta?", "What is an estuary?"]

client = anthropic.Anthropic()
params = dict(
    model=MODEL,
    max_tokens_to_sample=64,
    temperature=0.3,
    stop_sequences=[anthropic.HUMAN_PROMPT],
)

answers = []
for question in QUESTIONS:
    params["prompt"] = f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}"
    resp = client.completions.create(**params)
    answers.append(resp.completion.strip())

for q, a in zip(QUESTIONS, answers):
    print(f"Q: {q}\nA: {a}")

params["max_tokens_to_sample"] = 4
params["prompt"] = f"{anthropic.HUMAN_PROMPT} Explain glaciers in detail.{anthropic.AI_PROMPT}"
short = client.completions.create(**params)
print("short:", short.completion.strip(), "| truncated:", short.stop_reason == "max_tokens")
