import os

import anthropic

QUESTIONS = ["What is the tallest mountain?", "Name a primary colour.", "Stop and count to five."]


class ClaudeBackend:
    name = "claude"

    def __init__(self, model="claude-instant-1.2"):
        self.client = anthropic.Anthropic()
        self.model = model

    def complete(self, question, max_tokens):
        resp = self.client.completions.create(
            model=self.model,
            prompt=f"{anthropic.HUMAN_PROMPT} {question}{anthropic.AI_PROMPT}",
            max_tokens_to_sample=max_tokens,
            stop_sequences=["STOP"],
        )
        finish = {"stop_sequence": "stop", "max_tokens": "length"}.get(resp.stop_reason, "other")
        return resp.completion.strip(), finish


# OPENAI-BEGIN
class OpenAIBackend:
    name = "openai"

    def __init__(self, model="gpt-3.5-turbo-instruct"):
        import openai

        self.client = openai.OpenAI()
        self.model = model

    def complete(self, question, max_tokens):
        resp = self.client.completions.create(
            model=self.model, prompt=f"Q: {question}\nA:", max_tokens=max_tokens, stop=["STOP"]
        )
        return resp.choices[0].text.strip(), resp.choices[0].finish_reason
# OPENAI-END


BACKENDS = [ClaudeBackend()]
if os.environ.get("OPENAI_API_KEY"):
    BACKENDS.append(OpenAIBackend())

scores = {}
for backend in BACKENDS:
    rows = [backend.complete(q, max_tokens=12) for q in QUESTIONS]
    scores[backend.name] = {
        "finished": sum(f == "stop" for _, f in rows),
        "truncated": sum(f == "length" for _, f in rows),
        "first": rows[0][0][:40],
    }
print(scores)
