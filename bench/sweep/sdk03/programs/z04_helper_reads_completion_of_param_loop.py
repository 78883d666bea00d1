import anthropic

client = anthropic.Anthropic()


def collect(stream):
    return "".join(ev.completion for ev in stream)


print(
    collect(
        client.completions.create(
            model="claude-2",
            max_tokens_to_sample=30,
            stream=True,
            prompt=f"{anthropic.HUMAN_PROMPT} Name a canyon.{anthropic.AI_PROMPT}",
        )
    )
)
