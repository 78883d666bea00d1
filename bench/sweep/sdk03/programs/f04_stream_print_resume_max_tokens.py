import anthropic

client = anthropic.Anthropic()
MODEL = "claude-2"
CHUNK_TOKENS = 6


def first_prompt(topic):
    return f"{anthropic.HUMAN_PROMPT} Write a short paragraph about {topic}.{anthropic.AI_PROMPT}"


def stream_once(prompt):
    stream = client.completions.create(
        model=MODEL,
        prompt=prompt,
        max_tokens_to_sample=CHUNK_TOKENS,
        stream=True,
    )
    text, last = "", None
    for event in stream:
        print(event.completion, end="", flush=True)
        text += event.completion
        last = event
    print()
    return text, last.stop_reason


def write_long(topic, max_rounds=3):
    prompt = first_prompt(topic)
    answer = ""
    for round_no in range(1, max_rounds + 1):
        piece, reason = stream_once(prompt + answer)
        answer += piece
        if reason != "max_tokens":
            return answer, round_no, True
    return answer, max_rounds, False


text, rounds, finished = write_long("lighthouses")
print("rounds:", rounds, "finished:", finished)
print("length:", len(text.split()))
