import anthropic

PARAM_MAP = {"max_tokens": "max_tokens_to_sample", "stop": "stop_sequences"}


class UnifiedClient:
    def __init__(self, model="claude-2"):
        self.model = model
        self._client = anthropic.Anthropic()

    def generate(self, prompt, **options):
        params = {PARAM_MAP.get(k, k): v for k, v in options.items()}
        params.setdefault("max_tokens_to_sample", 100)
        response = self._client.completions.create(
            model=self.model,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
            **params,
        )
        return response.completion


llm = UnifiedClient()
print(llm.generate("Name a gem."))
print(llm.generate("Count then stop please.", max_tokens=40, stop=["STOP"], temperature=0.0))
