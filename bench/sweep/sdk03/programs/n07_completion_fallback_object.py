import anthropic
from anthropic.types import Completion

client = anthropic.Anthropic()
CACHE = {}


def cached_complete(question: str) -> Completion:
    if question in CACHE:
        return CACHE[question]
    if not question.strip():
        return Completion(
            id="compl_local",
            type="completion",
            completion=" (no question asked)",
            model="claude-2",
            stop_reason="stop_sequence",
        )
    resp = client.completions.create(
        model="claude-2",
        max_tokens_to_sample=30,
        prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
    )
    CACHE[question] = resp
    return resp


for q in ["Name a moon of Jupiter.", "", "Name a moon of Jupiter."]:
    r = cached_complete(q)
    print(isinstance(r, Completion), r.completion.strip())
print("cached:", len(CACHE))
