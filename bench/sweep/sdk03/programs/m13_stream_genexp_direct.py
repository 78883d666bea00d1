import sys

from anthropic import Anthropic, HUMAN_PROMPT, AI_PROMPT

client = Anthropic()


def poem(topic):
    return "".join(
        event.completion
        for event in client.completions.create(
            model="claude-2",
            prompt=f"{HUMAN_PROMPT} Write a two-line poem about {topic}.{AI_PROMPT}",
            max_tokens_to_sample=100,
            stream=True,
        )
    )


def stream_to_stdout(topic):
    stream = client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} Tell a very short story about {topic}.{AI_PROMPT}",
        max_tokens_to_sample=60,
        stream=True,
        metadata={"user_id": "demo-user"},
    )
    written = 0
    for data in stream:
        sys.stdout.write(data.completion)
        written += len(data.completion)
    sys.stdout.write("\n")
    return written


print(poem("autumn").strip())
print("chars:", stream_to_stdout("a lost key"))
