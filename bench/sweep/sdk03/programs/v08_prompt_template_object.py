import anthropic


class PromptTemplate:
    def __init__(self, template, **defaults):
        self.template = template
        self.defaults = defaults

    def render(self, **values):
        merged = {**self.defaults, **values}
        return self.template.format(**merged)


QA = PromptTemplate(
    "{system}{human} Context: {context}\n\nQuestion: {question}{ai}",
    human=anthropic.HUMAN_PROMPT,
    ai=anthropic.AI_PROMPT,
    system="Answer from the context only.",
)


class QAChain:
    def __init__(self, template, model="claude-instant-1.2"):
        self.client = anthropic.Anthropic()
        self.template = template
        self.model = model

    def run(self, context, question):
        prompt = self.template.render(context=context, question=question)
        result = self.client.completions.create(
            model=self.model, prompt=prompt, max_tokens_to_sample=120
        )
        return result.completion.strip()


chain = QAChain(QA)
print(chain.run("The moon orbits the earth.", "What orbits the earth?"))
