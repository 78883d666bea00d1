from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()


def answer(question, context=None):
    prompt = HUMAN_PROMPT
    if context:
        prompt += f" Use this context: {context}\n"
    prompt += f" {question}"
    prompt += AI_PROMPT
    r = client.completions.create(model="claude-2", prompt=prompt, max_tokens_to_sample=120)
    return r.completion


print(answer("Who wrote Hamlet?"))
print(answer("What colour is it?", context="The car is red."))
