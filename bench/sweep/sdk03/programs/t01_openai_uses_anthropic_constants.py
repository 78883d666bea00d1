import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

claude = anthropic.Anthropic()


# OPENAI-BEGIN
def ask_gpt(question):
    from openai import OpenAI

    client = OpenAI()
    r = client.completions.create(
        model="gpt-3.5-turbo-instruct",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens=64,
        stop=[HUMAN_PROMPT],
    )
    return r.choices[0].text
# OPENAI-END


def ask_claude(question):
    r = claude.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} {question}{AI_PROMPT}",
        max_tokens_to_sample=64,
        stop_sequences=[HUMAN_PROMPT],
    )
    return r.completion


print(ask_claude("What is a prism?"))
