import anthropic
from anthropic import AnthropicBedrock

client = AnthropicBedrock()

# Basic request
completion = client.completions.create(
    model="anthropic.claude-v2:1",
    max_tokens_to_sample=256,
    prompt=f"{anthropic.HUMAN_PROMPT} Hello, world{anthropic.AI_PROMPT}",
)
print(completion.completion)

# Streaming
stream = client.completions.create(
    model="anthropic.claude-instant-v1",
    max_tokens_to_sample=50,
    prompt=f"{anthropic.HUMAN_PROMPT} Write a limerick about a cat.{anthropic.AI_PROMPT}",
    stream=True,
)
for event in stream:
    print(event.completion, end="", flush=True)
print()

# A small chat loop (scripted instead of input())
history = ""
for user_turn in ["Hi, I'm Sam.", "What's my name?", "Thanks, bye."]:
    history += f"{anthropic.HUMAN_PROMPT} {user_turn}{anthropic.AI_PROMPT}"
    reply = client.completions.create(
        model="anthropic.claude-v2:1",
        prompt=history,
        max_tokens_to_sample=100,
        stop_sequences=[anthropic.HUMAN_PROMPT],
    )
    history += reply.completion
    print("Claude:", reply.completion.strip())
print(history.count(anthropic.HUMAN_PROMPT), len(history))
