# migrator-fixture: sdk02
"""ask.py: ask Claude a question from the command line."""
import argparse
import os
import sys

import anthropic


def build_parser():
    parser = argparse.ArgumentParser(description="Ask Claude a question.")
    parser.add_argument("question", nargs="?", default="What is a tensor?")
    parser.add_argument("--model", default="claude-instant-v1")
    parser.add_argument("-n", "--max-tokens", type=int, default=200)
    parser.add_argument("-t", "--temperature", type=float, default=1.0)
    parser.add_argument("--prefill", default="", help="start Claude's answer with this text")
    parser.add_argument("--stream", action="store_true")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    client = anthropic.Client(os.environ["ANTHROPIC_API_KEY"])
    prompt = f"{anthropic.HUMAN_PROMPT} {args.question}{anthropic.AI_PROMPT}{args.prefill}"
    if args.stream:
        shown = ""
        sys.stdout.write(args.prefill)
        for data in client.completion_stream(
            prompt=prompt,
            model=args.model,
            max_tokens_to_sample=args.max_tokens,
            temperature=args.temperature,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        ):
            sys.stdout.write(data["completion"][len(shown) :])
            sys.stdout.flush()
            shown = data["completion"]
        print()
    else:
        response = client.completion(
            prompt=prompt,
            model=args.model,
            max_tokens_to_sample=args.max_tokens,
            temperature=args.temperature,
            stop_sequences=[anthropic.HUMAN_PROMPT],
        )
        print(args.prefill + response["completion"])
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
    main(["--stream", "--prefill", " Entropy is", "-n", "12", "Define entropy."])
