from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

SYSTEM = "You sort support tickets into exactly one category."
EXAMPLES = [
    ("My card was charged twice.", "billing"),
    ("The app crashes when I open settings.", "bug"),
    ("Can you add a dark mode?", "feature"),
]

client = Anthropic()


def build_prompt(ticket, examples=EXAMPLES, label="Category:"):
    prompt = SYSTEM
    for text, category in examples:
        prompt += f"{HUMAN_PROMPT} Ticket: {text}"
        prompt += f"{AI_PROMPT} {label} {category}"
    prompt += f"{HUMAN_PROMPT} Ticket: {ticket}{AI_PROMPT} {label}"
    return prompt


def classify(ticket, label="Category:"):
    resp = client.completions.create(
        model="claude-instant-1.2",
        prompt=build_prompt(ticket, label=label),
        max_tokens_to_sample=12,
        stop_sequences=[HUMAN_PROMPT, "\n"],
        temperature=0,
    )
    return f"{label}{resp.completion}"


for ticket in ["I was billed for a plan I cancelled.", "Please support CSV export."]:
    answer = classify(ticket)
    print(ticket)
    print("  ->", answer)
    print("  words:", len(answer.split()))
print(classify("Login button does nothing.", label="Label:"))
