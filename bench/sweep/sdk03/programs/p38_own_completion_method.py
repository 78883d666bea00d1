import anthropic


class LLM:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def completion(self, prompt):
        resp = self.client.completions.create(
            model="claude-2",
            max_tokens_to_sample=60,
            prompt=f"{anthropic.HUMAN_PROMPT} {prompt}{anthropic.AI_PROMPT}",
        )
        return resp.completion


class Result:
    def __init__(self, completion):
        self.completion = completion


llm = LLM()
res = Result(llm.completion("Name a fruit."))
print(res.completion)
print(llm.completion("Name a vegetable."))
