import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()


def stream_reply(message):
    response = client.completions.create(
        model="claude-instant-1",
        prompt=f"{HUMAN_PROMPT} {message}{AI_PROMPT}",
        max_tokens_to_sample=80,
        stream=True,
    )
    for chunk in response:
        yield chunk.completion


for piece in stream_reply("Tell me about frogs."):
    print(piece, end="|")
print()
