from dataclasses import dataclass, field

import anthropic

client = anthropic.Anthropic()


@dataclass(frozen=True)
class ModelSpec:
    name: str
    context_window: int
    max_output: int
    stop: tuple = field(default=(anthropic.HUMAN_PROMPT,))


REGISTRY = {
    "fast": ModelSpec("claude-instant-1.2", context_window=100_000, max_output=30),
    "smart": ModelSpec("claude-2", context_window=100_000, max_output=12, stop=(anthropic.HUMAN_PROMPT, "three")),
}


def rough_tokens(text):
    return len(text.split()) * 4 // 3 + 1


def summarize(spec_name, document, instructions="Summarize the document in one sentence."):
    spec = REGISTRY[spec_name]
    prompt = (
        f"{anthropic.HUMAN_PROMPT} <document>\n{document}\n</document>\n\n{instructions}{anthropic.AI_PROMPT}"
    )
    budget = min(spec.max_output, spec.context_window - rough_tokens(prompt))
    completion = client.completions.create(
        model=spec.name,
        prompt=prompt,
        max_tokens_to_sample=budget,
        stop_sequences=list(spec.stop),
    )
    return completion.completion.strip(), completion.stop_reason, budget


DOC = "The lighthouse keeper counted one, two, three ships before the storm, then stop."
for name in REGISTRY:
    text, reason, budget = summarize(name, DOC)
    print(f"{name}: budget={budget} reason={reason} text={text!r}")
text, reason, _ = summarize("fast", DOC, instructions="List every number in the document and say stop.")
print(reason, text[-40:])
