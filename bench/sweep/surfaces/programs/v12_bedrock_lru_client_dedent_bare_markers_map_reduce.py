import json
import textwrap
from functools import lru_cache

import boto3

CHUNK_PROMPT = textwrap.dedent(
    """

    Human: Here is part {index} of a meeting transcript:
    <part>{chunk}</part>
    Write one bullet point with the main decision.

    Assistant:"""
)
REDUCE_PROMPT = textwrap.dedent(
    """

    Human: Combine these bullet points into a short summary:
    {bullets}

    Assistant:"""
)


@lru_cache(maxsize=1)
def get_bedrock():
    return boto3.client("bedrock-runtime", region_name="us-east-1")


def complete(prompt, max_tokens=300):
    response = get_bedrock().invoke_model(
        modelId="anthropic.claude-v2:1",
        body=json.dumps({"prompt": prompt, "max_tokens_to_sample": max_tokens, "temperature": 0}),
    )
    return json.loads(response["body"].read())["completion"].strip()


def chunks(text, size):
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


def summarize(transcript, size=12):
    bullets = [
        "- " + complete(CHUNK_PROMPT.format(index=i, chunk=c), max_tokens=60)
        for i, c in enumerate(chunks(transcript, size), 1)
    ]
    return bullets, complete(REDUCE_PROMPT.format(bullets="\n".join(bullets)))


TRANSCRIPT = (
    "Alice opened the meeting and reviewed the budget. Bob proposed moving the launch to May. "
    "Everyone agreed to hire two more engineers. Carol will draft the press release by Friday."
)
bullets, summary = summarize(TRANSCRIPT)
print(len(bullets), bullets[0][:50])
print(summary[:80])
print(complete(CHUNK_PROMPT.format(index=1, chunk="short"), max_tokens=2))
