from typing import List, Optional

import anthropic
from pydantic import BaseModel


class CompletionParams(BaseModel):
    model: str = "claude-2.0"
    max_tokens_to_sample: int = 200
    stop_sequences: List[str] = [anthropic.HUMAN_PROMPT]
    temperature: Optional[float] = None
    top_k: Optional[int] = None


def make_prompt(question: str, context: str = "") -> str:
    body = f"{context}\n\n{question}" if context else question
    return f"{anthropic.HUMAN_PROMPT} {body}{anthropic.AI_PROMPT}"


def run(client, question, params: CompletionParams, context=""):
    kwargs = params.model_dump(exclude_none=True)
    completion = client.completions.create(prompt=make_prompt(question, context), **kwargs)
    return completion


client = anthropic.Anthropic()
base = CompletionParams()
r1 = run(client, "Name a fruit.", base)
print(r1.completion.strip(), r1.stop_reason)
r2 = run(client, "Name a vegetable.", base.model_copy(update={"temperature": 0.5, "max_tokens_to_sample": 3}), "Be brief.")
print(r2.completion.strip(), r2.stop_reason)
