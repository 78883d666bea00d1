from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

TEMPLATE = "%(system)s%(human)s Question: %(question)s%(ai)s Answer:"
SYSTEM = "Answer trivia questions in as few words as possible."

client = Anthropic()


def make_prompt(question, system=SYSTEM):
    values = {
        "system": system,
        "human": HUMAN_PROMPT,
        "question": question.strip(),
        "ai": AI_PROMPT,
    }
    return TEMPLATE % values


def answer(question, **sampling):
    response = client.completions.create(
        prompt=make_prompt(question),
        model="claude-2",
        max_tokens_to_sample=sampling.pop("max_tokens", 40),
        **sampling,
    )
    return response.completion.strip().rstrip(".")


questions = ["  Capital of Peru? ", "Who wrote Hamlet?"]
for q in questions:
    a = answer(q, temperature=0.0)
    print(f"{q.strip()} -> {a} ({len(a.split())} words)")
print(answer("Tallest mountain?", max_tokens=5, top_p=0.9))
