from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()


def chat(history, message):
    prompt = "".join(f"{HUMAN_PROMPT} {u}{AI_PROMPT} {a}" for u, a in history)
    prompt += f"{HUMAN_PROMPT} {message}{AI_PROMPT}"
    out = ""
    for chunk in client.completions.create(
        model="claude-instant-1", prompt=prompt, max_tokens_to_sample=60, stream=True
    ):
        out += chunk.completion
    return out


print(chat([("Hi", "Hello!")], "How are you?"))
