import functools

import anthropic

client = anthropic.Anthropic()


@functools.lru_cache(maxsize=None)
def cached_completion(prompt, max_tokens=40):
    return client.completions.create(
        model="claude-instant-1.2", prompt=prompt, max_tokens_to_sample=max_tokens
    )


def translate(word, lang):
    prompt = f"{anthropic.HUMAN_PROMPT} Translate '{word}' into {lang}. One word.{anthropic.AI_PROMPT}"
    return cached_completion(prompt)


for word, lang in [("cat", "French"), ("dog", "German"), ("cat", "French")]:
    r = translate(word, lang)
    print(word, lang, r.completion.strip(), r.stop_reason)
info = cached_completion.cache_info()
print("hits", info.hits, "misses", info.misses)
