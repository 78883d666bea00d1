import functools

import anthropic

client = anthropic.Anthropic()
MODEL = "claude-instant-1"


@functools.lru_cache(maxsize=128)
def define(term: str) -> str:
    prompt = anthropic.HUMAN_PROMPT + " Define the word '" + term + "' in one line." + anthropic.AI_PROMPT
    return client.completions.create(model=MODEL, prompt=prompt, max_tokens_to_sample=40).completion.strip()


terms = ["cache", "latency", "cache", "throughput"]
glossary = {t: define(t) for t in terms}
for term, text in glossary.items():
    print(f"{term:12s} {text}")
print(define.cache_info().hits, "cache hits")

opposites = {
    word: client.completions.create(
        model=MODEL,
        prompt=f"{anthropic.HUMAN_PROMPT} Give one antonym of '{word}'.{anthropic.AI_PROMPT}",
        max_tokens_to_sample=5,
    ).completion
    for word in ("fast", "bright")
}
for word, opp in opposites.items():
    print(word, "<->", opp.strip())
