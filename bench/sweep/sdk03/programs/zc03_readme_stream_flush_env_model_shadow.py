import os

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

MODEL = os.getenv("ANTHROPIC_MODEL", "claude-2.1")
MAX_TOKENS = int(os.getenv("MAX_TOKENS", "200"))

anthropic = Anthropic()

question = "Explain what a hash map is"
prompt = f"{HUMAN_PROMPT} {question} in three short sentences.{AI_PROMPT}"

print(f"Q: {question}")
print("A: ", end="", flush=True)
stream = anthropic.completions.create(
    prompt=prompt,
    max_tokens_to_sample=MAX_TOKENS,
    model=MODEL,
    stream=True,
)
chunks = []
stop_reason = None
for data in stream:
    print(data.completion, end="", flush=True)
    chunks.append(data.completion)
    if data.stop_reason:
        stop_reason = data.stop_reason
print()
answer = "".join(chunks)
print(f"[{len(answer.split())} words, stop={stop_reason}]")
