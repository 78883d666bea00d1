import anthropic


class ClaudeLLM:
    human_prefix = anthropic.HUMAN_PROMPT
    ai_prefix = anthropic.AI_PROMPT

    def __init__(self, model="claude-instant-1", max_tokens=50, **overrides):
        self.client = anthropic.Anthropic()
        self.model = model
        self.max_tokens = max_tokens
        for key, value in overrides.items():
            setattr(self, key, value)

    def _wrap(self, prompt):
        if not prompt.startswith(self.human_prefix):
            prompt = f"{self.human_prefix} {prompt}"
        if not prompt.endswith(self.ai_prefix):
            prompt += self.ai_prefix
        return prompt

    def __call__(self, prompt):
        resp = self.client.completions.create(
            model=self.model,
            prompt=self._wrap(prompt),
            max_tokens_to_sample=self.max_tokens,
        )
        return resp.completion


llm = ClaudeLLM()
print(llm("Name a river in Africa."))
print(llm(f"{anthropic.HUMAN_PROMPT} Name a lake in Africa.{anthropic.AI_PROMPT}"))
print(ClaudeLLM(human_prefix="\n\nHuman: [formal]")("Greet the queen."))
