import anthropic as anthropic_sdk
from anthropic import HUMAN_PROMPT, AI_PROMPT


def main():
    anthropic = anthropic_sdk.Anthropic()
    try:
        reply = anthropic.completions.create(
            model="claude-instant-1",
            max_tokens_to_sample=50,
            prompt=f"{HUMAN_PROMPT} What is an atom?{AI_PROMPT}",
        )
        print(reply.completion)
    except anthropic_sdk.APIError as err:
        print("failed", type(err).__name__)


main()
