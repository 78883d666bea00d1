import json

from anthropic import AI_PROMPT, HUMAN_PROMPT, Anthropic

client = Anthropic()


class Task:
    """A prompt template with its generation settings; subclasses override both."""

    template = HUMAN_PROMPT + " {instruction}\n\n{input}" + AI_PROMPT
    instruction = "Answer the question."
    max_tokens = 60
    prefix = ""

    def build(self, text):
        return self.template.format(instruction=self.instruction, input=text) + self.prefix

    def parse(self, output):
        return (self.prefix + output).strip()

    def run(self, text, **params):
        response = client.completions.create(
            model="claude-2.1",
            prompt=self.build(text),
            max_tokens_to_sample=self.max_tokens,
            **params,
        )
        return self.parse(response.completion)


class Summarize(Task):
    instruction = "Summarize the following text in one sentence."
    max_tokens = 40


class ExtractJSON(Task):
    template = (
        HUMAN_PROMPT
        + " {instruction}\n<text>\n{input}\n</text>"
        + AI_PROMPT
    )
    instruction = "Return a JSON object with keys 'name' and 'city' for the person in the text."
    prefix = " {"

    def parse(self, output):
        raw = super().parse(output)
        try:
            return json.loads(raw[: raw.rfind("}") + 1])
        except ValueError:
            return {"raw": raw}


class Classify(Task):
    template = HUMAN_PROMPT + " {instruction}\nText: {input}" + AI_PROMPT + " Label:"
    instruction = "Classify the sentiment as positive or negative."
    max_tokens = 5


doc = "Ada Lovelace lived in London and wrote the first published program."
print(Task().run("What is 2 + 2?"))
print(Summarize().run(doc))
print(ExtractJSON().run(doc, temperature=0))
print(repr(Classify().run("I loved every minute.", stop_sequences=["\n"])))
