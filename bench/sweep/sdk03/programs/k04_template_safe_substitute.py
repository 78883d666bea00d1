from string import Template

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

SYSTEM = Template("You are a $role. Reply in at most $limit words.")
TURN = Template("$human $question$ai")
MARKERS = {"human": HUMAN_PROMPT, "ai": AI_PROMPT}

client = Anthropic()


def ask(question, role="librarian", limit=20):
    system = SYSTEM.safe_substitute(role=role, limit=limit)
    prompt = system + TURN.safe_substitute(MARKERS, question=question)
    reply = client.completions.create(prompt=prompt, max_tokens_to_sample=limit * 2, model="claude-2")
    return reply.completion.lstrip()


print(ask("Where do I find atlases?"))
print(ask("What costs $5?", role="cashier", limit=10))
