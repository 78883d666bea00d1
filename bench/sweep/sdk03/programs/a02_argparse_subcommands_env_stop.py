import argparse
import os
import sys

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

DEFAULT_MODEL = os.environ.get("CLAUDE_MODEL", "claude-instant-1")
DEFAULT_STOP = os.environ.get("CLAUDE_STOP", HUMAN_PROMPT)


def make_parser():
    parser = argparse.ArgumentParser(prog="claude-cli")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--max-tokens", type=int, default=100)
    parser.add_argument("--stream", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask")
    ask.add_argument("question")
    ask.set_defaults(template="{q}")
    summ = sub.add_parser("summarize")
    summ.add_argument("text")
    summ.set_defaults(template="Summarize in one sentence:\n\n{q}")
    return parser


def run(args, client, out):
    prompt = f"{HUMAN_PROMPT} {args.template.format(q=getattr(args, 'question', None) or args.text)}{AI_PROMPT}"
    request = dict(
        model=args.model,
        prompt=prompt,
        max_tokens_to_sample=args.max_tokens,
        stop_sequences=[DEFAULT_STOP],
    )
    if args.stream:
        for chunk in client.completions.create(stream=True, **request):
            out.write(chunk.completion)
        out.write("\n")
        return 0
    resp = client.completions.create(**request)
    out.write(resp.completion.strip() + "\n")
    return 0 if resp.stop_reason == "stop_sequence" else 3


def main(argv):
    args = make_parser().parse_args(argv)
    return run(args, Anthropic(), sys.stdout)


for argv in (
    ["ask", "What is a monad?"],
    ["--stream", "summarize", "Tides are caused by the moon's gravity pulling on the oceans."],
    ["--max-tokens", "4", "ask", "List the planets of the solar system."],
):
    print("exit", main(argv))
