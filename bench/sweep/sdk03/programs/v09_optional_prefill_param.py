import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()


def ask(question, prefill="", stop=None):
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}{prefill}"
    resp = client.completions.create(
        model="claude-2",
        prompt=prompt,
        max_tokens_to_sample=60,
        stop_sequences=stop or [],
    )
    return prefill + resp.completion


print(ask("What is a fjord?"))
print(ask("Put the capital of Norway in answer tags.", prefill=" <answer>", stop=["</answer>"]))
print(ask("Return JSON for Norway.", prefill=" {"))
