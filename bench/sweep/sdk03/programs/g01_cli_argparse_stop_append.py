import argparse
import sys

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


def build_parser():
    parser = argparse.ArgumentParser(prog="ask", description="Ask Claude from the command line.")
    parser.add_argument("question", nargs="*", default=["What", "is", "a", "haiku?"])
    parser.add_argument("-m", "--model", default="claude-2.1")
    parser.add_argument("-n", "--max-tokens", dest="max_tokens", type=int, default=60)
    parser.add_argument("-t", "--temperature", type=float, default=0.0)
    parser.add_argument("-s", "--stop", action="append", default=[])
    parser.add_argument("--system", default="")
    parser.add_argument("--verbose", action="store_true")
    return parser


def run(argv):
    args = build_parser().parse_args(argv)
    question = " ".join(args.question)
    prompt = f"{HUMAN_PROMPT} {question}{AI_PROMPT}"
    if args.system:
        prompt = args.system + prompt
    client = anthropic.Anthropic()
    response = client.completions.create(
        model=args.model,
        prompt=prompt,
        max_tokens_to_sample=args.max_tokens,
        temperature=args.temperature,
        stop_sequences=[HUMAN_PROMPT] + args.stop,
    )
    answer = response.completion.strip()
    if args.verbose:
        print(f"[{len(answer.split())} words, truncated={response.stop_reason == 'max_tokens'}]", file=sys.stdout)
    print(answer)
    return 0


if __name__ == "__main__":
    run([])
    run(["--system", "You are terse.", "-n", "4", "--verbose", "Describe", "the", "sea."])
    run(["-s", "STOP", "-s", "five", "Count", "to", "ten", "and", "stop."])
