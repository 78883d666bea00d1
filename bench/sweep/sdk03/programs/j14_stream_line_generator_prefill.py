import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT

client = anthropic.Anthropic()
PREFIX = "1."


def numbered_lines(task):
    stream = client.completions.create(
        model="claude-2",
        prompt=f"{HUMAN_PROMPT} {task} Answer as a numbered list.{AI_PROMPT} {PREFIX}",
        max_tokens_to_sample=90,
        stream=True,
        stop_sequences=[HUMAN_PROMPT],
    )
    buffer = PREFIX
    for event in stream:
        buffer += event.completion
        while "\n" in buffer:
            line, buffer = buffer.split("\n", 1)
            yield line
    if buffer:
        yield buffer


for line in numbered_lines("Give the steps to brew tea."):
    print(">", line)
