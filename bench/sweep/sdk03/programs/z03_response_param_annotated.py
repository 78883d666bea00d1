import anthropic
from anthropic.types import Completion

client = anthropic.Anthropic()


def show(resp: Completion) -> None:
    print(resp.completion)
    print(resp.stop_reason == "max_tokens")


show(
    client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} Name a desert.{anthropic.AI_PROMPT}",
    )
)
