from typing import NamedTuple

import anthropic
from anthropic import HUMAN_PROMPT, AI_PROMPT


class CompletionRequest(NamedTuple):
    prompt: str
    max_tokens: int = 100
    temperature: float = 0.0
    stop: tuple = ()


def build_request(question, style="brief"):
    return CompletionRequest(
        prompt=f"{HUMAN_PROMPT} Answer in a {style} style: {question}{AI_PROMPT}",
        max_tokens=60 if style == "brief" else 200,
        stop=(HUMAN_PROMPT,),
    )


client = anthropic.Anthropic()


def execute(req: CompletionRequest) -> str:
    resp = client.completions.create(
        model="claude-instant-1",
        prompt=req.prompt,
        max_tokens_to_sample=req.max_tokens,
        temperature=req.temperature,
        stop_sequences=list(req.stop),
    )
    return resp.completion.strip()


queue = [build_request("Why is the sky blue?"), build_request("How do tides work?", style="detailed")]
for req in queue:
    out = execute(req)
    print(req.max_tokens, out)
