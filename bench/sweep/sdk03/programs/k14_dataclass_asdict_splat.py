from dataclasses import asdict, dataclass, field

import anthropic
from anthropic import AI_PROMPT, HUMAN_PROMPT


@dataclass
class CompletionRequest:
    prompt: str
    model: str = "claude-2"
    max_tokens_to_sample: int = 70
    stop_sequences: list = field(default_factory=lambda: [HUMAN_PROMPT])


client = anthropic.Anthropic()
pending = [
    CompletionRequest(prompt=f"{HUMAN_PROMPT} Name a prime number.{AI_PROMPT}"),
    CompletionRequest(prompt=f"{HUMAN_PROMPT} Name a square number.{AI_PROMPT}", max_tokens_to_sample=5),
]
for req in pending:
    resp = client.completions.create(**asdict(req))
    print(req.max_tokens_to_sample, resp.completion)
