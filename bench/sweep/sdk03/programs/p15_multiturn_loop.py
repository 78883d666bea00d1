from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()

history = [
    ("user", "My name is Ada."),
    ("assistant", "Nice to meet you, Ada."),
    ("user", "I study maths."),
    ("assistant", "Maths is great."),
]


def chat(new_message):
    prompt = ""
    for role, text in history:
        if role == "user":
            prompt += f"{HUMAN_PROMPT} {text}"
        else:
            prompt += f"{AI_PROMPT} {text}"
    prompt += f"{HUMAN_PROMPT} {new_message}{AI_PROMPT}"
    response = client.completions.create(model="claude-2", max_tokens_to_sample=100, prompt=prompt)
    history.append(("user", new_message))
    history.append(("assistant", response.completion.strip()))
    return response.completion


print(chat("What is my name?"))
print(chat("What do I study?"))
print(len(history))
