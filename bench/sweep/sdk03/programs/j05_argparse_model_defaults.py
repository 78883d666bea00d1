import argparse

import anthropic


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Summarise a sentence with Claude.")
    parser.add_argument("--model", default="claude-instant-1")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--temperature", type=float, default=0.0)
    parser.add_argument("text", nargs="?", default="The quick brown fox jumps over the lazy dog.")
    return parser.parse_args(argv)


def main():
    args = parse_args()
    client = anthropic.Anthropic()
    prompt = f"{anthropic.HUMAN_PROMPT} Summarise in five words: {args.text}{anthropic.AI_PROMPT}"
    result = client.completions.create(
        model=args.model,
        prompt=prompt,
        max_tokens_to_sample=args.max_tokens,
        temperature=args.temperature,
    )
    print(f"tokens={args.max_tokens} temperature={args.temperature}")
    print(result.completion.strip())


if __name__ == "__main__":
    main()
