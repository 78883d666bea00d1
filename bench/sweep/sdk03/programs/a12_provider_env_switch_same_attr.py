import os

import anthropic

STOP_SEQUENCE = os.environ.get("LLM_STOP_SEQUENCE", anthropic.HUMAN_PROMPT)


class TextGenerator:
    def __init__(self, provider=None):
        self.provider = provider or os.environ.get("LLM_PROVIDER", "anthropic")
        if self.provider == "anthropic":
            self.client = anthropic.Anthropic()
        else:
            # OPENAI-BEGIN
            import openai

            self.client = openai.OpenAI()
            # OPENAI-END

    def generate(self, instruction, max_tokens=50):
        return getattr(self, f"_generate_{self.provider}")(instruction, max_tokens)

    def _generate_anthropic(self, instruction, max_tokens):
        completion = self.client.completions.create(
            model="claude-2",
            prompt=f"{anthropic.HUMAN_PROMPT} {instruction}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stop_sequences=[STOP_SEQUENCE],
        )
        return completion.completion.strip(), completion.stop_reason

    # OPENAI-BEGIN
    def _generate_openai(self, instruction, max_tokens):
        completion = self.client.completions.create(
            model="gpt-3.5-turbo-instruct",
            prompt=instruction,
            max_tokens=max_tokens,
        )
        return completion.choices[0].text.strip(), completion.choices[0].finish_reason
    # OPENAI-END


gen = TextGenerator()
for instruction, limit in [("Suggest a name for a cat.", 50), ("Describe the history of Rome.", 4)]:
    text, reason = gen.generate(instruction, limit)
    print(f"[{gen.provider}] {text!r} stop={reason}")
