import anthropic

TEMPLATE = "{h} Translate to French: {text}{a}"


def make_backends():
    claude = anthropic.Anthropic()
    return {"claude": claude.completions.create}


def translate(backends, name, text, **params):
    create = backends[name]
    prompt = TEMPLATE.format(h=anthropic.HUMAN_PROMPT, a=anthropic.AI_PROMPT, text=text)
    res = create(prompt=prompt, model="claude-2", **params)
    return res.completion.strip(), res.stop_reason


backends = make_backends()
for text in ["good morning", "thank you"]:
    out, why = translate(backends, "claude", text, max_tokens_to_sample=40)
    print(why, out)
print(translate(backends, "claude", "the long road home", max_tokens_to_sample=2))
