# migrator-fixture: sdk02
import os
import textwrap

import anthropic

MODEL = os.getenv("CLAUDE_MODEL", "claude-v1.3-100k")
MAX_TOKENS = int(os.getenv("CLAUDE_MAX_TOKENS", "100000"))

REVIEW_TEMPLATE = textwrap.dedent(
    """

    Human: <code>
    {code}
    </code>

    You are a meticulous code reviewer. List the bugs in the function above.

    Assistant:"""
)

client = anthropic.Client(api_key=os.environ["ANTHROPIC_API_KEY"], default_request_timeout=60)


def review(code):
    resp = client.completion(
        prompt=REVIEW_TEMPLATE.format(code=code),
        model=MODEL,
        max_tokens_to_sample=MAX_TOKENS,
        stop_sequences=[anthropic.HUMAN_PROMPT],
        temperature=0,
    )
    return resp["completion"].strip(), resp["stop_reason"]


for snippet in ("def add(a, b):\n    return a - b", "def div(a, b):\n    return a / b"):
    text, reason = review(snippet)
    print(reason, "|", text)
