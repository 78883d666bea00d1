import os

import anthropic


class LLM:
    def __init__(self, provider):
        self.provider = provider
        if provider == "anthropic":
            self.client = anthropic.Anthropic()
        # KEEP-BEGIN
        else:
            import openai

            self.client = openai.OpenAI()
        # KEEP-END

    def complete(self, text):
        if self.provider == "anthropic":
            r = self.client.completions.create(
                model="claude-instant-1.2",
                prompt=f"{anthropic.HUMAN_PROMPT} {text}{anthropic.AI_PROMPT}",
                max_tokens_to_sample=64,
            )
            return r.completion
        # KEEP-BEGIN
        r = self.client.completions.create(model="gpt-3.5-turbo-instruct", prompt=text, max_tokens=64)
        return r.choices[0].text
        # KEEP-END


print(LLM("anthropic").complete("Say something nice."))
print(os.environ.get("NOPE", "done"))
