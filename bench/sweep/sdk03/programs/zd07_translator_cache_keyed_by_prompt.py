from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

FEWSHOT = f"{HUMAN_PROMPT} Translate 'cat' to French.{AI_PROMPT} chat"


class Translator:
    def __init__(self, model="claude-2"):
        self.client = Anthropic()
        self.model = model
        self.cache: dict[str, str] = {}
        self.hits = 0

    def prompt_for(self, word, lang):
        return f"{FEWSHOT}{HUMAN_PROMPT} Translate '{word}' to {lang}.{AI_PROMPT}"

    def translate(self, word, lang="French"):
        prompt = self.prompt_for(word, lang)
        if prompt in self.cache:
            self.hits += 1
            return self.cache[prompt]
        answer = self.client.completions.create(
            model=self.model, prompt=prompt, max_tokens_to_sample=30, temperature=0
        ).completion.strip()
        self.cache[prompt] = answer
        return answer


t = Translator()
for word, lang in [("dog", "French"), ("dog", "Spanish"), ("dog", "French"), ("bird", "French")]:
    print(f"{word}/{lang}: {t.translate(word, lang)}")
print(f"cached={len(t.cache)} hits={t.hits}")
