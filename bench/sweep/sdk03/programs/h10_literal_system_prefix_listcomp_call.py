import anthropic

SYSTEM = "You are a terse geography tutor. Answer in one short sentence."
QUESTIONS = [
    "What is the capital of Peru?",
    "Which ocean is the largest?",
    "What is the highest mountain in Africa?",
]
MAX_TOKENS = 120

client = anthropic.Anthropic()
prompts = [f"{SYSTEM}\n\nHuman: {q}\n\nAssistant:" for q in QUESTIONS]
responses = [
    client.completions.create(
        model="claude-v1.3-100k",
        prompt=p,
        max_tokens_to_sample=MAX_TOKENS,
        temperature=0,
        stop_sequences=["\n\nHuman:"],
    )
    for p in prompts
]
answers = [r.completion.strip() for r in responses]
print("\n".join(f"{i + 1}. {a}" for i, a in enumerate(answers)))
print(all(r.stop_reason == "stop_sequence" for r in responses))
